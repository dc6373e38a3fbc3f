"""Programmes: the rows of a work-programme workbook's ``Part I`` and ``Part II`` into a :class:`~ctpdoc.model.Programme`.

Takes the sheets :mod:`ctpdoc.workbooks.sheets` read, the languages and the status words
of the settings; checks the columns against the contract, each cell, the
translations and the numbers; gives the programme with every activity in annex
order, or ``None`` when its columns are wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ctpdoc.contract import CONFIRMATION_COLUMNS, CONFIRMATIONS_SHEET, PART_SHEETS, Field, expected_fields
from ctpdoc.errors import Report
from ctpdoc.model import Activity, Confirmation, Location, Programme, Status, Texts, freeze
from ctpdoc.workbooks.cells import clean_text, did_you_mean, parse_number, parse_status, read_timeframe
from ctpdoc.workbooks.sheets import Row, Sheet, read_workbook


def read_programme(
    path: Path, name: str, period: str, languages: Sequence[str], words: Mapping[str, Status], report: Report, reported: bool
) -> Programme | None:
    """Read ``Part I`` and ``Part II`` of one work-programme workbook (``name`` as messages call it), with each
    sheet's column letters and, for the reported programme, its ``Confirmed translations``."""
    sheets = read_workbook(path, PART_SHEETS, report, name, optional=(CONFIRMATIONS_SHEET,) if reported else ())
    if sheets is None or len(sheets) < len(PART_SHEETS):
        return None
    parts = [read_programme_part(sheets[title], part, languages, words, report, reported) for part, title in enumerate(PART_SHEETS, start=1)]
    if parts[0] is None or parts[1] is None:
        return None
    check_unique_numbers(parts[0] + parts[1], report)
    return Programme(
        period=period,
        part1=tuple(sorted(parts[0], key=lambda a: a.sort_key)),
        part2=tuple(sorted(parts[1], key=lambda a: a.sort_key)),
        location=Location(name),
        letters={title: dict(sheets[title].letters) for title in PART_SHEETS},
        confirmations=tuple(read_confirmations(sheets[CONFIRMATIONS_SHEET])) if CONFIRMATIONS_SHEET in sheets else (),
    )


def read_confirmations(sheet: Sheet) -> Iterator[Confirmation]:
    """The rows of the confirmations sheet; a row someone damaged by hand confirms nothing."""
    wanted = [column.header for column in CONFIRMATION_COLUMNS]
    if any(name not in sheet.headers for name in wanted):
        return
    for row in sheet.rows:
        number, sheet_name, column, cell, against, text, fingerprint, date = (row.values.get(name) for name in wanted)
        if not (number and sheet_name and column and fingerprint):
            continue
        day = date.date() if isinstance(date, dt.datetime) else date if isinstance(date, dt.date) else None
        yield Confirmation(
            str(number).strip(), str(sheet_name), str(column), str(cell or ""), str(against or ""), str(text or ""), str(fingerprint), day
        )


def read_programme_part(
    sheet: Sheet, part: int, languages: Sequence[str], words: Mapping[str, Status], report: Report, reported: bool
) -> tuple[Activity, ...] | None:
    fields = expected_fields(part, reported)
    if not check_headers(sheet, fields, languages, report):
        return None
    return tuple(ActivityReader(row, fields, languages, words, report).read() for row in sheet.rows)


def check_headers(sheet: Sheet, fields: list[Field], languages: Sequence[str], report: Report) -> bool:
    if not sheet.rows:
        return True  # an empty part: nothing to check the columns against
    present = set(sheet.headers)
    expected = [header for field in fields for header in ([field.header(lang) for lang in languages] if field.per_language else [field.name])]
    missing = [header for header in expected if header not in present]
    unknown = [header for header in sheet.headers if header not in expected]
    for header in missing:
        report.error(
            Location(sheet.location.file, sheet.location.sheet, "row 1"),
            f'column "{header}" is missing; add it to the header row (headers are {", ".join(sheet.headers)})'
            f"{did_you_mean(header, unknown)}",
        )
    for header in unknown:
        report.warn(
            Location(sheet.location.file, sheet.location.sheet, f"{sheet.letters[header]}1"),
            f'column "{header}" is not one ctpdoc reads, so nothing in it reaches the document{did_you_mean(header, missing)}; '
            "rename it, or keep it for your own notes",
        )
    return not missing


class ActivityReader:
    """One row into an :class:`Activity`, every cell checked."""

    def __init__(self, row: Row, fields: list[Field], languages: Sequence[str], words: Mapping[str, Status], report: Report) -> None:
        self.row = row
        self.names = {field.name for field in fields}
        self.languages = languages
        self.words = words
        self.report = report

    def read(self) -> Activity:
        row, report = self.row, self.report
        return Activity(
            number=self.required(parse_number(row.values.get("No."), row.at("No."), report), "No."),
            objective=self.text("Strategic objective"),
            activity=self.texts("Activity"),
            location=Location(row.sheet.file, row.sheet.sheet, f"row {row.number}"),
            deliverable=self.texts("Deliverable") if "Deliverable" in self.names else freeze({}),
            timeframe=read_timeframe(row.values["Timeframe"], row.at("Timeframe"), report) if "Timeframe" in self.names else None,
            lead=self.texts("Lead") if "Lead" in self.names else freeze({}),
            status=parse_status(row.values["Status"], self.words, row.at("Status"), report) if "Status" in self.names else None,
            progress=self.texts("Progress", required=False) if "Progress" in self.names else freeze({}),  # may be empty everywhere
        )

    def text(self, header: str) -> str:
        return self.required(clean_text(self.row.values.get(header), self.row.at(header), self.report), header)

    def required(self, value: str, header: str) -> str:
        if not value:
            self.report.error(self.row.at(header), f'"{header}" is empty; fill it in')
        return value

    def texts(self, field: str, required: bool = True) -> Texts:
        values = {lang: clean_text(self.row.values.get(f"{field} ({lang.upper()})"), self.row.at(f"{field} ({lang.upper()})"), self.report)
                  for lang in self.languages}  # fmt: skip
        self.check_translations(field, values, required)
        return freeze(values)

    def check_translations(self, field: str, values: dict[str, str], required: bool) -> None:
        filled = [lang for lang, value in values.items() if value]
        for lang, value in values.items():
            if value:
                continue
            header = f"{field} ({lang.upper()})"
            if filled:
                others = ", ".join(f"{field} ({other.upper()})" for other in filled)
                self.report.error(self.row.at(header), f"translation missing: {others} is filled but {header} is empty")
            elif required:
                self.report.error(self.row.at(header), f'"{header}" is empty; fill it in')


def check_unique_numbers(activities: tuple[Activity, ...], report: Report) -> None:
    seen: dict[str, Activity] = {}
    for activity in activities:
        if not activity.number:
            continue
        if activity.number in seen:
            first = seen[activity.number].location
            report.error(
                activity.location,
                f'activity number "{activity.number}" is used twice (also {first.sheet} › {first.cell}); numbers must be unique in a workbook',
            )
        else:
            seen[activity.number] = activity
