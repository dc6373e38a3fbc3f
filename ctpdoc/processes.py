"""Worker processes: forked (they inherit what the parent has read), quiet on Ctrl-C.

The parent handles Ctrl-C and kill for the whole build (``cli.terminate``); a worker that gets
the same signal from the terminal just stops.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def can_fork(workers: int) -> bool:
    return workers >= 1 and (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def fork_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=quiet_signals)


def quiet_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
