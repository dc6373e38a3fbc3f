"""One writer at a time per folder, on every system: :func:`locked`.

The lock is a small file beside the folder (``.build.ctpdoc.lock`` beside ``build/``, so it never
shows among the documents), locked by the system's own call: ``fcntl.flock`` where it exists (Linux,
macOS), else ``msvcrt.locking`` (Windows). The system releases it when the process ends, however it
ends (``kill -9`` included): no stale lock is ever left to remove by hand. It holds the process id
and the command that writes, so a second command is told who is writing; one that finds the lock taken
but no name yet (the holder has just taken it, or is letting it go) looks again for up to a second.
Where the folder's parent cannot be written, the file goes inside the folder (hidden by its leading
dot).

Where ``fcntl`` exists the folder itself is also locked (``flock`` on the folder), as builds did
before the lock file: a build of an older version is still kept out.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import importlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ctpdoc.errors import CtpdocError
from ctpdoc.inputs import NotRegular, kind_of

LOCK_SUFFIX = ".ctpdoc.lock"
# Windows locks byte ranges, and a locked range cannot be read by others: the lock is on a byte far past
# the holder's line, which stays readable.
_LOCKED_BYTE = 2**20
_FILE_ATTRIBUTE_HIDDEN = 0x2
# How long an unnamed holder is given to write its name or to finish leaving, and how often it is looked at.
_PATIENCE = 1.0
_GLANCE = 0.02
_UNLOCKABLE = (errno.ENOLCK, errno.EOPNOTSUPP, errno.EBADF, errno.EINVAL)


class Busy(CtpdocError):
    """Another process holds the lock; ``holder`` and ``pid`` say who, as far as its lock file tells."""

    def __init__(self, shown: Path, holder: str, pid: int | None) -> None:
        who = f"`{holder}`" if holder else "another ctpdoc command"
        process = f" (process {pid})" if pid else ""
        super().__init__(f"{shown} is being written by {who}{process}; wait for it to finish")
        self.holder = holder
        self.pid = pid


def lock_path(folder: Path) -> Path:
    """Where the lock file of ``folder`` goes: beside it, or inside it if its parent cannot be written."""
    beside = folder.parent / f".{folder.name}{LOCK_SUFFIX}"
    if beside.exists() or os.access(folder.parent, os.W_OK):
        return beside
    return folder / LOCK_SUFFIX


@contextlib.contextmanager
def locked(folder: Path, shown: Path, holder: str) -> Iterator[None]:
    """Hold the lock of ``folder`` (which exists) while the body runs, or raise :class:`Busy` at once.

    ``shown`` is the folder as the user named it; ``holder`` the command that writes (e.g.
    ``"ctpdoc harvest --apply"``), told to whoever finds the folder locked."""
    with lock_file(lock_path(folder), shown, holder), folder_flocked(folder, shown):
        yield


@contextlib.contextmanager
def lock_file(path: Path, shown: Path, holder: str) -> Iterator[None]:
    give_up = time.monotonic() + _PATIENCE
    while True:
        descriptor = open_lock(path, shown)
        if sys.platform == "win32":  # a leading dot does not hide a file there
            ctypes.windll.kernel32.SetFileAttributesW(str(path), _FILE_ATTRIBUTE_HIDDEN)
        try:
            taken = take(descriptor)
            who, pid = ("", None) if taken else read_holder(descriptor)
        except BaseException:
            os.close(descriptor)
            raise
        if taken and same_file(descriptor, path):
            break
        if taken:
            release(descriptor)  # removed by the holder that just finished, between our open and our lock: again
            continue
        still_there = same_file(descriptor, path)
        os.close(descriptor)
        if who or time.monotonic() > give_up:
            raise Busy(shown, who, pid)
        # No name yet: the holder has just taken the lock and not yet written it, or has wiped it and is
        # leaving. Either is a matter of moments: look again, to name the holder or to take its place.
        if still_there:
            time.sleep(_GLANCE)
    try:
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, f"{os.getpid()}\n{holder}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(descriptor, 0)
        with contextlib.suppress(OSError):
            path.unlink()  # under the lock: a process waiting on the old file sees it is gone and starts again
        release(descriptor)


def open_lock(path: Path, shown: Path) -> int:
    """The lock file opened (made if need be) without blocking: one that is not a regular file (a FIFO, a device, a
    folder put in its place) is refused at once, naming it."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except IsADirectoryError:
        raise NotRegular(path, "a folder", f"remove it: it stands where {shown}'s lock file goes") from None
    except OSError as exc:
        raise CtpdocError(
            f"{shown}: cannot make its lock file {path.name} ({exc.strerror}); check the folder's permissions"
        ) from exc
    kind = kind_of(os.fstat(descriptor).st_mode)
    if kind is not None:
        os.close(descriptor)
        raise NotRegular(path, kind, f"remove it: it stands where {shown}'s lock file goes")
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return descriptor


def take(descriptor: int) -> bool:
    """Lock without waiting; ``False`` if another process holds the lock."""
    try:
        import fcntl
    except ImportError:
        msvcrt = windows_locks()
        os.lseek(descriptor, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno not in _UNLOCKABLE:
            raise
        # a network file system without locks: written unlocked, as before
    return True


def release(descriptor: int) -> None:
    try:
        import fcntl  # noqa: F401 (closing the descriptor releases flock)
    except ImportError:
        msvcrt = windows_locks()
        with contextlib.suppress(OSError):
            os.lseek(descriptor, _LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
    os.close(descriptor)


def windows_locks() -> Any:
    """Windows' ``msvcrt`` (its ``locking`` call), where there is no ``fcntl``."""
    return importlib.import_module("msvcrt")


def same_file(descriptor: int, path: Path) -> bool:
    try:
        here, there = os.fstat(descriptor), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def read_holder(descriptor: int) -> tuple[str, int | None]:
    """The command and process id written by the holder (empty if it has not written them yet)."""
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        text = os.read(descriptor, 4096).decode("utf-8", "replace")
    except OSError:
        return "", None
    lines = text.splitlines()
    pid = int(lines[0]) if lines and lines[0].isdigit() else None
    return (lines[1].strip() if len(lines) > 1 else ""), pid


@contextlib.contextmanager
def folder_flocked(folder: Path, shown: Path) -> Iterator[None]:
    """``flock`` on the folder itself, where the system has it (not Windows): what builds before the lock file
    held, and what a build of an older version still holds."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise CtpdocError(f"{shown}: cannot open the folder ({exc.strerror}); check its permissions") from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(shown, "", None) from None
        except OSError as exc:
            if exc.errno not in _UNLOCKABLE:
                raise
        yield
    finally:
        os.close(descriptor)
