"""OpenDocument spreadsheets where an Excel workbook is expected (part of the reading stage).

Takes a workbook path (found or not) or an open zip; tells, in words a drafter can act on, when the
file is an OpenDocument file (LibreOffice's ``.ods``, recognised by its ``mimetype`` entry whatever its
name) or when the ``.xlsx`` is missing but a spreadsheet of the same name in another format is
beside it, and how to save it as ``.xlsx`` from LibreOffice Calc or Excel.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SAVE_AS_XLSX = (
    "open it in LibreOffice Calc, File › Save As, file type Excel 2007-365 (.xlsx); "
    "or in Excel, File › Save As › Excel Workbook (.xlsx)"
)
# The mimetype entry of an OpenDocument package (ODF 1.2, part 3, §3.3): what each kind is called.
OPENDOCUMENT_KINDS = {
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves it)",
    "application/vnd.oasis.opendocument.spreadsheet-template": "an OpenDocument spreadsheet template (.ots)",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt), not a spreadsheet",
}
# Spreadsheets in other formats that may stand beside a missing .xlsx, and what to say of each.
BESIDE = {
    ".ods": f"an OpenDocument spreadsheet: {SAVE_AS_XLSX}",
    ".fods": f"a flat OpenDocument spreadsheet: {SAVE_AS_XLSX}",
    ".xls": "an old Excel 97-2003 workbook: open it in Excel and save it as Excel Workbook (.xlsx)",
    ".csv": "a text (CSV) file: open it in Excel and save it as Excel Workbook (.xlsx)",
}


def opendocument_kind(archive: zipfile.ZipFile) -> str | None:
    """What an OpenDocument package is, with what to do; ``None`` for any other zip."""
    if "mimetype" not in archive.namelist():
        return None
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if not mimetype.startswith("application/vnd.oasis.opendocument."):
        return None
    kind = OPENDOCUMENT_KINDS.get(mimetype, f"an OpenDocument file ({mimetype})")
    return f"is {kind}, not an Excel workbook; {SAVE_AS_XLSX}"


def not_found(path: Path) -> str:
    """The message for a missing workbook, naming a same-named spreadsheet beside it if there is one."""
    for suffix, what in BESIDE.items():
        for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
            if candidate.is_file():
                return f"workbook not found in {path.parent}, but {candidate.name} is there, {what}"
    return f"workbook not found in {path.parent}; restore it or check --sources"
