"""One policy for every Office package ctpdoc opens (``.xlsx``, ``.docx``, templates): sizes, signatures, XML.

Takes a path or an open zip; gives what the file's first bytes say it is (an
old Compound File, a password-protected package, text) and whether its zip
directory declares sizes too large to unzip safely. Each reader words the
advice for its own users (Excel or Word); the limits are the same for all.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024  # a workbook of 10,000 activities, or a report with its annexes, is a few MB
MAX_PART_BYTES = 256 * 1024 * 1024  # uncompressed size of any one part
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # uncompressed size of all parts
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls/.doc, or an encrypted .xlsx/.docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected package is kept in


def is_compound_file(head: bytes) -> bool:
    return head.startswith(OLE_SIGNATURE)


def is_encrypted(path: Path) -> bool:
    """A Compound File holding an ``EncryptedPackage`` stream: an Office file saved with a password."""
    return _ENCRYPTED[:18] in path.read_bytes()


def looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head


@dataclass(frozen=True)
class Oversized:
    """A package whose zip directory declares more than may be unzipped."""

    largest: zipfile.ZipInfo
    total: int


def oversized(entries: list[zipfile.ZipInfo]) -> Oversized | None:
    """The declared sizes, checked before any part is unzipped (a zip bomb is refused unopened)."""
    if not entries:
        return None
    largest = max(entries, key=lambda e: e.file_size)
    total = sum(e.file_size for e in entries)
    if largest.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
        return Oversized(largest, total)
    return None
