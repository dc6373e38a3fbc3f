"""One policy for every Office package ctpdoc opens (``.xlsx``, ``.docx``, templates): sizes, signatures, XML.

Takes a path, an open zip or a part's bytes; gives what the file's first bytes
say it is (an old Compound File, a password-protected package, text), whether
its zip directory declares sizes too large to unzip safely, and a part's XML
parsed under one policy: no DTD, no entity, no network, no huge tree (lxml),
the same that defusedxml enforces where the standard library's ElementTree
reads (sheets) and that :mod:`ctpdoc.package.xmlstream` applies to the Word
and XLIFF streams (lxml). Each reader words the advice for its own users
(Excel or Word); the limits are the same for all.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

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


# The one lxml parser policy for the XML ctpdoc reads: entities are never expanded, no DTD or network is fetched,
# and a tree deeper or a text node larger than libxml2's safe defaults is refused (huge_tree off). Only ctpdoc's
# own output, read back (the copy converted to PDF), may be as large as it is.
PARSER_POLICY = {"resolve_entities": False, "no_network": True, "load_dtd": False}


def xml_parser(own_output: bool = False) -> etree.XMLParser:
    """lxml's parser under the policy above; ``own_output``: a document ctpdoc wrote, with no size bound."""
    return etree.XMLParser(**PARSER_POLICY, huge_tree=own_output)


def pull_parser(tags: Iterable[str]) -> etree.XMLPullParser:
    """A parser fed a part piece by piece, under the policy above, giving the start and end of the elements
    ``tags`` (Clark names) only; what it builds is the part's tree, which the caller may prune as it goes."""
    return etree.XMLPullParser(events=("start", "end"), tag=list(tags), **PARSER_POLICY)


_PARSER = xml_parser()


class UnsafeXml(ValueError):
    """A part that declares a DTD or entities: no Office application writes one; an "XML bomb" does."""

    def __init__(self, part: str) -> None:
        super().__init__(f'{part} declares XML entities (an "XML bomb") and is refused')
        self.part = part


def parse_xml(data: bytes, part: str) -> etree._Element:
    """A part's bytes as an lxml tree under the policy above; :class:`UnsafeXml` for declarations,
    ``etree.XMLSyntaxError`` for XML that is not well-formed."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise UnsafeXml(part)
    return etree.fromstring(data, _PARSER)
