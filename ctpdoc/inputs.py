"""Files ctpdoc reads, opened safely: regular files only, never blocking, small ones bounded before parsing.

:func:`open_regular` opens a file without blocking (``O_NONBLOCK``: a FIFO with no writer, a device) and
refuses, with its path, anything that is not a regular file: a FIFO, a device, a socket, a folder; no
read ever waits on one. :func:`read_toml` reads the small TOML files ctpdoc keeps (``ctpdoc.toml``, the
record of texts in step): their size is checked before they are read and their nesting before
``tomllib`` (which recurses, one level a bracket) parses them.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ctpdoc.errors import CtpdocError

MAX_NESTING = 32  # arrays and inline tables within each other: ctpdoc's own files need two
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]', re.DOTALL
)  # strings and comments (skipped whole, so that their brackets do not count) and the brackets themselves


class NotRegular(CtpdocError):
    """An input that is not a regular file; raised before anything waits on it."""

    def __init__(self, shown: Path | str, kind: str, advice: str = "give the file itself") -> None:
        super().__init__(f"{shown}: is {kind}, not a file; {advice}")
        self.shown = shown
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a regular file")


def irregular(path: Path) -> str | None:
    """What is wrong with ``path`` if it exists and is not a regular file (by ``stat``: nothing is opened), for a
    message that names the file; ``None`` for a regular file, and for one missing or unreadable (the reader
    says so in its own words)."""
    try:
        kind = kind_of(path.stat().st_mode)
    except (OSError, ValueError):
        return None
    return f"is {kind}, not a file; give the file itself" if kind else None


def open_regular(path: Path, shown: Path | str | None = None) -> IO[bytes]:
    """``path`` opened for reading in binary, or :class:`NotRegular` at once; ``OSError`` as ``open`` raises it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        kind = kind_of(mode)
        if kind is not None:
            raise NotRegular(shown or path, kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def content_digest(path: Path, limit: int) -> bytes | None:
    """The SHA-256 of a regular file's bytes (opened as :func:`open_regular` opens it: nothing waits); ``None`` for
    anything else, left to the reader to report: not a regular file, over ``limit`` bytes, unreadable (locked)."""
    try:
        with open_regular(path) as stream:
            if os.fstat(stream.fileno()).st_size > limit:
                return None
            digest = hashlib.sha256()
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
            return digest.digest()
    except (OSError, CtpdocError):
        return None


def nesting(text: str) -> int:
    """The deepest nesting of brackets (``[``, ``{``) in a TOML text, outside its strings and comments."""
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match[0]
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(depth - 1, 0)
    return deepest


def read_toml(path: Path, limit: int, advice: str, parse: Callable[[str], dict[str, Any]] = tomllib.loads) -> dict[str, Any]:
    """A small TOML file: refused (:class:`~ctpdoc.errors.CtpdocError`, with ``advice``: what to do) when it is
    not a regular file, larger than ``limit`` bytes or nested deeper than :data:`MAX_NESTING`, before it is
    parsed; else its data. Which of these it was is in the message."""
    try:
        with open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                raise CtpdocError(
                    f"{path}: is {describe_size(size)}, over the {describe_size(limit)} such a file may hold; {advice}"
                )
            data = stream.read(limit + 1)
        if len(data) > limit:  # grew while read
            raise CtpdocError(f"{path}: is over the {describe_size(limit)} such a file may hold; {advice}")
        text = data.decode("utf-8")
    except NotRegular as exc:
        raise NotRegular(path, exc.kind, advice) from None
    except UnicodeDecodeError as exc:
        raise CtpdocError(f"{path}: cannot be read (not UTF-8 text: {exc.reason} at byte {exc.start}); {advice}") from None
    except OSError as exc:
        raise CtpdocError(f"{path}: cannot be read ({exc.strerror or exc}); {advice}") from None
    if nesting(text) > MAX_NESTING:
        raise CtpdocError(f"{path}: nests brackets more than {MAX_NESTING} deep, which no file of ctpdoc's does; {advice}")
    try:
        return parse(text)
    except tomllib.TOMLDecodeError as exc:
        raise CtpdocError(f"{path}: is not valid TOML ({exc}); {advice}") from None
    except (RecursionError, MemoryError):  # a nesting the scan above let through: refused all the same
        raise CtpdocError(f"{path}: is nested too deep to be read; {advice}") from None


def describe_size(size: int) -> str:
    return f"{size // 2**20:,} MB" if size >= 2**20 else f"{size // 1024:,} KB" if size >= 1024 else f"{size} bytes"
