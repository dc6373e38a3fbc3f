"""The WordprocessingML writer: the only module that emits or edits Word markup.

It takes text segments (plain, inserted, deleted) and gives runs for docxtpl's
``{{r …}}`` tags; after rendering it marks whole table rows (status shading,
inserted and deleted rows), numbers every revision uniquely, and sets the
document's language and direction. The facts it follows on revisions are in
ECMA-376 §17.13.5 (see ``shared/spec/REVISIONS.md``).
"""

from __future__ import annotations

import enum
import functools
import itertools
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
# docxtpl renders a part as text. Its rows, revisions and languages are finished here on that text,
# as UTF-8 bytes, in single linear passes: a 10,000-row document is 25 MB of XML, which as an lxml
# tree takes ten times that in memory and seconds to build, and as a Python string twice its size
# (measured: tools/bench.py).


@dataclass(frozen=True)
class RowMark:
    """What the row holding a bookmark gets: a shading, and maybe a row revision."""

    fill: str | None = None
    op: Op = Op.EQUAL


_BOOKMARK = re.compile(rb'<w:bookmarkStart w:id="(\d+)" w:name="(_ctpRow\d+)"/>')
_BOOKMARK_END = re.compile(rb'<w:bookmarkEnd w:id="(\d+)"/>')
_CELL = re.compile(rb"(<w:tc(?:\s[^>]*)?>)(?:<w:tcPr>(.*?)</w:tcPr>|<w:tcPr/>)?", re.DOTALL)
_ROW_START = re.compile(rb"(<w:tr(?:\s[^>]*)?>(?:<w:tblPrEx>.*?</w:tblPrEx>|<w:tblPrEx/>)?)(?:<w:trPr>(.*?)</w:trPr>|<w:trPr/>)?", re.DOTALL)
_SHADING = re.compile(rb"<w:shd\b[^>]*/>")
# Children of w:tcPr that the schema puts after w:shd (CT_TcPr).
_AFTER_SHADING = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")


def mark_rows(xml: bytes, marks: dict[str, RowMark], revision: Revision | None) -> bytes:
    """Shade and mark the table rows whose cells hold the context's bookmarks, then drop the bookmarks."""
    out: list[bytes] = []
    done = 0
    ours: set[bytes] = set()
    for bookmark in _BOOKMARK.finditer(xml):
        mark = marks.get(bookmark[2].decode())
        if mark is None:
            continue
        ours.add(bookmark[1])
        start = max(xml.rfind(b"<w:tr>", done, bookmark.start()), xml.rfind(b"<w:tr ", done, bookmark.start()))
        end = xml.find(b"</w:tr>", bookmark.end())
        if start < 0 or end < 0:
            continue  # not in a table row
        out += [xml[done:start], mark_row(xml[start:end], mark, revision)]
        done = end
    out.append(xml[done:])
    xml = _BOOKMARK.sub(lambda m: b"" if m[1] in ours else m[0], b"".join(out))
    return _BOOKMARK_END.sub(lambda m: b"" if m[1] in ours else m[0], xml)


def mark_row(row: bytes, mark: RowMark, revision: Revision | None) -> bytes:
    if mark.fill:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{mark.fill}"/>'.encode()
        row = _CELL.sub(lambda m: m[1] + b"<w:tcPr>" + insert_before(_SHADING.sub(b"", m[2] or b""), shading, _AFTER_SHADING) + b"</w:tcPr>", row)
    if mark.op is not Op.EQUAL and revision is not None:
        tag = "w:ins" if mark.op is Op.INSERT else "w:del"
        change = f"<{tag} {revision.attributes}/>".encode()
        row = _ROW_START.sub(lambda m: m[1] + b"<w:trPr>" + insert_before(m[2] or b"", change, ("trPrChange",)) + b"</w:trPr>", row, count=1)
    return row


def insert_before(content: bytes, new: bytes, later: tuple[str, ...]) -> bytes:
    """Insert ``new`` into an element's content before the first child the schema puts after it."""
    match = _later_pattern(later).search(content)
    at = match.start() if match else len(content)
    return content[:at] + new + content[at:]


@functools.cache
def _later_pattern(later: tuple[str, ...]) -> re.Pattern[bytes]:
    return re.compile(rf"<w:(?:{'|'.join(later)})\b".encode())


REVISION_TAGS = ("ins", "del", "rPrChange", "pPrChange", "trPrChange", "tblPrChange", "cellIns", "cellDel")
_REVISION_ID = re.compile(rf'(<w:(?:{"|".join(REVISION_TAGS)})\b[^>]*?\sw:id=")(\d+)(")'.encode())
_OTHER_ID = re.compile(rb'<w:(?:bookmarkStart|commentRangeStart|commentReference)\b[^>]*?\sw:id="(\d+)"')


def number_revisions(xml: bytes, start: int = 1) -> tuple[bytes, int]:
    """Give every revision mark a unique ``w:id`` (clear of bookmarks' and comments'); also its count."""
    taken = {int(n) for n in _OTHER_ID.findall(xml)}
    counter = itertools.count(start)
    count = 0

    def next_id(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        number = next(counter)
        while number in taken:
            number = next(counter)
        return match[1] + str(number).encode() + match[3]

    return _REVISION_ID.sub(next_id, xml), count


# ---------------------------------------------------------------- language and direction

_LANG = re.compile(rb'(<w:lang\b[^>]*?\sw:val=")([A-Za-z]{2,3})((?:-[A-Za-z0-9]+)*)(")')
# Children of w:pPr after w:bidi (CT_PPrBase), and of w:tblPr after w:bidiVisual (CT_TblPr).
_AFTER_BIDI = (
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
_AFTER_BIDI_VISUAL = (
    "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip
_PARAGRAPH = re.compile(rb"(<w:p(?:\s[^>]*)?>)(?:<w:pPr>(.*?)</w:pPr>|<w:pPr/>)?", re.DOTALL)
_EMPTY_PARAGRAPH = re.compile(rb"<w:p(\s[^>]*?)?/>")
_TABLE = re.compile(rb"(<w:tbl>)(?:<w:tblPr>(.*?)</w:tblPr>|<w:tblPr/>)?", re.DOTALL)


def retag_language(xml: bytes, tag: str) -> bytes:
    """Runs already marked with the document's language take its exact tag (fr-FR → fr-BE)."""
    primary = tag.split("-")[0].encode()
    new = tag.encode()
    return _LANG.sub(lambda m: m[1] + new + m[4] if m[2] == primary else m[0], xml)


def set_default_language(styles: etree._Element, tag: str, right_to_left: bool) -> None:
    """The language in the style defaults (``word/styles.xml``), which every run inherits."""
    defaults = child(styles, "docDefaults", first=True)
    language = child(child(child(defaults, "rPrDefault", first=True), "rPr"), "lang")
    language.set(f"{_W}val", tag)
    if right_to_left:
        language.set(f"{_W}bidi", tag)
    for element in styles.iter(f"{_W}lang"):
        if element.get(f"{_W}val", "").split("-")[0] == tag.split("-")[0]:
            element.set(f"{_W}val", tag)


def make_right_to_left(xml: bytes) -> bytes:
    """Paragraphs and tables of a right-to-left language read from the right."""

    def paragraph(m: re.Match[bytes]) -> bytes:
        content = m[2] or b""
        return m[0] if b"<w:bidi/>" in content else m[1] + b"<w:pPr>" + insert_before(content, b"<w:bidi/>", _AFTER_BIDI) + b"</w:pPr>"

    def table(m: re.Match[bytes]) -> bytes:
        content = m[2] or b""
        if b"<w:bidiVisual/>" in content:
            return m[0]
        return m[1] + b"<w:tblPr>" + insert_before(content, b"<w:bidiVisual/>", _AFTER_BIDI_VISUAL) + b"</w:tblPr>"

    xml = _EMPTY_PARAGRAPH.sub(lambda m: b"<w:p" + (m[1] or b"") + b"><w:pPr><w:bidi/></w:pPr></w:p>", xml)
    return _TABLE.sub(table, _PARAGRAPH.sub(paragraph, xml))


def child(parent: etree._Element, name: str, first: bool = False) -> etree._Element:
    """The child ``w:name``, created (first, or last) when missing."""
    found = parent.find(f"{_W}{name}")
    if found is None:
        found = etree.Element(f"{_W}{name}")
        parent.insert(0, found) if first else parent.append(found)
    return found
