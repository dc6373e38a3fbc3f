"""Small workbooks and templates made for tests (the sample data is tested elsewhere)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import openpyxl
from docx import Document

SETTINGS = [
    ("Reference", "PC0999", None, None),
    ("Version", "1a", None, None),
    ("Language letter", None, "E", "F"),
    ("Locale", None, "en_GB", "fr_FR"),
    ("Sessions", "250/251", None, None),
    ("Meeting start", dt.datetime(2026, 5, 4), None, None),
    ("Meeting end", dt.datetime(2026, 5, 7), None, None),
    ("Place", None, "Brussels", "Bruxelles"),
    ("Issue date", dt.datetime(2026, 3, 27), None, None),
    ("Agenda item", "IV", None, None),
    ("Current programme", "2022-2025", None, None),
    ("Draft programme", "2025-2028", None, None),
    ("Previous report", dt.datetime(2024, 4, 1), None, None),
    ("Previous report", dt.datetime(2023, 4, 1), None, None),
    ("Programme end", dt.datetime(2025, 6, 30), None, None),
    ("Baseline", "baseline/wp-2022-2025.xlsx", None, None),
    ("Author", None, "Secretariat", "Secrétariat"),
    ("Status completed", None, "Completed", "Menée à bien"),
    ("Status ongoing", None, "Ongoing", "En cours"),
    ("Status pending", None, "Pending", "En attente"),
]
PART1 = ["No.", "Strategic objective", "Activity (EN)", "Activity (FR)", "Deliverable (EN)", "Deliverable (FR)",
         "Timeframe", "Lead (EN)", "Lead (FR)", "Status", "Progress (EN)", "Progress (FR)"]  # fmt: skip
PART2 = ["No.", "Strategic objective", "Activity (EN)", "Activity (FR)", "Progress (EN)", "Progress (FR)"]


def part1_row(number, status="ongoing", progress=("Work goes on.", "Les travaux se poursuivent."), timeframe=None):
    return [number, "SO1", f"Activity {number}", f"Activité {number}", "A guide", "Un guide",
            timeframe or dt.datetime(2024, 6, 30), "PTC", "CTP", status, *progress]  # fmt: skip


def part2_row(number, progress=("Regular updates.", "Mises à jour régulières.")):
    return [number, "SO2", f"Ongoing {number}", f"Permanente {number}", *progress]


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_sources(folder: Path, part1=None, part2=None, baseline1=None, baseline2=None, settings=SETTINGS) -> Path:
    part1 = part1 if part1 is not None else [part1_row("1.1"), part1_row("1.2", "completed"), part1_row("1.10", "pending")]
    part2 = part2 if part2 is not None else [part2_row("2.1"), part2_row("2.2")]
    write_book(
        folder / "document.xlsx",
        {"Document": [["Setting", "Value", "Value (EN)", "Value (FR)", "Note"], *[list(s) for s in settings]]},
    )
    write_book(folder / "wp-2022-2025.xlsx", {"Part I": [PART1, *part1], "Part II": [PART2, *part2]})
    write_book(
        folder / "baseline" / "wp-2022-2025.xlsx",
        {
            "Part I": [PART1, *(baseline1 if baseline1 is not None else part1)],
            "Part II": [PART2, *(baseline2 if baseline2 is not None else part2)],
        },
    )
    draft1 = [r[:9] for r in part1]
    draft2 = [r[:4] for r in part2]
    write_book(folder / "wp-2025-2028.xlsx", {"Part I": [PART1[:9], *draft1], "Part II": [PART2[:4], *draft2]})
    return folder


def write_template(path: Path, paragraphs: list[str], table_fields: list[str] | None = None, loop: str = "current.part1") -> Path:
    """A minimal docxtpl template: some paragraphs, and a table looping over ``loop``."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_fields:
        table = document.add_table(rows=4, cols=len(table_fields))
        for cell, name in zip(table.rows[0].cells, table_fields, strict=True):
            cell.text = name
        table.rows[1].cells[0].text = f"{{%tr for row in {loop} %}}"
        for cell, name in zip(table.rows[2].cells, table_fields, strict=True):
            cell.paragraphs[0].add_run(f"{{{{r row.{name} }}}}")
        table.rows[3].cells[0].text = "{%tr endfor %}"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


# ---------------------------------------------------------------- editing a template as a translator would


def add_paragraph(path: Path, *runs: str, formatted: bool = False) -> None:
    """Append a paragraph of ``runs``; ``formatted`` puts every run after the first in bold,
    the formatting change half-way through a tag that makes Word split it."""
    document = Document(path)
    paragraph = document.add_paragraph()
    for i, text in enumerate(runs):
        paragraph.add_run(text).bold = formatted and i > 0 or None
    document.save(path)


def replace_in_runs(path: Path, old: str, new: str, where: str = "body") -> None:
    """Edit a run's text (body, tables, or each section's ``header``/``footer``); fails if ``old`` is nowhere."""
    document = Document(path)
    containers = [document] if where == "body" else [getattr(s, where) for s in document.sections]
    for container in containers:
        paragraphs = list(container.paragraphs) + [
            p for t in container.tables for r in t.rows for c in r.cells for p in c.paragraphs
        ]
        for paragraph in paragraphs:
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new, 1)
                    document.save(path)
                    return
    raise AssertionError(f"{old!r} not found")


NEW_EN = "Work resumed in 2025.\nThe draft went to Members."


def out_of_date_sources(tmp_path: Path) -> Path:
    """Texts out of date in both languages, with templates: 1.1's English progress changed since the baseline, the
    French not (out of date in French); 1.2: both changed (up to date); 2.1: the French activity changed, the English
    not (out of date in English)."""
    baseline1 = [part1_row("1.1"), part1_row("1.2", "completed"), part1_row("1.10", "pending")]
    part1 = [
        part1_row("1.1", progress=(NEW_EN, "Les travaux se poursuivent.")),
        part1_row("1.2", "completed", progress=("Done.", "Terminé.")),
        part1_row("1.10", "pending"),
    ]
    part2 = [part2_row("2.1"), part2_row("2.2")]
    part2[0][3] = "Permanente 2.1, reformulée"
    folder = write_sources(
        tmp_path / "source_sheets", part1=part1, part2=part2, baseline1=baseline1, baseline2=[part2_row("2.1"), part2_row("2.2")]
    )
    for lang in ("en", "fr"):
        write_template(tmp_path / "templates" / lang / "report.docx", ["{{ doc.reference }}"], ["no", "progress"])
    return folder


# ---------------------------------------------------------------- synthetic programmes of any size (tests and tools/bench.py)

WORDS_EN = (
    "customs administrations members guidance the of and to on for data single window risk management trade facilitation "
    "agreement border agencies cooperation capacity building workshop survey report published endorsed secretariat"
).split()
WORDS_FR = (
    "administrations douanières membres orientations les des et à sur pour données guichet unique gestion risques facilitation "
    "échanges accord frontière organismes coopération renforcement capacités atelier enquête rapport publié entériné secrétariat"
).split()
STATUSES = ("completed", "ongoing", "pending")


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def activity_rows(rng: random.Random, count: int, part: int, reported: bool) -> list[list[object]]:
    rows = []
    for i in range(1, count + 1):
        row: list[object] = [f"{part}.{i}", f"SO{rng.randint(1, 4)}", sentence(rng, WORDS_EN, 14), sentence(rng, WORDS_FR, 16)]
        if part == 1:
            row += [sentence(rng, WORDS_EN, 6), sentence(rng, WORDS_FR, 7)]
            row += [dt.datetime(2023 + rng.randint(0, 2), rng.randint(1, 12), 1) if rng.random() < 0.6 else "2023-2025"]
            row += ["PTC", "CTP"]
            if reported:
                row += [rng.choice(STATUSES)]
        if reported:
            row += [sentence(rng, WORDS_EN, 30), sentence(rng, WORDS_FR, 34)]
        rows.append(row)
    return rows


def age(rng: random.Random, rows: list[list[object]], part: int) -> list[list[object]]:
    """The baseline: a quarter of the rows older (a status, a sentence less, a word changed), 1% added, 1% removed."""
    older = []
    for row in rows:
        if rng.random() < 0.01:
            continue  # added since the baseline
        row = list(row)
        if rng.random() < 0.25:
            if part == 1 and rng.random() < 0.5:
                row[9] = rng.choice(STATUSES)
            row[-2] = str(row[-2]).rsplit(" ", 3)[0] + " preparation."
            row[-1] = str(row[-1]).rsplit(" ", 3)[0] + " préparation."
        older.append(row)
    extra = max(1, len(rows) // 100)
    older += [[f"{part}.{len(rows) + i}", *rows[0][1:]] for i in range(1, extra + 1)]  # removed since
    return older


def headers(part: int, reported: bool) -> list[str]:
    names = ["No.", "Strategic objective", "Activity (EN)", "Activity (FR)"]
    if part == 1:
        names += ["Deliverable (EN)", "Deliverable (FR)", "Timeframe", "Lead (EN)", "Lead (FR)"] + (
            ["Status"] if reported else []
        )
    return names + (["Progress (EN)", "Progress (FR)"] if reported else [])


def write_fast_book(path: Path, parts: dict[str, tuple[list[str], list[list[object]]]]) -> None:
    book = openpyxl.Workbook(write_only=True)
    for title, (header, rows) in parts.items():
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_synthetic_sources(folder: Path, activities: int, settings: Path, seed: int = 2025) -> Path:
    """Bilingual workbooks of ``activities`` random activities (45 % in Part I), a baseline that differs in a
    quarter of the rows with 1 % added and 1 % removed, a draft half the size, and the ``settings`` workbook."""
    rng = random.Random(seed)
    part1, part2 = activities * 45 // 100, activities - activities * 45 // 100
    current = {1: activity_rows(rng, part1, 1, True), 2: activity_rows(rng, part2, 2, True)}
    write_fast_book(
        folder / "wp-2022-2025.xlsx", {"Part I": (headers(1, True), current[1]), "Part II": (headers(2, True), current[2])}
    )
    write_fast_book(
        folder / "baseline" / "wp-2022-2025.xlsx",
        {f"Part {'I' * p}": (headers(p, True), age(rng, current[p], p)) for p in (1, 2)},
    )
    draft = {1: activity_rows(rng, part1 // 2, 1, False), 2: activity_rows(rng, part2 // 2, 2, False)}
    write_fast_book(
        folder / "wp-2025-2028.xlsx", {"Part I": (headers(1, False), draft[1]), "Part II": (headers(2, False), draft[2])}
    )
    shutil.copy2(settings, folder / "document.xlsx")
    return folder


def backups_of(path: Path) -> list[Path]:
    """The previous versions of a workbook the runs kept, oldest first (backups/<when>/NAME.xlsx)."""
    return sorted((path.parent / "backups").glob(f"*/{path.name}"))
