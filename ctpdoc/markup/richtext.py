"""The ``runs`` template filter: a value with superscript marks, as Word runs for a ``{{r …}}`` tag.

Takes text in which ``<sup>…</sup>`` marks what typography raises (French ordinals: 247ᵉ, 1ʳᵉ);
gives runs, the marked pieces in superscript runs (``w:vertAlign``), every piece escaped. A template
writes ``{{r doc.sessions|ordinal(one="#<sup>re</sup>", other="#<sup>e</sup>")|runs }}``: the ordinal is
a real superscript run, which Word and LibreOffice print and a search finds, not a look-alike
character. The runs carry no language: they take the paragraph's.
"""

from __future__ import annotations

import re

from ctpdoc.markup.runs import escape

_MARKED = re.compile(r"<sup>(.*?)</sup>", re.DOTALL)


class MarkedRuns:
    """Markup for Jinja's autoescape (``__html__``); its ``str`` is the plain text."""

    def __init__(self, pieces: list[tuple[str, bool]]) -> None:
        self.pieces = [(text, raised) for text, raised in pieces if text]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def __html__(self) -> str:
        return "".join(run_xml(text, raised) for text, raised in self.pieces)


def run_xml(text: str, raised: bool) -> str:
    properties = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if raised else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def runs(value: object) -> MarkedRuns:
    """``247<sup>e</sup>/248<sup>e</sup>`` → runs 247, ᵉ, /248, ᵉ."""
    text = str(value)
    pieces: list[tuple[str, bool]] = []
    done = 0
    for mark in _MARKED.finditer(text):
        pieces += [(text[done : mark.start()], False), (mark[1], True)]
        done = mark.end()
    pieces.append((text[done:], False))
    return MarkedRuns(pieces)
