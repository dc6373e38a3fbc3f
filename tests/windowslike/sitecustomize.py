"""Python as Windows has it, on Linux: ``make test-windowslike`` runs the whole suite with this folder first on
PYTHONPATH, so that every process the tests start (ctpdoc itself, its worker) gets it too.

- ``import fcntl``, ``import resource`` (and ``termios``) raise ImportError: Windows has neither.
- ``os.fork`` and ``os.forkpty`` are gone: a second process must be spawned.
- The signal features Windows lacks are gone (``pthread_sigmask``, ``alarm``, ``setitimer``, SIGHUP, SIGALRM,
  SIGUSR1/2…). ``SIGKILL``, ``SIGCHLD`` and ``SIGPIPE`` stay: Python's own ``subprocess`` and ``multiprocessing``
  use them on Linux (on Windows they kill with ``TerminateProcess``).
- ``msvcrt.locking`` exists (``late/msvcrt.py``), made of the real ``fcntl.lockf`` saved here before ``fcntl`` is
  blocked: Windows' byte-range locks, as ctpdoc's lock takes them. Its folder joins ``sys.path`` only after
  ``subprocess`` and ``getpass`` are imported: they take the presence of ``msvcrt`` for Windows itself.

What it cannot make: paths with backslashes and drive letters, files locked against reading while Word or
Excel holds them (tested by simulating the PermissionError), ``os.replace`` refused over an open file. The CI
workflow's Windows runner runs the suite for real.
"""

from __future__ import annotations

import fcntl as _real_fcntl  # noqa: F401 (for msvcrt.py, before it is blocked)
import getpass  # noqa: F401 (before msvcrt exists: see above)
import importlib.abc
import os
import signal
import subprocess  # noqa: F401 (before msvcrt exists: see above)
import sys

BLOCKED = {"fcntl", "resource", "termios"}
for _name in BLOCKED:
    sys.modules.pop(_name, None)
sys.modules["_windowslike_fcntl"] = _real_fcntl


class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001, ANN201
        if fullname in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (blocked: Windows has none)", name=fullname)
        return None


sys.meta_path.insert(0, Blocker())

for _name in ("fork", "forkpty"):
    if hasattr(os, _name):
        delattr(os, _name)

for _name in (
    "pthread_sigmask", "pthread_kill", "sigwait", "sigwaitinfo", "sigtimedwait", "sigpending", "alarm", "setitimer",
    "getitimer", "siginterrupt", "SIGHUP", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGQUIT", "SIGTSTP", "SIGCONT", "SIGSTOP",
):  # fmt: skip
    if hasattr(signal, _name):
        delattr(signal, _name)
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "late"))
os.environ["CTPDOC_WINDOWSLIKE"] = "1"  # for the tests that are POSIX by nature, to skip with their reason
