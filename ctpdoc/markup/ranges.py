"""Year and date ranges that never break at a line's end.

A range typed or generated with a hyphen (``2022-2025``) may break after the hyphen, leaving
"2022-" at a line's end; a range with an en dash (``5–8``) may break on either side of it. Here a
year range's hyphen becomes the non-breaking hyphen U+2011 (what Word's Ctrl+Shift+- and LibreOffice's
"non-breaking hyphen" write; a reader folds it back to "-"), and an en (or em) dash between two numbers is
closed up and joined to them by word joiners (U+2060). :func:`join_ranges` does it to a text (the
formats apply it to every value and workbook text); :func:`join_ranges_in` to the text of a rendered
part, where the template's own words (``plan de mise en œuvre 2022-2023``) are.
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


def join_ranges(text: str) -> str:
    """``2022-2025`` → ``2022‑2025`` (U+2011); ``5 – 8`` → ``5⁠–⁠8`` (closed up, joined)."""
    if "-" in text:
        text = _YEARS.sub(rf"\1{NON_BREAKING_HYPHEN}\2", text)
    if "–" in text or "—" in text:
        text = _NUMBERS.sub(rf"{WORD_JOINER}\1{WORD_JOINER}", text)
    return text


def join_ranges_in(root: etree._Element) -> None:
    """Every text and deleted text of a part, its ranges joined."""
    for node in root.iter(qn("w:t"), qn("w:delText")):
        if node.text and ("-" in node.text or "–" in node.text):
            node.text = join_ranges(node.text)
