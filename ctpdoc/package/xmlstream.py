"""XML read as a stream under limits: the bytes counted as they are inflated, the elements, their depth, each text.

A zip's directory says how large each part is, but it may lie, and a part that is truly small in bytes may
still hold a million table rows that cost gigabytes once built into objects. So the Word and XLIFF readers
parse through :func:`parse_limited` (a tree, for Word's XML) or :func:`stream_limited` (element by element,
for XLIFF): the bytes are counted as the parser reads them, and their start tags with them, in all and for
the elements with bounds of their own (Word's rows, cells and paragraphs, each read by Python code) (a regular
expression over each chunk, before the parser sees it), so the first bound passed stops the reading with
:class:`TooLarge`, saying which, before the tree grows past it; libxml2 bounds the depth (256) and each
text (10 MB) itself. Each reader words the advice for its own users. No DTD is loaded, no entity
resolved, nothing fetched from the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from lxml import etree

from ctpdoc.package.ooxml import PARSER_POLICY, xml_parser

CHUNK = 1 << 20
_START = re.compile(rb"<[A-Za-z_]")  # a start tag (or an empty element's): one element each


@dataclass(frozen=True)
class Limits:
    """What one XML part may hold."""

    data: int = 128 * 1024 * 1024  # bytes of XML, counted as they are inflated
    elements: int = 3_000_000  # some 143 bytes each once parsed by lxml: 430 MB
    counted: str = ""  # the local name of an element with a bound of its own (e.g. "tr", a table row)
    most: int = 0  # elements of that name
    also: tuple[tuple[str, int], ...] = ()  # further elements with bounds of their own: (local name, most)

    def bounds(self) -> dict[str, int]:
        """Each element with a bound of its own (by local name) and its most."""
        return {**({self.counted: self.most} if self.counted else {}), **dict(self.also)}


class TooLarge(Exception):
    """A bound passed; ``str()`` says which, e.g. ``more than 3,000,000 XML elements``."""


class Counted:
    """A stream that refuses to give more than the limits allow: bytes as inflated, elements, counted elements."""

    def __init__(self, stream: IO[bytes], limits: Limits) -> None:
        self.stream = stream
        self.limits = limits
        self.bytes = self.elements = 0
        self.tail = b""
        self.bounds = {name.encode(): most for name, most in limits.bounds().items()}
        self.seen = dict.fromkeys(self.bounds, 0)
        names = b"|".join(re.escape(name) for name in self.bounds)
        self.named = re.compile(rb"<(?:[\w.-]+:)?(" + names + rb")[\s/>]") if self.bounds else None

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size and 0 < size <= CHUNK else CHUNK)
        self.bytes += len(data)
        if self.bytes > self.limits.data:
            raise TooLarge(f"more than {self.limits.data // 2**20:,} MB of XML once unzipped")
        scanned = self.tail + data
        cut = scanned.rfind(b"<")  # a tag name the chunk may cut short is counted with the next chunk
        if cut < 0 or len(scanned) - cut > 64 or not data:
            cut = len(scanned)
        self.elements += len(_START.findall(scanned, 0, cut))
        if self.elements > self.limits.elements:
            raise TooLarge(f"more than {self.limits.elements:,} XML elements")
        if self.named is not None:
            found = self.named.findall(scanned, 0, cut)
            for name, most in self.bounds.items():
                self.seen[name] += found.count(name) if len(self.bounds) > 1 else len(found)
                if self.seen[name] > most:
                    raise TooLarge(f"more than {most:,} <{name.decode()}> elements")
        self.tail = scanned[cut:]
        return data


def parse_limited(source: IO[bytes], limits: Limits) -> etree._Element:
    """The whole tree, built only while every bound holds."""
    try:
        return etree.parse(Counted(source, limits), xml_parser()).getroot()
    except etree.XMLSyntaxError as exc:
        raise too_large(exc) from None


def stream_limited(source: IO[bytes], limits: Limits, tag: str, each: Callable[[etree._Element], None]) -> etree._Element:
    """``each(element)`` at the end of every ``tag`` element (Clark notation; it may clear what it has read);
    gives the root once done."""
    events = etree.iterparse(Counted(source, limits), events=("end",), tag=tag, **PARSER_POLICY, huge_tree=False)
    try:
        for _, element in events:
            each(element)
    except etree.XMLSyntaxError as exc:
        raise too_large(exc) from None
    root: etree._Element = events.root
    return root


def too_large(error: etree.XMLSyntaxError) -> TooLarge | etree.XMLSyntaxError:
    """libxml2's own bounds said as ours; any other syntax error as it is."""
    message = str(error)
    if "Excessive depth" in message or "depth" in message.lower() and "limit" in message.lower():
        return TooLarge("XML elements nested more than 256 deep")
    if "Text node too long" in message or "huge text" in message.lower():
        return TooLarge("a text of more than 10,000,000 characters")
    return error


def has_doctype(root: etree._Element) -> bool:
    """A document type declaration (where entities are declared): ctpdoc's inputs never need one."""
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None
