"""Issue 19: the sample's ``No.`` column is Text for the whole column, not only down to the last row filled, so
that the next activity typed (1.40, 2.10) stays what was typed. The baseline is a snapshot of the previous report
and is left as it was. Run twice, it changes nothing more.

    python tools/migrations/19_number_column_text.py [SOURCES_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

TEXT = "@"
WORKBOOKS = ("wp-2022-2025.xlsx", "wp-2025-2028.xlsx")


def migrate(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    changed = False
    for title in ("Part I", "Part II"):
        sheet = book[title]
        headers = [cell.value for cell in sheet[1]]
        letter = get_column_letter(headers.index("No.") + 1)
        dimension = sheet.column_dimensions[letter]
        if dimension.number_format != TEXT:
            dimension.number_format = TEXT
            changed = True
    if changed:
        book.save(path)
    return "migrated" if changed else "already done"


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "source_sheets"
    for name in WORKBOOKS:
        print(f"{sources / name}: {migrate(sources / name)}")


if __name__ == "__main__":
    main()
