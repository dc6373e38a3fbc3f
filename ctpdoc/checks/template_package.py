"""A template file checked before it is opened: the sizes its zip declares.

Takes the template's path; gives what is wrong and what to do, or nothing. The sizes come from the zip's
directory, so a small file that would unzip to gigabytes is refused unopened.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

from ctpdoc.errors import fail
from ctpdoc.model import Location

MAX_TEMPLATE_FILE = 100 * 2**20
MAX_TEMPLATE_XML_PART = 32 * 2**20
MAX_TEMPLATE_TOTAL = 256 * 2**20


def package_problem(path: Path) -> str | None:
    """``None`` for a template whose zip declares sane sizes, else what is wrong and what to do.

    The sizes are read from the zip's directory, so a 2 MB file that would unzip to gigabytes is
    refused without unzipping anything."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_FILE:
            return (
                f"is {size // 2**20} MB, over the {MAX_TEMPLATE_FILE // 2**20} MB limit for a template; "
                "remove large pictures and save again"
            )
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        return f"cannot be opened as a Word document ({exc}); save it again as .docx"
    total = sum(e.file_size for e in entries)
    xml = [e for e in entries if e.filename.endswith((".xml", ".rels"))]
    largest = max(xml, key=lambda e: e.file_size, default=None)
    if largest is not None and largest.file_size > MAX_TEMPLATE_XML_PART:
        return (
            f"{largest.filename} unzips to {math.ceil(largest.file_size / 2**20):,} MB, "
            f"over the {MAX_TEMPLATE_XML_PART // 2**20} MB "
            "a template part may hold, and is refused as unsafe; copy the text into a new Word document"
        )
    if total > MAX_TEMPLATE_TOTAL:
        return (
            f"unzips to {math.ceil(total / 2**20):,} MB, over the {MAX_TEMPLATE_TOTAL // 2**20} MB limit for a template, "
            "and is refused as unsafe; remove large pictures, or copy the text into a new Word document"
        )
    return None


def check_package(path: Path) -> None:
    """:func:`package_problem`, raised as the template's error."""
    problem = package_problem(path)
    if problem:
        raise fail(Location(f"{path.parent.name}/{path.name}"), problem)
