"""The baselines of earlier reports, kept: ``<sources>/baseline/history/<YYYY-MM-DD>/<workbooks>``.

``snapshot`` never overwrites a baseline: before it writes the new one, the one it replaces is
copied into a folder named after that baseline's report date (the latest "Previous report" of the
settings: the report it was the snapshot for), or, when that folder already holds another version
of it, the day it was moved. The copy is written as every file ctpdoc writes (a temporary beside it, flushed,
read back and compared with the baseline's bytes, then linked in): a kill or a full disk never leaves a piece
of a workbook in the history. :func:`list_history` gives the dated folders, oldest first, for anyone who reads
the history (the review page).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ctpdoc.errors import CtpdocError, fail
from ctpdoc.model import Location
from ctpdoc.package.writer import copy_of, write_new_file
from ctpdoc.workbooks.collecting import inside

HISTORY = Path("baseline") / "history"


def history_dir(sources_dir: Path) -> Path:
    return sources_dir / HISTORY


def list_history(sources_dir: Path, notes: list[str] | None = None) -> list[tuple[dt.date, Path]]:
    """Every dated folder of the history, oldest first. A folder whose name is not a date written
    YYYY-MM-DD, or that is a link, is left out, and said so in ``notes`` when given (a file there is no
    report's and is passed over); a history folder that is a link, or leads out of the sources, holds none."""
    folder = history_dir(sources_dir)
    if not folder.is_dir() or folder.is_symlink() or not inside(folder, sources_dir):
        return []
    said = notes if notes is not None else []
    found = []
    for entry in sorted(folder.iterdir()):
        where = f"{HISTORY.as_posix()}/{entry.name}"
        if not entry.is_dir():
            continue
        try:
            day = dt.date.fromisoformat(entry.name)
        except ValueError:
            day = None
        if day is None or entry.name != day.isoformat():  # Python also reads 20230428 and 2023-W17-5
            said.append(f"{where}: not a date (YYYY-MM-DD); left out")
        elif entry.is_symlink():
            said.append(f"{where}: is a link; the history keeps folders of its own: left out")
        else:
            found.append((day, entry))
    return found


def keep_in_history(sources_dir: Path, baseline: Path, dates: list[dt.date]) -> Path | None:
    """Copy ``baseline`` into the history under the first of ``dates`` whose folder does not hold another version
    of it; gives the copy, or ``None`` when the history already holds these very bytes. Never overwrites a file,
    never writes through a symbolic link."""
    data = baseline.read_bytes()
    root = history_dir(sources_dir)
    for place in (root.parent, root):
        if place.is_symlink():
            raise fail(
                Location(str(place)), "is a symbolic link; the history of baselines is kept in a folder of its own: move it aside"
            )
    for _, folder in list_history(sources_dir):
        kept = folder / baseline.name
        if kept.is_file() and kept.stat().st_size == len(data) and kept.read_bytes() == data:
            return None  # kept already
    for day in dates:
        target = root / day.isoformat() / baseline.name
        if target.exists() or target.is_symlink():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.parent.is_symlink():
                continue
        except OSError as exc:
            raise CtpdocError(f"{target}: cannot keep the previous baseline ({exc.strerror}); nothing was replaced") from exc
        try:  # a temporary beside it, read back, linked in: never over a file or a link, never torn
            write_new_file(target, copy_of(data, baseline))
        except CtpdocError as exc:
            raise CtpdocError(
                f"{exc.format_message().removesuffix('; nothing was changed')}; the previous baseline was not replaced"
            ) from exc
        return target
    raise fail(
        Location(str(root)),
        f"already holds other versions of {baseline.name} for {', '.join(d.isoformat() for d in dates)}; move one aside",
    )
