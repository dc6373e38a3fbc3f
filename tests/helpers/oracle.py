"""An independent reading of the workbooks with bare openpyxl: what the tests expect.

It shares no code with ctpdoc's reader, so a counting bug there cannot hide here.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

STATUS = {
    "completed": "completed",
    "menée à bien": "completed",
    "ongoing": "ongoing",
    "in progress": "ongoing",
    "en cours": "ongoing",
    "pending": "pending",
    "en attente": "pending",
}


def rows(path: Path, sheet: str) -> list[dict]:
    book = openpyxl.load_workbook(path, data_only=True)
    values = list(book[sheet].iter_rows(values_only=True))
    header = [str(h).strip() if h is not None else "" for h in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:] if any(v not in (None, "") for v in row)]


def statuses(path: Path) -> list[str]:
    return [STATUS[str(r["Status"]).strip().lower()] for r in rows(path, "Part I")]


def counts(folder: Path, period: str = "2022-2025") -> dict[str, int]:
    path = folder / f"wp-{period}.xlsx"
    part1, part2 = rows(path, "Part I"), rows(path, "Part II")
    found = {"part1": len(part1), "part2": len(part2), "total": len(part1) + len(part2)}
    if "Status" in (part1[0] if part1 else {}):
        for status in ("ongoing", "completed", "pending"):
            found[status] = statuses(path).count(status)
    return found


def set_statuses(path: Path, status_of: dict[str, str]) -> None:
    """Edit a copy of a workbook as a drafter would."""
    book = openpyxl.load_workbook(path)
    sheet = book["Part I"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value) in status_of:
            row[header.index("Status")].value = status_of[str(row[0].value)]
    book.save(path)


def cells(path: Path) -> dict[str, list[list]]:
    """Every sheet's filled rows as plain values, read with bare openpyxl: what a workbook holds, to compare two."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [list(r) for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)] for sheet in book
        }
    finally:
        book.close()


def snapshot(path):
    """Every cell's value and look, the columns' widths, the frozen panes and the drop-downs of every sheet."""
    book = openpyxl.load_workbook(path)
    return {
        name: (
            {
                c.coordinate: (c.value, c.number_format, c.font.b, c.fill.fgColor.rgb, c.comment.text if c.comment else None)
                for r in s.iter_rows()
                for c in r
            },
            {k: d.width for k, d in s.column_dimensions.items()},
            s.freeze_panes,
            [(v.type, str(v.sqref), v.formula1) for v in s.data_validations.dataValidation],
        )
        for name, s in ((n, book[n]) for n in book.sheetnames)
    }
