"""A second process, for the one thing that pays for it: rendering a second language beside the first.

:func:`beside` starts ``function(*args)`` in a child process and gives a call that waits for its result
(or raises its error) in the parent. The child leaves Ctrl-C and termination to the parent and never
outlives it, on every system. How it starts depends on the system:

- Linux: ``fork``. The child shares what the parent has read (copy on write) and sends its result back
  through a pipe; ``PR_SET_PDEATHSIG`` kills it with its parent (a ``kill -9`` of the build leaves no
  worker behind).
- Windows, macOS, and wherever ``os.fork`` is missing: ``multiprocessing``'s "spawn", which every system
  has. The child starts a fresh interpreter, receives ``args`` pickled, and watches its parent's
  sentinel: when the parent ends, however it ends, so does the child.
- One core: the function simply runs in this process (a second process would only compete for it).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def can_fork() -> bool:
    """Whether :func:`beside` forks (Linux, two cores or more)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and two_cores()


def two_cores() -> bool:
    return (os.cpu_count() or 1) >= 2


def beside(function: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start ``function(*args)`` in a child process; the result waits for it and gives its value, or raises its
    error. Where the child is spawned, ``function`` and ``args`` must be picklable (a module-level function)."""
    if not two_cores():
        value = function(*args)
        return lambda: value
    if can_fork():
        return forked(function, args)
    return spawned(function, args)


def forked(function: Callable[..., T], args: tuple[Any, ...]) -> Callable[[], T]:
    parent = os.getpid()
    read, write = os.pipe()
    # (No collection first: after reading the workbooks it found nothing to free, in 14 ms for the sample.)
    # What both processes now hold (the sources, the modules) stays out of the cycle collector while they share it:
    # a collection walking it would write to, and so copy, every page they share (10 MB more at 2,000 activities,
    # measured with tools/bench.py). The parent gives it back to the collector once the child is done.
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        run_child(function, args, parent, read, write)
    os.close(write)

    def wait() -> T:
        try:
            with os.fdopen(read, "rb") as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
        finally:
            gc.unfreeze()
        if not data:
            raise RuntimeError(f"the process rendering beside this one stopped (status {status})")
        return cast(T, outcome(data))

    return wait


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


def spawned(function: Callable[..., T], args: tuple[Any, ...]) -> Callable[[], T]:
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=run_spawned, args=(function, args, sending), daemon=True, name="ctpdoc-render")
    child.start()
    sending.close()

    def wait() -> T:
        try:
            data = receiving.recv_bytes()
        except EOFError:
            data = b""
        finally:
            receiving.close()
        child.join()
        if not data:
            raise RuntimeError(f"the process rendering beside this one stopped (exit code {child.exitcode})")
        return cast(T, outcome(data))

    return wait


def run_spawned(function: Callable[..., T], args: tuple[Any, ...], sending: Connection) -> None:
    """In the spawned child: goes when its parent goes, sends the result, returns."""
    threading.Thread(target=exit_with_parent, daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for both
    with sending:
        sending.send_bytes(result_of(function, args))


def exit_with_parent() -> None:
    """A spawned child's watch: its parent's sentinel is ready once the parent has ended, however it ended."""
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
