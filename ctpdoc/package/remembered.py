"""What ctpdoc works out from files that seldom change, remembered between runs: the checks of a template, the
record of texts in step read from its TOML, the templates' compiled code, each workbook as read.

A build reads the same templates, the same record and mostly the same workbooks run after run: a translator edits a
template and builds again, a drafter edits one workbook of four, the baseline does not change all season. Checking the
two templates and parsing the record are a fifth of building the sample; reading the workbooks (openpyxl imported,
then every cell) is a third of it, and more than half of reading and checking 2,000 activities. :func:`remembered`
keeps what was worked out (plain data as :mod:`marshal` writes it; the model's objects, a programme as read, through
:mod:`pickle`) in a folder of the user's (:func:`cache_folder`), under the digest of what it was worked out from and of
ctpdoc's own code: a file changed, or ctpdoc upgraded or edited, and it is worked out anew. A folder that cannot be
used, a file that cannot be read or written, data that does not load: it is worked out as if nothing were remembered.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
VERSION = b"1"  # of the way data is kept here


@functools.cache
def cache_folder() -> Path | None:
    """``_ctpdoc-cache-<uid>`` in the temporary folder, made for this user alone (mode 0700), and used only if it is
    this user's, not a symbolic link, and open to no one else (as Jinja does for its compiled templates); on Windows,
    whose temporary folder is the user's own, ``_ctpdoc-cache`` in it. ``None`` where none can be had."""
    base = Path(tempfile.gettempdir())
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        folder = base / "_ctpdoc-cache"
        try:
            folder.mkdir(exist_ok=True)
        except OSError:
            return None
        return folder
    folder = base / f"_ctpdoc-cache-{getuid()}"
    try:
        folder.mkdir(mode=stat.S_IRWXU, exist_ok=True)
        facts = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(facts.st_mode) or facts.st_uid != getuid() or stat.S_IMODE(facts.st_mode) != stat.S_IRWXU:
        return None
    return folder


@functools.cache
def code_fingerprint() -> bytes:
    """ctpdoc's own code as it stands (every module's path, size and time of change) and Python's version: what is
    remembered is worked out by this code, and by no other."""
    digest = hashlib.sha256(VERSION + sys.version.encode())
    package = Path(__file__).parent.parent  # ctpdoc/
    for module in sorted(package.rglob("*.py")):
        facts = module.stat()
        digest.update(f"{module.relative_to(package)}|{facts.st_size}|{facts.st_mtime_ns}\n".encode())
    return digest.digest()


@dataclass(frozen=True)
class Codec:
    """How a kind's values are written to their file and read back: :data:`MARSHAL` for plain data, :data:`PICKLE`
    for the model's objects."""

    suffix: str
    dumps: Callable[[Any], bytes]
    loads: Callable[[bytes], Any]


# Plain data (strings, numbers, tuples, lists, dicts, sets), code objects included: what marshal writes.
MARSHAL = Codec("marshal", marshal.dumps, marshal.loads)
# The model's objects (a programme as read, with its problems). pickle runs what the data names as it loads it: no
# more than the code this folder already holds for Jinja and the templates, in a folder that is this user's alone.
PICKLE = Codec("pickle", functools.partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads)


def remembered(
    kind: str,
    key: bytes,
    work_out: Callable[[], T],
    kept: int = 16,
    codec: Codec = MARSHAL,
    keep: Callable[[T], bool] | None = None,
) -> T:
    """``work_out()``, or what it gave for the same ``kind`` and ``key`` (all it depends on) at an earlier run; the
    ``kept`` latest of a kind stay. ``keep``: whether a value just worked out is kept (by default, every one).

    Its result must be what ``codec`` writes (plain data for :data:`MARSHAL`; else it is simply not kept)."""
    path = place(kind, key, codec)
    if path is None:
        return work_out()
    try:
        return cast(T, codec.loads(path.read_bytes()))
    except Exception:  # noqa: BLE001  # not there, unreadable, or data that does not load (damaged, cut short): anew
        pass
    value = work_out()
    if keep is not None and not keep(value):
        return value
    try:
        data = codec.dumps(value)
    except Exception:  # noqa: BLE001  # not what the codec writes (marshal: not plain data): not kept
        return value
    try:
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)  # whole or not at all, should two runs write it at once
        forget_older(path.parent, kind, kept, codec)
    except OSError:
        pass
    return value


def place(kind: str, key: bytes, codec: Codec = MARSHAL) -> Path | None:
    """Where the value of ``kind`` and ``key`` is kept (``None``: nowhere, nothing is remembered)."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(code_fingerprint() + kind.encode() + b"\0" + key).hexdigest()
    return folder / f"{kind}-{digest}.{codec.suffix}"


def known(kind: str, key: bytes, codec: Codec = MARSHAL) -> bool:
    """Whether a value of ``kind`` and ``key`` is kept (it may still turn out not to load)."""
    path = place(kind, key, codec)
    return path is not None and path.is_file()


KEPT = 16  # of each kind, by default: a few templates and records, as they were lately


def forget_older(folder: Path, kind: str, kept: int = KEPT, codec: Codec = MARSHAL) -> None:
    """Only the ``kept`` latest of a kind stay: a record changes at every build that changes a text."""
    latest = sorted(folder.glob(f"{kind}-*.{codec.suffix}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for path in latest[kept:]:
        path.unlink(missing_ok=True)
