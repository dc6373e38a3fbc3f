"""What a workbook file really is, before openpyxl opens it.

Takes a path; gives ``None`` for a readable-looking ``.xlsx``, else what the
file is (a CSV renamed, an old ``.xls``, a password-protected, truncated or
OpenDocument file, a zip bomb) and what the drafter should do, under the
package policy of :mod:`ctpdoc.package.ooxml`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ctpdoc.package.ooxml import MAX_FILE_BYTES, MAX_TOTAL_BYTES, is_compound_file, is_encrypted, looks_like_text, oversized
from ctpdoc.package.opendocument import opendocument_kind

# Excel on Windows locks an open workbook against reading too (elsewhere this is a file's permissions).
OPEN_ELSEWHERE = "cannot be read: it is open in Excel (or another program) that locks it; close it there and run again"


def what_is_wrong(path: Path) -> str | None:
    """``None`` for a readable-looking .xlsx, else what the file is and what to do."""
    problem = file_problem(path)
    if problem:
        return problem
    try:
        with zipfile.ZipFile(path) as archive:
            return archive_problem(archive)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return damaged(exc)


def file_problem(path: Path) -> str | None:
    """What the file's size and first bytes say, before it is opened as a zip."""
    size = path.stat().st_size
    if size == 0:
        return "is empty (0 bytes); restore it from a copy or save it again from Excel"
    if size > MAX_FILE_BYTES:
        return f"is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; remove pictures or unused sheets and save again"
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except PermissionError:
        return OPEN_ELSEWHERE
    if is_compound_file(head):
        if is_encrypted(path):
            return "is password-protected; remove the password in Excel (File › Info › Protect Workbook) and save it as .xlsx"
        return "is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as Excel Workbook (.xlsx)"
    if not head.startswith(b"PK"):
        if looks_like_text(head):
            return "is a text (CSV) file, not an Excel workbook; open it in Excel and save it as Excel Workbook (.xlsx)"
        return "is not an Excel workbook (.xlsx); open it in Excel and save it as Excel Workbook (.xlsx)"
    if not zipfile.is_zipfile(path):
        return "is damaged or truncated (an incomplete copy?); restore it from a copy or save it again from Excel"
    return None


def archive_problem(archive: zipfile.ZipFile) -> str | None:
    """What the open zip says: not a workbook, a zip bomb by its declared sizes, a part failing its checksum.
    The reader calls it on the zip it surveys the sheets from, so that a workbook is opened once for both."""
    try:
        entries = archive.infolist()
        if "[Content_Types].xml" not in archive.namelist():
            return opendocument_kind(archive) or "is a zip file but not an Excel workbook; save it from Excel as Excel Workbook (.xlsx)"
        too_big = oversized(entries)
        if too_big:
            largest = too_big.largest
            return (
                f"expands to more than {MAX_TOTAL_BYTES // 2**20} MB ({largest.filename}: {largest.file_size // 2**20} MB) "
                "and is refused as unsafe; save the data again in a new workbook"
            )
        if archive.testzip() is not None:  # only once the declared sizes are known to be sane: it unzips every part
            return "is damaged (a part fails its checksum); restore it from a copy or save it again from Excel"
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return damaged(exc)
    return None


def damaged(exc: Exception) -> str:
    return f"is damaged ({exc}); restore it from a copy or save it again from Excel"
