"""What the renderer sees of a template paragraph's tags, for the template checks.

Takes a paragraph (``w:p``) of a template, or its text; gives its text as docxtpl will read it:
docxtpl (``DocxTemplate.patch_xml``) mends a delimiter (``{{ }} {% %} {# #}``) that Word split over
two runs when only markup lies between the halves (a change of rsid, a proofing mark, bold half-way,
the ``_GoBack`` bookmark), joins a tag's runs, and straightens the quotes “ ” ‘ ’ inside tags; it
does not mend halves with text between them (a field code, a deleted text), nor read « » ‹ › „.
Also gives Jinja's syntax messages without their character offset, which no translator can use.
"""

from __future__ import annotations

import re

from lxml import etree

from ctpdoc.package.namespaces import qn

_T = qn("w:t")
# docxtpl's clean_tags: the same pattern, the same replacements (its "&#8216;" and "&lt;" are XML
# escapes, already undone in text).
_TAG_INSIDE = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]})")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Quotes AutoCorrect types that docxtpl leaves as they are, and Jinja cannot read outside a string.
OTHER_QUOTES = "«»‹›„‚‟‛"
_UNEXPECTED = re.compile(r"^unexpected char (['\"])(.)\1 at \d+$")
_OFFSET = re.compile(r" at \d+$")


def spans(paragraph: etree._Element) -> tuple[str, ...]:
    """The paragraph's ``w:t`` text in the stretches docxtpl reads as one: consecutive texts with only
    markup between them. Text outside ``w:t`` (a field's code, a deleted text) ends a stretch."""
    stretches: list[str] = []
    current: list[str] = []
    for event, node in etree.iterwalk(paragraph, events=("start", "end")):
        if event == "start" and node.tag == _T:
            current.append(node.text or "")
        elif node is not paragraph and (node.text if event == "start" else node.tail):
            stretches.append("".join(current))  # text docxtpl reads between runs: a field's code, a deleted text
            current = []
    stretches.append("".join(current))
    return tuple(stretches)


def as_rendered(text: str) -> str:
    """A paragraph's text with the quotes inside its tags straightened, as docxtpl does."""
    if not any(c in text for c in "“”‘’"):
        return text
    return _TAG_INSIDE.sub(lambda m: m[0].translate(_STRAIGHT), text)


def syntax_message(message: str | None) -> str:
    """Jinja's message for people: no character offset, and what to do about a typographic quote."""
    message = message or "the tags do not parse"
    unexpected = _UNEXPECTED.match(message)
    if unexpected and unexpected[2] in OTHER_QUOTES:
        return (
            f'a tag holds the quote {unexpected[2]}, which a tag cannot read; type straight quotes " inside tags '
            "(undo AutoCorrect with Ctrl+Z right after typing the quote)"
        )
    if unexpected:
        return f"template syntax error: unexpected character {unexpected[2]!r} in a tag; correct the tag"
    return f"template syntax error: {_OFFSET.sub('', message)}"
