"""Reading a Word document back: a .docx in, its body as paragraphs and tables of plain text out.

Takes the path of a ``.docx`` (ctpdoc's own output or a report made by hand) and gives its
:class:`Body`: every top-level paragraph and table in order, read as if every tracked change were
accepted or, on request, rejected. A table cell's text keeps its line breaks (a soft ``w:br`` or a
paragraph end is ``\\n``); a row keeps its cells' shading, for statuses shown by colour only.

The file is checked before it is parsed, as the workbook reader checks a workbook
(:mod:`ctpdoc.workbooks.identity`): what it really is (an encrypted document is an OLE compound file, an old
``.doc``, a damaged zip), its size once unzipped (zip bombs), and no DTD or entity declaration
(XML bombs); lxml parses with entities left unresolved and no network.
"""

from __future__ import annotations

import colorsys
import enum
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ctpdoc.errors import fail
from ctpdoc.inputs import irregular
from ctpdoc.model import Location
from ctpdoc.package.namespaces import W
from ctpdoc.package.ooxml import MAX_FILE_BYTES, MAX_TOTAL_BYTES, is_compound_file, is_encrypted, oversized
from ctpdoc.package.xmlstream import Limits, TooLarge, has_doctype, parse_limited
from ctpdoc.shape import StatusSpec, ptc_shape
from ctpdoc.word.numbering import paragraph_numbers

NS = {"w": W}
MAX_SPAN = 63  # grid columns a cell can cover: Word's limit of columns in a table
BODY_PART = "word/document.xml"
PTC_STATUSES = ptc_shape().statuses  # the shadings a document is read with when no shape is given
XML_BOMB = 'contains XML entity declarations (an "XML bomb") and is refused; save it again from Word as .docx'
MAX_ACTIVITIES = 16_000  # the build's bound, across both programmes
# A report of MAX_ACTIVITIES activities is some 64 XML elements and 1.7 KB of XML an activity (measured on the
# sample's tracked build), a few times that once edited in Word: the bounds leave room, and stop a part that
# would cost more than the process's memory (about 143 bytes an element once parsed) or a minute to read.
# Rows, cells and paragraphs are each read by Python code (some 10 µs a paragraph): the sample has 5.6 paragraphs and
# 4.9 cells an activity, so 25 of each an activity leave room four times over and keep two documents at the bound
# within a minute (issue 30: 2,950,000 empty paragraphs, under the element bound, kept import busy for 98 s).
LIMITS = Limits(
    data=128 * 2**20,
    elements=3_000_000,
    counted="tr",
    most=3 * MAX_ACTIVITIES,
    also=(("tc", 25 * MAX_ACTIVITIES), ("p", 25 * MAX_ACTIVITIES)),
)


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Revisions(enum.Enum):
    """How tracked changes in the input are read."""

    ACCEPT = "accept"
    REJECT = "reject"


# ---------------------------------------------------------------- what the body holds


@dataclass(frozen=True)
class Paragraph:
    index: int  # the paragraph's place in the body (1-based), tables' paragraphs not counted
    text: str
    number: int | None = None  # the number Word prints before it ("11."), where a decimal list numbers it


@dataclass(frozen=True)
class Cell:
    text: str
    fill: str | None  # the cell's shading, as RRGGBB
    span: int  # grid columns the cell covers (w:gridSpan)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    repeated_header: bool  # w:tblHeader: Word repeats it on each page

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    @property
    def fill(self) -> str | None:
        """The row's shading: the fill most of its cells share (a hand-made report may shade only some)."""
        fills = Counter(cell.fill for cell in self.cells if cell.fill)
        return fills.most_common(1)[0][0] if fills else None


@dataclass(frozen=True)
class Table:
    index: int  # 1-based, in body order
    rows: tuple[TableRow, ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Body:
    name: str  # the file name, for messages
    blocks: tuple[Block, ...]
    languages: Counter[str]  # w:lang values (e.g. fr-FR) by the number of runs carrying them
    default_language: str | None  # the document defaults' w:lang (styles.xml): often Word's installation language
    authors: Counter[str]  # who signed the tracked changes

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]


# ---------------------------------------------------------------- opening safely


def what_is_wrong(path: Path) -> str | None:
    """``None`` for a readable-looking .docx, else what the file is and what to do."""
    size = path.stat().st_size
    if size == 0:
        return "is empty (0 bytes); save it again from Word"
    if size > MAX_FILE_BYTES:
        return f"is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; remove pictures and save it again"
    with path.open("rb") as stream:
        head = stream.read(8)
    if is_compound_file(head):
        if is_encrypted(path):
            return "is password-protected; remove the password in Word (File › Info › Protect Document) and save it as .docx"
        return "is an old Word 97-2003 document (.doc); open it in Word and save it as Word Document (.docx)"
    if not head.startswith(b"PK"):
        return "is not a Word document (.docx); open it in Word and save it as Word Document (.docx)"
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if BODY_PART not in archive.namelist():
                return "is a zip file but not a Word document; save it from Word as Word Document (.docx)"
    except (zipfile.BadZipFile, OSError, EOFError):
        return "is damaged or truncated (an incomplete copy?); restore it from a copy or save it again from Word"
    too_big = oversized(entries)
    if too_big:
        largest = too_big.largest
        return (
            f"expands to more than {MAX_TOTAL_BYTES // 2**20} MB ({largest.filename}: {largest.file_size // 2**20} MB) "
            "and is refused as unsafe; save it again from Word"
        )
    return None


def read_xml_part(path: Path, name: str) -> etree._Element | None:
    """One XML part of the package, parsed as a stream under :data:`LIMITS` (the bytes counted as they are
    inflated, whatever the zip declares); ``None`` when the package lacks it."""
    where = Location(path.name)
    try:
        with zipfile.ZipFile(path) as archive:
            if name not in archive.namelist():
                return None
            with archive.open(name) as stream:
                root = parse_limited(stream, LIMITS)
    except TooLarge as exc:
        raise fail(
            where,
            f"{name} holds {exc}, more than a report of {MAX_ACTIVITIES:,} activities needs; it is refused as unsafe: "
            "check that it is the report, or save it again from Word without what was added",
        ) from None
    except etree.XMLSyntaxError as exc:
        raise fail(
            where, f"is damaged ({name} is not well-formed XML); restore it from a copy or save it again from Word"
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise fail(where, "is damaged (a part cannot be unzipped); restore it from a copy or save it again from Word") from exc
    if has_doctype(root):
        raise fail(where, XML_BOMB)
    return root


def read_docx(path: Path, changes: Revisions = Revisions.ACCEPT) -> Body:
    """The body of the document at ``path``, every tracked change accepted or rejected."""
    where = Location(path.name)
    if not path.is_file():
        raise fail(where, irregular(path) or f"not found in {path.parent}; check the path")
    problem = what_is_wrong(path)
    if problem:
        raise fail(where, problem)
    root = read_xml_part(path, BODY_PART)
    body = root.find(q("body")) if root is not None else None
    if root is None or body is None:
        raise fail(where, "has no document body; save it again from Word as .docx")
    languages = Counter(node.get(q("val"), "") for node in root.iter(q("lang")) if node.get(q("val")))
    authors = Counter(
        node.get(q("author"), "") for node in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")) if node.get(q("author"))
    )
    resolved = settle(body, changes)
    styles = read_xml_part(path, "word/styles.xml")
    numbers = paragraph_numbers(styles, read_xml_part(path, "word/numbering.xml"), list(body_paragraphs(resolved)))
    return Body(path.name, tuple(blocks(resolved, numbers)), languages, styles_language(styles), authors)


def default_language(path: Path) -> str | None:
    """The language of the document's default run properties (styles.xml)."""
    return styles_language(read_xml_part(path, "word/styles.xml"))


def styles_language(styles: etree._Element | None) -> str | None:
    found = styles.xpath("w:docDefaults//w:lang/@w:val", namespaces=NS) if styles is not None else []
    return str(found[0]) if found else None


# ---------------------------------------------------------------- tracked changes


def settle(body: etree._Element, changes: Revisions) -> etree._Element:
    """``body`` with every revision accepted (or rejected), as Word's Accept All / Reject All (changed in place:
    the tree was parsed for this reading alone)."""
    dropped, kept = ("del", "moveFrom"), ("ins", "moveTo")
    if changes is Revisions.REJECT:
        dropped, kept = kept, dropped
    for row in body.xpath(f"//w:tr[w:trPr/w:{dropped[0]}]", namespaces=NS):
        row.getparent().remove(row)
    for tag in dropped:
        for element in body.xpath(f"//w:{tag}[not(parent::w:trPr) and not(parent::w:rPr)]", namespaces=NS):
            element.getparent().remove(element)
    for tag in kept:
        for element in body.xpath(f"//w:{tag}[not(parent::w:trPr) and not(parent::w:rPr)]", namespaces=NS):
            unwrap(element)
    for node in body.iter(q("delText")):
        node.tag = q("t")
    # A paragraph mark deleted (accepted) or inserted (rejected) joins the paragraph to the next.
    for mark in body.xpath(f"//w:p/w:pPr/w:rPr/w:{dropped[0]}", namespaces=NS):
        paragraph = mark.getparent().getparent().getparent()
        paragraph.set("joined", "1")
    return body


def unwrap(element: etree._Element) -> None:
    """The element's children in its place (each moved next to it: no search among its siblings, so
    150,000 insertions in one paragraph take a moment, not minutes)."""
    for child in reversed(list(element)):
        element.addnext(child)
    element.getparent().remove(element)


# ---------------------------------------------------------------- text


def blocks(body: etree._Element, numbers: Sequence[int | None] = ()) -> Iterator[Block]:
    """The body's paragraphs and tables in order; ``numbers``: the paragraphs' printed numbers, in order."""
    paragraphs = tables = 0
    for child in body:
        if child.tag == q("tbl"):
            tables += 1
            yield Table(tables, tuple(read_rows(child)))
        for paragraph in body_paragraphs_of(child):
            paragraphs += 1
            yield Paragraph(
                paragraphs, paragraph_text(paragraph), numbers[paragraphs - 1] if paragraphs <= len(numbers) else None
            )


def body_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        yield from body_paragraphs_of(child)


def body_paragraphs_of(child: etree._Element) -> Iterator[etree._Element]:
    """A body paragraph, or those of a content control around body paragraphs (a cover page, a table of contents)."""
    if child.tag == q("p"):
        yield child
    elif child.tag == q("sdt"):
        content = child.find(q("sdtContent"))
        for inner in content if content is not None else ():
            if inner.tag == q("p"):
                yield inner


# Tag names, made once: a report of 16,000 activities reads some half a million cells.
_TR, _TC, _P, _R, _T, _DEL_TEXT, _BR, _CR, _TAB, _NB_HYPHEN = (
    q(t) for t in ("tr", "tc", "p", "r", "t", "delText", "br", "cr", "tab", "noBreakHyphen")
)
_TC_PR, _SHD, _GRID_SPAN, _VAL, _TYPE, _SDT_CONTENT = (q(t) for t in ("tcPr", "shd", "gridSpan", "val", "type", "sdtContent"))
_HEADER_PATH = f"{q('trPr')}/{q('tblHeader')}"
_TEXT = {_T, _DEL_TEXT}


def read_rows(table: etree._Element) -> Iterator[TableRow]:
    for row in table.iter(_TR):
        if row.getparent() is not table:
            continue  # a row of a table nested in a cell belongs to that cell's text
        header = row.find(_HEADER_PATH) is not None
        cells = tuple(
            read_cell(cell) for cell in row.iter(_TC) if cell.getparent() is row or cell.getparent().tag == _SDT_CONTENT
        )
        yield TableRow(cells, header)


def read_cell(cell: etree._Element) -> Cell:
    properties = cell.find(_TC_PR)
    fill = None
    span = 1
    if properties is not None:
        fill = shading(properties.find(_SHD))
        grid = properties.find(_GRID_SPAN)
        given = (grid.get(_VAL) or "") if grid is not None else ""
        if given.isascii() and given.isdigit():
            span = max(1, min(int(given[:4]) if len(given) <= 4 else MAX_SPAN, MAX_SPAN))
    return Cell(cell_text(cell), fill, span)


def shading(shd: etree._Element | None) -> str | None:
    if shd is None:
        return None
    fill = (shd.get(q("fill")) or "").upper()
    if len(fill) == 6 and fill != "FFFFFF":
        return fill
    color = (shd.get(q("color")) or "").upper()
    if shd.get(_VAL) == "solid" and len(color) == 6:
        return color  # a solid pattern shows its pattern colour
    return None


def cell_text(cell: etree._Element) -> str:
    """The cell's paragraphs joined by line breaks (a joined paragraph mark joins without one)."""
    out: list[str] = []
    for paragraph in cell.iter(_P):
        out.append(paragraph_text(paragraph))
        out.append("" if paragraph.get("joined") else "\n")
    return "".join(out[:-1]) if out else ""


def paragraph_text(paragraph: etree._Element) -> str:
    pieces: list[str] = []
    for node in paragraph.iter(_T, _DEL_TEXT, _BR, _CR, _TAB, _NB_HYPHEN, _P):
        tag = node.tag
        if tag in _TEXT:
            pieces.append(node.text or "")
        elif tag == _BR:
            if node.get(_TYPE) in (None, "textWrapping"):
                pieces.append("\n")
        elif tag == _CR:
            pieces.append("\n")
        elif tag == _TAB:
            if node.getparent().tag == _R:
                pieces.append("\t")
        elif tag == _NB_HYPHEN:
            pieces.append("\u2011")
        elif tag == _P and node is not paragraph:
            pieces.append("\n")  # a paragraph nested in a text box or a nested table
    return "".join(pieces)


# ---------------------------------------------------------------- statuses shown by colour


def hue_status(fill: str | None, statuses: Sequence[StatusSpec] = PTC_STATUSES) -> str | None:
    """The status a shading stands for: its declared colour, else the status whose colour's hue is nearest (within
    45°; a hand-made report has its own shades of blue, green or red). White, grey and black stand for none."""
    if not fill:
        return None
    exact = next((s.key for s in statuses if s.colour.casefold() == fill.casefold()), None)
    if exact is not None:
        return exact
    hue = colour_hue(fill)
    if hue is None:
        return None
    hues = [(min(abs(hue - h), 360 - abs(hue - h)), s.key) for s in statuses if (h := colour_hue(s.colour)) is not None]
    distance, key = min(hues, default=(360.0, ""))
    return str(key) if distance <= 45 else None


def colour_hue(fill: str) -> float | None:
    """The hue of a hex RGB colour in degrees; ``None`` for white, grey, black or what is not a colour."""
    try:
        red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.08 or value < 0.2:
        return None
    return hue * 360
