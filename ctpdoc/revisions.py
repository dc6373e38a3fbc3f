"""The WordprocessingML writer: the only module that emits or edits Word markup.

It takes text segments (plain, inserted, deleted) and gives runs for docxtpl's
``{{r …}}`` tags; after rendering it marks whole table rows (status shading,
inserted and deleted rows), numbers every revision uniquely, and sets the
document's language and direction. The facts it follows on revisions are in
ECMA-376 §17.13.5 (see ``shared/spec/REVISIONS.md``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_SPECIAL = re.compile(r'[&<>"{}]')
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;", "}": "&#125;"}
_PIECES = re.compile(r"(\n|\t)")


class Op(enum.Enum):
    EQUAL = "="
    INSERT = "+"
    DELETE = "-"


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class Revision:
    """Who made the tracked changes and when (the issue date keeps builds identical)."""

    author: str
    date: str  # ISO 8601, e.g. 2025-03-28T00:00:00Z

    @property
    def attributes(self) -> str:
        return f'w:id="0" w:author="{escape(self.author)}" w:date="{self.date}"'


def escape(text: str) -> str:
    """XML-escape, braces included: docxtpl rewrites ``{_{`` in its output."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m[0]], text) if _SPECIAL.search(text) else text


def accepted(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op is not Op.DELETE)


def rejected(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op is not Op.INSERT)


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

    @property
    def changed(self) -> bool:
        return any(s.op is not Op.EQUAL for s in self.segments)

    def __html__(self) -> str:
        body = "".join(self.segment_xml(s) for s in self.segments)
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


@dataclass(frozen=True)
class RowMark:
    """What the row holding a bookmark gets: a shading, and maybe a row revision."""

    fill: str | None = None
    op: Op = Op.EQUAL


def mark_rows(root: etree._Element, marks: dict[str, RowMark], revision: Revision | None) -> None:
    """Shade and mark the table rows whose cells hold the context's bookmarks, then drop them."""
    for start in root.iter(f"{_W}bookmarkStart"):
        mark = marks.get(start.get(f"{_W}name", ""))
        row = next(start.iterancestors(f"{_W}tr"), None)
        if mark is None or row is None:
            continue
        if mark.fill:
            shade_row(row, mark.fill)
        if mark.op is not Op.EQUAL and revision is not None:
            mark_row(row, mark.op, revision)
    drop_bookmarks(root, marks)


def drop_bookmarks(root: etree._Element, marks: dict[str, RowMark]) -> None:
    ids = set()
    for start in list(root.iter(f"{_W}bookmarkStart")):
        if start.get(f"{_W}name") in marks:
            ids.add(start.get(f"{_W}id"))
            start.getparent().remove(start)
    for end in list(root.iter(f"{_W}bookmarkEnd")):
        if end.get(f"{_W}id") in ids:
            end.getparent().remove(end)


def shade_row(row: etree._Element, fill: str) -> None:
    for cell in row.iterchildren(f"{_W}tc"):
        properties = cell.find(f"{_W}tcPr")
        if properties is None:
            properties = etree.SubElement(cell, f"{_W}tcPr")
            cell.insert(0, properties)
        for old in properties.findall(f"{_W}shd"):
            properties.remove(old)
        shading = etree.Element(f"{_W}shd", {f"{_W}val": "clear", f"{_W}color": "auto", f"{_W}fill": fill})
        insert_in_order(properties, shading, TC_PR_ORDER)


def mark_row(row: etree._Element, op: Op, revision: Revision) -> None:
    properties = row.find(f"{_W}trPr")
    if properties is None:
        properties = etree.Element(f"{_W}trPr")
        tbl_pr_ex = row.find(f"{_W}tblPrEx")
        row.insert(1 if tbl_pr_ex is not None else 0, properties)
    tag = "ins" if op is Op.INSERT else "del"
    etree.SubElement(
        properties,
        f"{_W}{tag}",
        {f"{_W}id": "0", f"{_W}author": revision.author, f"{_W}date": revision.date},
    )


# Child order of w:tcPr (CT_TcPr), which the schema enforces.
TC_PR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
)  # fmt: skip


def insert_in_order(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    rank = order.index(etree.QName(child).localname)
    for i, sibling in enumerate(parent):
        name = etree.QName(sibling).localname
        if name in order and order.index(name) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


REVISION_TAGS = ("ins", "del", "rPrChange", "pPrChange", "trPrChange", "tblPrChange", "cellIns", "cellDel")


def number_revisions(root: etree._Element, start: int = 1) -> int:
    """Give every revision mark a unique ``w:id``; return the next free id."""
    taken = {
        el.get(f"{_W}id")
        for el in root.iter(f"{_W}bookmarkStart", f"{_W}commentRangeStart", f"{_W}commentReference")
    }
    next_id = start
    for element in root.iter(*(f"{_W}{tag}" for tag in REVISION_TAGS)):
        while str(next_id) in taken:
            next_id += 1
        element.set(f"{_W}id", str(next_id))
        next_id += 1
    return next_id


def count_revisions(root: etree._Element) -> int:
    return sum(1 for _ in root.iter(*(f"{_W}{tag}" for tag in REVISION_TAGS)))


# ---------------------------------------------------------------- language and direction

# Child order of w:pPr and w:tblPr (CT_PPrBase, CT_TblPr), which the schema enforces.
P_PR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip
TBL_PR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
    "tblPrChange",
)  # fmt: skip


def set_language(styles: etree._Element, parts: Sequence[etree._Element], tag: str, right_to_left: bool) -> None:
    """The language in the style defaults, and in every run already marked with the same language.

    A translator's Word may have stamped fr-FR where the settings ask for fr-BE.
    """
    defaults = child(styles, "docDefaults", first=True)
    properties = child(child(defaults, "rPrDefault", first=True), "rPr")
    language = child(properties, "lang")
    language.set(f"{_W}val", tag)
    if right_to_left:
        language.set(f"{_W}bidi", tag)
    primary = tag.split("-")[0]
    others = etree.XPath("//w:lang[@w:val != $tag and starts-with(@w:val, $primary)]", namespaces={"w": W})
    for part in (styles, *parts):
        for element in others(part, tag=tag, primary=primary):
            if element.get(f"{_W}val", "").split("-")[0] == primary:
                element.set(f"{_W}val", tag)


def make_right_to_left(parts: Sequence[etree._Element]) -> None:
    """Paragraphs and tables of a right-to-left language read from the right."""
    for part in parts:
        for paragraph in part.iter(f"{_W}p"):
            properties = child(paragraph, "pPr", first=True)
            if properties.find(f"{_W}bidi") is None:
                insert_in_order(properties, etree.Element(f"{_W}bidi"), P_PR_ORDER)
        for table in part.iter(f"{_W}tbl"):
            properties = child(table, "tblPr", first=True)
            if properties.find(f"{_W}bidiVisual") is None:
                insert_in_order(properties, etree.Element(f"{_W}bidiVisual"), TBL_PR_ORDER)


def child(parent: etree._Element, name: str, first: bool = False) -> etree._Element:
    """The child ``w:name``, created (first, or last) when missing."""
    found = parent.find(f"{_W}{name}")
    if found is None:
        found = etree.Element(f"{_W}{name}")
        parent.insert(0, found) if first else parent.append(found)
    return found
