"""Reading sheets: one workbook file in, its sheets' rows out, each value with its cell.

The only module that reads with openpyxl, imported when a workbook is first read (``build`` reads its
workbooks in processes beside its own, which then never imports openpyxl: a fifth of building the sample).
A workbook is read once, down one path: what the file is (:mod:`ctpdoc.workbooks.xlsx`), then each sheet asked for, its XML
scanned for what read-only openpyxl skips (merged cells, hidden rows, unsaved
formulas, its real size), then its rows under the header as plain values.
Problems are collected in a :class:`~ctpdoc.errors.Report` with file › sheet › cell.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from ctpdoc.errors import Report
from ctpdoc.inputs import irregular
from ctpdoc.model import Location
from ctpdoc.package.opendocument import not_found
from ctpdoc.workbooks.identity import archive_problem, file_problem
from ctpdoc.workbooks.sheetxml import SheetFacts, SheetTooLarge, read_sheet_facts, sheet_parts

if TYPE_CHECKING:
    import openpyxl

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
XML_BOMB = 'contains XML entity declarations (an "XML bomb") and is refused; save the data in a new workbook'
MAX_ROWS = 20_000  # filled rows in one sheet: ten times the largest programme foreseen
REREAD = "changed or was damaged while it was being read; wait until it is saved, then run the command again"


class ReadOnlySheet(Protocol):
    """What ctpdoc uses of openpyxl's read-only worksheet (documented in openpyxl's "Optimised modes")."""

    title: str

    def reset_dimensions(self) -> None: ...

    def iter_rows(
        self,
        min_row: int | None = None,
        max_row: int | None = None,
        min_col: int | None = None,
        max_col: int | None = None,
        values_only: bool = False,
    ) -> Generator[tuple[CellValue, ...], None, None]: ...


@dataclass(frozen=True)
class Row:
    """One sheet row as plain values keyed by header, with its cell places."""

    values: dict[str, CellValue]
    columns: dict[str, str]  # header → column letter
    number: int
    sheet: Location

    def at(self, header: str) -> Location:
        return Location(self.sheet.file, self.sheet.sheet, f"{self.columns[header]}{self.number}")


@dataclass(frozen=True)
class Sheet:
    location: Location
    headers: tuple[str, ...]
    rows: tuple[Row, ...]  # the filled rows under the header
    letters: dict[str, str]  # header → column letter


def read_workbook(
    path: Path, sheets: Sequence[str], report: Report, name: str | None = None, optional: Sequence[str] = ()
) -> dict[str, Sheet] | None:
    """The sheets asked for (and the ``optional`` ones that are there), read once; ``None`` (with the problems
    in ``report``) when the file cannot be read."""
    name = name or path.name
    where = Location(name)
    if not path.is_file():
        report.error(where, irregular(path) or not_found(path))
        return None
    problem = file_problem(path)
    if problem:
        report.error(where, problem)
        return None
    try:
        return read_sheets(path, name, sheets, report, optional)
    except DefusedXmlException:
        report.error(where, XML_BOMB)
    except (zipfile.BadZipFile, ParseError, EOFError, OSError):
        report.error(where, REREAD)
    except Exception as exc:  # openpyxl raises many types for damaged files
        if any(isinstance(e, DefusedXmlException) for e in causes(exc)):
            report.error(where, XML_BOMB)
        else:
            report.error(
                where, f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc}); save it again from Excel as .xlsx"
            )
    return None


def import_reader() -> None:
    """openpyxl imported, before a process forks that will read with it too (a fifth of a second, once)."""
    import openpyxl  # noqa: F401


def read_sheets(path: Path, name: str, sheets: Sequence[str], report: Report, optional: Sequence[str]) -> dict[str, Sheet] | None:
    import openpyxl  # here, not above: a process that reads no workbook never imports it (see the module's text)

    with path.open("rb") as stream, zipfile.ZipFile(path) as archive, warnings.catch_warnings():
        problem = archive_problem(archive)  # the zip opened once: for what it is, then for its sheets' XML
        if problem:
            report.error(Location(name), problem)
            return None
        warnings.simplefilter("ignore")  # openpyxl warns about features it drops (e.g. slicers)
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)  # our stream: closed here, whatever openpyxl does
        try:
            there = [sheet for sheet in optional if sheet in book.sheetnames]
            return sheets_of(book, archive, name, [*sheets, *there], report)
        finally:
            book.close()


def sheets_of(
    book: openpyxl.Workbook, archive: zipfile.ZipFile, name: str, sheets: Sequence[str], report: Report
) -> dict[str, Sheet]:
    """The sheets asked for, each read on its own; a missing one is reported with the sheets there are."""
    found: dict[str, Sheet] = {}
    parts = sheet_parts(archive)  # the sheets' XML, located once for the workbook
    for sheet in sheets:
        if sheet not in book.sheetnames:
            report.error(Location(name), f'sheet "{sheet}" is missing; sheets are {", ".join(book.sheetnames)}')
            continue
        read = read_sheet(archive, parts[sheet], book[sheet], Location(name, sheet), report)
        if read is not None:
            found[sheet] = read
    return found


def read_sheet(archive: zipfile.ZipFile, part: str, worksheet: ReadOnlySheet, where: Location, report: Report) -> Sheet | None:
    try:
        facts = read_sheet_facts(archive, part)
    except SheetTooLarge as exc:
        report.error(where, f"holds {exc}, more than a work programme can; delete the unused rows and columns and save again")
        return None
    report_facts(facts, where, report)
    worksheet.reset_dimensions()  # the declared used range may be anything: read the cells that are there
    first = worksheet.iter_rows(min_row=1, max_row=1, values_only=True)
    header: tuple[CellValue, ...] = next(first, ())
    first.close()  # the generator holds the sheet's stream open until closed
    columns = header_columns(header, where, report)
    letters = {header: column_letter(i + 1) for header, i in columns.items()}
    rows: list[Row] = []
    for number, values in enumerate(worksheet.iter_rows(min_row=2, max_col=max(len(header), 1), values_only=True), start=2):
        if is_empty(values):
            continue
        if len(rows) == MAX_ROWS:
            report.error(
                where, f"has more than {MAX_ROWS:,} filled rows, more than a work programme can; split it or delete stray rows"
            )
            return None
        if number in facts.hidden_rows:
            report.warn(
                Location(where.file, where.sheet, f"row {number}"),
                "is hidden in Excel but is part of the document; unhide it to check it",
            )
        keyed = {header: values[i] if i < len(values) else None for header, i in columns.items()}
        rows.append(Row(keyed, letters, number, where))
    return Sheet(where, tuple(columns), tuple(rows), letters)


def report_facts(facts: SheetFacts, where: Location, report: Report) -> None:
    for ref in facts.merged:
        report.error(
            Location(where.file, where.sheet, ref),
            "cells are merged; unmerge them (Home › Merge & Center) and fill each row's cell",
        )
    for cell in sorted(facts.formulas_without_value):
        report.error(
            Location(where.file, where.sheet, cell),
            "holds a formula with no saved result; open the workbook in Excel and save it, or type the value",
        )


def is_empty(values: Sequence[CellValue]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def header_columns(header: Sequence[CellValue], where: Location, report: Report) -> dict[str, int]:
    """Header text (spaces folded) → column index; a header given twice is reported."""
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        if name is None or not str(name).strip():
            continue
        key = " ".join(str(name).split())
        if key in columns:
            report.error(Location(where.file, where.sheet, f"{column_letter(i + 1)}1"), f'column "{key}" appears twice; keep one')
            continue
        columns[key] = i
    return columns


def column_letter(index: int) -> str:
    """A column's letters from its index (1 → ``A``, 27 → ``AA``), as openpyxl's ``get_column_letter`` gives them
    (tests/workbooks/test_sheets.py), without importing openpyxl for it."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def causes(exc: BaseException) -> Iterator[BaseException]:
    """An exception and those it was raised from (openpyxl wraps parser errors)."""
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__
