"""The commands that write into a folder of workbooks do it one at a time, on the workbooks they read.

``import``, ``harvest --apply``, ``translations import --apply`` and ``translations confirm`` hold the
folder's lock (:func:`ctpdoc.output.lock.locked`) from their first read to their last write: a second
one stops, naming the command that holds it and its process, instead of losing an edit. Under the lock, temporary files
a killed command left are removed first, and the hash of every workbook is taken before it is read, so
the writer refuses a workbook replaced since (:func:`ctpdoc.workbooks.edit.edited`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from ctpdoc.errors import CtpdocError
from ctpdoc.output.lock import locked
from ctpdoc.workbooks.edit import digest
from ctpdoc.workbooks.files import remove_stale


@contextlib.contextmanager
def writing(folder: Path, holder: str) -> Iterator[dict[str, str]]:
    """Hold ``folder`` for ``holder`` (the command as typed after ``ctpdoc``, e.g. ``harvest --apply``); gives the
    hash of each workbook in it by name."""
    if not folder.is_dir():
        raise CtpdocError(f"{folder}: the folder does not exist; check the path (--sources or --into)")
    with locked(folder.resolve(), folder, f"ctpdoc {holder}"):
        remove_stale(folder)
        digests = {}
        for path in sorted(folder.glob("*.xlsx")):
            if path.is_file() and not path.is_symlink():
                try:
                    digests[path.name] = digest(path)
                except OSError as exc:
                    raise CtpdocError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
        yield digests
