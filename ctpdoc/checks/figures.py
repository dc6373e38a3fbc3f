"""Typed figures: a number typed into a template's text where the data gives that count.

Takes a parsed template and the counts of the programmes (``current.counts.part2`` → 52); gives a
warning for each number typed in the body's text (outside the tags) that equals one of the counts,
naming the variable that gives it, so that the text cannot disagree with the annexes once the
data changes. Years, dates, ranges, decimals, paragraph references and numbers below 2 are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ctpdoc.checks.parity import Parsed
from ctpdoc.errors import Report

_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_NUMBER = re.compile(r"(?<![\w.,/–\-])(\d{1,5})(?![\w/–\-]|[.,]\d)")
_REFERENCE = re.compile(r"(paragraph|paragraphe|annex|annexe|point|item|partie|part|section)s?\W*(\d+\W+)*$", re.IGNORECASE)


def check_typed_figures(parsed: Parsed, counts: Mapping[str, int], report: Report) -> None:
    """Warn of each typed number of the body that equals a count of the data."""
    by_value: dict[int, list[str]] = {}
    for name, value in counts.items():
        if value >= 2:
            by_value.setdefault(value, []).append(name)
    for paragraph in parsed.paragraphs:
        if paragraph.part != "document":
            continue
        text = _TAGS.sub(" ", paragraph.text)
        for match in _NUMBER.finditer(text):
            value = int(match[1])
            if value not in by_value or 1900 <= value <= 2100 or _REFERENCE.search(text[max(0, match.start() - 40) : match.start()]):
                continue
            names = " or ".join(f"{{{{ {name}|number }}}}" for name in by_value[value])
            report.warn(
                paragraph.place(parsed.name),
                f"the figure {match[1]} is typed, and the workbooks give it: write {names} instead, so that the text "
                "follows the data",
            )
