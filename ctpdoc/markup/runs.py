"""The WordprocessingML writer: the only module that emits or edits Word markup.

It takes text segments (plain, inserted, deleted) and gives runs for docxtpl's
``{{r …}}`` tags; after rendering it finishes the document's lxml tree through
python-docx's oxml elements (``OxmlElement``, ``insert_element_before``, which keep
the schema's order): whole table rows marked (status shading, inserted and deleted
rows with their paragraph marks), every revision numbered uniquely, the document's
language and direction set. The facts it follows on revisions are in ECMA-376
§17.13.5 (see ``shared/spec/REVISIONS.md``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from lxml import etree

from ctpdoc.model import Op, Segment, accepted
from ctpdoc.package.namespaces import NSMAP, qn

_SPECIAL = re.compile(r'[&<>"{}]')
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;", "}": "&#125;"}
_PIECES = re.compile(r"(\n|\t)")


@dataclass(frozen=True)
class Revision:
    """Who made the tracked changes and when (the issue date keeps builds identical)."""

    author: str
    date: str  # ISO 8601, e.g. 2025-03-28T00:00:00Z

    @property
    def attributes(self) -> str:
        return f'w:id="0" w:author="{escape(self.author)}" w:date="{self.date}"'

    def element(self, tag: str) -> etree._Element:
        """An empty revision mark (``w:ins`` or ``w:del``) of this author and date, numbered later."""
        return OxmlElement(tag, {qn("w:id"): "0", qn("w:author"): self.author, qn("w:date"): self.date})


def escape(text: str) -> str:
    """XML-escape, braces included: docxtpl rewrites ``{_{`` in its output."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m[0]], text) if _SPECIAL.search(text) else text


class Runs:
    """Cell text as Word runs, ready for a ``{{r …}}`` tag.

    ``__html__`` tells Jinja's autoescape that this is markup already: every
    piece of text inside has been escaped here.
    """

    def __init__(
        self,
        segments: Sequence[Segment],
        lang: str,
        revision: Revision | None = None,
        bookmark: tuple[str, int] | None = None,
        rtl: bool = False,
    ) -> None:
        self.segments = tuple(s for s in segments if s.text)
        self.lang = lang
        self.revision = revision
        self.bookmark = bookmark
        self.rtl = rtl

    def __str__(self) -> str:
        return accepted(self.segments)

    def __repr__(self) -> str:
        return f"Runs({self.segments!r})"

    def __html__(self) -> str:
        body = "".join([self.segment_xml(s) for s in self.segments])
        if self.bookmark:
            name, number = self.bookmark
            body = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{body}<w:bookmarkEnd w:id="{number}"/>'
        return body

    def segment_xml(self, segment: Segment) -> str:
        if segment.op is Op.EQUAL or self.revision is None:
            if segment.op is Op.DELETE:
                return ""  # an untracked document shows the text as it now stands
            return self.run_xml(segment.text, "w:t")
        tag = "w:ins" if segment.op is Op.INSERT else "w:del"
        text_tag = "w:t" if segment.op is Op.INSERT else "w:delText"
        return f"<{tag} {self.revision.attributes}>{self.run_xml(segment.text, text_tag)}</{tag}>"

    def run_xml(self, text: str, text_tag: str) -> str:
        rtl = "<w:rtl/>" if self.rtl else ""
        lang = f' w:bidi="{self.lang}"' if self.rtl else ""
        properties = f'<w:rPr>{rtl}<w:lang w:val="{self.lang}"{lang}/></w:rPr>'
        return f"<w:r>{properties}{''.join(piece_xml(p, text_tag) for p in _PIECES.split(text) if p)}</w:r>"


def piece_xml(piece: str, text_tag: str) -> str:
    if piece == "\n":
        return "<w:br/>"
    if piece == "\t":
        return "<w:tab/>"
    return f'<{text_tag} xml:space="preserve">{escape(piece)}</{text_tag}>'


# ---------------------------------------------------------------- after rendering
#
# docxtpl has rendered the document and python-docx holds it as a tree of its oxml element classes;
# each function below walks that tree once.


@dataclass(frozen=True)
class RowMark:
    """What the row holding a bookmark gets: a shading, and maybe a row revision."""

    fill: str | None = None
    op: Op = Op.EQUAL


ROW_BOOKMARK = "_ctpRow"  # the prefix of the bookmarks context.RowBuilder puts in each row's first cell
# Children of w:tcPr after w:shd (CT_TcPr), of w:trPr after w:ins/w:del (CT_TrPr), of w:pPr after
# w:rPr (CT_PPrBase + CT_PPr) and of w:rPr (paragraph mark, CT_ParaRPr) after w:ins/w:del.
_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
                  "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")  # fmt: skip
_AFTER_ROW_MARK = ("w:trPrChange",)
_AFTER_MARK_RPR = ("w:sectPr", "w:pPrChange")
_PARAGRAPH_MARK_FIRST = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")


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


def remove(element: etree._Element) -> None:
    """Take an element out, keeping the text that follows it (lxml keeps a tail with its element)."""
    parent = element.getparent()
    assert parent is not None
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def mark_row(row: etree._Element, mark: RowMark, revision: Revision | None) -> None:
    if mark.fill:
        for cell in row.iterchildren(qn("w:tc")):
            shade_cell(cell, mark.fill)
    if mark.op is not Op.EQUAL and revision is not None:
        tag = "w:ins" if mark.op is Op.INSERT else "w:del"
        properties = row.get_or_add_trPr()
        properties.insert_element_before(revision.element(tag), *_AFTER_ROW_MARK)
        for paragraph in row.iter(qn("w:p")):
            mark_paragraph(paragraph, revision.element(tag))


def shade_cell(cell: etree._Element, fill: str) -> None:
    properties = cell.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    properties.insert_element_before(shading, *_AFTER_SHADING)


def mark_paragraph(paragraph: etree._Element, change: etree._Element) -> None:
    """The paragraph mark inserted or deleted with its row (``w:pPr/w:rPr/w:ins|w:del``), as Word writes it:
    without it, accepting a deleted row in LibreOffice leaves the row, empty."""
    properties = paragraph.get_or_add_pPr()
    mark = properties.find(qn("w:rPr"))
    if mark is None:
        mark = properties.insert_element_before(OxmlElement("w:rPr"), *_AFTER_MARK_RPR)
    for old in mark.findall(change.tag):
        mark.remove(old)
    mark.insert(0 if change.tag == qn("w:ins") or mark.find(qn("w:ins")) is None else 1, change)


# Revision elements (ECMA-376 §17.13.5) that carry a w:id; the first group are the ones Word and
# LibreOffice list in their Review pane (property changes and row marks are shown with them).
REVIEWED = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")
REVISION_TAGS = (*REVIEWED, "w:rPrChange", "w:pPrChange", "w:sectPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange",
                 "w:tblGridChange", "w:tblPrExChange", "w:numberingChange", "w:cellIns", "w:cellDel", "w:cellMerge")  # fmt: skip
_OTHER_IDS = ("w:bookmarkStart", "w:commentRangeStart", "w:commentReference", "w:moveFromRangeStart", "w:moveToRangeStart")


def number_revisions(root: etree._Element, start: int = 1) -> None:
    """Give every revision mark a unique ``w:id``, clear of the bookmarks' and comments' ids."""
    taken = {element.get(qn("w:id")) for element in root.iter(*map(qn, _OTHER_IDS))}
    numbers = (str(n) for n in itertools.count(start) if str(n) not in taken)
    for element in root.iter(*map(qn, REVISION_TAGS)):
        element.set(qn("w:id"), next(numbers))


def count_revisions(root: etree._Element) -> int:
    """Tracked changes as the reader's Review pane lists them: one per stretch of inserted or deleted text.

    A stretch runs on across a paragraph mark inserted or deleted with it (a deleted status label and the
    deleted progress below it in one cell are one change), and stops at unchanged text, at a change of the
    other kind and at the end of a cell. A row's own mark (``w:trPr``) is shown with the row's text. Only
    the revisions are visited, each looking back at what precedes it."""
    count = 0
    for change in root.iter(qn("w:ins"), qn("w:del")):
        parent = change.getparent()
        if parent is None or parent.tag == qn("w:trPr"):
            continue
        if parent.tag == qn("w:rPr"):  # a paragraph mark: w:p/w:pPr/w:rPr/w:ins
            paragraph = parent.getparent().getparent()
            before = last_kind(paragraph) if len(paragraph) > 1 else mark_before(paragraph)
        else:
            before = previous_kind(change)
        if before != change.tag:
            count += 1
    return count


_NEUTRAL = {qn(tag) for tag in ("w:pPr", "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart", "w:permEnd")}
_CHANGES = {qn("w:ins"), qn("w:del")}


def previous_kind(element: etree._Element) -> str | None:
    """The kind of change just before a run-level change: its neighbour in the paragraph, or the mark ending the
    paragraph before it in the same cell."""
    for sibling in element.itersiblings(preceding=True):
        if sibling.tag not in _NEUTRAL:
            return sibling.tag if sibling.tag in _CHANGES else None
    paragraph = element.getparent()
    return mark_before(paragraph) if paragraph is not None and paragraph.tag == qn("w:p") else None


def last_kind(paragraph: etree._Element) -> str | None:
    for child in reversed(paragraph):
        if child.tag not in _NEUTRAL:
            return child.tag if child.tag in _CHANGES else None
    return mark_before(paragraph)


def mark_before(paragraph: etree._Element) -> str | None:
    """The kind of the paragraph mark of the paragraph just before, when it is in the same cell."""
    previous = paragraph.getprevious()
    if previous is None or previous.tag != qn("w:p"):
        return None
    return paragraph_mark(previous)


def paragraph_mark(paragraph: etree._Element) -> str | None:
    mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if mark is None:
        return None
    return next((child.tag for child in mark if child.tag in _CHANGES), None)


# ---------------------------------------------------------------- language and direction

# Children of w:pPr after w:bidi (CT_PPrBase), and of w:tblPr after w:bidiVisual (CT_TblPr).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip


def retag_language(root: etree._Element, tag: str) -> None:
    """Runs already marked with the document's language take its exact tag (fr-FR → fr-BE)."""
    primary = tag.split("-")[0]
    for language in root.iter(qn("w:lang")):
        if language.get(qn("w:val"), "").split("-")[0] == primary:
            language.set(qn("w:val"), tag)


def set_default_language(styles: etree._Element, tag: str, right_to_left: bool) -> None:
    """The language in the style defaults (``word/styles.xml``), which every run inherits."""
    defaults = child(styles, "w:docDefaults", first=True)
    language = child(child(child(defaults, "w:rPrDefault", first=True), "w:rPr"), "w:lang")
    language.set(qn("w:val"), tag)
    if right_to_left:
        language.set(qn("w:bidi"), tag)
    retag_language(styles, tag)


def make_right_to_left(root: etree._Element) -> None:
    """Paragraphs and tables of a right-to-left language read from the right.

    Only each paragraph's own ``w:pPr`` is touched: the ``w:pPr`` kept inside a ``w:pPrChange`` is the
    paragraph's former formatting."""
    for paragraph in root.iter(qn("w:p")):
        properties = paragraph.get_or_add_pPr()
        if properties.find(qn("w:bidi")) is None:
            properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for table in root.iter(qn("w:tbl")):
        table.tblPr.get_or_add_bidiVisual()


def child(parent: etree._Element, name: str, first: bool = False) -> etree._Element:
    """The child ``name`` (``w:…``), created (first, or last) when missing."""
    found = parent.find(qn(name))
    if found is None:
        found = OxmlElement(name)
        parent.insert(0, found) if first else parent.append(found)
    return found



# docxtpl leaves an empty run each side of a ``{{r …}}`` tag: a w:r holding an empty w:t and at most its properties.
_EMPTY_RUNS = etree.XPath(
    ".//w:r[w:t[not(node())]][count(w:t) = 1][not(*[not(self::w:t or self::w:rPr)])]",
    namespaces=NSMAP,
)


def drop_empty_runs(root: etree._Element) -> None:
    """Runs that show nothing, which docxtpl leaves around the runs a ``{{r …}}`` tag puts in."""
    for run in _EMPTY_RUNS(root):
        remove(run)
