"""Helpers for the review page's tests: write a page, read it back, change a sample workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from lxml import html

from ctpdoc.changes.diff import ChangeKind, compare
from ctpdoc.commands.review import write_review
from ctpdoc.model import Sources
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.repo import SAMPLE_TEMPLATES

WP = "wp-2022-2025.xlsx"
# Debian's Chromium, headless, as the browser tests and tools/review_screenshot.py start it
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def write_page(sources: Path, out: Path) -> Path:
    return write_review(sources, SAMPLE_TEMPLATES, out).path


def parse(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def expected_anchors(sources: Sources) -> list[str]:
    """Every activity of both programmes (and those removed since the baseline), in the page's order."""
    assert sources.baseline is not None
    current = [f"a-{c.activity.number}" for c in compare(sources.baseline, sources.current, sources.settings.shape)]
    draft = [f"d-{a.number}" for a in sources.draft.parts[0].activities + sources.draft.parts[1].activities]
    return current + draft


def changed_anchors(sources: Sources) -> set[str]:
    assert sources.baseline is not None
    return {
        f"a-{c.activity.number}"
        for c in compare(sources.baseline, sources.current, sources.settings.shape)
        if c.kind is not ChangeKind.SAME
    }


def edit_cells(path: Path, sheet: str, number: str, values: dict[str, object]) -> None:
    """Set cells (by header) of the activity ``number`` in one sheet of a workbook (a callable: from the old value)."""
    book = openpyxl.load_workbook(path)
    rows = book[sheet]
    header = [c.value for c in rows[1]]
    for row in rows.iter_rows(min_row=2):
        if str(row[0].value).strip() == number:
            for name, value in values.items():
                cell = row[header.index(name)]
                cell.value = value(cell.value) if callable(value) else value
            break
    else:
        raise AssertionError(f"{number} not in {path.name} › {sheet}")
    book.save(path)


def status_counts(path: Path) -> dict[str, int]:
    """An oracle independent of ctpdoc: Part I's status words counted with openpyxl."""
    words = {"completed": "completed", "menée à bien": "completed", "ongoing": "ongoing", "en cours": "ongoing",
             "pending": "pending", "en attente": "pending"}  # fmt: skip
    book = openpyxl.load_workbook(path, read_only=True)
    rows = iter(list(book["Part I"].iter_rows(values_only=True)))
    book.close()
    header = next(rows)
    column = header.index("Status")
    counts = {"completed": 0, "ongoing": 0, "pending": 0}
    for row in rows:
        if row[0] is not None:
            counts[words[str(row[column]).strip().lower()]] += 1
    return counts


def add_history(sources: Path, day: str, moves: dict[str, str]) -> Path:
    """A dated baseline in the history: the sample's baseline with some statuses changed."""
    folder = sources / "baseline" / "history" / day
    folder.mkdir(parents=True)
    shutil.copy2(sources / "baseline" / WP, folder / WP)
    for number, status in moves.items():
        edit_cells(folder / WP, "Part I", number, {"Status": status})
    return folder / WP


def sample_sources(folder: Path) -> Sources:
    return read_sources(folder)
