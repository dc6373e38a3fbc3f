"""Files written together: every file of one command to a temporary beside it, then all renamed at once.

A command that writes several files (``import``: the programme workbooks and ``document.xlsx``;
``harvest --apply``: each workbook and its backup, in the command's dated folder ``backups/<when>/``) gives :func:`write_together` one writer per path.
Each is written to a temporary file of ctpdoc's own naming (``.NAME.ctpdoc-XXXX.tmp``) beside its
target, flushed to disk, and given the mode of the file it replaces; only when every one is written
are they renamed over their targets, with Ctrl-C and termination held for those milliseconds. A
failure while writing (a full disk, a read-only folder, a folder where a file should be) removes
the temporaries and leaves every target as it was; a failure while renaming puts back the files
already replaced. A file that must not exist yet (a history copy, a backup) is linked into place, never
over a file; a copy (:func:`copy_of`) is read back and compared with its source's bytes before it is
kept. Ctrl-C and termination signals remove the temporaries before the process ends; what a ``kill -9``
leaves is removed by the next writing command in every folder ctpdoc writes into under the sources
(:func:`remove_stale_under`, under its lock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import hashlib
import os
import shutil
import signal
import stat
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
MARK = ".ctpdoc-"  # in the name of every temporary file ctpdoc makes beside a workbook
_PENDING: set[Path] = set()
TERMINATION = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
INTERRUPTION = (signal.SIGINT, *TERMINATION)  # the temporaries of this process are removed on each


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel (``~$name.xlsx``) and LibreOffice (``.~lock.name.xlsx#``) leave beside an open workbook."""
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def check_not_open(path: Path) -> None:
    for lock in lock_files(path):
        if lock.exists():
            raise fail(
                Location(path.name),
                f"is open in Excel or LibreOffice ({lock.name} is beside it); close it there, then run the command again",
            )


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
    return (backups or Backups(path.parent)).path_for(path), copy_of(data, path)


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
            if stale.is_file() and not stale.is_symlink() and stale not in _PENDING and stale.lstat().st_mtime < STARTED:
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
    temporaries: dict[Path, Path] = {}
    current = next(iter(files), Path())
    with removed_on_termination():
        try:
            for current, write in files.items():
                temporaries[current] = temporary = new_temporary(current)
                write(temporary)
                with temporary.open("rb+") as stream:
                    os.fsync(stream.fileno())
                os.chmod(temporary, (modes or {}).get(current, mode_for(current)))
            with signals_held():
                rename_all(temporaries, new)
            temporaries.clear()
        except OSError as exc:
            raise CtpdocError(f"{current}: cannot be written ({exc.strerror or exc}); nothing was changed") from exc
        except etree.SerialisationError as exc:  # lxml's word for a write that failed (openpyxl writes through it)
            raise CtpdocError(f"{current}: cannot be written ({describe(exc)}); nothing was changed") from exc
        finally:
            for temporary in temporaries.values():
                forget(temporary)


def describe(error: etree.SerialisationError) -> str:
    """``IO_EFBIG`` → ``File too large``: libxml2's name of the system's error, as the system says it."""
    name = str(error).removeprefix("IO_")
    number = getattr(errno, name, None)
    return os.strerror(number) if number is not None else str(error)


def rename_all(temporaries: Mapping[Path, Path], new: Collection[Path] = ()) -> None:
    """Each temporary over its target (or, for the paths of ``new``, linked in where nothing is); if one fails, the
    targets already replaced are put back and those created removed."""
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
        fsync_folders({path.parent for path in temporaries})
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
    """The renames themselves flushed to disk (POSIX: a folder's entries are synced through the folder)."""
    if os.name != "posix":
        return
    for folder in folders:
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


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
    _PENDING.add(Path(name))
    return Path(name)


def forget(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)
    _PENDING.discard(temporary)


def mode_for(path: Path) -> int:
    """The mode of the file replaced (a workbook of mode 0600 stays 0600); a new file's as the umask makes it."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def remove_stale(folder: Path) -> list[Path]:
    """Temporaries of ctpdoc's own naming that a killed command left in ``folder``; call it under the folder's lock."""
    removed = []
    with contextlib.suppress(OSError):
        for stale in folder.glob(f".*{MARK}*.tmp"):
            if stale.is_file() and not stale.is_symlink() and stale not in _PENDING:
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


@contextlib.contextmanager
def removed_on_termination() -> Iterator[None]:
    """While files are written: Ctrl-C (SIGINT), SIGTERM and SIGHUP remove this process's temporaries, then end it
    (or raise ``KeyboardInterrupt``) as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in INTERRUPTION}

    def handler(number: int, frame: FrameType | None) -> None:
        for temporary in list(_PENDING):
            temporary.unlink(missing_ok=True)
        _PENDING.clear()
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
