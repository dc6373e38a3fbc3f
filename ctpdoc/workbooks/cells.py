"""Cell values into model values: text, activity numbers, dates, years, statuses, session numbers.

Each function takes a value as openpyxl gives it and its cell; gives the model's
value, or ``None`` with the problem recorded in the report, naming the cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from ctpdoc.errors import Report
from ctpdoc.model import Location, YearRange
from ctpdoc.shape import Shape
from ctpdoc.workbooks.sheets import CellValue

EXCEL_ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
# Characters XML 1.0 forbids (C0 controls but tab and line feed, unpaired surrogates); Word files cannot hold them.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel stores characters XML cannot hold as _xHHHH_ (ECMA-376 ST_Xstring); openpyxl leaves them escaped.
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
LONG_CELL = 2000  # characters: longer cell text is likely a paste gone wrong
_YEARS = re.compile(r"^(?P<first>\d{4})(?:\s*[-–—/]\s*(?P<last>\d{4}))?$")
# Activity numbers as committees write them: 1.4, SO1.1, A.10, CB-07 (ASCII letters and digits, dots and dashes between)
_NUMBER = re.compile(r"[A-Za-z0-9]{1,8}(?:[.-][A-Za-z0-9]{1,8}){0,5}")
_SESSIONS = re.compile(r"^[0-9]{1,6}(\s*/\s*[0-9]{1,6}){0,9}$")


def clean_text(value: CellValue, where: Location, report: Report) -> str:
    """Cell text as typed, minus what a Word file cannot hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _XSTRING_ESCAPE.sub(lambda m: chr(int(m[1], 16)), str(value))
    if has_surrogates(text):  # _xD83D__xDE00_ is one character; a lone half is removed below
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if text.strip() in EXCEL_ERRORS:
        report.error(where, f"holds the Excel error {text.strip()}; fix the formula or type the value")
        return ""
    if _ILLEGAL_XML.search(text):
        report.warn(where, "control characters (pasted from another program) were removed")
        text = _ILLEGAL_XML.sub("", text)
    if text != text.strip() and text.strip():
        report.warn(where, "has spaces or line breaks at the start or end; they were ignored")
    if len(text) > LONG_CELL:
        report.warn(where, f"is very long ({len(text)} characters); check that it was not pasted twice")
    return text.strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def parse_number(value: CellValue, where: Location, report: Report) -> str:
    """An activity number as text: ``1.10``, ``SO1.2``, ``CB-07``. Compared after compatibility normalisation
    (``２.１`` is ``2.1``) with invisible characters dropped; anything but ASCII letters and digits with dots and
    dashes between is refused (a Cyrillic "А" that looks like "A" too), and so is a number cell, whose value
    cannot tell ``1.1`` from ``1.10``."""
    if isinstance(value, float) and not value.is_integer():
        report.error(
            where,
            f"holds the number {value:g}, which cannot tell 1.1 from 1.10; type the activity number as text "
            "(format the column as Text, or type it with a leading apostrophe: '1.10)",
        )
        return ""
    typed = clean_text(value, where, report)
    text = "".join(ascii_digit(c) for c in unicodedata.normalize("NFKC", typed) if unicodedata.category(c) != "Cf").strip()
    if not text:
        return ""
    if not _NUMBER.fullmatch(text):
        report.error(
            where,
            f'activity number "{typed}" should be letters and digits separated by dots or dashes, '
            "such as 1.4, 2.10 or SO1.2; retype it",
        )
        return ""
    if text != typed:
        report.warn(
            where, f'activity number "{typed}" holds special or invisible characters; it was read as {text}, retype it so'
        )
    return text


def ascii_digit(char: str) -> str:
    """A decimal digit of any script as its ASCII digit; other characters as they are."""
    return str(unicodedata.decimal(char)) if char.isdecimal() else char


EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # a timeframe's date outside these years is a mistake, not a plan
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (1900) date system, as openpyxl reads it


def read_timeframe(value: CellValue, where: Location, report: Report) -> dt.date | YearRange | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return checked_date(value, where, report)
    if isinstance(value, (int, float)) and float(value).is_integer() and 1900 < value < 2200:
        return YearRange(int(value), int(value))
    match = _YEARS.match(clean_text(value, where, report))
    if match:
        first = int(match["first"])
        last = int(match["last"] or first)
        if first <= last:
            return YearRange(first, last)
    report.error(where, f'timeframe "{value}" is neither a date nor a year range such as 2023-2025')
    return None


def checked_date(value: dt.date, where: Location, report: Report) -> dt.date | YearRange | None:
    """A timeframe's date between 1990 and 2100; a year typed into a date-formatted cell (2025 shows as July 1905)
    is read as that year, with a warning; any other date out of range is refused."""
    if EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return value
    typed = (value - EXCEL_EPOCH).days
    if EARLIEST_YEAR <= typed <= LATEST_YEAR:
        report.warn(
            where,
            f"the year {typed} was typed into a cell formatted as a date, where Excel shows it as {value:%B %Y}; read as "
            f"the year {typed}; format the cell as General or Text (Home › Number Format) so that it shows what it means",
        )
        return YearRange(typed, typed)
    report.error(
        where,
        f"timeframe {value.isoformat()} is before {EARLIEST_YEAR} or after {LATEST_YEAR}; type the month and year meant, "
        "such as June 2024, or a year range such as 2023-2025",
    )
    return None


def parse_date(value: CellValue, where: Location, report: Report) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    report.error(where, f'"{value}" is not a date; type a date such as 2025-03-28')
    return None


def parse_sessions(value: CellValue, where: Location, report: Report) -> tuple[int, ...] | None:
    text = clean_text(value, where, report)
    if not _SESSIONS.match(text):
        shown = text if len(text) <= 40 else text[:39] + "…"
        report.error(where, f'sessions "{shown}" should be numbers separated by "/", such as 247/248')
        return None
    return tuple(int(n) for n in text.split("/"))


# ---------------------------------------------------------------- statuses


def status_words(shape: Shape) -> dict[str, str]:
    """Every word a drafter may type in a status column: the keys and each language's label, to the status key."""
    words = {status.key: status.key for status in shape.statuses}
    for status in shape.statuses:
        words.update({normalise_word(label): status.key for label in status.labels.values()})
    return words


def normalise_word(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def parse_status(value: CellValue, words: Mapping[str, str], where: Location, report: Report) -> str | None:
    text = clean_text(value, where, report)
    status = words.get(normalise_word(text))
    if status is None:
        keys = dict.fromkeys(words.values())
        choices = ", ".join(keys)
        others = ", ".join(w for w in words if w not in keys)
        if text:
            report.error(where, f'status "{text}" is not one of {choices} ({others}){did_you_mean(text, list(words))}')
        else:
            report.error(where, f"status is empty; choose one of {choices} ({others})")
    return status


def did_you_mean(typed: str, choices: Sequence[str]) -> str:
    """``; did you mean "Progress (FR)"?`` when one of ``choices`` is close to what was typed (difflib), else nothing."""
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(typed.casefold(), list(folded), n=1, cutoff=0.6)
    return f'; did you mean "{folded[close[0]]}"?' if close else ""
