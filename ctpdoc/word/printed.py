"""Values as a report prints them, read back: typography folded, activity numbers, the document's language,
month names and timeframes.

Takes text from a Word document (ctpdoc's output or a report made by hand); gives what a drafter types in
a workbook cell. Used by :mod:`ctpdoc.word.annexes` and :mod:`ctpdoc.commands.harvest`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections import Counter

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from ctpdoc.model import YearRange
from ctpdoc.word.body import Body, Table

_YEARS = re.compile(r"^(\d{4})(?:\s*[-–—/]\s*(\d{4}))?$")
_NUMBER = re.compile(r"^[\s.]+|[\s.:]+$")
# no-break spaces as spaces; the non-breaking hyphen of a range as "-", its word joiners gone (markup.ranges)
_FOLD_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u2011": "-", "\u2060": None})

# ---------------------------------------------------------------- text


def fold(text: str) -> str:
    """Text as a drafter types it: the no-break spaces of French typography become plain spaces, a range's
    non-breaking hyphen a hyphen."""
    text = unicodedata.normalize("NFC", text.translate(_FOLD_SPACES)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def fold_key(text: str) -> str:
    """For matching headers and labels: no accents, no case, one space, straight apostrophes, no trailing dot or colon."""
    decomposed = unicodedata.normalize("NFKD", fold(text).replace("’", "'").replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(plain.split()).strip(" :*")


def activity_number(text: str) -> str:
    """``1.4.`` is ``1.4``: the trailing dot and spaces Word numbering leaves are not part of the number."""
    return _NUMBER.sub("", fold(text))


# ---------------------------------------------------------------- the language


STOPWORDS = {
    "fr": {"le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "au", "aux"},
    "en": {"the", "and", "of", "is", "to", "for", "in", "on", "with", "by", "an"},
}


def language_of(body: Body) -> tuple[str, str] | None:
    """(language, locale) from the runs' ``w:lang``, else from the words, else from the document defaults
    (last: a document typed on an English Word in French keeps Word's en-US there); ``None`` when none tells."""
    if body.languages:
        found = locale_of(body.languages.most_common(1)[0][0])
        if found is not None:
            return found
    texts = [p.text for p in body.paragraphs] + [
        c.text for b in body.blocks if isinstance(b, Table) for r in b.rows for c in r.cells
    ]
    words = Counter(w for t in texts for w in re.findall(r"\w+", t.casefold()))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] >= 5 and scores[best] > 2 * min(scores.values()):
        return best, {"fr": "fr_FR", "en": "en_GB"}[best]
    return locale_of(body.default_language) if body.default_language else None


def locale_of(tag: str) -> tuple[str, str] | None:
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return locale.language, str(locale)


@functools.lru_cache(maxsize=32)
def month_names(locale: str) -> dict[str, int]:
    """Every month name babel knows for ``locale`` (wide and abbreviated, format and stand-alone), folded."""
    names: dict[str, int] = {}
    for lang in (locale, "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context=context, locale=lang).items():
                    names.setdefault(fold_key(name).rstrip("."), number)
    return names


def parse_printed_timeframe(text: str, locale: str) -> dt.date | YearRange | None:
    """What ``Formats.timeframe`` printed, back: ``juin 2024`` (the month's last day, as the sample's
    workbooks hold it), a date ``30 June 2024`` or ``30/06/2024``, or years ``2024``, ``2023-2025``."""
    text = fold(text)
    years = _YEARS.match(text)
    if years:
        first, last = int(years[1]), int(years[2] or years[1])
        return YearRange(first, last) if first <= last else None
    words = fold_key(text).replace(",", " ").split()
    names = month_names(locale)
    if len(words) in (2, 3) and words[-1].isdigit() and len(words[-1]) == 4 and words[-2].rstrip(".") in names:
        year, month = int(words[-1]), names[words[-2].rstrip(".")]
        day = words[0].removesuffix("er") if len(words) == 3 else ""
        if len(words) == 3 and not day.isdigit():
            return None
        try:
            return dt.date(year, month, int(day) if day else calendar.monthrange(year, month)[1])
        except ValueError:
            return None
    numeric = re.fullmatch(r"(?:(\d{1,2})[./])?(\d{1,2})[./](\d{4})", text)
    if numeric:
        year, month = int(numeric[3]), int(numeric[2])
        try:
            return dt.date(year, month, int(numeric[1]) if numeric[1] else calendar.monthrange(year, month)[1])
        except ValueError:
            return None
    return None
