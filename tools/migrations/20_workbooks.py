"""Issue #20: the sample workbooks' texts as a WCO editor would pass them. Idempotent: a second run changes nothing.

- document.xlsx: the English label of an activity in progress is "In progress" (GLOSSARY.md: "in progress (shown in
  blue)"), not "Ongoing", which collides with "Part II – Ongoing activities"; the setting "Original language" (fr),
  which prints "O. Fr." under the reference on both covers.
- wp-*.xlsx (current and baseline): typed comparisons in words ("< 5 %" → "fewer than 5%" / "moins de 5 %"); English
  percentages closed up (75%); the English cells' idiom as a native WCO editor writes it.

Each replacement is looked for in the cells of its language's columns ("… (EN)", "… (FR)"), wherever they are.
Run from the repository's root: ``.venv/bin/python tools/migrations/20_workbooks.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "source_sheets"

REPLACEMENTS = {
    "EN": [
        ("physical inspections now concern < 5 % of declarations", "physical inspections now concern fewer than 5% of declarations"),
        ("more than 20 % before the reforms", "more than 20% before the reforms"),
        ("now exceeds 75 % among WTO Members", "now exceeds 75% among WTO Members"),
        ("single window, which applies from January 2024", "single window, which has applied since January 2024"),
        ("joint capacity building events", "joint capacity-building events"),
        ("followed by a Q&A session with technology providers", "followed by a question-and-answer session with technology providers"),
        ("events, previously activity 1.43.", "events, previously covered by activity 1.43."),
    ],
    "FR": [
        ("portent désormais sur < 5 % des déclarations", "portent désormais sur moins de 5 % des déclarations"),
    ],
}
_LANGUAGE = re.compile(r"\((EN|FR)\)\s*$")
# "at the PTC in April 2023 (and October 2023)" → "at the April 2023 (and October 2023) PTC session(s)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
_AT_THE_PTC = re.compile(rf"\bat the PTC in ({_MONTH})(?: and ({_MONTH}))?")


def sessions(match: re.Match[str]) -> str:
    if match[2]:
        return f"at the {match[1]} and {match[2]} PTC sessions"
    return f"at the {match[1]} PTC session"


def edit_texts(path: Path) -> int:
    book = openpyxl.load_workbook(path)
    changed = 0
    for sheet in book.worksheets:
        header = [str(c.value or "") for c in sheet[1]]
        for column, name in enumerate(header, start=1):
            language = _LANGUAGE.search(name)
            if not language:
                continue
            for row in range(2, sheet.max_row + 1):
                cell = sheet.cell(row=row, column=column)
                if not isinstance(cell.value, str):
                    continue
                value = cell.value
                for old, new in REPLACEMENTS[language[1]]:
                    if old in value and new not in value:
                        value = value.replace(old, new)
                if language[1] == "EN":
                    value = _AT_THE_PTC.sub(sessions, value)
                if value != cell.value:
                    cell.value = value
                    changed += 1
    if changed:
        book.save(path)
    return changed


def edit_settings(path: Path) -> int:
    book = openpyxl.load_workbook(path)
    sheet = book["Document"]
    header = [str(c.value or "") for c in sheet[1]]
    setting, value, english, note = (header.index(h) + 1 for h in ("Setting", "Value", "Value (EN)", "Note"))
    changed = 0
    names = [sheet.cell(row=r, column=setting).value for r in range(1, sheet.max_row + 1)]
    for row, name in enumerate(names, start=1):
        if name == "Status ongoing" and sheet.cell(row=row, column=english).value == "Ongoing":
            sheet.cell(row=row, column=english).value = "In progress"
            changed += 1
    if "Original language" not in names:
        row = sheet.max_row + 1
        sheet.cell(row=row, column=setting).value = "Original language"
        sheet.cell(row=row, column=value).value = "fr"
        sheet.cell(row=row, column=note).value = (
            "Language the document was written in (a language code): printed under the reference on every cover, e.g. O. Fr."
        )
        changed += 1
    if changed:
        book.save(path)
    return changed


def main() -> int:
    done = edit_settings(SOURCES / "document.xlsx")
    for path in sorted(SOURCES.glob("wp-*.xlsx")) + sorted((SOURCES / "baseline").glob("wp-*.xlsx")):
        done += edit_texts(path)
    print(f"{done} cells changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
