"""A second process, for the one thing that pays for it: rendering a second language beside the first.

:func:`beside` forks, runs a function in the child and gives a call that waits for its result (or raises
its error) in the parent. The child shares what the parent has read (copy on write), sends its result back
through a pipe, dies with its parent (Linux ``PR_SET_PDEATHSIG``: a ``kill -9`` of the build leaves no
worker behind), and leaves Ctrl-C and termination to the parent. Where there is one core or no ``fork``,
the function simply runs in this process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def beside(function: Callable[[], T]) -> Callable[[], T]:
    """Start ``function`` in a child process; the result waits for it and gives its value, or raises its error."""
    if not can_fork():
        value = function()
        return lambda: value
    parent = os.getpid()
    read, write = os.pipe()
    gc.collect()  # what reading the workbooks left (openpyxl's cycles) is not worth sharing
    gc.freeze()  # the collector would otherwise touch, and so copy, every page the child shares
    pid = os.fork()
    if pid == 0:
        run_child(function, parent, read, write)
    gc.unfreeze()
    os.close(write)

    def wait() -> T:
        with os.fdopen(read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise RuntimeError(f"the process rendering beside this one stopped (status {status})")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    return wait


def run_child(function: Callable[[], T], parent: int, read: int, write: int) -> None:
    """In the child: never returns."""
    code = 0
    try:
        os.close(read)
        die_with(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for both, and takes the child with it
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            result: tuple[bool, object] = (True, function())
        except Exception as exc:  # sent to the parent, which raises it as its own
            result = (False, exc)
        try:
            data = pickle.dumps(result)
        except Exception as exc:  # an error that cannot cross processes: its text does
            data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
    except BaseException:
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; if the parent is already gone, go."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
