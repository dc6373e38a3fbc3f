"""Comparing workbooks written by ``ctpdoc import`` with the ones a report was built from: cell by cell,
keyed by header and activity number, text folded for typography, timeframes by month, statuses by meaning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from ctpdoc.shape import ptc_shape
from ctpdoc.workbooks.cells import normalise_word, status_words

WORDS = status_words(
    ptc_shape({"completed": {"fr": "Menée à bien"}, "ongoing": {"fr": "En cours"}, "pending": {"fr": "En attente"}})
)


def sheet_rows(path: Path, sheet: str) -> dict[str, dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(h) for h in rows[0] if h is not None]
    return {str(r[0]): {h: canonical(h, v) for h, v in zip(header, r, strict=False)} for r in rows[1:] if r and r[0] is not None}


def canonical(header: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if header == "Timeframe":
        if isinstance(value, (dt.date, dt.datetime)):
            return (value.year, value.month)
        return str(value)
    if header == "Status":
        return WORDS[normalise_word(str(value))]
    if isinstance(value, str):
        return value.replace("\u00a0", " ").replace("\u202f", " ").strip()
    return value


def differences(expected: Path, found: Path, sheets: tuple[str, ...] = ("Part I", "Part II")) -> list[str]:
    """Every cell that differs, as ``sheet › No. › header: expected != found``; headers compared too."""
    out = []
    for sheet in sheets:
        want, got = sheet_rows(expected, sheet), sheet_rows(found, sheet)
        if list(want) and list(got) and set(next(iter(want.values()))) != set(next(iter(got.values()))):
            out.append(f"{sheet}: headers {sorted(next(iter(want.values())))} != {sorted(next(iter(got.values())))}")
        for number in sorted(want.keys() | got.keys()):
            if number not in got or number not in want:
                out.append(f"{sheet} › {number}: only in {'expected' if number in want else 'found'}")
                continue
            for header, value in want[number].items():
                if got[number].get(header) != value:
                    out.append(f"{sheet} › {number} › {header}: {value!r} != {got[number].get(header)!r}")
    return out
