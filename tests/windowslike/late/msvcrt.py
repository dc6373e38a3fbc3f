"""``msvcrt.locking`` as Windows has it (non-blocking byte-range locks), for ``make test-windowslike`` on Linux:
made of ``fcntl.lockf``, which sitecustomize.py saved before blocking ``fcntl``. Locks a range from the current
position, as Windows does."""

from __future__ import annotations

import os

from _windowslike_fcntl import LOCK_EX, LOCK_NB, LOCK_UN, lockf  # type: ignore[import-not-found]

LK_UNLCK = 0
LK_LOCK = 1
LK_NBLCK = 2
LK_RLCK = 3
LK_NBRLCK = 4


def locking(fd: int, mode: int, nbytes: int) -> None:
    start = os.lseek(fd, 0, os.SEEK_CUR)
    try:
        lockf(
            fd,
            LOCK_UN if mode == LK_UNLCK else LOCK_EX | (LOCK_NB if mode in (LK_NBLCK, LK_NBRLCK) else 0),
            nbytes,
            start,
            os.SEEK_SET,
        )
    except BlockingIOError as exc:
        raise PermissionError(13, "Permission denied") from exc  # as Windows says it: EACCES
