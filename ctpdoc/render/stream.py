"""The body's table rows finished and written one at a time, instead of the whole body held as one tree.

docxtpl parses a rendered body into one lxml tree (``DocxTemplate.fix_tables``), which python-docx then holds and
writes; at 2,000 activities that tree is some 40 MB in each process, most of it the annex rows. Here the rendered body
is parsed piece by piece (lxml's pull parser): each row of a table of the body, once parsed, is finished as
:func:`ctpdoc.render.fill.finish` finishes the whole body (the steps are each element's own: :func:`finish_part`),
its revisions numbered in the document's order, its tracked changes counted, and written out as bytes; the tree keeps
a placeholder (:data:`PLACEHOLDER`) for each stretch of rows, and :func:`splice` puts the rows back into the saved
``document.xml``. What docxtpl's ``fix_tables`` does to a table's grid (columns added or dropped by a ``{%tc …%}``
loop) is done with the counts gathered row by row (:func:`fix_grid`). Revisions outside the rows are numbered as
their start is parsed, those of a row once it is finished: the document's order, as
:func:`ctpdoc.markup.numbering.number_revisions` numbers the whole tree. The bytes are those the whole tree gives:
tests/render/test_stream.py compares both ways on the sample, on 300 activities, on the example's starter templates
and on a template with bookmarks of its own.

A body this cannot stream as the whole tree would be finished raises :class:`Unstreamable`, and docxtpl's own parse
takes it whole: a picture in a table row (docxtpl numbers pictures over the whole body), a tracked formatting change
in the template outside the rows, a row of the context's inside a table's content control.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ctpdoc.errors import fail
from ctpdoc.markup.language import make_right_to_left, retag_language
from ctpdoc.markup.leadins import keep_lead_ins
from ctpdoc.markup.numbering import REVISION_TAGS, count_revisions
from ctpdoc.markup.ranges import join_ranges_in
from ctpdoc.markup.rows import RowMark, mark_rows
from ctpdoc.markup.runs import Revision, drop_empty_runs
from ctpdoc.model import Location
from ctpdoc.package.namespaces import W, qn
from ctpdoc.package.ooxml import pull_parser

_TR, _TC, _TBL, _BODY = qn("w:tr"), qn("w:tc"), qn("w:tbl"), qn("w:body")
_REVISIONS = tuple(qn(tag) for tag in REVISION_TAGS)
_FORMAT_CHANGE = qn("w:rPrChange")
_PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_ID = qn("w:id")
ROWS_NAMESPACE = "urn:ctpdoc:rows"
PLACEHOLDER = f"{{{ROWS_NAMESPACE}}}rows"  # where a stretch of rows goes back, written <ctpdoc:rows … n="…"/>
_PLACED = re.compile(rb'<ctpdoc:rows xmlns:ctpdoc="urn:ctpdoc:rows" n="(\d+)"/>')
CHUNK = 1 << 20


class Unstreamable(Exception):
    """A body to be parsed and finished whole (docxtpl's way)."""


@dataclass(frozen=True)
class Finishing:
    """What every part of a rendered body gets after docxtpl: the context's row marks and revision, the
    document's language tag and direction; ``where`` names the template in errors."""

    marks: dict[str, RowMark]
    revision: Revision | None
    tag: str
    right_to_left: bool
    where: Location


def finish_part(root: etree._Element, finishing: Finishing, body: bool = False) -> None:
    """The steps of finishing that are each element's own, on the whole body or on one row of it: fields written
    without ``r`` refused, rows marked, empty runs dropped, lead-ins kept with what follows (``body``: the body's
    own paragraphs), then :func:`finish_text`."""
    check_runs_in_text(root, finishing.where)
    mark_rows(root, finishing.marks, finishing.revision)
    drop_empty_runs(root)
    if body:
        keep_lead_ins(root)
    finish_text(root, finishing)


def finish_text(root: etree._Element, finishing: Finishing) -> None:
    """Ranges joined, language and direction set: the body's, a row's, a header's or a footer's."""
    join_ranges_in(root)  # the template's own year ranges; the context's are joined already
    retag_language(root, finishing.tag)
    if finishing.right_to_left:
        make_right_to_left(root)


def check_runs_in_text(root: etree._Element, where: Location) -> None:
    """A field written ``{{ row.x }}`` instead of ``{{r row.x }}`` puts runs inside a text element."""
    if _TEXT_WITH_ELEMENTS(root):
        raise fail(where, "a table field is written {{ row.… }}; write it {{r row.… }} (with r) in Word")


_TEXT_WITH_ELEMENTS = etree.XPath("boolean(.//w:t[*])", namespaces={"w": W})


@dataclass
class Table:
    """What docxtpl's grid fix needs of a table's rows: the most cells in a row, the widest row in grid columns."""

    most_cells: int = 0
    widest: int = 0

    def count(self, row: etree._Element, spanning: bool = True) -> None:
        """``spanning``: whether a cell may span columns (else the row's width is its number of cells)."""
        cells = len(row.findall(_TC))
        self.most_cells = max(self.most_cells, cells)
        spans = sum(span(grid_span) - 1 for grid_span in _SPANS(row)) if spanning else 0
        self.widest = max(self.widest, cells + spans)


# Each cell's span as docxtpl reads it: its first properties' first w:gridSpan.
_SPANS = etree.XPath("w:tc/w:tcPr[1]/w:gridSpan[1]", namespaces={"w": W})


def span(grid_span: etree._Element) -> int:
    """The grid columns a cell spans; a span that is no number is docxtpl's to report."""
    value = grid_span.get(qn("w:val")) or ""
    if not value.isdigit():
        raise Unstreamable("a cell's span that is no number")
    return int(value)


def fix_grid(table: etree._Element, rows: Table) -> None:
    """docxtpl's ``fix_tables`` for one table, its rows counted already: grid columns added when a row has more cells
    than the grid (the table's width shared anew), dropped when no row is as wide (their width shared out)."""
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        raise Unstreamable("a table without a grid")
    width_name = qn("w:w")
    columns = grid.findall(qn("w:gridCol"))
    to_add = max(0, rows.most_cells - len(columns))
    if to_add > 0:
        width = sum(float(c.get(width_name)) for c in columns if c.get(width_name) is not None)
        if width > 0:
            old_average = width / len(columns)
            new_average = width / (len(columns) + to_add)
            for c in columns:
                c.set(width_name, str(int(float(c.get(width_name)) * new_average / old_average)))
            for _ in range(to_add):
                etree.SubElement(grid, qn("w:gridCol"), {width_name: str(int(new_average))})
    columns = grid.findall(qn("w:gridCol"))
    to_remove = len(columns) - rows.widest
    if to_remove > 0:
        removed_width = 0.0
        for c in columns[-to_remove:]:
            removed_width += float(c.get(width_name))
            grid.remove(c)
        left = grid.findall(qn("w:gridCol"))
        extra = int(removed_width / len(left)) if left else 0
        for c in left:
            c.set(width_name, str(int(float(c.get(width_name)) + extra)))


def fix_grids(root: etree._Element, counted: dict[etree._Element, Table]) -> None:
    """Every table's grid under ``root``, its rows under it counted with those counted before (``counted``)."""
    for table in root.iter(_TBL):
        rows = counted.get(table, Table())
        for row in table.iter(_TR):
            rows.count(row)
        fix_grid(table, rows)


@dataclass
class StreamedBody:
    """A rendered body parsed row by row (:meth:`parse`); :attr:`rows` holds each stretch's finished rows as bytes,
    :attr:`revisions` the tracked changes counted in them."""

    finishing: Finishing
    rows: list[list[bytes]] = field(default_factory=list)
    revisions: int = 0
    openings: dict[etree._Element, bytes] = field(default_factory=dict)

    def parse(self, text: str) -> etree._Element:
        """The body's document with each of its tables' rows finished, numbered and put aside; the rest of the body
        numbered too, to be finished whole. :class:`Unstreamable` when it cannot be done row by row."""
        if f'xmlns:w="{W}"' not in text[: text.find(">")]:
            raise Unstreamable("the main namespace under another prefix")
        numbers = revision_numbers(text, self.finishing.marks)
        parser = pull_parser((_TR, _PICTURE, *_REVISIONS))
        counted: dict[etree._Element, Table] = {}
        row: etree._Element | None = None
        for start in range(0, len(text), CHUNK):
            parser.feed(text[start : start + CHUNK])
            for event, element in parser.read_events():
                if row is not None:
                    if event == "end" and element is row:
                        self.put_aside(row, numbers, counted)
                        row = None
                    elif element.tag == _PICTURE:
                        raise Unstreamable("a picture in a table row")
                elif event != "start":
                    continue
                elif element.tag == _TR:
                    table = element.getparent()
                    if table is not None and table.tag == _TBL and getattr(table.getparent(), "tag", None) == _BODY:
                        row = element
                elif element.tag in _REVISION_SET:
                    if element.tag == _FORMAT_CHANGE:
                        raise Unstreamable("a tracked formatting change outside the rows")
                    element.set(_ID, next(numbers))
        root = parser.close()
        for bookmark in root.iter(qn("w:bookmarkStart")):
            if bookmark.get(qn("w:name")) in self.finishing.marks and next(bookmark.iterancestors(_TR), None) is not None:
                raise Unstreamable("a row of the context's inside a content control")
        fix_grids(root, counted)
        return root

    def put_aside(self, row: etree._Element, numbers: Iterator[str], counted: dict[etree._Element, Table]) -> None:
        table = row.getparent()
        assert table is not None
        finish_part(row, self.finishing)
        fix_grids(row, {})  # the tables nested in it, whole in it
        for revision in row.iter(*_REVISIONS):
            revision.set(_ID, next(numbers))
        self.revisions += count_revisions(row)
        data = etree.tostring(row, encoding="UTF-8")
        rows = counted.setdefault(table, Table())
        spanning = b"gridSpan" in data  # most rows have no cell spanning columns: their width is their cells
        for each in row.iter(_TR):
            rows.count(each, spanning)
        opening = self.openings.get(table) or self.openings.setdefault(table, start_tag(table))
        if not data.startswith(opening) or data[len(opening) : len(opening) + 6] == b" xmlns":
            raise Unstreamable("a row declaring namespaces of its own")
        data = b"<w:tr" + data[len(opening) :]
        previous = row.getprevious()
        if previous is not None and previous.tag == PLACEHOLDER and previous.get("n") == str(len(self.rows) - 1):
            self.rows[-1].append(data)
        else:
            row.addprevious(row.makeelement(PLACEHOLDER, {"n": str(len(self.rows))}, nsmap={"ctpdoc": ROWS_NAMESPACE}))
            self.rows.append([data])
        table.remove(row)


def start_tag(table: etree._Element) -> bytes:
    """How lxml opens a row of ``table`` written on its own: ``<w:tr`` and every namespace in scope declared."""
    probe = etree.SubElement(table, _TR)
    try:
        written: bytes = etree.tostring(probe, encoding="UTF-8")
        return written[: -len(b"/>")]
    finally:
        table.remove(probe)


_REVISION_SET = frozenset(_REVISIONS)
_IDS = re.compile(r"<w:(bookmarkStart|commentRangeStart|commentReference|moveFromRangeStart|moveToRangeStart)\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\bw:(id|name)="([^"]*)"')


def revision_numbers(text: str, marks: dict[str, RowMark]) -> Iterator[str]:
    """The ids revisions take, in order (:func:`ctpdoc.markup.numbering.number_revisions`): from 1, clear of the
    bookmarks' and comments' ids that stay in the document (the context's bookmarks go with the row marks)."""
    taken = set()
    for match in _IDS.finditer(text):
        attributes = dict(_ATTRIBUTE.findall(match[2]))
        if match[1] == "bookmarkStart" and attributes.get("name") in marks:
            continue
        taken.add(attributes.get("id"))
    return (str(n) for n in itertools.count(1) if str(n) not in taken)


def splice(document: bytes, rows: list[list[bytes]]) -> Iterator[bytes]:
    """The saved ``document.xml``, its placeholders replaced by the rows put aside, in pieces."""
    at = 0
    for match in _PLACED.finditer(document):
        yield document[at : match.start()]
        yield from rows[int(match[1])]
        at = match.end()
    yield document[at:]
