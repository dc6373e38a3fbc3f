"""Year and date ranges, and short compounds, that never break at a line's end.

A range typed or generated with a hyphen (``2022-2025``) may break after the hyphen, leaving
"2022-" at a line's end; a range with an en dash (``5–8``) may break on either side of it. Here a
year range's hyphen becomes the non-breaking hyphen U+2011 (what Word's Ctrl+Shift+- and LibreOffice's
"non-breaking hyphen" write; a reader folds it back to "-"), and an en (or em) dash between two numbers is
closed up and joined to them by word joiners (U+2060). :func:`join_ranges` does it to a text (the
formats apply it to every value and workbook text); :func:`join_ranges_in` to the text of a rendered
part, where the template's own words (``Strategic Plan 2022-2025``) are.

A short compound whose first part is one letter or an acronym (``e-commerce``, ``E-Commerce``, ``API-PNR``,
``OMD-UPU``) would leave "e-" or "API-" at a line's end, which an editor marks: :func:`join_ranges_in` writes its
hyphen as Word's own non-breaking hyphen, the ``w:noBreakHyphen`` element Ctrl+Shift+- inserts (the readers of
:mod:`ctpdoc.word` take it for U+2011 and fold it back to "-", as for a range).
"""

from __future__ import annotations

import re

from lxml import etree

from ctpdoc.package.namespaces import qn

NON_BREAKING_HYPHEN = "\u2011"
WORD_JOINER = "\u2060"
_SPACES = "[ \u00a0\u202f\u2009\u200a]"
_YEARS = re.compile(r"(?<![\d\w])(\d{4})-(\d{4}|\d{2})(?![\d\w])")
_NUMBERS = re.compile(rf"(?<=\d){_SPACES}*([–—]){_SPACES}*(?=\d)")
# one letter or an acronym, a hyphen, a letter: the hyphen of e-commerce, E-Commerce, API-PNR, OMD-UPU, GT-CE; words
# only, so that an activity number such as CB-07 stays as typed
_COMPOUND = re.compile(r"(?<![\w\u2011-])(?:[^\W\d_]|[A-Z]{2,})(-)(?=[^\W\d_])")


def join_ranges(text: str) -> str:
    """``2022-2025`` → ``2022‑2025`` (U+2011); ``5 – 8`` → ``5⁠–⁠8`` (closed up, joined)."""
    if "-" in text:
        text = _YEARS.sub(rf"\1{NON_BREAKING_HYPHEN}\2", text)
    if "–" in text or "—" in text:
        text = _NUMBERS.sub(rf"{WORD_JOINER}\1{WORD_JOINER}", text)
    return text


def join_ranges_in(root: etree._Element) -> None:
    """Every text and deleted text of a part, its ranges joined and its short compounds' hyphens non-breaking."""
    for node in list(root.iter(qn("w:t"), qn("w:delText"))):
        if node.text and ("-" in node.text or "–" in node.text):
            node.text = join_ranges(node.text)
            if "-" in node.text:
                join_compounds(node)


def join_compounds(node: etree._Element) -> None:
    """A text element cut at each compound's hyphen, a ``w:noBreakHyphen`` in its place, within the same run."""
    text = node.text or ""
    cuts = [m.start(1) for m in _COMPOUND.finditer(text)]
    run = node.getparent()
    if not cuts or run is None or run.tag != qn("w:r"):
        return
    ends = zip([0, *cuts], [*cuts, len(text)], strict=True)
    pieces = [text[start + (1 if i else 0) : end] for i, (start, end) in enumerate(ends)]
    set_text(node, pieces[0])
    place = run.index(node)
    for piece in pieces[1:]:
        place += 1
        run.insert(place, run.makeelement(qn("w:noBreakHyphen"), {}))
        if piece:
            place += 1
            following = run.makeelement(node.tag, {})
            set_text(following, piece)
            run.insert(place, following)
    if not pieces[0]:
        run.remove(node)


_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def set_text(node: etree._Element, text: str) -> None:
    """``text`` in a ``w:t`` or ``w:delText``, with ``xml:space="preserve"`` where spaces at an end or doubled need it."""
    node.text = text
    if text != " ".join(text.split()):
        node.set(_PRESERVE, "preserve")
    elif _PRESERVE in node.attrib:
        del node.attrib[_PRESERVE]
