"""What ctpdoc works out from files that seldom change, remembered between runs: the checks of a template, the
record of texts in step read from its TOML, the templates' compiled code.

A build reads the same templates and the same record run after run while the drafters edit the workbooks; checking
the two templates and parsing the record are a fifth of building the sample. :func:`remembered` keeps what was worked
out (plain data: strings, numbers, tuples, lists, dicts, sets, as :mod:`marshal` writes them) in a folder of the user's
(:func:`cache_folder`), under the digest of what it was worked out from and of ctpdoc's own code: a file changed, or
ctpdoc upgraded or edited, and it is worked out anew. A folder that cannot be used, a file that cannot be read or
written, data that does not load: it is worked out as if nothing were remembered.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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


def remembered(kind: str, key: bytes, work_out: Callable[[], T], kept: int = 16) -> T:
    """``work_out()``, or what it gave for the same ``kind`` and ``key`` (all it depends on) at an earlier run; the
    ``kept`` latest of a kind stay.

    Its result must be plain data that :mod:`marshal` writes, code objects included (else it is simply not kept)."""
    folder = cache_folder()
    if folder is None:
        return work_out()
    digest = hashlib.sha256(code_fingerprint() + kind.encode() + b"\0" + key).hexdigest()
    path = folder / f"{kind}-{digest}.marshal"
    try:
        with path.open("rb") as stream:
            return marshal.load(stream)  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = work_out()
    try:
        data = marshal.dumps(value)  # type: ignore[arg-type]  # plain data, or not kept (below)
    except ValueError:  # not plain data
        return value
    try:
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)  # whole or not at all, should two runs write it at once
        forget_older(folder, kind, kept)
    except OSError:
        pass
    return value


KEPT = 16  # of each kind, by default: a few templates and records, as they were lately


def forget_older(folder: Path, kind: str, kept: int = KEPT) -> None:
    """Only the ``kept`` latest of a kind stay: a record changes at every build that changes a text."""
    latest = sorted(folder.glob(f"{kind}-*.marshal"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for path in latest[kept:]:
        path.unlink(missing_ok=True)
