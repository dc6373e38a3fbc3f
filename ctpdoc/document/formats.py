"""Formatting for one language: dates, numbers, plurals, lists, typography.

Every babel call names its locale (never the system's). :class:`Formats` is
bound to one language when its context is built; its ``filters`` are what
templates may apply to values (``|number``, ``|plural``, ``|spelled``, ``|ordinal``,
``|listing``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from ctpdoc.markup.ranges import join_ranges
from ctpdoc.markup.richtext import runs
from ctpdoc.model import Timeframe, YearRange

_VOWELS = set("aeiouy")
NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
_SPACES = f"[ {NBSP}{NNBSP}\t]"
_SPACES_OR_THIN = "[ \u2009\u200a]"

# French typography (GLOSSARY.md): a narrow no-break space before ; : ! ? and
# inside « guillemets », a no-break space inside dates and before units.
_FRENCH_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FRENCH_RULES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(rf"{_SPACES}+([;:!?])"), NNBSP + r"\1"),
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    (re.compile(rf"(\d){_SPACES}*(%|‰)"), r"\1" + NBSP + r"\2"),
    (re.compile(rf"(\d){_SPACES}+(€|\$|£|km|kg|cm|mm|min)(?![\w])"), r"\1" + NBSP + r"\2"),
    # thousands typed with spaces (1 200, 12 000 000): CLDR's group separator, the narrow no-break space
    (re.compile(rf"(?<![\d,.])(\d{{1,3}})((?:{_SPACES}\d{{3}})+)(?![\d,])"), lambda m: m[1] + re.sub(_SPACES, NNBSP, m[2])),
    (re.compile(rf"\b(\d{{1,2}}|1er){_SPACES}+({_FRENCH_MONTHS})\b", re.IGNORECASE), r"\1" + NBSP + r"\2"),
    (re.compile(rf"\b({_FRENCH_MONTHS}){_SPACES}+(\d{{4}})\b", re.IGNORECASE), r"\1" + NBSP + r"\2"),
)


_FRENCH_TRIGGERS = re.compile(r"[;:!?«»\d]")  # every rule needs one of these
# English months as written (capitalised: "may" is a verb), kept with their day and year as French keeps its own
_ENGLISH_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ENGLISH_RULES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(rf"(\d){_SPACES}+(%|‰)"), r"\1\2"),  # 75%: no space in English
    (
        re.compile(rf"(?<![\d,.])(\d{{1,3}})((?:{_SPACES}\d{{3}})+)(?![\d,])"),
        lambda m: m[1] + re.sub(_SPACES, ",", m[2]),
    ),  # 1,200
    (re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th)?){_SPACES}+({_ENGLISH_MONTHS})\b"), r"\1" + NBSP + r"\2"),  # 5 May
    (
        re.compile(rf"\b({_ENGLISH_MONTHS}){_SPACES}+(\d{{1,2}}\b(?!{_SPACES}*[:.]\d)|\d{{4}}\b)"),
        r"\1" + NBSP + r"\2",
    ),  # May 2025, May 5
)


def french_typography(text: str) -> str:
    """Ordinary spaces typed by a drafter become the right no-break spaces."""
    return rewritten(text, _FRENCH_TRIGGERS, _FRENCH_RULES)


_ENGLISH_TRIGGERS = re.compile(rf"\d{_SPACES}|{_SPACES}\d")  # every rule needs a digit beside a space


def english_typography(text: str) -> str:
    """Percentages closed up (75%), thousands typed with spaces given commas (1,200), a month kept with its day
    and its year (no-break spaces: 5 May 2025, May 2025)."""
    return rewritten(text, _ENGLISH_TRIGGERS, _ENGLISH_RULES)


def rewritten(text: str, triggers: re.Pattern[str], rules: tuple[tuple[re.Pattern[str], Any], ...]) -> str:
    """``text`` through each rule in turn; untouched (and not scanned by each) when it holds none of ``triggers``."""
    if not triggers.search(text):
        return text
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def no_typography(text: str) -> str:
    return text


# Languages whose typography needs more than the text as typed (every language: ranges never break).
TYPOGRAPHY: dict[str, Callable[[str], str]] = {"fr": french_typography, "en": english_typography}


class Formats:
    """Formatting bound to one language and locale."""

    def __init__(self, lang: str, locale: str) -> None:
        self.lang = lang
        self.locale = Locale.parse(locale.replace("-", "_"))
        self.typography = TYPOGRAPHY.get(self.locale.language, no_typography)

    @functools.cached_property
    def tag(self) -> str:
        """The BCP 47 tag Word wants in ``w:lang``, e.g. ``fr-FR``."""
        return "-".join(p for p in (self.locale.language, self.locale.script, self.locale.territory) if p)

    @functools.cached_property
    def right_to_left(self) -> bool:
        return self.locale.character_order == "right-to-left"

    def text(self, text: str) -> str:
        """A text typed in a workbook or a setting, to the language's typography; its year and date ranges
        never break (:mod:`ctpdoc.markup.ranges`)."""
        return join_ranges(self.typography(text))

    def date(self, value: dt.date) -> str:
        """``28 mars 2025`` / ``28 March 2025``."""
        return self.text(format_date(value, "long", locale=self.locale))

    def month(self, value: dt.date) -> str:
        """``avril 2024`` / ``April 2024``."""
        return self.text(format_skeleton("yMMMM", value, locale=self.locale))

    def month_name(self, value: dt.date) -> str:
        """``mai`` / ``May``, the month on its own."""
        return format_date(value, "LLLL", locale=self.locale)

    def interval(self, start: dt.date, end: dt.date) -> str:
        """``5–8 mai 2025`` / ``5–8 May 2025``: the locale's interval format, its months in full
        (:func:`full_interval`), its dash closed up between two days (CLDR spaces it in English only) and the whole
        on one line (no-break spaces, word joiners)."""
        text = full_interval(start, end, self.locale)
        return self.text(re.sub(_SPACES_OR_THIN, NBSP, join_ranges(text)))

    def timeframe(self, value: Timeframe | None) -> str:
        if value is None:
            return ""
        if isinstance(value, YearRange):
            return join_ranges(str(value))
        return self.month(value)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def plural(self, value: int, **forms: str) -> str:
        """The CLDR plural form of ``value`` (``one``, ``other``, …), ``#`` the number."""
        return self.pick(forms, self.locale.plural_form(value)).replace("#", self.number(value))

    def spelled(self, value: int, gender: str = "", **forms: str) -> str:
        """:meth:`plural` with the number in words, for a count that opens a sentence: ``Two new activities``,
        ``Deux nouvelles activités``, capitalised where the form starts with it; ``gender="feminine"`` where the
        noun is (``Vingt et une nouvelles activités``). In figures where the language has no spell-out."""
        form = self.pick(forms, self.locale.plural_form(value))
        if "#" not in form:  # "Une nouvelle activité": the form says it
            return form
        words = self.words(value, gender)
        if form.startswith("#"):
            words = words[:1].upper() + words[1:]
        return form.replace("#", words)

    def words(self, value: int, gender: str = "") -> str:
        """``deux``, ``twenty-one``: the cardinal in words (num2words: babel gives no access to CLDR's spell-out
        rules), in the locale's variant where it has one (``septante`` in Belgian French), else in figures."""
        from num2words import num2words  # type: ignore[import-untyped]  # here: its 60 languages take 0.2 s to import

        language = self.locale.language
        for name in (f"{language}_{self.locale.territory}", language) if self.locale.territory else (language,):
            try:
                text = str(num2words(value, lang=name))
            except (NotImplementedError, OverflowError, ValueError, TypeError):  # no spell-out for it, or too large
                continue
            return FEMININE.get(language, no_typography)(text) if gender == "feminine" else text
        return self.number(value)

    def ordinal(self, values: int | Iterable[int], **forms: str) -> str:
        """``247e/248e`` or ``247th/248th``: ordinal forms by the locale's rules."""
        numbers = [values] if isinstance(values, int) else list(values)
        return "/".join(self.pick(forms, self.locale.ordinal_form(n)).replace("#", str(n)) for n in numbers)

    def listing(self, items: Iterable[str], pattern: str = "#") -> str:
        """``en avril 2023 et en avril 2024``: each item through ``pattern``, joined."""
        return format_list([pattern.replace("#", item) for item in items], locale=self.locale)

    def elide(self, value: str, before: str, elided: str) -> str:
        """``de mars`` but ``d’avril``: ``elided`` before a vowel, else ``before``, then the value."""
        first = unicodedata.normalize("NFD", value[:1]).casefold()[:1]
        return (elided if first in _VOWELS else before) + value

    @staticmethod
    def pick(forms: dict[str, str], category: str) -> str:
        if category in forms:
            return forms[category]
        if "other" in forms:
            return forms["other"]
        raise ValueError(f'give the form "{category}" or "other" (given: {", ".join(forms) or "none"})')

    @property
    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"number": self.number, "plural": self.plural, "spelled": self.spelled, "ordinal": self.ordinal,
                "listing": self.listing, "elide": self.elide, "runs": runs}  # fmt: skip


# A cardinal's feminine where it differs (num2words writes the masculine): "un" → "une" (vingt et une, quatre-vingt-une);
# Spanish "uno" → "una" (veintiuna), "-ientos" → "-ientas" (doscientas).
FEMININE: dict[str, Callable[[str], str]] = {
    "fr": lambda text: re.sub(r"\bun$", "une", text),
    "es": lambda text: re.sub(r"ientos\b", "ientas", re.sub(r"uno$", "una", text)),
}


_ABBREVIATED = re.compile(r"(?<![ML])(MMM|LLL)(?![ML])")


def full_interval(start: dt.date, end: dt.date, locale: Locale) -> str:
    """CLDR's interval of two days, its months in full: ``17–19 March 2025``, never ``17–19 Mar 2025``.

    Most locales have no interval pattern for a full month (``yMMMMd``); TR35 then takes the nearest one
    (``yMMMd``) and widens its fields to those asked for, which babel's ``format_interval`` leaves out (it prints
    ``Mar``, ``Sept``, ``janv.``). Here the pattern's abbreviated month (``MMM``, outside quoted literals) becomes
    the full one, each end formatted by ``format_date`` with its half of the pattern."""
    formats = locale.interval_formats
    skeleton = next((s for s in ("yMMMMd", "yMMMd") if formats.get(s)), None)
    if start == end or skeleton is None:
        return format_date(start, "long", locale=locale) if start == end else format_interval(start, end, "yMMMMd", locale=locale)
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    halves = formats[skeleton].get(field)
    if not halves or len(halves) != 2:  # no pattern for this difference: the locale's fallback, two long dates
        return str(formats.get(None) or "{0} – {1}").format(*(format_date(d, "long", locale=locale) for d in (start, end)))
    return "".join(format_date(day, widened(half), locale=locale) for half, day in zip(halves, (start, end), strict=True))


def widened(pattern: str) -> str:
    """A date pattern's abbreviated months in full (``d MMM y`` → ``d MMMM y``); its quoted literals as they are."""
    pieces = pattern.split("'")
    return "'".join(_ABBREVIATED.sub(lambda m: m[1] + m[1][0], piece) if i % 2 == 0 else piece for i, piece in enumerate(pieces))


def original_mark(lang: str | None) -> str:
    """``O. Fr.``: "O." and the original language's own name cut to two letters (Fr., En., Es.), as WCO covers
    print it on every language version."""
    if not lang:
        return ""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
        name = locale.get_display_name(locale) or lang
        if not unicodedata.normalize("NFD", name[:2]).isascii():  # another script than Latin: the English name
            name = locale.get_display_name("en") or lang
    except (ValueError, UnknownLocaleError):  # a language CLDR does not know: its code
        name = lang
    return f"O. {name[:2].capitalize()}."
