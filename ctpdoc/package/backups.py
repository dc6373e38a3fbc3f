"""The backups: the previous version of each workbook a command edits, kept in a dated folder of its own
(``backups/<when>/``) and written with the workbooks by the one writer (:mod:`ctpdoc.package.writer`); and what a
killed command left under a folder of workbooks (temporaries, empty dated folders), removed by the next one
under the folder's lock (:func:`remove_stale_under`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from ctpdoc.errors import CtpdocError, fail
from ctpdoc.model import Location
from ctpdoc.package import writer
from ctpdoc.package.writer import MARK, PENDING, Writer

BACKUPS = "backups"


class Backups:
    """One command's backups: the previous version of each workbook it edits, in ``<folder>/backups/<when>/``,
    a folder made on the first workbook kept and never reused (a second run in the same second gets ``…-2``)."""

    def __init__(self, folder: Path, now: dt.datetime | None = None) -> None:
        self.root = folder / BACKUPS
        self.stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
        self.folder: Path | None = None

    def run_folder(self) -> Path:
        if self.folder is not None:
            return self.folder
        if self.root.is_symlink() or (self.root.exists() and not self.root.is_dir()):
            raise fail(
                Location(str(self.root)),
                "is a symbolic link or a file; ctpdoc keeps backups in a folder of its own there: move it aside",
            )
        try:
            self.root.mkdir(exist_ok=True)
            for attempt in range(1, 100):
                candidate = self.root / (self.stamp if attempt == 1 else f"{self.stamp}-{attempt}")
                try:
                    candidate.mkdir()
                except FileExistsError:
                    continue
                self.folder = candidate
                return candidate
        except OSError as exc:
            raise CtpdocError(
                f"{self.root}: cannot keep the previous versions there ({exc.strerror or exc}); nothing was changed"
            ) from exc
        raise fail(Location(str(self.root)), f"holds too many backups made at {self.stamp}; wait a second and run again")

    def path_for(self, path: Path) -> Path:
        return self.run_folder() / path.name


def backup(path: Path, data: bytes, backups: Backups | None = None) -> tuple[Path, Writer]:
    """The previous version of ``path`` (its bytes as read), to be written with it into the command's dated backup
    folder (linked into place, a new file: never through a symbolic link, never over a file); it keeps the
    workbook's mode, and is kept only if it reads back as those bytes."""
    return (backups or Backups(path.parent)).path_for(path), writer.copy_of(data, path)  # looked up when called: tests replace it


def remove_stale(folder: Path) -> list[Path]:
    """Temporaries of ctpdoc's own naming that a killed command left in ``folder``; call it under the folder's lock."""
    removed = []
    with contextlib.suppress(OSError):
        for stale in folder.glob(f".*{MARK}*.tmp"):
            if stale.is_file() and not stale.is_symlink() and stale not in PENDING:
                stale.unlink(missing_ok=True)
                removed.append(stale)
    return removed


HISTORY_PARTS = ("baseline", "history")  # baseline/history/<date>/: snapshot's dated copies


def remove_stale_under(sources: Path) -> list[Path]:
    """What a killed command left in every folder ctpdoc writes into under ``sources``: the folder itself and its
    subfolders (the baseline's), each dated folder of the history and of the backups (one left empty by a kill is
    removed too). Folders that are links are not entered. Call it under the folder's lock."""
    removed = remove_stale(sources)
    history = sources.joinpath(*HISTORY_PARTS)
    for folder in subfolders(sources):
        removed += remove_stale(folder)
    for dated in (*subfolders(history), *subfolders(sources / BACKUPS)):
        removed += remove_stale(dated)
        with contextlib.suppress(OSError):
            dated.rmdir()  # only if empty: a dated folder a kill left before its first file
    return removed


def subfolders(folder: Path) -> list[Path]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    try:
        return [entry for entry in folder.iterdir() if entry.is_dir() and not entry.is_symlink()]
    except OSError:
        return []
