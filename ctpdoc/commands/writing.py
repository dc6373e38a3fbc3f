"""The commands that write into a folder do it one at a time: the documents (:func:`write_documents`), and the
workbooks, on the workbooks they read.

``import``, ``harvest --apply``, ``translations import --apply`` and ``translations confirm`` hold the
folder's lock (:func:`ctpdoc.output.lock.locked`) from their first read to their last write: a second
one stops, naming the command that holds it and its process, instead of losing an edit. Under the lock,
temporary files a killed command left are removed first (in the folder, its subfolders, the history's and
the backups' dated folders), and the hash of every workbook is taken before it is read, so the writer
refuses a workbook replaced since (:func:`ctpdoc.workbooks.edit.edited`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from ctpdoc.errors import CtpdocError, Report
from ctpdoc.model import Location, Sources
from ctpdoc.output.lock import Busy, locked
from ctpdoc.package.backups import remove_stale_under
from ctpdoc.package.writer import signals_held, write_set
from ctpdoc.translations.catalogue import in_step_now
from ctpdoc.translations.texts import Text
from ctpdoc.workbooks.identity import digest
from ctpdoc.workbooks.record import RECORD_FILE, not_updated, write_record

OnDisk = dict[str, tuple[int, int, int]]
BUILD = "ctpdoc build"  # the holder of the output folder's lock


def write_documents(out_dir: Path, files: dict[str, bytes], remove: tuple[str, ...] = ()) -> None:
    """The documents (and the review page) written into ``out_dir``, the files ``remove`` names removed, all or
    none (:func:`ctpdoc.package.writer.write_set`), holding the folder: a second build stops, naming the first."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{out_dir}: cannot create the output folder ({exc.strerror}); choose another with --out") from exc
    folder = out_dir.resolve()  # a symlinked build/ is written where it points, the link kept
    try:
        with signals_held(), locked(folder, out_dir, BUILD):
            try:
                write_set(folder, files, remove)
            except OSError as exc:
                raise CtpdocError(
                    f"{out_dir}: cannot write the documents ({exc.strerror or exc}); nothing was changed there"
                ) from exc
    except Busy as busy:
        who = f" (`{busy.holder}`, process {busy.pid})" if busy.holder and busy.pid else ""
        raise CtpdocError(
            f"another build is writing to {out_dir}/{who}; wait for it to finish, or build into another folder with --out"
        ) from None


@contextlib.contextmanager
def writing(folder: Path, holder: str) -> Iterator[dict[str, str]]:
    """Hold ``folder`` for ``holder`` (the command as typed after ``ctpdoc``, e.g. ``harvest --apply``); gives the
    hash of each workbook in it by name."""
    if not folder.is_dir():
        raise CtpdocError(f"{folder}: the folder does not exist; check the path (--sources or --into)")
    with locked(folder.resolve(), folder, f"ctpdoc {holder}"):
        remove_stale_under(folder)
        digests = {}
        for path in sorted(folder.glob("*.xlsx")):
            if path.is_file() and not path.is_symlink():
                try:
                    digests[path.name] = digest(path)
                except OSError as exc:
                    raise CtpdocError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
        yield digests


def on_disk(folder: Path) -> OnDisk:
    """What the workbooks of ``folder`` (and of its subfolders, the baseline's) and its record are on disk: one
    written or replaced since differs. Taken by ``stat``, without opening them."""
    found: OnDisk = {}
    for path in (*folder.glob("*.xlsx"), *folder.glob("*/*.xlsx"), folder / RECORD_FILE):
        try:
            stat = path.stat()
        except OSError:
            continue
        found[path.relative_to(folder).as_posix()] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def record_if_unchanged(
    folder: Path, sources: Sources, read: OnDisk, report: Report, holder: str, texts: Sequence[Text] | None = None
) -> None:
    """Write the record of texts in step that ``sources`` (read from ``folder`` when it was as ``read``) gives,
    under the folder's lock and only if no workbook changed since: a command writing the workbooks meanwhile
    (``translations import --apply``, ``harvest --apply``) writes the record itself, and this one would be of
    texts that are no longer there. Either is a warning: the record is a memory, not a result."""
    try:
        with locked(folder.resolve(), folder, f"ctpdoc {holder}"):
            if on_disk(folder) != read:
                report.warn(
                    Location(RECORD_FILE),
                    "the workbooks changed while ctpdoc read them, so the record of texts in step was not updated; run the "
                    "command again",
                )
                return
            write_record(folder, in_step_now(sources, made=texts), report)
    except CtpdocError as exc:  # held by another command, or a folder that cannot be written
        not_updated(report, exc.format_message())
