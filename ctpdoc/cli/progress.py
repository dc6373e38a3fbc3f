"""Progress for work that takes a while: one line per document on stderr, through click.

A build that ends within two seconds says nothing until its summary; past that, each document is told
as it is rendered, and each PDF as LibreOffice finishes it (seconds each). ``-q`` tells nothing.
"""

from __future__ import annotations

import time

import click

AFTER = 2.0  # seconds a command runs before its progress is worth telling ("a second or two")


class Progress:
    def __init__(self, always: bool = False) -> None:
        self.started = time.monotonic()
        self.always = always  # tell every line, however soon (--pdf: the wait is certain)

    def __call__(self, line: str) -> None:
        if self.always or time.monotonic() - self.started >= AFTER:
            click.echo(line, err=True)
