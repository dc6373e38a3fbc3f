"""Cells written back into a drafter's workbook (``harvest --apply``, ``translations import --apply``, ``confirm``).

Part of the one workbook writer. Every other cell, style, width, frozen pane, drop-down, comment and
sheet is left as it was; the values are written as :mod:`ctpdoc.workbooks.values` says (text as text,
escaped, within Excel's limits). The workbook written is the one read: given the hash of the bytes a
command read, a workbook replaced since (by Excel, by another program) is refused, not overwritten.
The new version and the backup of the previous one (``backups/<when>/NAME.xlsx``, one folder per command) are written
together with the command's other files (:mod:`ctpdoc.package.writer`): all of them, or none.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.workbook.workbook import Workbook

from ctpdoc.contract import SheetSpec, WritableValue
from ctpdoc.errors import fail
from ctpdoc.model import Location
from ctpdoc.package.backups import Backups, backup
from ctpdoc.package.ooxml import oversized
from ctpdoc.package.writer import Writer, mode_for, write_together
from ctpdoc.workbooks import values
from ctpdoc.workbooks.new import fill_sheet
from ctpdoc.workbooks.sheetxml import sheet_parts, survey

MAX_EDIT_CELLS = 400_000  # cells of all sheets of a workbook written back: 16,000 activities and their columns, twice over
CHANGED = "changed since this command read it (saved by another program?); nothing was written: run the command again"


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


@dataclass(frozen=True)
class CellEdit:
    """One cell to write into an existing workbook: ``Part I › J7`` := value."""

    sheet: str
    cell: str
    value: WritableValue


@dataclass(frozen=True)
class Edited:
    """A workbook with its edits made, and its backup: the files to write together."""

    path: Path
    files: dict[Path, Writer]
    modes: dict[Path, int]
    backup: Path


def edited(
    path: Path,
    edits: Sequence[CellEdit],
    sheets: Sequence[SheetSpec] = (),
    read: str | None = None,
    backups: Backups | None = None,
) -> Edited:
    """``edits`` made in the workbook at ``path`` and each of ``sheets`` added, or put in place of the sheet of its
    title; nothing written yet. ``read`` is the hash of the workbook as the command read it
    (:func:`ctpdoc.workbooks.identity.digest`); ``backups`` the command's dated backup folder, shared by every
    workbook it edits."""
    check_not_open(path)
    if path.is_symlink():
        raise fail(Location(path.name), f"is a symbolic link to {os.path.realpath(path)}; edit that workbook instead")
    data = path.read_bytes()
    if read is not None and hashlib.sha256(data).hexdigest() != read:
        raise fail(Location(path.name), CHANGED)
    check_size(path, data)
    book = openpyxl.load_workbook(io.BytesIO(data))  # full mode: styles, validations and comments are kept
    for spec in sheets:
        replace_sheet(book, spec, path.name)
    for edit in edits:
        if edit.sheet not in book.sheetnames:
            raise fail(Location(path.name, edit.sheet), f"sheet is missing; sheets are {', '.join(book.sheetnames)}")
        wrong = values.problem(edit.value)
        if wrong:
            raise fail(Location(path.name, edit.sheet, edit.cell), wrong)
        values.put(book[edit.sheet][edit.cell], edit.value)
    copy, keep = backup(path, data, backups)
    return Edited(path, {copy: keep, path: lambda temporary: book.save(temporary)}, {copy: mode_for(path)}, copy)


def check_size(path: Path, data: bytes) -> None:
    """Before openpyxl reads every sheet to write them back: the workbook is of a size it reads in seconds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if oversized(archive.infolist()):
                raise fail(Location(path.name), "expands to more than a workbook of the contract can; refused as unsafe")
            counts = {name: survey_cells(archive, part) for name, part in sheet_parts(archive).items()}
    except (zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException, OSError, EOFError) as exc:
        raise fail(
            Location(path.name), "is damaged or not a workbook; restore it from a copy or save it again from Excel"
        ) from exc
    if sum(counts.values()) > MAX_EDIT_CELLS:
        largest = max(counts, key=lambda name: counts[name])
        raise fail(
            Location(path.name),
            f"holds {sum(counts.values()):,} cells ({largest}: {counts[largest]:,}), "
            f"more than the {MAX_EDIT_CELLS:,} ctpdoc writes back into; "
            "move the sheets ctpdoc does not use to a workbook of their own",
        )


def survey_cells(archive: zipfile.ZipFile, part: str) -> int:
    with archive.open(part) as stream:
        return survey(stream)[0]


def write_edited(workbooks: Sequence[Edited]) -> None:
    """Every edited workbook and its backup, written together."""
    files: dict[Path, Writer] = {}
    modes: dict[Path, int] = {}
    for workbook in workbooks:
        files.update(workbook.files)
        modes.update(workbook.modes)
    write_together(files, modes, new=[workbook.backup for workbook in workbooks])  # a backup never over a file


def update_cells(
    path: Path,
    edits: Sequence[CellEdit],
    sheets: Sequence[SheetSpec] = (),
    read: str | None = None,
    backups: Backups | None = None,
) -> Path:
    """Write ``edits`` (and ``sheets``) into the workbook at ``path`` (see :func:`edited`); gives the backup's path."""
    workbook = edited(path, edits, sheets, read, backups)
    write_edited([workbook])
    return workbook.backup


def replace_sheet(book: Workbook, spec: SheetSpec, name: str) -> None:
    """A sheet ctpdoc owns (e.g. ``Confirmed translations``) written whole: added at the end, or in the old one's place."""
    place = len(book.sheetnames)
    if spec.title in book.sheetnames:
        place = book.sheetnames.index(spec.title)
        book.remove(book[spec.title])
    fill_sheet(book, spec, name)
    book.move_sheet(spec.title, offset=place - book.sheetnames.index(spec.title))


def cells(path: Path, sheet: str) -> Mapping[str, WritableValue]:
    """Every non-empty cell of a sheet by reference, as openpyxl reads it (for tests and comparisons)."""
    with path.open("rb") as stream:  # by stream: openpyxl refuses a name not ending in .xlsx, such as a .bak
        book = openpyxl.load_workbook(stream)
    try:
        return {cell.coordinate: cell.value for row in book[sheet].iter_rows() for cell in row if cell.value is not None}
    finally:
        book.close()
