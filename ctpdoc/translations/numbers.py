"""The figures of a text and its translation, compared as CAT tools' number checks do (pofilter's ``numbers``,
Xbench's numeric mismatch), each language read with its own separators.

Takes a text and its language's locale; gives the numbers it says, each as written and as a value that does not
depend on the language: ``1,300`` (English), ``1 300`` / ``1 300`` / ``1 300`` (French, with a space, a no-break
space or the narrow no-break space CLDR groups thousands with) are all 1300; ``1,5`` (French) and ``1.5``
(English) are 1.5. The group and decimal symbols are babel's (CLDR); a space, no-break space, narrow no-break
or thin space between groups of three digits groups them in every language, as the documents' typography does
(``document/formats.py``). A year range (``2022-2025``, ``2022–2025``) is its two years, an ordinal
(``247th``, ``247e``, ``1re``) its number, a percentage (``75 %``, ``75%``) its number. Figures written in
words are not read. What neither symbol explains (an activity number ``1.3`` in a French text, ``1.2.4``) is
kept as written, its separators as full stops, so that it is the same in every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

SPACES = " \u00a0\u202f\u2009"  # what a typist or the typography puts between groups of thousands
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Number:
    written: str  # as in the text: 1 200
    value: str  # the same in every language: 1200, 1.5, 1.3 (an activity number)


@dataclass(frozen=True)
class Disagreement:
    """The numbers one text has and its translation lacks, and the other way round (each as written)."""

    only_source: tuple[str, ...]
    only_translation: tuple[str, ...]

    def describe(self, source: str, translation: str) -> str:
        """``Progress (EN) has 1,300 where Progress (FR) has 1 200``."""
        mine, theirs = " and ".join(self.only_source), " and ".join(self.only_translation)
        if not self.only_source:
            return f"{translation} has {theirs}, which {source} does not"
        if not self.only_translation:
            return f"{source} has {mine}, which {translation} does not"
        return f"{source} has {mine} where {translation} has {theirs}"


@cache
def symbols(locale: str) -> tuple[str, str]:
    """The locale's decimal and group symbols (CLDR, through babel); English's for a locale babel does not know."""
    try:
        return get_decimal_symbol(locale), get_group_symbol(locale)
    except (UnknownLocaleError, ValueError):
        return ".", ","


@cache
def pattern(locale: str) -> re.Pattern[str]:
    """A number as written in ``locale``: groups of three after spaces (any language), else digits joined by the
    locale's symbols, full stops or commas."""
    decimal, group = symbols(locale)
    spaces = re.escape(SPACES)
    joiners = "".join(sorted({".", ",", decimal, group} - set(SPACES)))
    return re.compile(
        rf"(?<!\d)(?:\d{{1,3}}(?:[{spaces}]\d{{3}})+(?:{re.escape(decimal)}\d+)?(?!\d)|\d+(?:[{re.escape(joiners)}]\d+)*)"
    )


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(char, char)) if char.isdigit() else char for char in text)


def value_of(written: str, locale: str) -> str:
    """The value of a number as written in ``locale``, the same in every language."""
    decimal, group = symbols(locale)
    text = ascii_digits(written)
    for space in SPACES:
        text = text.replace(space, "")
    if group not in SPACES and re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", text):
        text = text.replace(group, "")  # 1,300 in English, 1.300 in German
    if text.count(decimal) == 1 and re.fullmatch(rf"\d+{re.escape(decimal)}\d+", text):
        return text.replace(decimal, ".")  # 1,5 in French
    return re.sub(r"[^\d]", ".", text)  # an activity number 1.3, kept as written


def numbers(text: str, locale: str) -> list[Number]:
    """Every number ``text`` says, read as ``locale`` writes them."""
    if not DIGIT.search(text):
        return []
    return [Number(m[0], value_of(m[0], locale)) for m in pattern(locale).finditer(text)]


def disagreement(source: str, source_locale: str, translation: str, translation_locale: str) -> Disagreement | None:
    """How the numbers of ``source`` and ``translation`` differ, or ``None`` when they say the same ones (in any
    order, as often as each other)."""
    mine, theirs = numbers(source, source_locale), numbers(translation, translation_locale)
    left = Counter(n.value for n in mine) - Counter(n.value for n in theirs)
    right = Counter(n.value for n in theirs) - Counter(n.value for n in mine)
    if not left and not right:
        return None
    return Disagreement(taken(mine, left), taken(theirs, right))


def taken(found: list[Number], counts: Counter[str]) -> tuple[str, ...]:
    """The numbers of ``found`` that ``counts`` holds (as written, in the text's order, as often as counted)."""
    remaining = Counter(counts)
    chosen = []
    for number in found:
        if remaining[number.value] > 0:
            remaining[number.value] -= 1
            chosen.append(number.written)
    return tuple(chosen)
