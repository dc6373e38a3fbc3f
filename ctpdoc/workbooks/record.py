"""The record of texts in step: ``translations.toml`` beside the workbooks, read with them and written back.

For each per-language text of an activity (workbook, number, field) it keeps a fingerprint of
each language's text as ctpdoc last saw them agree. A text whose one side changed since then and
whose other did not is out of date, however many edits the season holds. One line per text pair,
sorted, so that ``git diff`` shows which texts came back in step. Where the baseline does not hold
a text as it was in step (it changed since the previous report, or the draft programme has no
baseline), the text itself is kept too, in the workbook's ``texts`` table, so that what changed
since can be shown word by word. Deleting the file loses nothing
but that memory: out of date is then measured against the baseline (the previous report) again,
until a command sees the texts agree and writes the record anew.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from ctpdoc.errors import CtpdocError, Report
from ctpdoc.inputs import open_regular, read_toml
from ctpdoc.model import Location, Record, TextKey, fingerprint, number_key
from ctpdoc.package.remembered import remembered
from ctpdoc.package.writer import write_file_atomically

RECORD_FILE = "translations.toml"
MAX_RECORD_BYTES = 64 * 2**20  # 16,000 activities in three languages: 4 MB of fingerprints, and the texts changed
TEXTS = "texts"  # a workbook's table of the texts kept (its keys have no space, a text's key always has one)
REPLACED = "validate and build (with the baseline) replace it with the record of the texts in step now, as if it had been deleted"
HEADER = (
    "# Texts ctpdoc last saw in step, one line per text: each language's fingerprint;\n"
    '# under ["<workbook>".texts] the texts themselves where the baseline holds others.\n'
    "# Written by ctpdoc (validate, build, translations import, harvest --apply, import); do not edit.\n"
    "# Deleted, out of date is measured against the baseline (the previous report) until ctpdoc writes it again.\n"
)


def read_record(folder: Path, report: Report) -> Record:
    """The record in ``folder``; empty when there is none, and a warning (then empty) when it cannot be read."""
    path = folder / RECORD_FILE
    if not (path.exists() or path.is_symlink()):
        return Record()
    try:
        data = read_toml(path, MAX_RECORD_BYTES, REPLACED, parse=parse_remembered)
    except CtpdocError as exc:  # the record is a memory, not an input: a damaged one is a warning, and written anew
        report.warn(Location(RECORD_FILE), exc.message.removeprefix(f"{path}: "))
        return Record()
    record: dict[TextKey, dict[str, str]] = {}
    texts: dict[TextKey, dict[str, str]] = {}
    for workbook, lines in data.items():
        if not isinstance(lines, dict):
            continue
        record.update(sides_of(workbook, lines))
        kept = lines.get(TEXTS)
        for key, sides in sides_of(workbook, kept if isinstance(kept, dict) else {}).items():
            recorded = record.get(key, {})
            texts[key] = {lang: text for lang, text in sides.items() if recorded.get(lang) == fingerprint(text)}  # as in step
    return Record(record, {key: sides for key, sides in texts.items() if sides})


def parse_remembered(text: str) -> dict[str, Any]:
    """The record's TOML parsed once for all the runs that read it unchanged (ctpdoc writes it at every build that
    changes a text, and reads it at every build): some 0.5 s at 2,000 activities."""
    return remembered("record", text.encode("utf-8", "surrogatepass"), lambda: tomllib.loads(text))


def sides_of(workbook: str, lines: dict[str, object]) -> dict[TextKey, dict[str, str]]:
    """A table's lines ``"1.3 Progress" = { en = …, fr = … }``, by text."""
    found: dict[TextKey, dict[str, str]] = {}
    for key, sides in lines.items():
        number, _, field = str(key).rpartition(" ")
        if number and isinstance(sides, dict) and all(isinstance(v, str) for v in sides.values()):
            found[(workbook, number, field)] = {str(lang): str(value) for lang, value in sides.items()}
    return found


def record_text(record: Record) -> str:
    """The file's text: a table per workbook, one line per text, in annex order; then the texts it keeps."""
    lines = [HEADER]
    for workbook in sorted({key[0] for key in record.fingerprints}):
        for table, lines_of in (
            (record.fingerprints, f"[{json.dumps(workbook)}]"),
            (record.texts, f"[{json.dumps(workbook)}.{TEXTS}]"),
        ):
            keys = sorted(
                (k for k in table if k[0] == workbook and k in record.fingerprints), key=lambda k: (number_key(k[1]), k[2])
            )
            if not keys:
                continue
            lines.append(f"\n{lines_of}\n")
            for key in keys:
                sides = ", ".join(f"{lang} = {toml_string(value)}" for lang, value in sorted(table[key].items()))
                lines.append(f"{json.dumps(f'{key[1]} {key[2]}')} = {{ {sides} }}\n")
    return "".join(lines)


def toml_string(text: str) -> str:
    """A TOML basic string, readable in ``git diff`` (letters as they are; what TOML wants escaped, escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def write_record(folder: Path, record: Record, report: Report | None = None) -> bool:
    """Write the record when it differs from the file's (atomically); gives whether it was written. A folder that
    cannot be written is a warning in ``report`` (the record is a memory, not a result), else an error."""
    path = folder / RECORD_FILE
    text = record_text(record)
    try:
        if same_text(path, text.encode("utf-8")):
            return False
        if path.is_symlink():
            raise CtpdocError(f"{path}: is a symbolic link; remove it, ctpdoc writes the record itself")
        write_file_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
    except (CtpdocError, OSError, UnicodeDecodeError) as exc:
        if report is None:
            raise
        not_updated(report, str(exc))
        return False
    return True


def same_text(path: Path, data: bytes) -> bool:
    """Whether ``path`` holds ``data`` already; a damaged record (any bytes, any size, not a file) does not."""
    if not path.is_file() or path.is_symlink():
        return False
    with open_regular(path) as stream:
        return os.fstat(stream.fileno()).st_size == len(data) and stream.read(len(data) + 1) == data


def not_updated(report: Report, why: str) -> None:
    """The record is a memory, not a result: left as it was, with a warning saying why."""
    report.warn(Location(RECORD_FILE), f"the record of texts in step was not updated ({why})")
