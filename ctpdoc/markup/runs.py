"""Cell text as Word runs: the only module that writes run-level WordprocessingML.

It takes text segments (plain, inserted, deleted) and gives runs for docxtpl's
``{{r …}}`` tags, every piece escaped (:func:`escape`), inserted and deleted text
inside ``w:ins``/``w:del`` signed by a :class:`Revision`. After rendering it tidies
the empty runs docxtpl leaves around those tags. The other Word edits made after
rendering are in :mod:`ctpdoc.markup.rows` (row marks and shading),
:mod:`ctpdoc.markup.numbering` (revision ids and count) and :mod:`ctpdoc.markup.language`.
The facts it follows on revisions are in ECMA-376 §17.13.5 (see ``shared/spec/REVISIONS.md``).
"""

from __future__ import annotations

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
        """The text the row shows: with its changes accepted, or as it was for a row removed whole (so that a
        template that filters or groups rows by a column keeps a removed row where it was)."""
        text = accepted(self.segments)
        if not text and self.segments:
            return "".join(s.text for s in self.segments if s.op is Op.DELETE)
        return text

    def __eq__(self, other: object) -> bool:
        """Equal to its text, and to runs of the same text: ``{% if row.strategic_objective == "SO1" %}``."""
        if isinstance(other, Runs | str):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __lt__(self, other: object) -> bool:
        """Ordered as its text, for Jinja's ``groupby`` and ``sort``."""
        if isinstance(other, Runs | str):
            return str(self) < str(other)
        return NotImplemented

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
    if piece != " ".join(piece.split()):  # spaces at an end or doubled: kept only with xml:space, as Word writes them
        return f'<{text_tag} xml:space="preserve">{escape(piece)}</{text_tag}>'
    return f"<{text_tag}>{escape(piece)}</{text_tag}>"  # the attribute on every run would cost 10 MB at 2,000 activities


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


# docxtpl leaves an empty run each side of a ``{{r …}}`` tag: a w:r holding an empty w:t and at most its properties.
_EMPTY_RUNS = etree.XPath(
    ".//w:r[w:t[not(node())]][count(w:t) = 1][not(*[not(self::w:t or self::w:rPr)])]",
    namespaces=NSMAP,
)


def drop_empty_runs(root: etree._Element) -> None:
    """Runs that show nothing, which docxtpl leaves around the runs a ``{{r …}}`` tag puts in."""
    for run in _EMPTY_RUNS(root):
        remove(run)
