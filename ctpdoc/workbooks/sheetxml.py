"""A sheet's XML read beside openpyxl: what its read-only mode does not give, and how big the sheet really is.

Takes an open workbook zip and a sheet's part; gives merged ranges, hidden
rows, formulas saved without their result and the cells present, from a
streamed survey (a sheet with nothing to find is not parsed element by
element). XML is parsed with defusedxml, so entity tricks ("billion laughs")
are refused.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree

from defusedxml.ElementTree import iterparse, parse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass
class SheetFacts:
    """What a sheet's XML says that read-only openpyxl does not, and how big it really is."""

    merged: list[str] = field(default_factory=list)  # ranges below the header, e.g. "A3:A4"
    hidden_rows: set[int] = field(default_factory=set)
    formulas_without_value: set[str] = field(default_factory=set)  # "D7"
    cells: int = 0  # cells present in the XML


MAX_CELLS_IN_ROW = 16_384  # Excel's own limit (column XFD)
MAX_CELLS = 1_000_000  # per sheet: some 80,000 activities, and a bound on what openpyxl builds for one row


class SheetTooLarge(Exception):
    """The sheet holds more cells than a programme can, and is refused before openpyxl reads it."""


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip entry of its XML, from ``xl/workbook.xml`` and its relationships."""
    book = parse_part(archive, "xl/workbook.xml")
    rels = parse_part(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return parts


def parse_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    with archive.open(name) as stream:
        root: ElementTree.Element = parse(stream).getroot()
        return root


def read_sheet_facts(archive: zipfile.ZipFile, part: str) -> SheetFacts:
    """Scan one sheet's XML (``part``, as :func:`sheet_parts` names it), streamed from the zip (defusedxml:
    entity declarations are refused).

    A first pass over the bytes counts the cells (a bound for what openpyxl will build) and looks for the
    markup of what the checks report; only a sheet that has some is parsed element by element.
    Raises :class:`SheetTooLarge` past the limits."""
    with archive.open(part) as stream:
        cells, marked = survey(stream)
    if cells > MAX_CELLS:
        raise SheetTooLarge(f"{cells:,} cells")
    if not marked:
        return SheetFacts(cells=cells)
    with archive.open(part) as stream:
        return scan_sheet(stream)


_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MARKERS = re.compile(rb"mergeCell|hidden=|<(?:\w+:)?f[\s>/]|<!")  # merged cells, hidden rows, formulas, declarations
CHUNK = 1 << 20


def survey(stream: IO[bytes]) -> tuple[int, bool]:
    """Cells in a sheet part, and whether it holds any markup the element-by-element scan looks for."""
    cells = 0
    marked = False
    tail = b""
    while chunk := stream.read(CHUNK):
        data = tail + chunk
        cut = max(data.rfind(b"<"), 0)  # the tag the chunk may cut short is looked at with the next chunk
        cells += len(_CELL_TAG.findall(data, 0, cut))
        marked = marked or _MARKERS.search(data) is not None
        tail = data[cut:]
    return cells + len(_CELL_TAG.findall(tail)), marked


def scan_sheet(stream: IO[bytes]) -> SheetFacts:
    """One streaming pass over a worksheet part, each element dropped once seen (bounded memory)."""
    facts = SheetFacts()
    in_row = 0
    for _, element in iterparse(stream, events=("end",)):
        tag = element.tag
        if tag == f"{_MAIN}c":
            in_row += 1
            facts.cells += 1
            if element.find(f"{_MAIN}f") is not None and not (element.findtext(f"{_MAIN}v") or "").strip():
                facts.formulas_without_value.add(element.get("r", ""))
            element.clear()
            if in_row > MAX_CELLS_IN_ROW or facts.cells > MAX_CELLS:
                raise SheetTooLarge(f"{in_row:,} cells in one row" if in_row > MAX_CELLS_IN_ROW else f"over {MAX_CELLS:,} cells")
        elif tag == f"{_MAIN}row":
            in_row = 0
            if element.get("hidden") in ("1", "true"):
                facts.hidden_rows.add(int(element.get("r", "0") or 0))
            element.clear()
        elif tag == f"{_MAIN}mergeCell":
            ref = element.get("ref", "")
            rows = [int(m[2]) for part in ref.split(":") if (m := _CELL.match(part))]
            if rows and max(rows) >= 2:
                facts.merged.append(ref)
    return facts
