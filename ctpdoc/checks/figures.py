"""Typed figures: a number typed into a template's text where the data gives that count.

Takes a parsed template and the counts of the programmes (``current.counts.part2`` → 52); gives a
warning for each number typed in the body's text (outside the tags) that equals one of the counts,
naming the variable that gives it, so that the text cannot disagree with the annexes once the
data changes. Years, dates, ranges, decimals, paragraph references and numbers below 2 are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ctpdoc.checks.parity import Parsed
from ctpdoc.errors import Report
from ctpdoc.shape import Shape

_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_NUMBER = re.compile(r"(?<![\w.,/–\-])(\d{1,5})(?![\w/–\-]|[.,]\d)")
_REFERENCE = re.compile(r"(paragraph|paragraphe|annex|annexe|point|item|partie|part|section)s?\W*(\d+\W+)*$", re.IGNORECASE)


def declared_names(shape: Shape) -> list[str]:
    """The names the shape declares: its parts' keys and titles, its columns, its status labels."""
    return [
        *(p.key for p in shape.parts),
        *(title for p in shape.parts for title in p.titles.values()),
        *(c.name for c in shape.columns),
        *(label for s in shape.statuses for label in s.labels.values()),
    ]


def name_words(names: Sequence[str]) -> re.Pattern[str]:
    """The words that stand before a number in a declared name (``objective`` of "Strategic objective 1") or end
    one (``objective`` of the column "Strategic objective"): a number after one of them names something, not a count
    ("objective 3")."""
    words = {m[1].casefold() for name in names for m in re.finditer(r"([^\W\d]+)\W{0,3}\d", name)}
    words |= {m[1].casefold() for name in names if (m := re.search(r"([^\W\d]{3,})\W*$", name))}  # "Strategic objective" 3
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words))) + r")\W{0,3}$", re.IGNORECASE)


def check_typed_figures(parsed: Parsed, counts: Mapping[str, int], report: Report, names: Sequence[str] = ()) -> None:
    """Warn of each typed number of the body that equals a count of the data (not one that is part of a name the
    report's shape declares: "Strategic objective 3")."""
    named = name_words(names)
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
            before = text[max(0, match.start() - 40) : match.start()]
            if value not in by_value or 1900 <= value <= 2100 or _REFERENCE.search(before) or named.search(before):
                continue
            names = " or ".join(f"{{{{ {name}|number }}}}" for name in by_value[value])
            report.warn(
                paragraph.place(parsed.name),
                f"the figure {match[1]} is typed, and the workbooks give it: write {names} instead, so that the text "
                "follows the data",
            )
