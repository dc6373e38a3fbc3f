"""The one writer of every file ctpdoc writes: all of a command's files, or none of them.

Every file (workbooks, backups, the baseline and its record, XLIFF, the record of texts in step,
``ctpdoc.toml``, ``--timings``) is written to a temporary of ctpdoc's naming (``.NAME.ctpdoc-XXXX.tmp``) beside
its target, flushed to disk, given the mode of the file it replaces; once all of a command's files are written
they are renamed together (:func:`write_together`), Ctrl-C and termination held for those milliseconds. A failure
while writing removes the temporaries, one while renaming puts back what was replaced. A file that must not
exist yet (a history copy, a backup) is linked in, never over a file; a copy (:func:`copy_of`) is read back
before it is kept. Ctrl-C and termination remove the temporaries; what ``kill -9`` leaves goes with the next
writing command (:func:`remove_earlier`; :mod:`ctpdoc.package.backups`, beside this module, under the lock).

A build's documents and review page (:func:`write_set`) appear at once: a fresh folder beside ``build/``
(``.build.ctpdoc-XXXX``) receives them, flushed, with hard links to its other files (but the stale PDFs
``remove`` names), and ``renameat2(RENAME_EXCHANGE)`` swaps the two folders. Where it cannot (not Linux, a file
system without it, subfolders, a mount point, a parent that cannot be written) they are written and renamed
together as above; on Windows, where a document open in Word cannot be replaced, each is tried first.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import hashlib
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from types import FrameType

from lxml import etree

from ctpdoc.errors import CtpdocError, fail
from ctpdoc.model import Location

Writer = Callable[[Path], object]  # writes the whole file at the path it is given
MARK = ".ctpdoc-"  # in the name of every temporary file ctpdoc makes beside a file it writes
PENDING: set[Path] = set()  # the temporaries of this process, being written: never stale
TERMINATION = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
INTERRUPTION = (signal.SIGINT, *TERMINATION)  # the temporaries of this process are removed on each
DOCUMENT_MODE = 0o644  # a document's and the review page's, whatever they replace
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # linux/fcntl.h, linux/fs.h
MAX_CARRIED = 1000  # files of the output folder carried over into the new one; past that, files are renamed together
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")


class CopyDiffers(OSError):
    """A copy that does not read back as its source's bytes: never kept."""


def copy_of(data: bytes, source: Path | None = None) -> Writer:
    """A writer of ``data`` that reads the file back once it is written and refuses it unless it is those very bytes
    (and, given ``source``, unless ``source`` still is too): a copy kept as a history or a backup is never torn."""
    wanted = hashlib.sha256(data).digest()

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)  # flushed to disk by write_together
        if hashlib.sha256(temporary.read_bytes()).digest() != wanted:
            raise CopyDiffers(errno.EIO, "the copy does not read back as its source's bytes")
        if source is not None and hashlib.sha256(source.read_bytes()).digest() != wanted:
            raise CopyDiffers(errno.EIO, f"{source.name} changed while it was copied")

    return write


def write_file_atomically(path: Path, write: Writer) -> None:
    """``write(temporary)`` then rename over ``path``: a reader sees the old file or the new one, never half of one.
    Then the temporaries an earlier, killed write of ``path`` left beside it go (see :func:`remove_earlier`)."""
    write_together({path: write})
    remove_earlier(path)


STARTED = time.time()  # when this command started: a temporary of ctpdoc's naming older than that is no one's now


def remove_earlier(path: Path) -> list[Path]:
    """The temporaries of ctpdoc's naming for ``path`` (``.NAME.ctpdoc-XXXX.tmp``) made before this command started:
    what a killed write of the same file left, in a folder no lock covers (``translations export -o``,
    ``--timings``). One made since (another command writing the same file now) is left alone."""
    removed = []
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f".{glob.escape(path.name)}{MARK}*.tmp"):
            if stale.is_file() and not stale.is_symlink() and stale not in PENDING and stale.lstat().st_mtime < STARTED:
                stale.unlink(missing_ok=True)
                removed.append(stale)
    return removed


def write_new_file(path: Path, write: Writer) -> None:
    """``write(temporary)`` then link it in as ``path``, which must not exist (:class:`FileExistsError` if it does):
    a reader sees no file or the whole file, never half of one, and no file or link there is ever replaced."""
    write_together({path: write}, new=(path,))


def write_together(files: Mapping[Path, Writer], modes: Mapping[Path, int] | None = None, new: Collection[Path] = ()) -> None:
    """Write every file, then rename them all; on any failure nothing is changed (see the module's description).
    ``modes`` gives a file's mode where it should not be that of the file it replaces (a backup: its workbook's);
    the paths of ``new`` must not exist: each is linked in, never over a file or a link."""
    for path in files:
        if path.is_dir() and not path.is_symlink():
            raise fail(Location(str(path)), "is a folder, where a file is to be written; move it away or choose another folder")
    started: list[Path] = [next(iter(files), Path())]
    try:
        replace_together(files, modes, new, (), started)
    except OSError as exc:
        raise CtpdocError(f"{started[-1]}: cannot be written ({exc.strerror or exc}); nothing was changed") from exc
    except etree.SerialisationError as exc:  # lxml's word for a write that failed (openpyxl writes through it)
        raise CtpdocError(f"{started[-1]}: cannot be written ({describe(exc)}); nothing was changed") from exc


def replace_together(
    files: Mapping[Path, Writer],
    modes: Mapping[Path, int] | None = None,
    new: Collection[Path] = (),
    remove: Collection[Path] = (),
    started: list[Path] | None = None,
) -> None:
    """:func:`write_together` raising what the system raised; the files of ``remove`` go with the renames (put back
    if one fails); ``started`` is given each path as its writing starts."""
    temporaries: dict[Path, Path] = {}
    with removed_on_termination():
        try:
            for current, write in files.items():
                if started is not None:
                    started.append(current)
                temporaries[current] = temporary = new_temporary(current)
                write(temporary)
                with temporary.open("rb+") as stream:
                    os.fsync(stream.fileno())
                os.chmod(temporary, (modes or {}).get(current, mode_for(current)))
            with signals_held():
                rename_all(temporaries, new, remove)
            temporaries.clear()
        finally:
            for temporary in temporaries.values():
                forget(temporary)


def describe(error: etree.SerialisationError) -> str:
    """``IO_EFBIG`` → ``File too large``: libxml2's name of the system's error, as the system says it."""
    name = str(error).removeprefix("IO_")
    number = getattr(errno, name, None)
    return os.strerror(number) if number is not None else str(error)


def rename_all(temporaries: Mapping[Path, Path], new: Collection[Path] = (), remove: Collection[Path] = ()) -> None:
    """Each temporary over its target (or, for the paths of ``new``, linked in where nothing is); if one fails, the
    targets already replaced are put back and those created removed; then the files of ``remove`` go (put back
    too if one cannot)."""
    saved: dict[Path, Path | None] = {}
    try:
        for path, temporary in temporaries.items():
            aside = None if path in new else keep_aside(path)
            try:
                if path in new:
                    link_in(temporary, path)
                else:
                    os.replace(temporary, path)
            except OSError:
                if aside is not None:
                    forget(aside)
                raise
            saved[path] = aside
        for path in remove:
            aside = keep_aside(path)
            path.unlink(missing_ok=True)
            saved[path] = aside
        fsync_folders({path.parent for path in (*temporaries, *remove)})
    except OSError:
        for path, old in saved.items():
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, path)
                elif path.exists() or path.is_symlink():
                    path.unlink()
        raise
    finally:
        for old in saved.values():
            if old is not None:
                forget(old)


def link_in(temporary: Path, path: Path) -> None:
    """``temporary`` becomes ``path``, which must not exist: a hard link cannot replace anything; where the file
    system has none, a rename after looking (the folder is held by the command's lock)."""
    try:
        os.link(temporary, path)  # the temporary is ctpdoc's own regular file
    except FileExistsError:
        raise
    except OSError as exc:  # no hard links there (FAT, some shares: EPERM, ENOTSUP, EINVAL…)
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from exc
        os.replace(temporary, path)
        return
    forget(temporary)


def fsync_folders(folders: Collection[Path]) -> None:
    """The renames themselves flushed to disk, as far as the system lets (see :func:`fsync_folder`)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            fsync_folder(folder)


def keep_aside(path: Path) -> Path | None:
    """A hard link to the file about to be replaced (a copy where links are not possible), to put it back."""
    if not path.is_file() or path.is_symlink():
        return None
    aside = new_temporary(path)
    aside.unlink()
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
    return aside


def new_temporary(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{MARK}", suffix=".tmp")
    os.close(handle)
    PENDING.add(Path(name))
    return Path(name)


def forget(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)
    PENDING.discard(temporary)


def mode_for(path: Path) -> int:
    """The mode of the file replaced (a workbook of mode 0600 stays 0600); a new file's as the umask makes it."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_set(folder: Path, files: Mapping[str, bytes], remove: Collection[str] = ()) -> None:
    """``files`` (name → bytes) written into ``folder``, those ``remove`` names removed, all or none (see the module's
    description), under the caller's lock and :func:`signals_held`; raises what the system raised."""
    remove_leftovers(folder)
    if swap_in(folder, files, remove):
        return
    for name in (*files, *remove):
        check_replaceable(folder / name)
    writers = {folder / name: (lambda temporary, data=data: write_file(temporary, data)) for name, data in files.items()}
    replace_together(writers, {path: DOCUMENT_MODE for path in writers}, remove=[folder / name for name in remove])


def remove_leftovers(folder: Path) -> None:
    """What a killed build left: a staging folder beside this one, temporary files inside it."""
    with contextlib.suppress(OSError):
        for stale in folder.parent.glob(f".{folder.name}{MARK}" + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


def swap_in(folder: Path, files: Mapping[str, bytes], remove: Collection[str] = ()) -> bool:
    """The new set in a fresh folder beside ``folder``, exchanged with it in one step; ``False`` where
    that cannot be done (nothing is left behind then)."""
    if not LINUX:
        return False  # no call to exchange two folders: the documents are renamed one by one
    entries = list(folder.iterdir())
    if len(entries) > MAX_CARRIED or any(e.is_dir() and not e.is_symlink() for e in entries) or os.path.ismount(folder):
        return False
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}{MARK}", dir=folder.parent))
    except OSError:
        return False  # the parent folder cannot be written: write inside the folder instead
    try:
        os.chmod(staging, folder.stat().st_mode & 0o7777)
        for entry in entries:
            if entry.name not in files and entry.name not in remove:
                carry(entry, staging / entry.name)
        for name, data in files.items():
            write_file(staging / name, data)
        fsync_folder(staging)
        if not exchange(staging, folder):
            return False
        fsync_folder(folder.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the old set after the exchange; the new one if it failed
    return True


def carry(entry: Path, target: Path) -> None:
    """An entry of the old folder into the new: a hard link (no copy), a symlink as a symlink."""
    if entry.is_symlink():
        os.symlink(os.readlink(entry), target)
    else:
        try:
            os.link(entry, target, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EMLINK, errno.EXDEV):
                raise
            shutil.copy2(entry, target)  # a file system without hard links


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); ``False`` where the system cannot (others: macOS has
    ``renamex_np`` but not on every file system, Windows has no such call)."""
    if not LINUX:
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EBUSY, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, DOCUMENT_MODE)


def check_replaceable(path: Path) -> None:
    """On Windows a file open in Word or Acrobat can be neither replaced nor removed, nor opened for writing."""
    if not WINDOWS or not path.is_file() or path.is_symlink():
        return
    try:
        with path.open("r+b"):
            pass
    except PermissionError as exc:
        raise CtpdocError(
            f"{path}: is open in another program (Word, a PDF viewer), which keeps it from being replaced; "
            "close it and build again; nothing was changed"
        ) from exc


def fsync_folder(folder: Path) -> None:
    """A folder's entries flushed to disk (POSIX: through the folder itself)."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: a folder cannot be opened, and NTFS keeps its entries with the files
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def removed_on_termination() -> Iterator[None]:
    """While files are written: Ctrl-C (SIGINT), SIGTERM and SIGHUP remove this process's temporaries, then end it
    (or raise ``KeyboardInterrupt``) as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in INTERRUPTION}

    def handler(number: int, frame: FrameType | None) -> None:
        for temporary in list(PENDING):
            temporary.unlink(missing_ok=True)
        PENDING.clear()
        before = previous[number]
        if callable(before):
            before(number, frame)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    for number, before in previous.items():
        if before is not signal.SIG_IGN:  # a signal ignored (the second process's Ctrl-C) stays ignored
            signal.signal(number, handler)
    try:
        yield
    finally:
        for number, before in previous.items():
            signal.signal(number, before)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and termination while the files are renamed: milliseconds."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signals to hold
        yield
        return
    held = {signal.SIGINT, *TERMINATION}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
