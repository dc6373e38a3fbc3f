"""A second process, for the one thing that pays for it: rendering a second language beside the first.

:func:`beside` starts ``function(*args)`` in a child process and gives a :class:`Waiting`: called, it waits
for the result (or raises its error) in the parent; cancelled, it stops the child. The child leaves Ctrl-C
and termination to the parent and never outlives it, on every system. How it starts depends on the system:

- Linux: ``fork``. The child shares what the parent has read (copy on write) and sends its result back
  through a pipe; ``PR_SET_PDEATHSIG`` kills it with its parent (a ``kill -9`` of the build leaves no
  worker behind).
- Windows, macOS, and wherever ``os.fork`` is missing: ``multiprocessing``'s "spawn", which every system
  has. The child starts a fresh interpreter, receives ``args`` pickled, and watches its parent's
  sentinel: when the parent ends, however it ends, so does the child.
- One core: the function simply runs in this process (a second process would only compete for it).
"""

from __future__ import annotations

import abc
import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def give_back_memory() -> bool:
    """Return the memory a finished stage freed to the system, where the C library can (glibc's ``malloc_trim``).

    libxml2 builds a document's tree from many small blocks; freed, they stay in the process's heap, so a second
    document, or the second process after a fork, adds its own on top. Trimmed after reading the workbooks and
    after each document, the build's peak at 2,000 activities is about 15 MB lower (tools/bench.py). Elsewhere
    (macOS, Windows, musl) there is no such call and nothing is done; gives whether it was."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the symbols already loaded, the C library's among them
    except AttributeError:  # a C library without it (musl)
        return False
    trim(0)
    return True


def can_fork() -> bool:
    """Whether :func:`beside` forks (Linux, two cores or more)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and two_cores()


def two_cores() -> bool:
    return (os.cpu_count() or 1) >= 2


class Waiting(abc.ABC, Generic[T]):
    """A result being worked out beside this process: call it to wait for its value (or its error, raised
    here), or cancel it (the work stops; nothing comes back)."""

    @abc.abstractmethod
    def __call__(self) -> T: ...

    def cancel(self) -> None:
        """Stop the work and forget it; nothing to do once it has been waited for."""


class Done(Waiting[T]):
    """Worked out already, in this process (one core)."""

    def __init__(self, value: T) -> None:
        self.value = value

    def __call__(self) -> T:
        return self.value


def beside(function: Callable[..., T], *args: Any) -> Waiting[T]:
    """Start ``function(*args)`` in a child process; the result waits for it and gives its value, or raises its
    error. Where the child is spawned, ``function`` and ``args`` must be picklable (a module-level function)."""
    if not two_cores():
        return Done(function(*args))
    if can_fork():
        return Forked(function, args)
    return Spawned(function, args)


def forked(function: Callable[..., T], *args: Any) -> Waiting[T]:
    """``function(*args)`` in a forked child, where :func:`can_fork` says a process forks: for work that pays only
    where the child shares this process's memory at no cost (reading a workbook beside another)."""
    return Forked(function, args)


class Forked(Waiting[T]):
    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        parent = os.getpid()
        self.read, write = os.pipe()
        # What both processes now hold (the sources, the modules) stays out of the cycle collector while they share
        # it: a collection walking it would write to, and so copy, every page they share (10 MB more at 2,000
        # activities, measured with tools/bench.py). The parent gives it back to the collector once the child is done.
        # The young generations are collected first (a millisecond or two): what they hold that is already garbage
        # would otherwise be frozen with the rest and, given back, land in the oldest generation uncounted, where
        # the collector seldom looks. A process that forks at every build (the test suite's) then grew by a gigabyte
        # a build.
        gc.collect(1)
        gc.freeze()
        self.pid: int | None = os.fork()
        if self.pid == 0:
            run_child(function, args, parent, self.read, write)
        os.close(write)

    def __call__(self) -> T:
        assert self.pid is not None, "waited for twice, or after cancel"
        try:
            with os.fdopen(self.read, "rb") as stream:
                data = stream.read()
            _, status = os.waitpid(self.pid, 0)
        finally:
            self.pid = None
            gc.unfreeze()
        if not data:
            raise RuntimeError(f"the process rendering beside this one stopped (status {status})")
        return cast(T, outcome(data))

    def cancel(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # already gone
        finally:
            self.pid = None
            os.close(self.read)
            gc.unfreeze()


def run_child(function: Callable[..., T], args: tuple[Any, ...], parent: int, read: int, write: int) -> None:
    """In the forked child: never returns."""
    code = 0
    try:
        os.close(read)
        die_with(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for both, and takes the child with it
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        with os.fdopen(write, "wb") as stream:
            stream.write(result_of(function, args))
    except BaseException:
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; if the parent is already gone, go."""
    libc = ctypes.CDLL(None, use_errno=True)  # the symbols already loaded, the C library's among them
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


class Spawned(Waiting[T]):
    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        import multiprocessing  # here: its modules (sockets, selectors) are a spawned process's only

        context = multiprocessing.get_context("spawn")
        self.receiving, sending = context.Pipe(duplex=False)
        self.child: BaseProcess | None = context.Process(
            target=run_spawned, args=(function, args, sending), daemon=True, name="ctpdoc-render"
        )
        self.child.start()
        sending.close()

    def __call__(self) -> T:
        child = self.child
        assert child is not None, "waited for twice, or after cancel"
        self.child = None
        try:
            data = self.receiving.recv_bytes()
        except EOFError:
            data = b""
        finally:
            self.receiving.close()
        child.join()
        if not data:
            raise RuntimeError(f"the process rendering beside this one stopped (exit code {child.exitcode})")
        return cast(T, outcome(data))

    def cancel(self) -> None:
        if self.child is None:
            return
        child, self.child = self.child, None
        child.kill()
        child.join()
        self.receiving.close()


def run_spawned(function: Callable[..., T], args: tuple[Any, ...], sending: Connection) -> None:
    """In the spawned child: goes when its parent goes, sends the result, returns."""
    threading.Thread(target=exit_with_parent, daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for both
    with sending:
        sending.send_bytes(result_of(function, args))


def exit_with_parent() -> None:
    """A spawned child's watch: its parent's sentinel is ready once the parent has ended, however it ended."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def result_of(function: Callable[..., T], args: tuple[Any, ...]) -> bytes:
    """``(True, value)`` or ``(False, error)``, pickled; an error that cannot cross processes sends its text."""
    try:
        result: tuple[bool, object] = (True, function(*args))
    except Exception as exc:  # sent to the parent, which raises it as its own
        result = (False, exc)
    try:
        return pickle.dumps(result)
    except Exception as exc:
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def outcome(data: bytes) -> Any:
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value
