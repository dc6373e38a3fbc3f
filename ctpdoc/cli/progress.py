"""Progress for work that takes a while: one line per document on stderr, through click.

Each PDF is told as LibreOffice finishes it (seconds each, so always). Each rendered document is told
only to a person watching (stderr is a terminal, as click's own progress bar does) and only once the
build has run for two seconds: a small build says nothing until its summary, and a script or a log
reading stderr gets the problems alone. ``-q`` tells nothing.
"""

from __future__ import annotations

import sys
import time

from ctpdoc.cli.say import quiet, say

AFTER = 2.0  # seconds a command runs before its progress is worth telling ("a second or two")


def watched() -> bool:
    """Whether a person watches stderr."""
    return sys.stderr.isatty()


class ProgressLines:
    """Told a line per document by the build (:data:`ctpdoc.commands.build.Progress`); ``slow`` for a step whose
    wait is certain (the PDFs)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.watched = watched()

    def __call__(self, line: str, slow: bool = False) -> None:
        if quiet():
            return
        if slow or (self.watched and time.monotonic() - self.started >= AFTER):
            say(line, err=True)
