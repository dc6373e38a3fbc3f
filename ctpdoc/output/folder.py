"""Writing a build's documents into the output folder: all of them or none, one build at a time.

Takes the output folder and the documents (name → bytes); writes them so that
whoever opens ``build/*.docx`` sees either the whole previous set or the whole
new one, never a mix, whatever happens (an error, Ctrl-C, ``kill -9``, a full
disk, a file-size limit):

1. the folder is locked (:mod:`ctpdoc.output.lock`): a second build writing
   at the same moment stops with "another build is writing to build/";
2. a fresh folder beside it (``.build.ctpdoc-XXXX``) receives the new documents,
   flushed to disk, and hard links to every other file of ``build/`` (the
   ``make`` stamp, PDFs of an earlier ``--pdf`` build, except those ``remove``
   names: PDFs of the documents now replaced);
3. one system call, ``renameat2(RENAME_EXCHANGE)``, swaps the two folders: the
   new set appears at once; the old folder is then removed.

Where the swap is not possible (not Linux, a file system without it, an output
folder that holds subfolders or is a mount point, a parent folder that cannot be
written), the documents are written to temporary files inside the folder and
renamed one by one (``os.replace``), in milliseconds and with Ctrl-C held, as
before; on Windows a document open in Word cannot be replaced, so every one is
tried first and the build stops, changing nothing, naming the one to close.
Leftovers of a killed build (a staging folder, temporary files) are removed by
the next one, under the lock. A failure to write removes what it wrote.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ctpdoc.errors import CtpdocError
from ctpdoc.output.lock import Busy, locked

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
MAX_CARRIED = 1000  # files of the output folder carried over into the new one; past that, files are renamed one by one
BUILD = "ctpdoc build"  # the holder of the output folder's lock
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")


def write_set(out_dir: Path, files: dict[str, bytes], remove: tuple[str, ...] = ()) -> None:
    """Write ``files`` into ``out_dir`` and remove the files ``remove`` names, all or none (see the module's
    description)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{out_dir}: cannot create the output folder ({exc.strerror}); choose another with --out") from exc
    folder = out_dir.resolve()  # a symlinked build/ is written where it points, the link kept
    try:
        with signals_deferred(), locked(folder, out_dir, BUILD):
            try:
                remove_leftovers(folder)
                if not swap_in(folder, files, remove):
                    rename_one_by_one(folder, files, remove)
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
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and termination while the documents are written: milliseconds."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def staging_prefix(folder: Path) -> str:
    return f".{folder.name}.ctpdoc-"


def remove_leftovers(folder: Path) -> None:
    """What a killed build left: a staging folder beside this one, temporary files inside it."""
    with contextlib.suppress(OSError):
        for stale in folder.parent.glob(staging_prefix(folder) + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


def swap_in(folder: Path, files: dict[str, bytes], remove: tuple[str, ...] = ()) -> bool:
    """The new set in a fresh folder beside ``folder``, exchanged with it in one step; ``False`` where
    that cannot be done (nothing is left behind then)."""
    if not LINUX:
        return False  # no call to exchange two folders: the documents are renamed one by one
    entries = list(folder.iterdir())
    if len(entries) > MAX_CARRIED or any(e.is_dir() and not e.is_symlink() for e in entries) or os.path.ismount(folder):
        return False
    try:
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(folder), dir=folder.parent))
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


def rename_one_by_one(folder: Path, files: dict[str, bytes], remove: tuple[str, ...] = ()) -> None:
    """Every file to a temporary name first, then renamed: never a half-written document. A document another
    program holds open (Word on Windows) is found before anything is replaced."""
    for name in (*files, *remove):
        check_replaceable(folder / name)
    temporary: dict[str, Path] = {}
    try:
        for name, data in files.items():
            temporary[name] = write_temporary(folder, name, data)
        for name, path in temporary.items():
            os.replace(path, folder / name)
        temporary.clear()
        for name in remove:
            (folder / name).unlink(missing_ok=True)
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)


def write_temporary(folder: Path, name: str, data: bytes) -> Path:
    """``data`` in a temporary file beside ``name``, flushed to disk; removed again if writing fails."""
    handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.close(handle)
    try:
        write_file(Path(path), data)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # a full disk or a file-size limit leaves nothing behind
        raise
    return Path(path)


def write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o644)


def check_replaceable(path: Path) -> None:
    """On Windows a file open in Word or Acrobat cannot be replaced or removed (opening it for writing fails
    the same way); elsewhere a file is replaced whoever holds it open."""
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
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: a folder cannot be opened, and NTFS keeps its entries with the files
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def check_file_option(path: Path, option: str, out_dir: Path | None = None) -> None:
    """Before a build: a file an option names (``--timings``) can be written, so a build never writes its
    documents and then fails on it. ``out_dir`` counts as existing: the build creates it."""
    folder = path.parent
    if path.is_dir():
        raise CtpdocError(f"{option} {path}: is a folder; give a file name, e.g. {path / 'timings.json'}")
    if out_dir is not None and folder.resolve() == out_dir.resolve():
        return
    if not folder.is_dir():
        raise CtpdocError(f"{option} {path}: the folder {folder} does not exist; create it first, or give another path")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CtpdocError(f"{option} {path}: cannot be written (permission denied); give another path")
