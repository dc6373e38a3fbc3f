"""Errors for people: every problem carries the place it was found and what to do.

Stages collect :class:`Problem` objects in a :class:`Report` and raise once,
so that a drafter sees every mistake in one run. Every user-facing error is a
:class:`CtpdocError` with an exit code; the command line (and only it) prints
its :meth:`~CtpdocError.format_message`, one line a problem, never a traceback.
"""

from __future__ import annotations

import enum
import os
import re
import shlex
from dataclasses import dataclass, field

from ctpdoc.model import Location

EXIT_INPUT = 1
EXIT_USAGE = 2


# Characters that could forge a line, or hide or reorder text, in a message: line and paragraph breaks,
# other control characters, bidirectional overrides (what a file name or a cell holds is shown escaped), and the
# lone surrogates a file name that is not UTF-8 is read with (which no encoding can print).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
QUOTE_LENGTH = 80
_PLAIN = re.compile(r"[\w./:=@+,-]+")  # a word every shell takes as it is, unquoted
WINDOWS = os.name == "nt"  # the user types commands into the Command Prompt or PowerShell, not a POSIX shell


def printable(text: str) -> str:
    """``text`` on one line: a line break as ⏎, any other control or direction character as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: "⏎" if m[0] in "\n\r\u2028\u2029" else f"\\u{ord(m[0]):04x}", text)


def quoted(text: str, length: int = QUOTE_LENGTH) -> str:
    """A text from the input, for a message: in quotes, on one line, shortened."""
    flat = printable(text)
    return f'"{flat[: length - 1]}…"' if len(flat) > length else f'"{flat}"'


def shell_argument(text: str) -> str:
    """``text`` as one argument of a command to type, quoted as the user's shell takes it: in single quotes on
    POSIX shells (where ``!`` and ``$`` in double quotes are expanded: ``'Part I!L5'``), in double quotes on
    Windows, where the Command Prompt takes no single quotes and PowerShell takes both (a ``"`` inside doubled)."""
    if WINDOWS:
        return '"' + text.replace('"', '""') + '"'
    return shlex.quote(text)


def command(*words: str) -> str:
    """A ctpdoc command line to suggest in a message, each word quoted where the shell needs it."""
    return " ".join(("ctpdoc", *(word if _PLAIN.fullmatch(word) else shell_argument(word) for word in words)))


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def as_data(self) -> tuple[str, str, str, str, str]:
        """Plain data (:mod:`ctpdoc.remembered` keeps it between runs); :meth:`from_data` gives it back."""
        where = self.location
        return where.file, where.sheet, where.cell, self.message, self.severity.value

    @classmethod
    def from_data(cls, data: tuple[str, str, str, str, str]) -> Problem:
        file, sheet, cell, message, severity = data
        return cls(Location(file, sheet, cell), message, Severity(severity))

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return printable(f"{self.location}: {prefix}{self.message}")


@dataclass
class Report:
    """A collector of problems; ``raise_if_errors`` stops the stage once."""

    problems: list[Problem] = field(default_factory=list)
    cells_in_error: set[Location] = field(default_factory=set)

    def error(self, location: Location, message: str) -> None:
        """Record an error; a cell already in error keeps its first (most precise) message."""
        if location.cell:
            if location in self.cells_in_error:
                return
            self.cells_in_error.add(location)
        self.problems.append(Problem(location, message))

    def warn(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message, Severity.WARNING))

    def extend(self, other: Report) -> None:
        """Another report's problems, in their order, as if recorded here."""
        for problem in other.problems:
            if problem.severity is Severity.ERROR:
                self.error(problem.location, problem.message)
            else:
                self.warn(problem.location, problem.message)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors)


class CtpdocError(Exception):
    """A mistake in the inputs or the environment, told in one line."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return printable(self.message)

    def __str__(self) -> str:
        return self.message


class InputError(CtpdocError):
    """One or more problems in the workbooks or templates."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        return (InputError, (self.problems,))  # raised in a worker process, shown by the main one

    def format_message(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self.message}\n{count} {noun} found; nothing was written."


def fail(location: Location, message: str) -> InputError:
    """A single problem, to raise where collecting more makes no sense."""
    return InputError([Problem(location, message)])


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 cell``, ``2 cells``, ``0 warnings``: a count and its noun, agreed (English messages)."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"
