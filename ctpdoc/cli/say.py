"""Every line ctpdoc prints goes through here: escaped, and never failing on the console's encoding.

:func:`say` prints one line: whatever part of it came from an input or a path (a cell, a file or folder
name, a setting, a text from a Word or XLIFF file) is shown escaped by :func:`ctpdoc.errors.printable`
(a line break as ⏎, other control and direction characters as ``\\uXXXX``), so no input can forge a line
of its own or reorder one; the commands print nothing but through it. :func:`setup_streams` makes the
standard streams replace what their encoding lacks (a Windows code page such as cp1252 has no ``→`` or
narrow no-break space) instead of failing; :func:`say_utf8` writes UTF-8 to a file or a pipe whatever
the code page (``templates dump``, which git reads as a diff driver). Under ``-q`` (every command takes it,
:func:`ctpdoc.cli.options.quiet_option`) only the lines for stderr, warnings and errors, are printed.
"""

from __future__ import annotations

import codecs
import io
import sys

import click

from ctpdoc.errors import printable

ERRORS = "ctpdoc-replace"  # the error handler of the standard streams
# What a character the encoding lacks becomes: its nearest in ASCII where there is one, else "?".
NEAREST = {
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2011": "-", "\u2010": "-", "\u2013": "-",
    "\u2014": "--", "\u2192": "->", "\u2190": "<-", "\u2026": "...", "\u2018": "'", "\u2019": "'", "\u201c": '"',
    "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u203a": ">", "\u2039": "<", "\u23ce": "\\n", "\u2022": "*",
}  # fmt: skip


def nearest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    lacking = error.object[error.start : error.end]
    return "".join(NEAREST.get(char, "?") for char in lacking), error.end


codecs.register_error(ERRORS, nearest)

QUIET = "ctpdoc.quiet"  # in the root context's meta: this command was given -q


def quiet() -> bool:
    """Whether the command running was given ``-q``: it then prints only warnings and errors."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and bool(ctx.find_root().meta.get(QUIET))


def setup_streams() -> None:
    """stdout and stderr replace the characters their encoding lacks (:data:`NEAREST`, else ``?``)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ERRORS)


def say(line: str, err: bool = False) -> None:
    """Print one line (to stderr with ``err``: a warning or an error, printed even under ``-q``), escaped."""
    if not err and quiet():
        return
    click.echo(printable(line), err=err)


def say_lines(text: str, err: bool = False) -> None:
    """Print a text of several lines whose line breaks are ctpdoc's own (each line escaped already, or again)."""
    for line in text.split("\n"):
        say(line, err)


def say_utf8(line: str) -> None:
    """Print one line, escaped, in UTF-8 to a file or a pipe (in the console's encoding to a console)."""
    if quiet():
        return
    if sys.stdout.isatty():
        say(line)
    else:
        click.echo(printable(line).encode("utf-8"))
