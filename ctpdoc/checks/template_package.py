"""A template file checked before it is opened: the sizes its zip declares, and tags nested too deeply to compile.

Takes the template's path (or a part's Jinja source); gives what is wrong and what to do, or nothing. The sizes
come from the zip's directory, so a small file that would unzip to gigabytes is refused unopened.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import jinja2

from ctpdoc.document.sandbox import LIMITS
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
            return f"is {size // 2**20} MB, over the {MAX_TEMPLATE_FILE // 2**20} MB limit for a template; remove large pictures and save again"
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        return f"cannot be opened as a Word document ({exc}); save it again as .docx"
    total = sum(e.file_size for e in entries)
    xml = [e for e in entries if e.filename.endswith((".xml", ".rels"))]
    largest = max(xml, key=lambda e: e.file_size, default=None)
    if largest is not None and largest.file_size > MAX_TEMPLATE_XML_PART:
        return (
            f"{largest.filename} unzips to {math.ceil(largest.file_size / 2**20):,} MB, over the {MAX_TEMPLATE_XML_PART // 2**20} MB "
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


def nesting_problem(env: jinja2.Environment, source: str) -> tuple[int, str] | None:
    """The line where blocks, or brackets in a tag, nest deeper than the limits, read from Jinja's
    tokens (its parser and Python's compiler recurse, and fail past some depth with no useful place)."""
    depth = brackets = 0
    previous = ""
    try:
        for line, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            if previous == "block_begin" and kind == "name":
                if value in _BLOCKS:
                    depth += 1
                    if depth > LIMITS.nesting:
                        return line, f"tags are nested {depth} deep here (more than {LIMITS.nesting}); split the nested {{% {value} %}} blocks"
                elif value.startswith("end"):
                    depth = max(0, depth - 1)
            elif kind == "operator" and value in "([{":
                brackets += 1
                if brackets > LIMITS.brackets:
                    return line, f"a tag nests brackets more than {LIMITS.brackets} deep; simplify it"
            elif kind == "operator" and value in ")]}":
                brackets = max(0, brackets - 1)
            previous = kind
    except jinja2.TemplateSyntaxError:
        return None  # the parser reports it, with its place
    return None


_BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"}
