"""The one workbook writer: new workbooks of the contract, and cells written back into a drafter's workbook.

Every write goes to a temporary file beside the target and is renamed into place, so an
interrupted write leaves the old workbook; a workbook open in Excel or LibreOffice (its lock file
beside it) is never written; the previous version of every workbook a run edits is kept in that
run's dated folder, ``backups/<YYYY-MM-DD_HH-MM-SS>/NAME.xlsx`` beside the workbooks (one per run,
never overwritten, never through a symbolic link).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ctpdoc.contract import Column, SheetSpec, WritableValue
from ctpdoc.errors import CtpdocError, fail
from ctpdoc.model import Location

# ---------------------------------------------------------------- safety


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel (``~$name.xlsx``) and LibreOffice (``.~lock.name.xlsx#``) leave beside an open workbook."""
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def check_not_open(path: Path) -> None:
    for lock in lock_files(path):
        if lock.exists():
            raise fail(
                Location(path.name),
                f"is open in Excel or LibreOffice ({lock.name} is beside it); close it there, then run the command again",
            )


def write_file_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """``write(temporary)`` then rename over ``path``: a reader sees the old file or the new one, never half of one."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        raise CtpdocError(f"{path}: cannot be written ({exc.strerror}); it was left as it was") from exc
    finally:
        temporary.unlink(missing_ok=True)


def target_of(path: Path, force: bool) -> Path:
    """Where a new workbook goes: refuses to replace one without ``force``, and never follows a symbolic link silently."""
    if path.is_symlink():
        raise fail(Location(str(path)), f"is a symbolic link to {os.path.realpath(path)}; write to that path instead, or remove the link")
    if path.exists() and not force:
        raise fail(Location(str(path)), "already exists; choose another name or add --force to replace it")
    if path.suffix.lower() != ".xlsx":
        raise fail(Location(str(path)), "should end in .xlsx")
    return path


# ---------------------------------------------------------------- new workbooks


HEADER_FILL = "DDEBF7"


def new_workbook(path: Path, sheets: Iterable[SheetSpec], force: bool = False) -> None:
    """A workbook of the contract's form: bold wrapped headers with help, frozen, sized, filtered, drop-downs."""
    target = target_of(path, force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{target.parent}: cannot create the folder ({exc.strerror})") from exc
    book = openpyxl.Workbook()
    for sheet in book.worksheets:
        book.remove(sheet)
    for spec in sheets:
        fill_sheet(book, spec)
    write_file_atomically(target, lambda temporary: book.save(temporary))


def fill_sheet(book: Workbook, spec: SheetSpec) -> None:
    """A sheet of the contract's form. Each column's wrap and number format is set on the column itself (Excel
    gives it to every cell typed there), and on the cells written now, which carry a style of their own."""
    sheet = book.create_sheet(spec.title)
    sheet.append([column.header for column in spec.columns])
    for row in spec.rows:
        sheet.append(list(row))
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
            choices = DataValidation(type="list", formula1=f'"{",".join(column.choices)}"', allow_blank=False, showErrorMessage=True)
            choices.error = f"Choose one of: {', '.join(column.choices)}"
            choices.add(f"{letter}2:{letter}{max(len(spec.rows) + 1, 1000)}")
            sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}1"


def style_header(cell: Cell, column: Column, letter: str, sheet: Worksheet) -> None:
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if column.help:
        prompt = DataValidation(showInputMessage=True, promptTitle=column.header[:32], prompt=column.help[:255])
        prompt.add(f"{letter}1")
        sheet.add_data_validation(prompt)


# ---------------------------------------------------------------- cells written back


@dataclass(frozen=True)
class CellEdit:
    """One cell to write into an existing workbook: ``Part I › J7`` := value."""

    sheet: str
    cell: str
    value: WritableValue


BACKUPS = "backups"


class Backups:
    """One run's backups: the previous version of each workbook it edits, in ``<folder>/backups/<when>/``, a folder
    made on the first workbook kept and never reused (a second run in the same second gets ``…-2``)."""

    def __init__(self, folder: Path, now: dt.datetime | None = None) -> None:
        self.root = folder / BACKUPS
        self.stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
        self.folder: Path | None = None

    def run_folder(self) -> Path:
        if self.folder is not None:
            return self.folder
        if self.root.is_symlink() or (self.root.exists() and not self.root.is_dir()):
            raise fail(Location(str(self.root)), "is a symbolic link or a file; ctpdoc keeps backups in a folder of its own there: move it aside")
        self.root.mkdir(exist_ok=True)
        for attempt in range(1, 100):
            candidate = self.root / (self.stamp if attempt == 1 else f"{self.stamp}-{attempt}")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            self.folder = candidate
            return candidate
        raise fail(Location(str(self.root)), f"holds too many backups made at {self.stamp}; wait a second and run again")

    def keep(self, path: Path) -> Path:
        """Copy ``path`` (not a symbolic link) into the run's folder; gives the copy."""
        if path.is_symlink():
            raise fail(Location(path.name), f"is a symbolic link to {os.path.realpath(path)}; edit that workbook instead")
        try:
            target = self.run_folder() / path.name
            with path.open("rb") as source, open(target, "xb") as copy:  # "x": never over a file or a link there
                copy.write(source.read())
                os.fsync(copy.fileno())
            os.utime(target, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
        except OSError as exc:
            raise CtpdocError(f"{path}: cannot keep the previous version in {self.root} ({exc.strerror}); nothing was written") from exc
        return target


def update_cells(path: Path, edits: Sequence[CellEdit], sheets: Sequence[SheetSpec] = (), backups: Backups | None = None) -> Path:
    """Write ``edits`` into the workbook at ``path``, leaving every other cell, style, width, frozen pane,
    drop-down, comment and sheet as it was; each of ``sheets`` is added, or replaces the sheet of its title
    (at the same place among the sheets). The previous version is kept in the run's dated backup folder
    (``backups``, shared by every workbook one run edits; a run of its own if not given); gives its path."""
    check_not_open(path)
    if path.is_symlink():
        raise fail(Location(path.name), f"is a symbolic link to {os.path.realpath(path)}; edit that workbook instead")
    book = openpyxl.load_workbook(path)  # full mode: styles, validations and comments are kept
    for spec in sheets:
        replace_sheet(book, spec)
    for edit in edits:
        if edit.sheet not in book.sheetnames:
            raise fail(Location(path.name, edit.sheet), f'sheet is missing; sheets are {", ".join(book.sheetnames)}')
        cell = book[edit.sheet][edit.cell]
        cell.value = edit.value
    backup = (backups or Backups(path.parent)).keep(path)
    write_file_atomically(path, lambda temporary: book.save(temporary))
    return backup


def replace_sheet(book: Workbook, spec: SheetSpec) -> None:
    """A sheet ctpdoc owns (e.g. ``Confirmed translations``) written whole: added at the end, or in the old one's place."""
    place = len(book.sheetnames)
    if spec.title in book.sheetnames:
        place = book.sheetnames.index(spec.title)
        book.remove(book[spec.title])
    fill_sheet(book, spec)
    book.move_sheet(spec.title, offset=place - book.sheetnames.index(spec.title))


def cells(path: Path, sheet: str) -> Mapping[str, WritableValue]:
    """Every non-empty cell of a sheet by reference, as openpyxl reads it (for tests and comparisons)."""
    with path.open("rb") as stream:  # by stream: openpyxl refuses a name not ending in .xlsx, such as a .bak
        book = openpyxl.load_workbook(stream)
    try:
        return {cell.coordinate: cell.value for row in book[sheet].iter_rows() for cell in row if cell.value is not None}
    finally:
        book.close()
