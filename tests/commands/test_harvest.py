"""``ctpdoc harvest``: edits made in Word come back into the right cell, and nothing else changes."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ctpdoc.cli.main import cli
from tests.helpers.docxread import edit_document
from tests.helpers.factory import backups_of
from tests.helpers.repo import SAMPLE_SOURCES

CURRENT = "wp-2022-2025.xlsx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def edit_body(source: Path, target: Path, old: str, new: str) -> None:
    """Change the document's XML as Word would save an edit: the first ``old`` (raw XML; Annex I comes first) becomes ``new``."""
    edit_document(source, target, (old, new))


def snapshot(path: Path) -> dict:
    """Everything a drafter could notice in a workbook: every cell, width, frozen pane, validation, comment, sheet."""
    book = openpyxl.load_workbook(path)
    out = {}
    for sheet in book:
        out[sheet.title] = {
            "cells": {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None},
            "styles": {
                c.coordinate: (c.number_format, c.font.b, c.alignment.wrap_text) for row in sheet.iter_rows() for c in row
            },
            "widths": {k: v.width for k, v in sheet.column_dimensions.items()},
            "frozen": sheet.freeze_panes,
            "validations": sorted((v.type, v.formula1, str(v.sqref)) for v in sheet.data_validations.dataValidation),
            "comments": {c.coordinate: c.comment.text for row in sheet.iter_rows() for c in row if c.comment},
        }
    return out


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "source_sheets"
    shutil.copytree(SAMPLE_SOURCES, folder)
    book = openpyxl.load_workbook(folder / CURRENT)  # a comment and a sheet of the drafter's own, to see they survive
    book["Part I"]["A2"].comment = openpyxl.comments.Comment("checked by JD", "JD")
    book.create_sheet("Notes")["A1"] = "drafting notes"
    book.save(folder / CURRENT)
    return folder


def cell_of(path: Path, sheet: str, number: str, header: str) -> str:
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows())
    column = [c.value for c in rows[0]].index(header)
    row = next(r for r in rows[1:] if r[0].value == number)
    return row[column].coordinate


@pytest.mark.slow
def test_an_edit_typed_in_the_clean_french_document_comes_back_into_its_cell(built, sources, tmp_path):
    edited = tmp_path / "edited-fr.docx"
    old = "les observations des Membres ont été recueillies"
    edit_body(built / "PC0720F1a-clean.docx", edited, old, "les commentaires des Membres ont été recueillis")
    before = snapshot(sources / CURRENT)
    code, output = run("harvest", str(edited), "--sources", str(sources))
    assert code == 0, output
    cell = cell_of(sources / CURRENT, "Part I", "1.1", "Progress (FR)")
    assert f"{CURRENT} › Part I › {cell} (1.1, Progress (FR)): " in output
    assert "[-observations-]{+commentaires+}" in output and "[-recueillies-]{+recueillis+}" in output
    assert snapshot(sources / CURRENT) == before  # without --apply nothing is written
    assert not backups_of(sources / CURRENT)

    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    after = snapshot(sources / CURRENT)
    value = after["Part I"]["cells"].pop(cell)
    assert "les commentaires des Membres ont été recueillis" in value
    assert (
        before["Part I"]["cells"].pop(cell).replace("observations", "commentaires").replace("recueillies", "recueillis") == value
    )
    assert after == before  # every other cell, style, width, pane, validation, comment and sheet
    assert len(backups_of(sources / CURRENT)) == 1


@pytest.mark.slow
def test_a_tracked_insertion_in_the_english_document_comes_back_into_its_cell(built, sources, tmp_path):
    edited = tmp_path / "edited-en.docx"
    xml = zipfile.ZipFile(built / "PC0720E1a.docx").read("word/document.xml").decode()
    old = re.search(r'<w:t(?: xml:space="preserve")?>Promote accession to the Revised Kyoto Convention[^<]*</w:t></w:r>', xml)[0]
    insertion = (
        '<w:ins w:id="9001" w:author="Translator" w:date="2025-04-02T09:00:00Z"><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr>'
        '<w:t xml:space="preserve"> (and its Guidelines)</w:t></w:r></w:ins>'
    )
    edit_body(built / "PC0720E1a.docx", edited, old, old + insertion)
    before = snapshot(sources / CURRENT)
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    cell = cell_of(sources / CURRENT, "Part II", "2.1", "Activity (EN)")
    assert f"{CURRENT} › Part II › {cell} (2.1, Activity (EN)): " in output and "{+ (and its Guidelines)+}" in output
    after = snapshot(sources / CURRENT)
    assert after["Part II"]["cells"].pop(cell) == before["Part II"]["cells"].pop(cell) + " (and its Guidelines)"
    assert after == before

    code, output = run("harvest", str(edited), "--sources", str(sources), "--changes", "reject")
    assert code == 0, output  # rejected, the insertion is not there: the document is the workbook again… but for that cell
    assert f"{cell} (2.1, Activity (EN)): " in output and "[- (and its Guidelines)-]" in output


@pytest.mark.slow
def test_a_status_changed_in_word_maps_to_the_status_column(built, sources, tmp_path):
    edited = tmp_path / "status.docx"
    xml = zipfile.ZipFile(built / "PC0720E1a-clean.docx").read("word/document.xml").decode()
    row = re.search(r">1\.2<.*?</w:tr>", xml, re.S)[0]
    label = re.search(
        r'<w:pStyle w:val="TableStatus"/></w:pPr><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t(?: '
        r'xml:space="preserve")?>(\w+)</w:t>',
        row,
    )
    assert label is not None
    new = label[0].replace(f">{label[1]}</w:t>", ">Pending</w:t>")
    edit_body(built / "PC0720E1a-clean.docx", edited, row, row.replace(label[0], new))
    code, output = run("harvest", str(edited), "--sources", str(sources))
    assert code == 0, output
    cell = cell_of(sources / CURRENT, "Part I", "1.2", "Status")
    assert f"› Part I › {cell} (1.2, Status): {label[1].lower()} → pending" in output.replace("menée à bien", "completed")


@pytest.mark.slow
def test_rows_added_or_removed_in_word_are_reported_not_applied(built, sources, tmp_path):
    edited = tmp_path / "rows.docx"
    xml = zipfile.ZipFile(built / "PC0720F1a-clean.docx").read("word/document.xml").decode()
    start = xml.index("<w:tr>", xml.index(">2.2<") - 3000)
    start = xml.rindex("<w:tr>", 0, xml.index(">2.2<"))
    end = xml.index("</w:tr>", xml.index(">2.2<")) + len("</w:tr>")
    row = xml[start:end]
    edit_body(built / "PC0720F1a-clean.docx", edited, row, row.replace(">2.2<", ">2.99<"))
    before = snapshot(sources / CURRENT)
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    assert "2.99: row added in Word" in output and "activity 2.2 was removed in Word" in output
    assert snapshot(sources / CURRENT) == before


@pytest.mark.slow
def test_text_outside_the_annexes_is_listed_for_the_translator_never_written(built, sources, tmp_path):
    edited = tmp_path / "body.docx"
    edit_body(
        built / "PC0720E1a-clean.docx",
        edited,
        "Previously, the WCO’s facilitation activities",
        "Formerly, the WCO’s facilitation activities",
    )
    before = {p.name: p.read_bytes() for p in sources.rglob("*.xlsx")}
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    assert re.search(
        r"en/report\.docx › paragraph 1 \(the template's body paragraph \d+\): template text to port: "
        r"\[-Previously-\]\{\+Formerly\+\}",
        output,
    )
    assert "no cell differs" in output
    assert {p.name: p.read_bytes() for p in sources.rglob("*.xlsx")} == before


@pytest.mark.slow
@pytest.mark.parametrize("name", ["PC0720E1a.docx", "PC0720F1a.docx", "PC0720E1a-clean.docx", "PC0720F1a-clean.docx"])
def test_an_untouched_document_reports_no_change_of_any_kind(built, name):
    """Tracked or clean, either language: the sentence only the tracked variant has is the template's, not an edit."""
    code, output = run("harvest", str(built / name), "--sources", str(SAMPLE_SOURCES))
    assert code == 0, output
    assert output.splitlines() == ["no cell differs: the document's annexes match the workbooks"]


@pytest.mark.slow
def test_a_paragraph_is_named_by_the_number_the_document_prints(built, sources, tmp_path):
    """The tracked document's "One new activity…" is its paragraph 11 (the 21st of the body, the 22nd before the
    cover lost its two empty paragraphs): the message names 11."""
    from lxml import etree

    body = etree.fromstring(zipfile.ZipFile(built / "PC0720E1a.docx").read("word/document.xml"))[0]
    paragraphs = [child for child in body if child.tag == f"{{{W}}}p"]
    index = next(i for i, p in enumerate(paragraphs, start=1) if "has been added to the current" in "".join(p.itertext()))
    style = f"{{{W}}}pPr/{{{W}}}pStyle"
    number = sum(
        1 for p in paragraphs[:index] if p.find(style) is not None and p.find(style).get(f"{{{W}}}val") == "NumberedParagraph"
    )
    assert (number, index) == (11, 21)  # an oracle apart from ctpdoc's reader
    edited = tmp_path / "edited.docx"
    edit_body(built / "PC0720E1a.docx", edited, "has been added to the current", "was added to the current")
    code, output = run("harvest", str(edited), "--sources", str(sources))
    assert code == 0, output
    lines = [line for line in output.splitlines() if "template text to port" in line]
    assert len(lines) == 1 and lines[0].startswith(
        f"en/report.docx › paragraph {number} (the template's body paragraph {index}): "
    ), lines
    assert "track changes" not in lines[0]


@pytest.mark.slow
def test_harvest_refuses_a_workbook_open_in_excel(built, sources, tmp_path):
    edited = tmp_path / "edited.docx"
    edit_body(built / "PC0720F1a-clean.docx", edited, "les observations des Membres", "les remarques des Membres")
    (sources / f"~${CURRENT}").write_text("lock")
    before = (sources / CURRENT).read_bytes()
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 1
    assert f"{CURRENT}: is open in Excel or LibreOffice" in output
    assert (sources / CURRENT).read_bytes() == before
