"""Programmes: the rows of a work-programme workbook's part sheets into a :class:`~ctpdoc.model.Programme`.

Takes the sheets :mod:`ctpdoc.workbooks.sheets` read, the languages, the shape and the status words
of the settings; checks the columns against the contract, each cell, the
translations and the numbers; gives the programme with every activity in annex
order, or ``None`` when its columns are wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ctpdoc.contract import CONFIRMATION_COLUMNS, CONFIRMATIONS_SHEET
from ctpdoc.errors import Report
from ctpdoc.model import Activity, Confirmation, Location, Part, Programme, Value
from ctpdoc.shape import NUMBER_COLUMN, ColumnKind, ColumnSpec, Shape, Texts, freeze
from ctpdoc.workbooks.cells import clean_text, did_you_mean, parse_number, parse_status, read_timeframe
from ctpdoc.workbooks.sheets import Row, Sheet, read_workbook


def read_programme(
    path: Path,
    name: str,
    period: str,
    languages: Sequence[str],
    shape: Shape,
    words: Mapping[str, str],
    report: Report,
    reported: bool,
) -> Programme | None:
    """Read every part's sheet of one work-programme workbook (``name`` as messages call it), with each
    sheet's column letters and, for the reported programme, its ``Confirmed translations``."""
    sheets = read_workbook(path, shape.sheets, report, name, optional=(CONFIRMATIONS_SHEET,) if reported else ())
    if sheets is None or any(sheet not in sheets for sheet in shape.sheets):
        return None
    parts = [read_programme_part(sheets[part.sheet], shape, part.key, languages, words, report, reported) for part in shape.parts]
    if any(part is None for part in parts):
        return None
    check_unique_numbers([a for part in parts if part for a in part], report)
    return Programme(
        period=period,
        parts=tuple(
            Part(spec.key, tuple(sorted(part or (), key=lambda a: a.sort_key)))
            for spec, part in zip(shape.parts, parts, strict=True)
        ),
        location=Location(name),
        letters={sheet: dict(sheets[sheet].letters) for sheet in shape.sheets},
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
            str(number).strip(),
            str(sheet_name),
            str(column),
            str(cell or ""),
            str(against or ""),
            str(text or ""),
            str(fingerprint),
            day,
        )


def read_programme_part(
    sheet: Sheet, shape: Shape, key: str, languages: Sequence[str], words: Mapping[str, str], report: Report, reported: bool
) -> tuple[Activity, ...] | None:
    columns = shape.columns_of(key, reported)
    if not check_headers(sheet, columns, languages, report):
        return None
    return tuple(ActivityReader(row, columns, languages, words, report).read() for row in sheet.rows)


def check_headers(sheet: Sheet, columns: Sequence[ColumnSpec], languages: Sequence[str], report: Report) -> bool:
    if not sheet.rows:
        return True  # an empty part: nothing to check the columns against
    present = set(sheet.headers)
    expected = [NUMBER_COLUMN] + [header for column in columns for header in column.headers(languages)]
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
            "rename it, keep it for your own notes, or declare it in document.xlsx › Columns",
        )
    return not missing


class ActivityReader:
    """One row into an :class:`Activity`, every cell checked."""

    def __init__(
        self, row: Row, columns: Sequence[ColumnSpec], languages: Sequence[str], words: Mapping[str, str], report: Report
    ) -> None:
        self.row = row
        self.columns = columns
        self.languages = languages
        self.words = words
        self.report = report

    def read(self) -> Activity:
        row, report = self.row, self.report
        values: dict[str, Value] = {}
        status = None
        for column in self.columns:
            if column.kind is ColumnKind.STATUS:
                status = parse_status(row.values[column.name], self.words, row.at(column.name), report)
            elif column.kind is ColumnKind.MONTH:
                timeframe = read_timeframe(row.values[column.name], row.at(column.name), report)
                if timeframe is not None:
                    values[column.name] = timeframe
            elif column.per_language:
                values[column.name] = self.texts(
                    column.name, required=column.kind is not ColumnKind.PROGRESS
                )  # progress may be empty
            else:
                values[column.name] = self.text(column.name)
        return Activity(
            number=self.required(parse_number(row.values.get(NUMBER_COLUMN), row.at(NUMBER_COLUMN), report), NUMBER_COLUMN),
            location=Location(row.sheet.file, row.sheet.sheet, f"row {row.number}"),
            values=values,
            status=status,
        )

    def text(self, header: str) -> str:
        return self.required(clean_text(self.row.values.get(header), self.row.at(header), self.report), header)

    def required(self, value: str, header: str) -> str:
        if not value:
            self.report.error(self.row.at(header), f'"{header}" is empty; fill it in')
        return value

    def texts(self, field: str, required: bool = True) -> Texts:
        values = {lang: clean_text(self.row.values.get(f"{field} ({lang.upper()})"), self.row.at(f"{field} ({lang.upper()})"),
                                   self.report)
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


def check_unique_numbers(activities: Sequence[Activity], report: Report) -> None:
    seen: dict[str, Activity] = {}
    for activity in activities:
        if not activity.number:
            continue
        if activity.number in seen:
            first = seen[activity.number].location
            report.error(
                activity.location,
                f'activity number "{activity.number}" is used twice (also {first.sheet} › {first.cell}); '
                "numbers must be unique in a workbook",
            )
        else:
            seen[activity.number] = activity
