"""Template check: tracked changes a translator left pending in a Word template.

Takes a template (its path, and its paragraphs as :mod:`ctpdoc.checks.templates` reads them); gives at most
one problem: the template holds revisions (ECMA-376 §17.13.5) not yet accepted or rejected, with the
first one's place, the kinds and authors, and what to do. A pending revision would be rendered into
every document, the clean one included, and counted among the Secretariat's own tracked changes.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ctpdoc.checks.paragraphs import TemplateParagraph
from ctpdoc.errors import Report
from ctpdoc.model import Location
from ctpdoc.package.namespaces import NSMAP, qn
from ctpdoc.package.ooxml import parse_xml

# Every revision element of ECMA-376 Part 1, §17.13.5, by what a translator would call it.
REVISION_KINDS = {
    "ins": "insertion", "del": "deletion",
    "moveFrom": "move", "moveTo": "move",
    "moveFromRangeStart": "move", "moveFromRangeEnd": "move", "moveToRangeStart": "move", "moveToRangeEnd": "move",
    "rPrChange": "formatting change", "pPrChange": "formatting change", "sectPrChange": "formatting change",
    "tblPrChange": "formatting change", "tblPrExChange": "formatting change", "trPrChange": "formatting change",
    "tcPrChange": "formatting change", "tblGridChange": "formatting change", "numberingChange": "formatting change",
    "cellIns": "table cell change", "cellDel": "table cell change", "cellMerge": "table cell change",
    "customXmlInsRangeStart": "insertion", "customXmlInsRangeEnd": "insertion",
    "customXmlDelRangeStart": "deletion", "customXmlDelRangeEnd": "deletion",
    "customXmlMoveFromRangeStart": "move", "customXmlMoveFromRangeEnd": "move",
    "customXmlMoveToRangeStart": "move", "customXmlMoveToRangeEnd": "move",
}  # fmt: skip
# The parts a template's text and formatting live in: body first, then headers and footers as
# read_paragraphs orders them, then the parts that hold no paragraphs ctpdoc numbers.
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_OTHER_PARTS = ("word/footnotes.xml", "word/endnotes.xml", "word/styles.xml", "word/numbering.xml")
_ANY_REVISION = re.compile(rf"<w:(?:{'|'.join(REVISION_KINDS)})\b".encode())
WHAT_TO_DO = (
    "in Word, Review › Accept › Accept All Changes (or Reject › Reject All Changes); "
    "in LibreOffice, Edit › Track Changes › Accept All (or Reject All); then save"
)


@dataclass(frozen=True)
class Pending:
    """One revision found: where (part, 1-based paragraph number, 0 when none), what, by whom."""

    part: str
    paragraph: int
    kind: str
    author: str


def check_pending_changes(path: Path, paragraphs: list[TemplateParagraph], template: str, report: Report) -> None:
    """One problem when the template holds revisions: the first one's paragraph, every kind and author."""
    found = find_revisions(path)
    if not found:
        return
    first = found[0]
    kinds = ", ".join(dict.fromkeys(plural(p.kind, sum(q.kind == p.kind for q in found)) for p in found))
    authors = ", ".join(dict.fromkeys(p.author for p in found))
    count = f"{len(found)} tracked change{'s' if len(found) > 1 else ''}"
    report.error(
        place(first, paragraphs, template),
        f"holds {count} not yet accepted or rejected ({kinds} by {authors}), which would show in the documents as the "
        f"Secretariat's own; {WHAT_TO_DO}",
    )


def plural(kind: str, count: int) -> str:
    return f"{count} {kind}{'s' if count > 1 else ''}"


def place(revision: Pending, paragraphs: list[TemplateParagraph], template: str) -> Location:
    for paragraph in paragraphs:
        if paragraph.part == revision.part and paragraph.number == revision.paragraph:
            return paragraph.place(template)
    return Location(template, revision.part)


def find_revisions(path: Path) -> list[Pending]:
    """Every revision element, in the order of the parts as the template checks read them."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        text_parts = sorted((n for n in names if _TEXT_PARTS.match(n)), key=lambda n: (not n.endswith("document.xml"), n))
        found: list[Pending] = []
        for name in [*text_parts, *(n for n in _OTHER_PARTS if n in names)]:
            data = package.read(name)
            if _ANY_REVISION.search(data):  # most parts have none: skip the parse
                found += revisions_in(parse_xml(data, name), Path(name).stem)
    return found


def revisions_in(root: etree._Element, part: str) -> list[Pending]:
    numbers = {p: n for n, p in enumerate(root.iter(qn("w:p")), start=1)}  # the keys keep lxml's proxies, so lookups match
    found = []
    for element in root.iter(*(qn(f"w:{kind}") for kind in REVISION_KINDS)):
        author = element.get(qn("w:author")) or "an unnamed author"
        paragraph = paragraph_of(element)
        found.append(
            Pending(
                part,
                numbers.get(paragraph, 0) if paragraph is not None else 0,
                REVISION_KINDS[etree.QName(element).localname],
                author,
            )
        )
    return found


def paragraph_of(element: etree._Element) -> etree._Element | None:
    """The paragraph holding a revision; for a row, cell or table mark, the first paragraph after it
    (the row's first), and for a section mark at the end of the body, the paragraph before it."""
    for ancestor in element.iterancestors(qn("w:p")):
        return ancestor
    for axis in ("following", "preceding"):
        near = element.xpath(f"{axis}::w:p[1]", namespaces=NSMAP)
        if near:
            return near[0]
    return None
