"""Step shared by the commands that render: the workbooks' reading started first, and which documents to make.

A light module on purpose: ``ctpdoc build`` starts reading the workbooks (the settings here, the programmes in two
processes beside this one, where a process forks) before it imports the modules that check and render, which are
then imported while the workbooks are read (a tenth of building the sample).
"""

from __future__ import annotations

import enum
from pathlib import Path

from ctpdoc.render import worker
from ctpdoc.workbooks.collecting import Collecting, start_collecting


class Variants(enum.Enum):
    """Which variants to build: with tracked changes, with all accepted, or both."""

    TRACKED = "tracked"
    ACCEPTED = "accepted"
    BOTH = "both"

    @property
    def variants(self) -> tuple[bool, ...]:
        return {Variants.TRACKED: (True,), Variants.ACCEPTED: (False,), Variants.BOTH: (True, False)}[self]

    @property
    def with_baseline(self) -> bool:
        """Whether the tracked variant is made, which compares with the baseline."""
        return True in self.variants


def start_reading(sources_dir: Path, with_baseline: bool, jobs: int) -> Collecting:
    """The workbooks' reading started: with ``jobs`` of 2 or more, where a process forks (Linux), the programmes are
    read in two processes beside this one (a spawned process would take longer to start than it saves)."""
    start = worker.forked if jobs >= 2 and worker.can_fork() else None
    return start_collecting(sources_dir, with_baseline, start)
