"""Revision ids and the count of tracked changes, on the finished document's tree.

Every revision mark (ECMA-376 §17.13.5) needs a ``w:id`` unique among them and clear of the bookmarks'
and comments' ids: :func:`number_revisions` gives them, once, after every mark is in place.
:func:`count_revisions` counts the tracked changes as a reader's Review pane lists them.
"""

from __future__ import annotations

import itertools

from lxml import etree

from ctpdoc.package.namespaces import qn

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
