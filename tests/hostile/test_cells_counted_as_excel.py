"""Hostile and faulty inputs, round four (issue 30), class 5: cells counted as Excel counts them.

Excel's limit of 32,767 characters a cell counts UTF-16 units (as its ``LEN`` does: an emoji is two) of the text
as the cell holds it, ``_xHHHH_`` sequences escaped (openpyxl would cut the escaped text at 32,767 without a
word). Every writer of cells refuses a text past it, with the place in its own terms: ``harvest`` and
``import`` the document › table › row › column, ``translations import`` the XLIFF unit, the writer itself
workbook › sheet › cell; a text just within it is written whole and reads back as typed. A drop-down whose
labels hold commas or quotes, or too many to list inline, lists them from a hidden sheet's cells instead of an
inline list formula Excel would have to repair.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from click.testing import CliRunner

from ctpdoc.contract import Column, SheetSpec
from ctpdoc.workbooks import values
from ctpdoc.workbooks.edit import CellEdit, update_cells
from ctpdoc.workbooks.new import LISTS, list_formula, new_workbook
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.corpus import fingerprint
from tests.helpers.docxread import edit_document
from tests.helpers.factory import SETTINGS, write_sources
from tests.helpers.repo import SAMPLE_SOURCES
from tests.helpers.repo import run_cli as run

WP = "wp-2022-2025.xlsx"
EN, FR = "PC0720E1a-clean.docx", "PC0720F1a-clean.docx"
DELIVERABLE = "Updated Guidelines to Chapter 3 of the General Annex"
LIMIT = values.MAX_TEXT
EMOJI, ASTRAL, ESCAPE = "\U0001f600", "\U00020000", "_x0041_"  # two UTF-16 units each for the first two; the last 13 escaped

# Texts past Excel's count though within 32,767 Python characters: each a mutation of the cases.
OVER = {
    "20,000 emoji": EMOJI * 20_000,
    "16,384 emoji": EMOJI * 16_384,  # 32,768 units: one past
    "CJK extension B, one past": ASTRAL * 16_383 + "ab",
    "32,767 characters of _xHHHH_": (ESCAPE * (LIMIT // 7 + 1))[:LIMIT],
    "one _xHHHH_ in a full cell": ESCAPE + "x" * (LIMIT - 7),
    "emoji and escapes": (EMOJI + ESCAPE) * 3_000,
}
# Just within it: written whole.
WITHIN = {
    "16,383 emoji and a letter": EMOJI * 16_383 + "a",
    "escapes to exactly 32,767": ESCAPE * 2_520 + "x" * (LIMIT - 13 * 2_520),
}


def typed(text: str) -> tuple[str, str]:
    return f">{DELIVERABLE}<", f">{escape(text)}<"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


def test_the_cases_are_over_and_within_as_excel_counts():
    for text in OVER.values():
        assert len(text) <= LIMIT < values.excel_length(text)
    for text in WITHIN.values():
        assert values.excel_length(text) in (LIMIT, LIMIT - 1) and values.problem(text) is None
    assert values.excel_length(EMOJI) == 2 and values.excel_length("é") == 1 and values.excel_length(ESCAPE) == 13


@pytest.mark.parametrize("name", list(OVER))
def test_the_writer_refuses_with_the_cell(sources, name):
    before = fingerprint(sources)
    with pytest.raises(Exception, match=f"over Excel's limit of {LIMIT:,}") as caught:
        update_cells(sources / WP, [CellEdit("Part I", "E2", OVER[name])])
    assert f"{WP} › Part I › E2" in str(caught.value) and "as Excel counts them" in str(caught.value)
    assert fingerprint(sources) == before


@pytest.mark.parametrize("name", list(OVER))
@pytest.mark.parametrize("command", ["harvest", "import"])
def test_a_document_text_over_excels_count_is_refused_with_its_place(built, sources, tmp_path, command, name):
    english = edit_document(built / EN, tmp_path / "E.docx", typed(OVER[name]))
    before = fingerprint(sources)
    if command == "harvest":
        code, output = run("harvest", str(english), "--sources", str(sources), "--apply")
    else:
        code, output = run("import", str(english), str(built / FR), "--into", str(tmp_path / "into"))
    assert code == 1 and "Traceback" not in output and "unexpected" not in output, output
    first = output.splitlines()[0]
    assert "1.1" in first and f"over Excel's limit of {LIMIT:,}" in first and "as Excel counts them" in first, output
    assert fingerprint(sources) == before and not (tmp_path / "into").exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(WITHIN))
def test_a_text_within_excels_count_is_written_whole(built, sources, tmp_path, name):
    text = WITHIN[name]
    english = edit_document(built / EN, tmp_path / "E.docx", typed(text))
    code, output = run("harvest", str(english), "--sources", str(sources), "--apply")
    assert code == 0, output
    activity = next(a for a in read_sources(sources, with_baseline=False).current.part("I") if a.number == "1.1")
    assert activity.texts("Deliverable")["en"] == text  # not cut


@pytest.mark.parametrize("name", ["20,000 emoji", "32,767 characters of _xHHHH_"])
def test_a_translation_over_excels_count_is_refused_naming_the_unit(tmp_path, name):
    from tests.helpers.xliff import export, set_target, translate

    folder = write_sources(tmp_path / "source_sheets")
    before = fingerprint(folder)
    path = translate(export(CliRunner(), folder, "--to", "fr", "--all"), set_target(OVER[name]))
    code, output = run("translations", "import", "--sources", str(folder), str(path), "--apply")
    assert code == 1 and "Traceback" not in output, output
    first = output.splitlines()[0]
    assert "out.xlf › unit wp-2022-2025.xlsx/" in first and f"over Excel's limit of {LIMIT:,}" in first, output
    assert fingerprint(folder) == before


# ---------------------------------------------------------------- drop-downs

LABELS = {
    "a comma": ["Completed, at last", "Ongoing", "Pending"],
    "a quote": ['Ongoing ("in hand")', "Completed", "Pending"],
    "a comma and a quote": ['Done, "really"', "Ongoing", "Pending"],
    "a quote alone": ['"', "Ongoing", "Pending"],
    "too long to list inline": [f"Status number {n} " + "x" * 40 for n in range(6)],
}


def validations(path: Path, sheet: str) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [v.formula1 for v in book[sheet].data_validations.dataValidation if v.type == "list"]


def listed(path: Path, formula: str) -> list[str]:
    """The labels a range formula (``'Lists'!$A$1:$A$3``) points to, read back."""
    sheet_name, _, cells = formula.partition("!")
    sheet = openpyxl.load_workbook(path)[sheet_name.strip("'")]
    return [str(c.value) for (c,) in sheet[cells.replace("$", "")]]


@pytest.mark.parametrize("name", list(LABELS))
def test_labels_an_inline_list_cannot_hold_are_listed_from_a_hidden_sheet(tmp_path, name):
    labels = LABELS[name]
    path = tmp_path / "wp.xlsx"
    new_workbook(path, [SheetSpec("Part I", [Column("Status", "the status", 12, choices=labels)])])
    (formula,) = validations(path, "Part I")
    assert not formula.startswith('"'), formula  # an inline list Excel would repair
    assert listed(path, formula) == labels
    book = openpyxl.load_workbook(path)
    assert book[LISTS].sheet_state == "hidden" and book.sheetnames[0] == "Part I"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert f"<formula1>'{LISTS}'!$A$1:$A${len(labels)}</formula1>" in sheet
    for validation in book["Part I"].data_validations.dataValidation:
        assert len(validation.error or "") <= 255 and len(validation.prompt or "") <= 255  # Excel's limits too


def test_plain_labels_stay_an_inline_list():
    book = openpyxl.Workbook()
    assert list_formula(book, ["Completed", "Ongoing", "Pending"], "wp.xlsx") == '"Completed,Ongoing,Pending"'
    assert LISTS not in book.sheetnames
    assert list_formula(book, ["a,b"], "wp.xlsx") == f"'{LISTS}'!$A$1:$A$1"
    assert list_formula(book, ["c,d", "e"], "wp.xlsx") == f"'{LISTS}'!$B$1:$B$2"  # a second list beside the first


def test_new_workbook_lists_settings_labels_with_commas_and_quotes(tmp_path):
    labels = {"completed": "Completed, at last", "ongoing": 'Ongoing ("in hand")', "pending": "Pending"}
    settings = [(key, None, labels[key[7:]], value_fr) if key.startswith("Status ") else (key, value, value_en, value_fr)
                for key, value, value_en, value_fr in SETTINGS]  # fmt: skip
    folder = write_sources(tmp_path / "source_sheets", settings=settings)
    code, output = run("new-workbook", str(folder / "wp-2028-2031.xlsx"), "--sources", str(folder))
    assert code == 0, output
    (formula, *_) = validations(folder / "wp-2028-2031.xlsx", "Part I")
    assert set(labels.values()) <= set(listed(folder / "wp-2028-2031.xlsx", formula))
    code, output = run("validate", "--sources", str(folder), "--templates", str(tmp_path / "none"))
    assert "Lists" not in output, output  # the hidden sheet is nothing the drafters' checks speak of


@pytest.mark.slow
def test_libreoffice_calc_reads_the_drop_down_of_labels_with_commas_and_quotes(tmp_path):
    """LibreOffice Calc opens the workbook and keeps the drop-down as a list of the hidden sheet's cells, each
    label whole (an inline list formula with a comma or a quote in a label is one it cannot read as written)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    labels = LABELS["a comma and a quote"]
    path = tmp_path / "wp.xlsx"
    new_workbook(path, [SheetSpec("Part I", [Column("Status", "the status", 12, choices=labels)])])
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "fods",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    flat = (tmp_path / "wp.fods").read_text(encoding="utf-8")
    (condition,) = re.findall(r'table:condition="([^"]*)"', flat)
    assert "cell-content-is-in-list" in condition and "Lists" in condition and "$A$1:" in condition, condition
    for label in labels:
        assert escape(label, {'"': "&quot;"}) in flat or escape(label) in flat, label
