"""The settings a report's covers give, for ``ctpdoc import``: reference, sessions, meeting dates, place, dates.

Takes the language versions read (:class:`~ctpdoc.word.annexes.ReadReport`) and gives the rows of
``document.xlsx › Document`` and the settings the covers do not give. A setting both covers give must be
the same in both (the language versions of one report); dates are checked against the calendar Excel holds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from ctpdoc.contract import DOCUMENT_SHEET, Column, SheetSpec, WritableValue
from ctpdoc.document.formats import original_mark
from ctpdoc.errors import Report, quoted
from ctpdoc.model import Location, YearRange
from ctpdoc.paths import programme_file
from ctpdoc.shape import PTC_STATUS_COLOURS, Shape
from ctpdoc.word.annexes import ReadReport
from ctpdoc.word.printed import fold, fold_key, month_names, parse_printed_timeframe
from ctpdoc.workbooks.values import FIRST_YEAR, LAST_YEAR

_REFERENCE = re.compile(r"\b(?P<reference>[A-Z]{1,4}\d{2,6})(?P<letter>[A-Z])(?P<version>\d+[a-z]*)\b")
_AGENDA = re.compile(r"\((?:item|point)\s+(?P<item>[^\s)]+)\s+(?:on|de|of)\b", re.IGNORECASE)
_SESSIONS = re.compile(r"(\d{2,4})\s*(?:st|nd|rd|th|e|re|er|ème|eme)?\s*(?=/|\s+sessions?\b|\s*-\s*$)", re.IGNORECASE)
_MEETING = re.compile(
    r"^(?P<first>\d{1,2})(?:er)?\s*[-–—]\s*(?P<last>\d{1,2})\s+(?P<month>[^\W\d_]+\.?)\s+(?P<year>\d{4})$"
)  # on folded text
_ISSUED = re.compile(r"^(?P<place>[^,\d]{2,40}),\s*(?:(?:le|the)\s+)?(?P<date>\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4})\.?$")
_ORIGINAL = re.compile(r"^O\.\s*\w{2,3}\.$")  # the cover's original language: O. Fr.
_MONTH_YEAR = re.compile(r"\b([^\W\d_]+)\s+(\d{4})\b")
# How the body says when the earlier progress reports were noted and when the programme ends (English, French).
_NOTED = re.compile(r"took note of the progress|pris note (?:des progrès|de l.état d.avancement)", re.IGNORECASE)
_ENDS = re.compile(
    r"(?:ends|will end|comes to an end|s.achevant|s.achève|arrive à son terme|prend fin)\s+(?:in|en)\s+([^\W\d_]+\s+\d{4})",
    re.IGNORECASE,
)
NOTES = {
    "Reference": "Read from the cover of the imported documents.",
    "Previous report": "Month of an earlier progress report; one row per report, in date order.",
    "Programme end": "Month in which the current programme ends.",
    "Baseline": "The previous report's snapshot of the current programme, relative to source_sheets/.",
}


def in_calendar(value: dt.date | YearRange | None) -> bool:
    """A date or years Excel can hold (1900-9999)."""
    if isinstance(value, YearRange):
        return FIRST_YEAR <= value.first and value.last <= LAST_YEAR
    return value is None or FIRST_YEAR <= value.year <= LAST_YEAR


def cover_settings(
    reports: list[ReadReport], periods: dict[bool, str], report: Report, shape: Shape
) -> tuple[list[list[WritableValue]], list[str]]:
    """The rows of ``document.xlsx › Document`` the covers give, and the settings they do not; the PTC's status
    labels as printed when the report has the PTC's shape (a declared shape keeps its own, in its Statuses sheet)."""
    shared: dict[str, Any] = {}
    per_language: dict[str, dict[str, WritableValue]] = {}
    given: dict[str, str] = {}  # the document each shared setting was read from
    for read in reports:
        found = read_cover(read, report)
        for name, value in found.items():
            if isinstance(value, dict):
                per_language.setdefault(name, {}).update(value)
            elif name not in shared:
                shared[name], given[name] = value, read.name
            elif shared[name] != value:
                report.error(
                    Location(read.name),
                    f"its cover gives {name} {shown(value)} but {given[name]} gives {shown(shared[name])}; "
                    "the language versions must be of one report: correct the one that is wrong",
                )
    if True in periods:
        shared["Current programme"] = periods[True]
        shared["Baseline"] = f"baseline/{programme_file(periods[True])}"
    if False in periods:
        shared["Draft programme"] = periods[False]
    mark = shared.pop("Original mark", None)
    original = next((r.lang for r in reports if original_mark(r.lang) == mark), None) if mark else None
    if original:
        shared["Original language"] = original
    languages = [r.lang for r in reports]
    for status in () if shape.declared else shape.statuses:
        labels = {r.lang: r.labels.get(status.key) or status.labels.get(r.lang) for r in reports}
        per_language[f"Status {status.key}"] = {lang: label for lang, label in labels.items() if label}
    per_language["Locale"] = {r.lang: r.locale for r in reports}
    authors = {r.lang: r.authors.most_common(1)[0][0] for r in reports if r.authors}
    if authors:
        per_language["Author"] = dict(authors)
    rows: list[list[WritableValue]] = []
    missing: list[str] = []
    order = ["Reference", "Version", "Language letter", "Locale", "Sessions", "Meeting start", "Meeting end", "Place",
             "Issue date", "Agenda item", "Current programme", "Draft programme", "Previous report", "Programme end",
             "Baseline", "Author",
             *(f"Status {key}" for key, _, _ in PTC_STATUS_COLOURS), "Original language"]  # fmt: skip
    for name in order:
        if name in ("Original language", "Draft programme") and name not in shared:
            continue  # optional: the covers print no "O. Fr.", the report has no Annex II
        if name.startswith("Status ") and shape.declared:
            continue  # the statuses are in the Statuses sheet
        if name in shared and isinstance(shared[name], list):
            for value in shared[name]:
                rows.append([name, value, *([None] * len(languages)), NOTES.get(name, "Read from the imported documents.")])
        elif name in shared:
            rows.append([name, shared[name], *([None] * len(languages)), NOTES.get(name, "Read from the imported documents.")])
        elif name in per_language and per_language[name]:
            values = per_language[name]
            rows.append([name, None, *(values.get(lang) for lang in languages), "Read from the imported documents."])
            missing += [f"{name} ({lang.upper()})" for lang in languages if lang not in values]
        else:
            rows.append([name, None, *([None] * len(languages)), "Not found in the documents: fill it in."])
            missing.append(name)
    return rows, missing


def shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return quoted(str(value))


def read_cover(read: ReadReport, report: Report) -> dict[str, Any]:
    """The settings one cover gives (lines before Summary); per-language values as {lang: value}."""
    found: dict[str, Any] = {}
    lines = [line.strip() for p in read.paragraphs[:40] for line in p.text.replace("\t", "\n").split("\n") if line.strip()]
    names = month_names(read.locale)
    for line in lines:
        if "Reference" not in found and (match := _REFERENCE.search(line)):
            found["Reference"], found["Version"] = match["reference"], match["version"]
            found["Language letter"] = {read.lang: match["letter"]}
        if "Original mark" not in found and _ORIGINAL.match(line):
            found["Original mark"] = line
        if "Agenda item" not in found and (match := _AGENDA.search(line)):
            found["Agenda item"] = match["item"]
        folded = fold(line)
        if "Sessions" not in found and "session" in folded.casefold() and len(folded) < 80:
            numbers = _SESSIONS.findall(folded)
            if numbers:
                found["Sessions"] = "/".join(numbers)
        if "Meeting start" not in found and (match := _MEETING.match(folded)):
            month = names.get(fold_key(match["month"]).rstrip("."))
            if month:
                year, first, last = int(match["year"]), int(match["first"]), int(match["last"])
                if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= first <= last <= calendar.monthrange(year, month)[1]):
                    report.error(
                        Location(read.name, "cover"),
                        f"the meeting dates {quoted(folded)} are not days of that month and year; correct them on the cover",
                    )
                    continue
                found["Meeting start"] = dt.datetime(year, month, first)
                found["Meeting end"] = dt.datetime(year, month, last)
        if "Place" not in found and (match := _ISSUED.match(folded)):
            issued = parse_printed_timeframe(match["date"], read.locale)
            if isinstance(issued, dt.date) and not in_calendar(issued):
                report.error(
                    Location(read.name, "cover"),
                    f"the issue date {quoted(match['date'])} is outside the years a workbook holds ({FIRST_YEAR}-{LAST_YEAR}); "
                    "correct it on the cover",
                )
            elif isinstance(issued, dt.date):
                found["Place"] = {read.lang: match["place"].strip()}
                found["Issue date"] = dt.datetime(issued.year, issued.month, issued.day)
    found.update(body_dates(read))
    return found


def body_dates(read: ReadReport) -> dict[str, Any]:
    """The months of the earlier progress reports ("in April 2023 and in April 2024, the PTC took note of the
    progress…") and the month the programme ends ("… ends in June 2025"), from the body's first mention."""
    names = month_names(read.locale)
    found: dict[str, Any] = {}

    def months(text: str) -> list[tuple[int, int]]:
        found = [(int(year), names[key]) for word, year in _MONTH_YEAR.findall(fold(text)) if (key := fold_key(word)) in names]
        return [(year, month) for year, month in found if FIRST_YEAR <= year <= LAST_YEAR]

    for paragraph in read.paragraphs:
        for sentence in re.split(r"(?<=[.;])\s+", paragraph.text):
            if "Previous report" not in found and _NOTED.search(sentence) and (noted := months(sentence)):
                found["Previous report"] = sorted(dt.datetime(year, month, 1) for year, month in set(noted))
            end = _ENDS.search(fold(sentence))
            if "Programme end" not in found and end and (ends := months(end[1])):
                year, month = ends[0]
                found["Programme end"] = dt.datetime(year, month, calendar.monthrange(year, month)[1])
    return found


# ---------------------------------------------------------------- writing


def document_sheet(rows: list[list[WritableValue]], languages: list[str]) -> SheetSpec:
    columns = [Column("Setting", "The name of the setting (see the README).", 22),
               Column("Value", "The value, when it is the same in every language.", 30)]  # fmt: skip
    columns += [Column(f"Value ({lang.upper()})", f"The value in {lang}.", 30) for lang in languages]
    columns.append(Column("Note", "What the setting is for.", 60))
    return SheetSpec(DOCUMENT_SHEET, columns, rows)
