"""Table rows marked after rendering: status shading, inserted and deleted rows, the shading's change tracked.

docxtpl has rendered the document and python-docx holds it as an lxml tree; children are added in the
schema's order (:mod:`ctpdoc.markup.elements`). The context puts a
bookmark in each activity row's first cell; :func:`mark_rows` finds those rows once, shades their
cells by status, marks inserted and deleted rows with their paragraph marks (``w:trPr``), and, in a
tracked document, keeps a changed status's former shading in each cell's ``w:tcPrChange`` (ECMA-376
§17.13.5; see ``shared/spec/REVISIONS.md``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from ctpdoc.markup.elements import add_before, element, properties, successors
from ctpdoc.markup.runs import Revision, remove
from ctpdoc.model import Op
from ctpdoc.package.namespaces import qn


@dataclass(frozen=True)
class RowMark:
    """What the row holding a bookmark gets: a shading, and maybe a row revision.

    ``recoloured``: the row's status changed since the baseline, when its shading was ``previous_fill``
    (``None``: none); the tracked document keeps that in each cell's ``w:tcPrChange``, so that rejecting
    the changes restores it."""

    fill: str | None = None
    op: Op = Op.EQUAL
    recoloured: bool = False
    previous_fill: str | None = None


_SHADING = qn("w:shd")
# Children of w:tcPr after w:shd (CT_TcPr), of w:trPr after w:ins/w:del (CT_TrPr) and of w:pPr after
# w:rPr (CT_PPrBase + CT_PPr); a paragraph mark's w:ins/w:del come first in its w:rPr (CT_ParaRPr, mark_paragraph).
_AFTER_SHADING = successors("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                            "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")  # fmt: skip
_AFTER_ROW_MARK = successors("w:trPrChange")
_AFTER_MARK_RPR = successors("w:sectPr", "w:pPrChange")


def mark_rows(root: etree._Element, marks: dict[str, RowMark], revision: Revision | None) -> None:
    """Shade and mark the table rows whose first cell holds one of the context's bookmarks, then drop them.

    The row is the bookmark's nearest ``w:tr``: a table nested in a cell of that row keeps its own cells.
    """
    ours: set[str] = set()
    for start in list(root.iter(qn("w:bookmarkStart"))):
        mark = marks.get(start.get(qn("w:name"), ""))
        if mark is None:
            continue
        ours.add(start.get(qn("w:id"), ""))
        row = next(start.iterancestors(qn("w:tr")), None)
        remove(start)
        if row is not None:
            mark_row(row, mark, revision)
    for end in list(root.iter(qn("w:bookmarkEnd"))):
        if end.get(qn("w:id")) in ours:
            remove(end)


def mark_row(row: etree._Element, mark: RowMark, revision: Revision | None) -> None:
    recolour = revision is not None and mark.op is Op.EQUAL and mark.recoloured and mark.previous_fill != mark.fill
    for cell in row.iterchildren(qn("w:tc")):
        if recolour:
            assert revision is not None
            track_shading(cell, mark.previous_fill, revision)
        if mark.fill:
            shade_cell(cell, mark.fill)
    if mark.op is not Op.EQUAL and revision is not None:
        tag = "w:ins" if mark.op is Op.INSERT else "w:del"
        add_before(properties(row, "w:trPr"), revision.element(tag), _AFTER_ROW_MARK)
        for paragraph in row.iter(qn("w:p")):
            mark_paragraph(paragraph, revision.element(tag))


def shade_cell(cell: etree._Element, fill: str) -> None:
    shade_cell_properties(properties(cell, "w:tcPr"), fill)


def shade_cell_properties(cell_properties: etree._Element, fill: str) -> None:
    for old in cell_properties.findall(_SHADING):
        cell_properties.remove(old)
    add_before(cell_properties, cell_properties.makeelement(_SHADING, {**_CLEAR, _FILL: fill}), _AFTER_SHADING)


_CLEAR = {qn("w:val"): "clear", qn("w:color"): "auto"}  # a shading of one colour, as Word writes it
_FILL = qn("w:fill")


def track_shading(cell: etree._Element, previous: str | None, revision: Revision) -> None:
    """The cell's properties as they were (the template's, with the baseline's shading) kept in a ``w:tcPrChange``,
    the last child of ``w:tcPr`` (ECMA-376 §17.13.5.37): Reject All restores them, Accept All drops them."""
    current = properties(cell, "w:tcPr")
    for old in current.findall(qn("w:tcPrChange")):
        current.remove(old)
    former = copy.deepcopy(current)
    if previous:
        shade_cell_properties(former, previous)
    else:
        for old in former.findall(_SHADING):
            former.remove(old)
    change = revision.element("w:tcPrChange")
    change.append(former)
    current.append(change)


def mark_paragraph(paragraph: etree._Element, change: etree._Element) -> None:
    """The paragraph mark inserted or deleted with its row (``w:pPr/w:rPr/w:ins|w:del``), as Word writes it:
    without it, accepting a deleted row in LibreOffice leaves the row, empty."""
    paragraph_properties = properties(paragraph, "w:pPr")
    mark = paragraph_properties.find(qn("w:rPr"))
    if mark is None:
        mark = add_before(paragraph_properties, element(paragraph_properties, "w:rPr"), _AFTER_MARK_RPR)
    for old in mark.findall(change.tag):
        mark.remove(old)
    mark.insert(0 if change.tag == qn("w:ins") or mark.find(qn("w:ins")) is None else 1, change)
