"""Stage 1, reading: the Excel workbooks in, the language-neutral model out.

The only module that imports openpyxl. It takes the sources folder and gives
:class:`ctpdoc.model.Sources`; every problem it meets is collected with its
file, sheet and cell, and reported all at once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils import get_column_letter

from .errors import Problem, Report
from .model import Activity, Location, Programme, Settings, Sources, Status, YearRange, freeze
from .opendocument import not_found
from .processes import can_fork, fork_pool
from .writer import TEXT_FORMAT, Column, SheetSpec
from .xlsx import SheetFacts, scan_sheet, what_is_wrong

DOCUMENT_WORKBOOK = "document.xlsx"
DOCUMENT_SHEET = "Document"
PART_SHEETS = ("Part I", "Part II")
EXCEL_ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
# Characters XML 1.0 forbids (C0 controls but tab and line feed); Word files cannot hold them.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel stores characters XML cannot hold as _xHHHH_ (ECMA-376 ST_Xstring); openpyxl leaves them escaped.
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
XML_BOMB = 'contains XML entity declarations (an "XML bomb") and is refused; save the data in a new workbook'
LONG_CELL = 2000  # characters: longer cell text is likely a paste gone wrong
_LANG_COLUMN = re.compile(r"^(?P<field>.+?)\s*\((?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)$")
_YEARS = re.compile(r"^(?P<first>\d{4})(?:\s*[-–—/]\s*(?P<last>\d{4}))?$")


def programme_file(period: str) -> str:
    """The workbook of a programme is named after its period."""
    return f"wp-{period}.xlsx"


# ---------------------------------------------------------------- sheets


@dataclass(frozen=True)
class Row:
    """One sheet row as plain values keyed by header, with its cell places."""

    values: dict[str, Any]
    columns: dict[str, str]
    number: int
    sheet: Location

    def at(self, header: str) -> Location:
        return Location(self.sheet.file, self.sheet.sheet, f"{self.columns[header]}{self.number}")


def open_workbook(path: Path, report: Report, name: str) -> Any | None:
    """Open read-only with cached values; ``None`` (and a problem) when impossible."""
    where = Location(name)
    if not path.is_file():
        report.error(where, not_found(path))
        return None
    problem = what_is_wrong(path)
    if problem:
        report.error(where, problem)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (e.g. slicers)
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        if any(isinstance(e, DefusedXmlException) for e in causes(exc)):
            report.error(where, XML_BOMB)
            return None
        report.error(where, f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc}); save it again from Excel as .xlsx")
    return None


def causes(exc: BaseException) -> Iterator[BaseException]:
    """An exception and those it was raised from (openpyxl wraps parser errors)."""
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def sheet_facts(book: Any, sheet: str, where: Location, report: Report) -> SheetFacts:
    """Merged ranges, hidden rows and unsaved formulas, from the sheet's own XML."""
    worksheet = book[sheet]
    try:
        return scan_sheet(book._archive.read(worksheet._worksheet_path))  # read-only mode keeps the archive open
    except DefusedXmlException:
        report.error(where, XML_BOMB)
    except (AttributeError, KeyError, ParseError):
        pass  # an openpyxl without these internals: the checks they feed are skipped
    return SheetFacts()


def read_rows(book: Any, name: str, sheet: str, report: Report) -> Iterator[Row]:
    """Rows under the header of ``sheet``, empty rows skipped."""
    where = Location(name, sheet)
    if sheet not in book.sheetnames:
        report.error(Location(name), f'sheet "{sheet}" is missing; sheets are {", ".join(book.sheetnames)}')
        return
    facts = sheet_facts(book, sheet, where, report)
    for ref in facts.merged:
        report.error(Location(name, sheet, ref), "cells are merged; unmerge them (Home › Merge & Center) and fill each row's cell")
    for cell in sorted(facts.formulas_without_value):
        report.error(
            Location(name, sheet, cell), "holds a formula with no saved result; open the workbook in Excel and save it, or type the value"
        )
    rows = book[sheet].iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = header_columns(header, where, report)
    letters = {name: get_column_letter(i + 1) for name, i in columns.items()}
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if number in facts.hidden_rows:
            report.warn(Location(name, sheet, f"row {number}"), "is hidden in Excel but is part of the document; unhide it to check it")
        keyed = {name: values[i] if i < len(values) else None for name, i in columns.items()}
        yield Row(keyed, letters, number, where)


def header_columns(header: tuple[Any, ...], where: Location, report: Report) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        if name is None or not str(name).strip():
            continue
        key = " ".join(str(name).split())
        if key in columns:
            report.error(Location(where.file, where.sheet, f"{get_column_letter(i + 1)}1"), f'column "{key}" appears twice; keep one')
            continue
        columns[key] = i
    return columns


def language_columns(columns: Iterable[str], field: str) -> dict[str, str]:
    """``{"en": "Activity (EN)", "fr": "Activity (FR)"}`` for ``field`` = Activity."""
    found = {}
    for name in columns:
        match = _LANG_COLUMN.match(name)
        if match and match["field"] == field:
            found[match["lang"].lower().replace("_", "-")] = name
    return found


# ---------------------------------------------------------------- values


def clean_text(value: Any, where: Location, report: Report) -> str:
    """Cell text as typed, minus what a Word file cannot hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _XSTRING_ESCAPE.sub(lambda m: chr(int(m[1], 16)), str(value))
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


def parse_timeframe(value: Any, where: Location, report: Report) -> dt.date | YearRange | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
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


def status_words(labels: Mapping[Status, Mapping[str, str]]) -> dict[str, Status]:
    """Every word a drafter may type in ``Status``: the keys and each language's label."""
    words = {status.value: status for status in Status}
    for status, texts in labels.items():
        words.update({normalise_word(label): status for label in texts.values()})
    return words


def normalise_word(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def parse_status(value: Any, words: dict[str, Status], where: Location, report: Report) -> Status | None:
    text = clean_text(value, where, report)
    status = words.get(normalise_word(text))
    if status is None:
        choices = ", ".join(s.value for s in Status)
        others = ", ".join(w for w in words if w not in {s.value for s in Status})
        if text:
            report.error(where, f'status "{text}" is not one of {choices} ({others})')
        else:
            report.error(where, f"status is empty; choose one of {choices} ({others})")
    return status


# ---------------------------------------------------------------- programmes

# Fields of an activity: (header, per language, in Part I, in Part II, reported programme only)
FIELDS = (
    ("No.", False, True, True, False),
    ("Strategic objective", False, True, True, False),
    ("Activity", True, True, True, False),
    ("Deliverable", True, True, False, False),
    ("Timeframe", False, True, False, False),
    ("Lead", True, True, False, False),
    ("Status", False, True, False, True),
    ("Progress", True, True, True, True),
)


def expected_fields(part: int, reported: bool) -> list[tuple[str, bool]]:
    return [
        (name, per_language)
        for name, per_language, in1, in2, reported_only in FIELDS
        if (in1 if part == 1 else in2) and (reported or not reported_only)
    ]


def read_programme(
    folder: Path,
    name: str,
    period: str,
    languages: tuple[str, ...],
    words: dict[Status, str] | dict[str, Status],
    report: Report,
    reported: bool,
) -> Programme | None:
    """Read ``Part I`` and ``Part II`` of one work-programme workbook (``name`` within ``folder``)."""
    book = open_workbook(folder / name, report, name)
    if book is None:
        return None
    try:
        parts = [
            tuple(read_part(book, name, sheet, part, languages, words, report, reported))
            for part, sheet in enumerate(PART_SHEETS, start=1)
        ]
    finally:
        book.close()
    check_unique_numbers(parts[0] + parts[1], report)
    return Programme(
        period=period,
        part1=tuple(sorted(parts[0], key=lambda a: a.sort_key)),
        part2=tuple(sorted(parts[1], key=lambda a: a.sort_key)),
        location=Location(name),
    )


def read_part(
    book: Any,
    name: str,
    sheet: str,
    part: int,
    languages: tuple[str, ...],
    words: Any,
    report: Report,
    reported: bool,
) -> Iterator[Activity]:
    rows = read_rows(book, name, sheet, report)
    first = next(rows, None)
    if first is None:
        return
    fields = expected_fields(part, reported)
    if not check_headers(first, fields, languages, report):
        return
    for row in (first, *rows):
        yield read_activity(row, fields, languages, words, report)


def check_headers(row: Row, fields: list[tuple[str, bool]], languages: tuple[str, ...], report: Report) -> bool:
    present = set(row.columns)
    missing = [
        name
        for field, per_language in fields
        for name in ([f"{field} ({lang.upper()})" for lang in languages] if per_language else [field])
        if name not in present
    ]
    for name in missing:
        report.error(
            Location(row.sheet.file, row.sheet.sheet, "row 1"),
            f'column "{name}" is missing; add it to the header row (headers are {", ".join(row.columns)})',
        )
    return not missing


def read_activity(
    row: Row, fields: list[tuple[str, bool]], languages: tuple[str, ...], words: Any, report: Report
) -> Activity:
    def text(header: str, required: bool = True) -> str:
        value = clean_text(row.values.get(header), row.at(header), report)
        if required and not value:
            report.error(row.at(header), f'"{header}" is empty; fill it in')
        return value

    def texts(field: str, required: bool = True) -> Any:
        values = {lang: text(f"{field} ({lang.upper()})", required=False) for lang in languages}
        check_translations(row, field, values, required, report)
        return freeze(values)

    names = {name for name, _ in fields}
    return Activity(
        number=text("No."),
        objective=text("Strategic objective"),
        activity=texts("Activity"),
        location=Location(row.sheet.file, row.sheet.sheet, f"row {row.number}"),
        deliverable=texts("Deliverable") if "Deliverable" in names else freeze({}),
        timeframe=parse_timeframe(row.values["Timeframe"], row.at("Timeframe"), report) if "Timeframe" in names else None,
        lead=texts("Lead") if "Lead" in names else freeze({}),
        status=parse_status(row.values["Status"], words, row.at("Status"), report) if "Status" in names else None,
        progress=texts("Progress", required=False) if "Progress" in names else freeze({}),  # may be empty, in every language
    )


def check_translations(row: Row, field: str, values: dict[str, str], required: bool, report: Report) -> None:
    filled = [lang for lang, value in values.items() if value]
    for lang, value in values.items():
        if value:
            continue
        header = f"{field} ({lang.upper()})"
        if filled:
            others = ", ".join(f"{field} ({other.upper()})" for other in filled)
            report.error(row.at(header), f"translation missing: {others} is filled but {header} is empty")
        elif required:
            report.error(row.at(header), f'"{header}" is empty; fill it in')


def check_unique_numbers(activities: tuple[Activity, ...], report: Report) -> None:
    seen: dict[str, Activity] = {}
    for activity in activities:
        if not activity.number:
            continue
        if activity.number in seen:
            first = seen[activity.number].location
            report.error(activity.location, f'activity number "{activity.number}" is used twice (also {first.sheet} › {first.cell}); numbers must be unique in a workbook')
        else:
            seen[activity.number] = activity


# ---------------------------------------------------------------- settings

# Setting → (kind, per language, repeated). Kinds: text, date, sessions.
SETTINGS: dict[str, tuple[str, bool, bool]] = {
    "Reference": ("text", False, False),
    "Version": ("text", False, False),
    "Language letter": ("text", True, False),
    "Locale": ("text", True, False),
    "Sessions": ("sessions", False, False),
    "Meeting start": ("date", False, False),
    "Meeting end": ("date", False, False),
    "Place": ("text", True, False),
    "Issue date": ("date", False, False),
    "Agenda item": ("text", False, False),
    "Current programme": ("text", False, False),
    "Draft programme": ("text", False, False),
    "Previous report": ("date", False, True),
    "Programme end": ("date", False, False),
    "Baseline": ("text", False, False),
    "Author": ("text", True, False),
    "Status completed": ("text", True, False),
    "Status ongoing": ("text", True, False),
    "Status pending": ("text", True, False),
}
_SESSIONS = re.compile(r"^\d+(\s*/\s*\d+)*$")


def parse_setting(kind: str, value: Any, where: Location, report: Report) -> Any:
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        report.error(where, f'"{value}" is not a date; type a date such as 2025-03-28')
        return None
    text = clean_text(value, where, report)
    if kind == "sessions":
        if not _SESSIONS.match(text):
            report.error(where, f'sessions "{text}" should be numbers separated by "/", such as 247/248')
            return None
        return tuple(int(n) for n in text.split("/"))
    return text


def read_settings(path: Path, report: Report) -> Settings | None:
    """Read ``document.xlsx › Document``: one row per setting."""
    book = open_workbook(path, report, path.name)
    if book is None:
        return None
    try:
        rows = list(read_rows(book, path.name, DOCUMENT_SHEET, report))
    finally:
        book.close()
    if not rows:
        report.error(Location(path.name, DOCUMENT_SHEET), "holds no settings; see the README for the list")
        return None
    languages = language_columns(rows[0].columns, "Value")
    values = collect_settings(rows, languages, report)
    return settings_from(values, path, report)


def collect_settings(rows: list[Row], languages: dict[str, str], report: Report) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row in rows:
        name = clean_text(row.values.get("Setting"), row.at("Setting"), report)
        if name not in SETTINGS:
            report.warn(row.at("Setting"), f'unknown setting "{name}" is ignored; known settings are {", ".join(SETTINGS)}')
            continue
        kind, per_language, repeated = SETTINGS[name]
        if per_language:
            value: Any = {lang: setting_value(row, header, kind, report) for lang, header in languages.items()}
        else:
            value = setting_value(row, "Value", kind, report)
        if repeated:
            values.setdefault(name, []).append(value)
        elif name in values:
            report.error(row.at("Setting"), f'setting "{name}" appears twice; keep one row')
        else:
            values[name] = value
    return values


def setting_value(row: Row, header: str, kind: str, report: Report) -> Any:
    if header not in row.columns:
        report.error(Location(row.sheet.file, row.sheet.sheet, "row 1"), f'column "{header}" is missing')
        return None
    value = row.values.get(header)
    if value is None or (isinstance(value, str) and not value.strip()):
        report.error(row.at(header), f'"{clean_text(row.values.get("Setting"), row.at("Setting"), report)}" has no value in column "{header}"; fill it in')
        return None
    return parse_setting(kind, value, row.at(header), report)


def settings_from(values: dict[str, Any], path: Path, report: Report) -> Settings | None:
    where = Location(path.name, DOCUMENT_SHEET)
    for name in SETTINGS:
        if name not in values:
            report.error(where, f'setting "{name}" is missing; add a row for it')
    if report.errors:
        return None
    return Settings(
        reference=values["Reference"],
        version=values["Version"],
        sessions=values["Sessions"],
        meeting_start=values["Meeting start"],
        meeting_end=values["Meeting end"],
        issue_date=values["Issue date"],
        agenda_item=values["Agenda item"],
        current_programme=values["Current programme"],
        draft_programme=values["Draft programme"],
        previous_reports=tuple(sorted(values["Previous report"])),
        programme_end=values["Programme end"],
        baseline=values["Baseline"],
        language_letter=freeze(values["Language letter"]),
        locale=freeze(values["Locale"]),
        place=freeze(values["Place"]),
        author=freeze(values["Author"]),
        status_labels={status: freeze(values[f"Status {status.value}"]) for status in Status},
    )


# ---------------------------------------------------------------- sources


def read_sources(folder: Path, report: Report | None = None, with_baseline: bool = True) -> Sources:
    """Read and check every workbook of ``folder``; raise once with every problem."""
    report = report if report is not None else Report()
    sources = collect_sources(folder, report, with_baseline)
    report.raise_if_errors()
    assert sources is not None
    return sources


def collect_sources(folder: Path, report: Report, with_baseline: bool = True) -> Sources | None:
    """Read every workbook, recording problems in ``report``; ``None`` if the sources are unusable."""
    settings = read_settings(folder / DOCUMENT_WORKBOOK, report)
    if settings is None:
        return None
    languages = settings.languages
    words = status_words(settings.status_labels)

    def read(name: str, period: str, reported: bool) -> Programme | None:
        return read_programme(folder, name, period, languages, words, report, reported)

    baseline = None
    pending = None
    if with_baseline and check_baseline(folder, settings, report):
        job = (folder, settings.baseline, settings.current_programme, languages, words)
        pending = read_beside(job)  # a large baseline is read in another process meanwhile
    current = read(programme_file(settings.current_programme), settings.current_programme, True)
    draft = read(programme_file(settings.draft_programme), settings.draft_programme, False)
    if pending is not None:
        baseline, problems = pending()
        report.problems.extend(problems)
    if current is None or draft is None or (with_baseline and baseline is None):
        return None
    return Sources(settings=settings, current=current, draft=draft, baseline=baseline)


def check_baseline(folder: Path, settings: Settings, report: Report) -> bool:
    if (folder / settings.baseline).is_file():
        return True
    report.error(
        Location(settings.baseline),
        "baseline not found: the snapshot of the workbook as it stood for the previous report "
        '(setting "Baseline" in document.xlsx); restore it, or build with --changes accepted',
    )
    return False


# ---------------------------------------------------------------- new workbooks (ctpdoc new-workbook)

HELP = {
    "No.": "Unique number, e.g. 1.4; the annex is sorted by it (1.2 before 1.10).",
    "Strategic objective": "Short code of the strategic objective, the same in every language.",
    "Activity": "The activity, in this column's language.",
    "Deliverable": "What the activity produces, in this column's language.",
    "Timeframe": "A date (shown as month and year) or years: 2024, 2023-2025.",
    "Lead": "Who leads: PTC, Secretariat, Members…",
    "Status": "completed, ongoing or pending (or en cours, menée à bien, en attente).",
    "Progress": "The progress made; Alt+Enter for a new line.",
}
WIDTHS = {"No.": 8, "Strategic objective": 12, "Timeframe": 14, "Status": 14, "Lead": 22}


def contract_headers(part: int, reported: bool, languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(header, field) in order for a Part I or Part II sheet."""
    return [
        (f"{field} ({lang.upper()})" if per_language else field, field)
        for field, per_language in expected_fields(part, reported)
        for lang in (languages if per_language else ("",))
    ]


def contract_sheets(reported: bool, languages: tuple[str, ...], words: list[str], rows: dict[int, list[list[Any]]] | None = None) -> list[SheetSpec]:
    """The ``Part I`` and ``Part II`` sheets of a programme workbook, for the writer (``new-workbook``, ``import``)."""
    specs = []
    for part, title in enumerate(PART_SHEETS, start=1):
        columns = [
            Column(
                header,
                help=HELP[field],
                width=WIDTHS.get(field, 50),
                number_format=TEXT_FORMAT if field == "No." else "mmm yyyy" if field == "Timeframe" else None,
                choices=words if field == "Status" else (),
            )
            for header, field in contract_headers(part, reported, languages)
        ]
        specs.append(SheetSpec(title, columns, (rows or {}).get(part, [])))
    return specs


PARALLEL_BYTES = 256 * 1024  # below this, a second process costs more than it saves


def read_beside(job: tuple[Path, str, str, tuple[str, ...], dict[str, Status]]) -> Callable[[], tuple[Programme | None, list[Problem]]]:
    """Start reading a programme workbook; call the result to get it (and its problems)."""
    path = job[0] / job[1]
    if path.stat().st_size < PARALLEL_BYTES or not can_fork(1):
        result = read_programme_alone(job)
        return lambda: result
    pool = fork_pool(1)
    future = pool.submit(read_programme_alone, job)

    def wait() -> tuple[Programme | None, list[Problem]]:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait


def read_programme_alone(job: tuple[Path, str, str, tuple[str, ...], dict[str, Status]]) -> tuple[Programme | None, list[Problem]]:
    folder, name, period, languages, words = job
    report = Report()
    return read_programme(folder, name, period, languages, words, report, True), report.problems
