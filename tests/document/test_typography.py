"""Words and typography on the page: superscript ordinals, typographic apostrophes, status labels from the settings."""

from __future__ import annotations

import re

import openpyxl
import pytest

from ctpdoc.checks.templates import dump
from ctpdoc.cli.main import cli
from ctpdoc.markup.richtext import runs
from tests.helpers.docxread import NS, paragraphs, part, q, tables, text
from tests.helpers.oracle import rows
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

LANGS = {"fr": "PC0720F1a", "en": "PC0720E1a"}
SETTINGS = {r["Setting"]: r for r in rows(SAMPLE_SOURCES / "document.xlsx", "Document")}
STATUSES = {r["Status"]: r for r in rows(SAMPLE_SOURCES / "document.xlsx", "Statuses")}  # the sample declares its statuses
SESSIONS = str(SETTINGS["Sessions"]["Value"]).split("/")
FILLS = {"ongoing": "BDD7EE", "completed": "C6EFCE", "pending": "FFC7CE"}  # the legend's colours, as the README gives them


def label(status: str, lang: str) -> str:
    return STATUSES[status][f"Label ({lang.upper()})"]


def sessions_paragraph(root):
    return next(p for p in paragraphs(root) if re.search(rf"{SESSIONS[0]}\D.*{SESSIONS[-1]}", text(p)))


def test_french_ordinals_are_superscript_runs(built):
    paragraph = sessions_paragraph(part(built / "PC0720F1a.docx"))
    raised = [r for r in paragraph.iter(q("r")) if r.find("w:rPr/w:vertAlign[@w:val='superscript']", NS) is not None]
    assert [text(r) for r in raised] == ["e"] * len(SESSIONS)
    assert text(paragraph) == f"- {'/'.join(n + 'e' for n in SESSIONS)} sessions -"


def english_suffix(n: int) -> str:
    return "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def test_english_ordinals_are_superscript_runs(built):
    """As the French: "247th/248th" with its suffixes raised (issue 29), a real run a search still finds."""
    paragraph = sessions_paragraph(part(built / "PC0720E1a.docx"))
    raised = [r for r in paragraph.iter(q("r")) if r.find("w:rPr/w:vertAlign[@w:val='superscript']", NS) is not None]
    suffixes = [english_suffix(int(n)) for n in SESSIONS]
    assert [text(r) for r in raised] == suffixes
    assert text(paragraph) == f"- {'/'.join(n + s for n, s in zip(SESSIONS, suffixes, strict=True))} Sessions -"


@pytest.mark.parametrize("lang", ["fr"])
def test_the_template_text_uses_the_typographic_apostrophe(lang):
    """Outside tags (whose text is data or escapes such as \\u2019), no straight apostrophe."""
    for line in dump(SAMPLE_TEMPLATES / lang / "report.docx"):
        assert "'" not in re.sub(r"\{[{%].*?[}%]\}", "", line), line


def test_the_agenda_item_line_reads_as_french_typography_wants(built):
    agenda = SETTINGS["Agenda item"]["Value"]
    assert f"(Point {agenda} de l\u2019ordre du jour)" in [text(p) for p in paragraphs(part(built / "PC0720F1a.docx"))]


def legend(root) -> dict[str, str]:
    """The Annex I legend: each shaded cell's text by its fill."""
    found = {}
    for cell in root.iter(q("tc")):
        shading = cell.find("w:tcPr/w:shd", NS)
        table = cell.getparent().getparent()
        if shading is not None and len(table.findall("w:tr", NS)) == 1:
            found[shading.get(q("fill"))] = text(cell)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_uses_the_status_labels_of_the_settings(built, lang):
    shown = legend(part(built / f"{LANGS[lang]}.docx"))
    for status, fill in FILLS.items():
        assert shown[fill].startswith(f"{label(status, lang)} ("), shown


@pytest.mark.slow
def test_a_label_changed_in_the_settings_changes_legend_and_rows(runner, sample):
    book = openpyxl.load_workbook(sample / "source_sheets" / "document.xlsx")
    sheet = book["Statuses"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "ongoing":
            row[header.index("Label (EN)")].value = "Under way"
    book.save(sample / "source_sheets" / "document.xlsx")
    result = runner.invoke(cli, ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"),
                                 "--out", str(sample / "build"), "--changes", "accepted", "--lang", "en"])  # fmt: skip
    assert result.exit_code == 0, result.output
    root = part(sample / "build" / "PC0720E1a-clean.docx")
    assert legend(root)[FILLS["ongoing"]] == "Under way (blue)"
    statuses = [
        row[-1].split("\n")[0] for table in tables(root) if table and table[0][0] == "No." for row in table[1:] if len(row) == 7
    ]
    assert "Under way" in statuses and label("ongoing", "en") not in statuses


def test_runs_raise_what_is_marked_and_escape_the_rest():
    value = runs("1<sup>re</sup> & <2>")
    assert str(value) == "1re & <2>"
    assert value.__html__() == (
        '<w:r><w:t xml:space="preserve">1</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">re</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> &amp; &lt;2&gt;</w:t></w:r>'
    )
