"""New workbooks of the contract (``new-workbook``, ``import``): sheets with their headers, help and drop-downs.

Part of the one workbook writer: the cells are written as :mod:`ctpdoc.workbooks.values` says (text as
text, escaped; dates Excel can hold), and the files through :mod:`ctpdoc.package.writer` (temporary
files renamed together, so an interrupted write leaves the old workbooks).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ctpdoc.contract import Column, SheetSpec
from ctpdoc.errors import CtpdocError, fail
from ctpdoc.model import Location
from ctpdoc.package.writer import Writer, write_together
from ctpdoc.workbooks import values


def target_of(path: Path, force: bool) -> Path:
    """Where a new workbook goes: refuses to replace one without ``force``, and never follows a symbolic link silently."""
    if path.is_symlink():
        raise fail(
            Location(str(path)), f"is a symbolic link to {os.path.realpath(path)}; write to that path instead, or remove the link"
        )
    if path.exists() and not force:
        raise fail(Location(str(path)), "already exists; choose another name or add --force to replace it")
    if path.suffix.lower() != ".xlsx":
        raise fail(Location(str(path)), "should end in .xlsx")
    return path


# ---------------------------------------------------------------- new workbooks


HEADER_FILL = "DDEBF7"


def new_workbook(path: Path, sheets: Iterable[SheetSpec], force: bool = False) -> None:
    """A workbook of the contract's form: bold wrapped headers with help, frozen, sized, filtered, drop-downs."""
    new_workbooks({path: sheets}, force)


def new_workbooks(workbooks: Mapping[Path, Iterable[SheetSpec]], force: bool = False) -> None:
    """Several new workbooks written together: all of them, or none if one cannot be written."""
    for path in workbooks:
        target_of(path, force)
    for folder in {path.parent for path in workbooks}:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CtpdocError(f"{folder}: cannot create the folder ({exc.strerror}); choose another folder") from exc
    write_together({path: workbook_writer(path, sheets) for path, sheets in workbooks.items()})


def workbook_writer(path: Path, sheets: Iterable[SheetSpec]) -> Writer:
    """The workbook made now (every value checked, with its cell), saved when the writer is called."""
    book = openpyxl.Workbook()
    for sheet in book.worksheets:
        book.remove(sheet)
    for spec in sheets:
        fill_sheet(book, spec, path.name)
    return lambda temporary: book.save(temporary)


def fill_sheet(book: Workbook, spec: SheetSpec, name: str) -> None:
    """A sheet of the contract's form. Each column's wrap and number format is set on the column itself (Excel
    gives it to every cell typed there), and on the cells written now, which carry a style of their own."""
    sheet = book.create_sheet(spec.title)
    for row_number, row in enumerate([[column.header for column in spec.columns], *spec.rows], start=1):
        for column_number, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column_number)
            wrong = values.problem(value)
            if wrong:
                raise fail(Location(name, spec.title, cell.coordinate), wrong)
            values.put(cell, value)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for number, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(number)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        dimension.alignment = wrapped
        if column.number_format:
            dimension.number_format = column.number_format
        style_header(sheet.cell(row=1, column=number), column, letter, sheet)
        for (cell,) in sheet.iter_rows(min_row=2, max_row=len(spec.rows) + 1, min_col=number, max_col=number):
            cell.alignment = wrapped
            if column.number_format:
                cell.number_format = column.number_format
            if column.date_format and isinstance(cell.value, dt.date):
                cell.number_format = column.date_format
        if column.choices:
            choices = DataValidation(
                type="list", formula1=list_formula(book, column.choices, name), allow_blank=False, showErrorMessage=True
            )
            choices.error = f"Choose one of: {', '.join(column.choices)}"[:MAX_MESSAGE]
            choices.add(f"{letter}2:{letter}{max(len(spec.rows) + 1, 1000)}")
            sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}1"


LISTS = "Lists"  # a hidden sheet: the drop-downs' choices that an inline list cannot hold
MAX_INLINE_LIST = 255  # characters of an inline list ("a,b,c"): Excel's limit
MAX_MESSAGE = 255  # characters of a drop-down's error message: Excel's limit


def list_formula(book: Workbook, choices: Sequence[str], name: str) -> str:
    """A drop-down's list: inline (``"a,b,c"``) where Excel can read it so; where a label holds a comma or a quote,
    or the list is longer than Excel's inline limit, a range of cells of the hidden sheet ``Lists`` (written as
    text, as every cell), so that the workbook opens in Excel without repair."""
    inline = ",".join(choices)
    if len(inline) <= MAX_INLINE_LIST and not any("," in label or '"' in label for label in choices):
        return f'"{inline}"'
    if LISTS in book.sheetnames:
        sheet = book[LISTS]
    else:
        sheet = book.create_sheet(LISTS)
        sheet.sheet_state = "hidden"
    column = sheet.max_column + 1 if sheet["A1"].value is not None else 1
    letter = get_column_letter(column)
    for row, label in enumerate(choices, start=1):
        cell = sheet.cell(row=row, column=column)
        wrong = values.problem(label)
        if wrong:
            raise fail(Location(name, LISTS, cell.coordinate), f"status label {label!r} {wrong}")
        values.put(cell, label)
    return f"'{LISTS}'!${letter}$1:${letter}${len(choices)}"


def style_header(cell: Cell, column: Column, letter: str, sheet: Worksheet) -> None:
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if column.help:
        prompt = DataValidation(showInputMessage=True, promptTitle=column.header[:32], prompt=column.help[:255])
        prompt.add(f"{letter}1")
        sheet.add_data_validation(prompt)
