"""The starter templates of `ctpdoc init --empty`: one per language, they follow whatever shape document.xlsx
declares later, with no template edited.

The issue's "done when": a folder made by `init --empty` whose document.xlsx then declares four parts, five
statuses and two extra columns (a neutral Region, a per-language Output) builds both languages with every part's
title, every activity in natural order, the declared colours as row shading, and a removed row, an added row,
a status move (its former colour kept) and an edit of the neutral column as tracked changes.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from docx import Document

from ctpdoc.cli.main import cli
from ctpdoc.render.starter import WORDING, starter_template
from tests.helpers.docxread import NS, accept, part, q, reject, row_fills, tables, text
from tests.helpers.factory import SETTINGS, write_book
from tests.helpers.repo import SAMPLE_SOURCES, validate_ooxml

LANGS = ("en", "fr")
PARTS = [
    ["A", "Area A", "Area A: risk", "Domaine A : risques"],
    ["B", "Area B", "Area B: operations", "Domaine B : opérations"],
    ["C", "Area C", "Area C: training", "Domaine C : formation"],
    ["D", "Area D", "Area D: standing work", "Domaine D : travaux permanents"],
]
COLUMNS = [
    ["Activity", "text", "yes", "all"],
    ["Output", "text", "yes", "A, B"],
    ["Region", "text", "no", "all"],
    ["Timeframe", "month", "no", "A,B,C"],
    ["Status", "status", "no", "A, B, C"],
    ["Progress", "progress", "yes", "all"],
]
STATUSES = [
    ["planned", "Planned", "Prévue", "F2F2F2", "no"],
    ["started", "Started", "Commencée", "DDEBF7", "no"],
    ["done", "Done", "Réalisée", "E2EFDA", "yes"],
    ["late", "Late", "En retard", "FCE4D6", "no"],
    ["cancelled", "Cancelled", "Annulée", "D9D9D9", "no"],
]
COLOURS = {key: colour for key, _, _, colour, _ in STATUSES}
HEADERS = {
    "A": [
        "No.",
        "Activity (EN)",
        "Activity (FR)",
        "Output (EN)",
        "Output (FR)",
        "Region",
        "Timeframe",
        "Status",
        "Progress (EN)",
        "Progress (FR)",
    ],
    "C": ["No.", "Activity (EN)", "Activity (FR)", "Region", "Timeframe", "Status", "Progress (EN)", "Progress (FR)"],
    "D": ["No.", "Activity (EN)", "Activity (FR)", "Region", "Progress (EN)", "Progress (FR)"],
}
HEADERS["B"] = HEADERS["A"]


def row(key, number, status="started", region="Africa"):
    texts = [f"Activity {number}", f"Activité {number}"]
    progress = [f"Progress of {number}.", f"Avancement de {number}."]
    if key == "D":
        return [number, *texts, region, *progress]
    output = [f"Output {number}", f"Produit {number}"] if key in "AB" else []
    return [number, *texts, *output, region, dt.datetime(2026, 6, 30), status, *progress]


CURRENT = {
    "A": [
        row("A", "A.10", "done", "Africa, Asia"),
        row("A", "A.2", "started"),
        row("A", "A.3", "late"),
    ],  # sorted as A.2, A.3, A.10
    "B": [row("B", "B.1", "cancelled"), row("B", "B.3")],
    "C": [row("C", "C.1", "planned"), row("C", "C.3", "done")],
    "D": [row("D", "CB-07", region="Americas")],
}
BASELINE = {
    "A": [
        row("A", "A.10", "done", "Africa"),
        row("A", "A.2", "planned"),
        row("A", "A.3", "late"),
    ],  # A.10 region edited, A.2 moved
    "B": [row("B", "B.1", "cancelled"), row("B", "B.2"), row("B", "B.3")],  # B.2 removed since
    "C": [row("C", "C.1", "planned")],  # C.3 added since
    "D": [row("D", "CB-07", region="Americas")],
}


def declare(sources, draft=False):
    """document.xlsx replaced by one that declares the four-part shape; the programme workbooks of that shape."""
    settings = [list(s) for s in SETTINGS if not s[0].startswith("Status ") and (draft or s[0] != "Draft programme")]
    for path in sources.rglob("*.xlsx"):
        path.unlink()
    write_book(sources / "document.xlsx", {
        "Document": [["Setting", "Value", "Value (EN)", "Value (FR)", "Note"], *settings],
        "Parts": [["Part", "Sheet", "Title (EN)", "Title (FR)"], *PARTS],
        "Columns": [["Column", "Kind", "Per language", "Parts"], *COLUMNS],
        "Statuses": [["Status", "Label (EN)", "Label (FR)", "Colour", "Done"], *STATUSES],
    })  # fmt: skip

    def book(rows, drafted=False):
        def headers(key):
            return [h for h in HEADERS[key] if not (drafted and (h == "Status" or h.startswith("Progress")))]

        def cells(key, r):
            return [v for h, v in zip(HEADERS[key], r, strict=True) if h in headers(key)]

        return {f"Area {key}": [headers(key), *(cells(key, r) for r in rows[key])] for key in rows}

    write_book(sources / "wp-2022-2025.xlsx", book(CURRENT))
    write_book(sources / "baseline" / "wp-2022-2025.xlsx", book(BASELINE))
    if draft:
        write_book(
            sources / "wp-2025-2028.xlsx", book({"A": [row("A", "A.1")], "B": [], "C": [row("C", "C.9")], "D": []}, drafted=True)
        )


@pytest.fixture
def empty(tmp_path, runner):
    """A report folder made by `ctpdoc init --empty`."""
    result = runner.invoke(cli, ["init", str(tmp_path / "report"), "--empty"])
    assert result.exit_code == 0, result.output
    return tmp_path / "report"


def folders(root):
    return ["--sources", str(root / "source_sheets"), "--templates", str(root / "templates")]


def build(runner, root):
    result = runner.invoke(cli, ["build", "--strict", *folders(root), "--out", str(root / "build")])
    assert result.exit_code == 0, result.output
    return {lang: root / "build" / f"PC0999{lang[0].upper()}1a.docx" for lang in LANGS}


def annex_rows(document):
    """The annex tables' rows after the header, as (number, cells), in document order."""
    return [(cells[0], cells) for table in tables(document) for cells in table[1:]]


@pytest.mark.slow
def test_init_empty_writes_a_starter_template_per_language_of_its_settings(empty, runner):
    assert sorted(p.relative_to(empty).as_posix() for p in (empty / "templates").rglob("*") if p.is_file()) == [
        "templates/en/report.docx",
        "templates/fr/report.docx",
    ]
    for lang in LANGS:
        assert (empty / "templates" / lang / "report.docx").read_bytes() != (
            SAMPLE_SOURCES.parent / "templates" / lang / "report.docx"
        ).read_bytes()
        body = "\n".join(p.text for p in Document(empty / "templates" / lang / "report.docx").paragraphs)
        assert "{%p for part in current.parts %}" in body and WORDING[lang].annex_one in body
    checked = runner.invoke(cli, ["templates", "check", *folders(empty)])
    assert checked.exit_code == 0, checked.output
    assert "no problems; every language has the same tags" in checked.output
    built = runner.invoke(
        cli, ["build", *folders(empty), "--out", str(empty / "build")]
    )  # the programmes are empty: a document all the same
    assert built.exit_code == 0, built.output


@pytest.mark.slow
def test_a_declared_shape_builds_through_the_starter_templates_unedited(empty, runner):
    declare(empty / "source_sheets")
    checked = runner.invoke(cli, ["templates", "check", *folders(empty)])
    assert checked.exit_code == 0, checked.output
    documents = build(runner, empty)
    for lang, path in documents.items():
        root = part(path)
        body = text(root)
        for _, _, title_en, title_fr in PARTS:
            title = (title_en if lang == "en" else title_fr).replace(" :", "\u202f:")
            assert body.count(title) == 2, (lang, title)  # its paragraph with the counts, its annex table's heading
        assert "Annex II" not in body and "Annexe II" not in body  # no draft programme
        numbers = [number for number, _ in annex_rows(root)]
        assert numbers == ["A.2", "A.3", "A.10", "B.1", "B.2", "B.3", "C.1", "C.3", "CB-07"], lang
        # the columns each part declares, as its table's header row
        headers = [table[0] for table in tables(root)]
        assert headers[0][1:] == ["Activity", "Output", "Region", "Timeframe", "Status", "Progress"] and headers[3][1:] == [
            "Activity",
            "Region",
            "Progress",
        ]
        assert headers[0][0] == WORDING[lang].number
        # every row in its status's declared colour, the part without statuses unshaded
        fills = row_fills(accept(root))
        assert fills["A.10"] == {COLOURS["done"]} and fills["A.2"] == {COLOURS["started"]} and fills["A.3"] == {COLOURS["late"]}
        assert fills["B.1"] == {COLOURS["cancelled"]} and fills["C.1"] == {COLOURS["planned"]} and fills["CB-07"] == set()
        # the removed and the added row, the status move with its former colour (rejecting it restores it)
        rows = {r.xpath("string(w:tc[1])", namespaces=NS): r for r in root.iter(q("tr"))}
        assert rows["B.2"].find(f"{q('trPr')}/{q('del')}") is not None and rows["C.3"].find(f"{q('trPr')}/{q('ins')}") is not None
        assert {s.get(q("fill")) for change in rows["A.2"].iter(q("tcPrChange")) for s in change.iter(q("shd"))} == {
            COLOURS["planned"]
        }
        assert row_fills(reject(root))["A.2"] == {COLOURS["planned"]}
        assert [t.text for t in rows["A.2"].iter(q("delText"))] == ["Planned" if lang == "en" else "Prévue"]
        # the neutral column's edit, word by word
        assert [t.text for i in rows["A.10"].iter(q("ins")) for t in i.iter(q("t"))] == [", Asia"]
        # the counts per part and per status
        assert (
            "Area A: risk: 3 activities (Planned: 0; Started: 1; Done: 1; Late: 1; Cancelled: 0)."
            if lang == "en"
            else "Domaine A\u202f: risques\u202f: 3 activités (Prévue\u202f: 0\u202f; Commencée\u202f: 1"
        ) in body
        assert (
            "Area D: standing work: 1 activity." if lang == "en" else "Domaine D\u202f: travaux permanents\u202f: 1 activité."
        ) in body
    validate_ooxml(*documents.values())  # last: it skips where the validator is not beside the project


@pytest.mark.slow
def test_a_draft_programme_gets_annex_ii(empty, runner):
    declare(empty / "source_sheets", draft=True)
    documents = build(runner, empty)
    body = text(part(documents["fr"]))
    assert "Annexe II" in body and "Projet de programme de travail 2025‑2028" in body
    root = part(documents["en"])
    drafted = tables(root)[4:]
    assert [table[0][1:] for table in drafted][:2] == [
        ["Activity", "Output", "Region", "Timeframe"]
    ] * 2  # no status, no progress
    assert [cells[0] for table in drafted for cells in table[1:]] == ["A.1", "C.9"]


@pytest.mark.slow
def test_the_ptc_sample_builds_through_the_starter_templates_with_its_rows_shaded(tmp_path, runner):
    """The row's first cell holds its number, where the renderer finds the bookmark that shades and marks the row."""
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    for lang in LANGS:
        template = Document(io.BytesIO(starter_template(lang)))
        assert template.tables[0].rows[2].cells[0].text == "{{r row.no }}"
        target = tmp_path / "templates" / lang / "report.docx"
        target.parent.mkdir(parents=True)
        template.save(target)
    built = runner.invoke(cli, ["build", *folders(tmp_path), "--out", str(tmp_path / "build")])
    assert built.exit_code == 0, built.output
    fills = row_fills(part(tmp_path / "build" / "PC0720E1a.docx"))
    assert fills["1.1"] and fills["1.2"], "the sample's rows are shaded by their statuses"


def test_any_other_language_gets_the_english_wording_and_the_same_tags():
    def paragraphs(lang):
        return [p.text for p in Document(io.BytesIO(starter_template(lang))).paragraphs]

    assert paragraphs("de") == paragraphs("en") != paragraphs("fr")


def test_a_starter_template_is_the_same_bytes_whenever_it_is_made(monkeypatch):
    import time

    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)  # zipfile stamps each entry with the clock
    first = starter_template("fr")
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    assert starter_template("fr") == first


def test_the_body_is_upright_a4_and_the_annexes_landscape():
    sections = Document(io.BytesIO(starter_template("en"))).sections
    assert [(round(s.page_width.mm), round(s.page_height.mm)) for s in sections] == [(210, 297), (297, 210)]


@pytest.mark.slow
def test_every_command_works_on_the_declared_shape_built_through_the_starter_templates(empty, runner, tmp_path):
    """The issue's bar: review, import (the same cells back), harvest --apply and translations export on that folder."""
    from ctpdoc.model import number_key
    from tests.helpers.docxread import edit_document
    from tests.helpers.oracle import cells

    declare(empty / "source_sheets")
    documents = build(runner, empty)
    review = runner.invoke(cli, ["review", *folders(empty), "--out", str(empty / "build")])
    assert review.exit_code == 0, review.output
    page = (empty / "build" / "review.html").read_text(encoding="utf-8")
    assert "Area D: standing work activities (1)" in page and ".s-cancelled { background: #D9D9D9; }" in page

    into = tmp_path / "imported"
    imported = runner.invoke(
        cli,
        ["import", *map(str, documents.values()), "--into", str(into), "--shape", str(empty / "source_sheets" / "document.xlsx")],
    )
    assert imported.exit_code == 0, imported.output

    def in_annex_order(book):  # import writes each part in the annex's order (A.2 before A.10), as typed otherwise
        return {name: [rows[0], *sorted(rows[1:], key=lambda r: number_key(r[0]))] for name, rows in book.items()}

    assert in_annex_order(cells(into / "wp-2022-2025.xlsx")) == in_annex_order(
        cells(empty / "source_sheets" / "wp-2022-2025.xlsx")
    )
    edited = edit_document(documents["fr"], tmp_path / "edited.docx", (">Produit B.3<", ">Produit B.3, revu<"))
    harvested = runner.invoke(cli, ["harvest", str(edited), *folders(empty), "--apply"])
    assert harvested.exit_code == 0, harvested.output
    assert "Area B › E3 (B.3, Output (FR)): Produit B.3{+, revu+}" in harvested.output
    assert cells(empty / "source_sheets" / "wp-2022-2025.xlsx")["Area B"][2][4] == "Produit B.3, revu"
    export = runner.invoke(
        cli, ["translations", "export", "--to", "en", "--sources", str(empty / "source_sheets"), "-o", str(tmp_path / "en.xlf")]
    )
    assert export.exit_code == 0, export.output
    assert "Area B/B.3/Output (EN)" in (tmp_path / "en.xlf").read_text(
        encoding="utf-8"
    )  # the French edit leaves the English out of date
