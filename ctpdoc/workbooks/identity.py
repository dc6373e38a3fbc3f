"""What a workbook file really is, before openpyxl opens it.

Takes a path; gives ``None`` for a readable-looking ``.xlsx``, else what the
file is (a CSV renamed, an old ``.xls``, a password-protected, truncated or
OpenDocument file, a zip bomb) and what the drafter should do, under the
package policy of :mod:`ctpdoc.package.ooxml`.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from defusedxml.ElementTree import parse

from ctpdoc.package.ooxml import MAX_FILE_BYTES, MAX_TOTAL_BYTES, is_compound_file, is_encrypted, looks_like_text, oversized
from ctpdoc.package.opendocument import opendocument_kind

# Excel on Windows locks an open workbook against reading too (elsewhere this is a file's permissions).
OPEN_ELSEWHERE = "cannot be read: it is open in Excel (or another program) that locks it; close it there and run again"


def digest(path: Path) -> str:
    """The hash of a workbook's bytes, taken when a command reads it, checked when it writes it back
    (:func:`ctpdoc.workbooks.edit.edited`); here, not there, so that ``build`` takes it without importing openpyxl."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        return (
            f"is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; remove pictures or unused sheets and save again"
        )
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
            return (
                opendocument_kind(archive)
                or "is a zip file but not an Excel workbook; save it from Excel as Excel Workbook (.xlsx)"
            )
        too_big = oversized(entries)
        if too_big:
            largest = too_big.largest
            return (
                f"expands to more than {MAX_TOTAL_BYTES // 2**20} MB ({largest.filename}: {largest.file_size // 2**20} MB) "
                "and is refused as unsafe; save the data again in a new workbook"
            )
        if archive.testzip() is not None:  # only once the declared sizes are known to be sane: it unzips every part
            return "is damaged (a part fails its checksum); restore it from a copy or save it again from Excel"
        return strings_problem(archive)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return damaged(exc)
    except Exception:  # a content-types part defusedxml refuses or cannot parse: openpyxl's reading says it
        return None


# openpyxl builds the whole table of shared strings whenever it opens a workbook, read-only or not, some 30 µs a
# string: 5,000,000 one-letter strings (85 MB unzipped, under the part bound) kept `validate` busy for 97 s. A
# workbook holds one shared string per distinct text: 10 an activity (its texts in two languages, its number) for
# the 16,000 activities of the build's bound is 160,000, read in some 5 s.
MAX_SHARED_STRINGS = 160_000
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_STRING = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
CHUNK = 1 << 20


def strings_problem(archive: zipfile.ZipFile) -> str | None:
    """A table of shared strings longer than a workbook of the contract can need, counted as bytes before openpyxl
    builds it (in every part the package declares as one, and in ``xl/sharedStrings.xml``)."""
    for part in string_parts(archive):
        count = 0
        with archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(CHUNK):
                data = tail + chunk
                cut = max(data.rfind(b"<"), 0)  # a tag the chunk cuts short is counted with the next chunk
                count += len(_STRING.findall(data, 0, cut))
                tail = data[cut:]
                if count > MAX_SHARED_STRINGS:
                    return (
                        f"holds more than {MAX_SHARED_STRINGS:,} shared strings ({part}), more than a workbook of the contract "
                        "needs, and is refused as unsafe; save the data again in a new workbook"
                    )
    return None


def string_parts(archive: zipfile.ZipFile) -> list[str]:
    names = set(archive.namelist())
    with archive.open("[Content_Types].xml") as stream:
        declared = [o.get("PartName", "").lstrip("/") for o in parse(stream).getroot() if o.get("ContentType") == SHARED_STRINGS]
    return sorted({part for part in (*declared, "xl/sharedStrings.xml") if part in names})


def damaged(exc: Exception) -> str:
    return f"is damaged ({exc}); restore it from a copy or save it again from Excel"
