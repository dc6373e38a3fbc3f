"""Out-of-date translations: found by validate and build, listed by `translations status`, confirmed
in a visible sheet of fingerprints that lapses when the source changes again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ctpdoc.cli.main import cli
from ctpdoc.contract import CONFIRMATIONS_SHEET
from ctpdoc.translations.catalogue import read_catalogue
from ctpdoc.translations.texts import State
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import (
    NEW_EN,
    PART1,
    PART2,
    backups_of,
    out_of_date_sources,
    part1_row,
    write_sources,
)

WP = "wp-2022-2025.xlsx"


def letter(header: str, headers: list[str] = PART1) -> str:
    return get_column_letter(headers.index(header) + 1)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Texts out of date in both languages (tests/helpers/factory.py)."""
    return out_of_date_sources(tmp_path)


def run(runner, *args: str):
    return runner.invoke(cli, list(args))


@pytest.mark.slow
def test_validate_names_each_out_of_date_cell_with_the_issue_wording(runner, sources):
    result = run(runner, "validate", "--sources", str(sources), "--templates", str(sources.parent / "templates"))
    assert result.exit_code == 0, result.output
    fr = f"{letter('Progress (FR)')}2"
    en = f"{letter('Activity (EN)', PART2)}2"
    lines = [line for line in result.output.splitlines() if "did not" in line]
    assert len(lines) == 2
    assert lines[0].startswith(
        f"{WP} › Part I › {fr} (1.1, Progress (FR)): warning: Progress (EN) changed since the previous report "
        "but Progress (FR) did not; update the translation, or confirm it"
    )
    assert "Progress (EN) then → now: “Work [-goes on.-]{+resumed in 2025. ⏎ The draft went to Members.+}”" in lines[0]
    assert lines[1].startswith(f"{WP} › Part II › {en} (2.1, Activity (EN)): warning: Activity (FR) changed")
    strict = run(runner, "validate", "--strict", "--sources", str(sources), "--templates", str(sources.parent / "templates"))
    assert strict.exit_code == 1 and f"Part I › {fr} (1.1, Progress (FR))" in strict.output


def test_build_lists_them_too(runner, sources, tmp_path):
    result = run(
        runner, "build", "--sources", str(sources), "--templates", str(tmp_path / "templates"), "--out", str(tmp_path / "out")
    )
    assert result.exit_code == 0, result.output
    assert "(1.1, Progress (FR)): warning: Progress (EN) changed" in result.output


def test_the_cell_letter_comes_from_the_header_row(runner, tmp_path):
    """Columns in another order: the message still names the French progress cell."""
    order = [PART1[0], "Progress (FR)", *[h for h in PART1[1:] if h != "Progress (FR)"]]

    def reorder(row: list) -> list:
        return [dict(zip(PART1, row, strict=True))[h] for h in order]

    folder = write_sources(
        tmp_path / "s", part1=[part1_row("1.1", progress=("New.", "Les travaux se poursuivent."))], baseline1=[part1_row("1.1")]
    )
    for name in (WP, f"baseline/{WP}"):
        book = openpyxl.load_workbook(folder / name)
        sheet = book["Part I"]
        rows = [reorder([c.value for c in row]) if i else order for i, row in enumerate(sheet.iter_rows())]
        sheet.delete_rows(1, sheet.max_row)
        for row in rows:
            sheet.append(row)
        book.save(folder / name)
    [entry] = [e for e in read_catalogue(folder).entries("fr") if e.state is State.OUT_OF_DATE]
    assert entry.text.cell("fr") == f"{letter('Progress (FR)', order)}2" == "B2"


def test_status_lists_missing_out_of_date_and_counts(runner, sources):
    book = openpyxl.load_workbook(sources / WP)
    book["Part I"][f"{letter('Deliverable (FR)')}4"] = None  # 1.10: a translation missing
    book.save(sources / WP)
    result = run(runner, "translations", "status", "--sources", str(sources))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        f"{WP} › Part I › {letter('Deliverable (FR)')}4 (1.10, Deliverable (FR)): missing: Deliverable (EN) is filled but "
        f"Deliverable (FR) is empty" in lines
    )
    assert any(
        line.startswith(f"{WP} › Part I › {letter('Progress (FR)')}2 (1.1, Progress (FR)): out of date:") for line in lines
    )
    current, draft = read_catalogue(sources).sources.current, read_catalogue(sources).sources.draft
    # Per-language fields, all filled by the factory: Part I 4 (3 in the draft, no Progress), Part II 2 (1).
    texts = (
        4 * len(current.parts[0].activities)
        + 2 * len(current.parts[1].activities)
        + 3 * len(draft.parts[0].activities)
        + len(draft.parts[1].activities)
    )
    assert lines[-2] == f"en: 0 missing, 1 out of date, 0 confirmed, {texts - 1} up to date"
    assert lines[-1] == f"fr: 1 missing, 1 out of date, 0 confirmed, {texts - 2} up to date"


def test_the_draft_programme_is_never_out_of_date(sources):
    book = openpyxl.load_workbook(sources / "wp-2025-2028.xlsx")
    book["Part I"]["C2"] = "A rewritten English activity"
    book["Part I"]["D3"] = None
    book.save(sources / "wp-2025-2028.xlsx")
    draft = [e for lang in ("en", "fr") for e in read_catalogue(sources).entries(lang) if e.text.workbook == "wp-2025-2028.xlsx"]
    assert {e.state for e in draft} == {State.UP_TO_DATE, State.MISSING}
    assert [e.text.cell(e.lang) for e in draft if e.state is State.MISSING] == ["D3"]


def test_a_text_emptied_is_missing_and_makes_nothing_else_out_of_date(sources):
    book = openpyxl.load_workbook(sources / WP)
    book["Part I"][f"{letter('Lead (FR)')}3"] = None
    book.save(sources / WP)
    catalogue = read_catalogue(sources)
    lead = [e for lang in ("en", "fr") for e in catalogue.entries(lang) if e.text.key == (WP, "1.2", "Lead")]
    assert {(e.lang, e.state) for e in lead} == {("en", State.UP_TO_DATE), ("fr", State.MISSING)}


@pytest.mark.slow
def test_confirm_is_visible_survives_reading_and_lapses_when_the_source_changes(runner, sources):
    templates = str(sources.parent / "templates")
    cell = f"{letter('Progress (FR)')}2"
    result = run(runner, "translations", "confirm", "--sources", str(sources), f"Part I!{cell}")
    assert result.exit_code == 0, result.output
    assert f"{WP} › Part I › {cell} (1.1, Progress (FR)): confirmed" in result.output
    book = openpyxl.load_workbook(sources / WP)
    assert book.sheetnames == ["Part I", "Part II", CONFIRMATIONS_SHEET]
    sheet = book[CONFIRMATIONS_SHEET]
    assert sheet.sheet_state == "visible"
    row = {sheet.cell(1, c).value: sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)}
    assert (row["No."], row["Sheet"], row["Translation"], row["Cell"], row["Checked against"]) == (
        "1.1",
        "Part I",
        "Progress (FR)",
        cell,
        "Progress (EN)",
    )
    assert row["Their text then"] == NEW_EN and row["Confirmed on"].date() == dt.date.today()
    assert len(backups_of(sources / WP)) == 1
    read_sources(sources)  # the contract's reader ignores the sheet
    checked = run(runner, "validate", "--sources", str(sources), "--templates", templates)
    assert checked.exit_code == 0 and "(1.1, Progress (FR)): warning: Progress (EN) changed" not in checked.output
    # a confirmation silences the out-of-date warning, not the figures' check: the English says 2025, the French not
    assert (
        "(1.1, Progress (FR)): warning: the numbers differ from the source's: Progress (EN) has 2025, which Progress (FR) does "
        "not" in checked.output
    )
    status = run(runner, "translations", "status", "--sources", str(sources)).output
    assert f"(1.1, Progress (FR)): confirmed on {dt.date.today()}" in status
    # The English changes again: the confirmation lapses by itself.
    book = openpyxl.load_workbook(sources / WP)
    book["Part I"][f"{letter('Progress (EN)')}2"] = NEW_EN + " Adopted."
    book.save(sources / WP)
    again = run(runner, "validate", "--sources", str(sources), "--templates", templates)
    assert "(1.1, Progress (FR)): warning: Progress (EN) changed" in again.output
    assert f"its confirmation of {dt.date.today()} lapsed" in again.output


@pytest.mark.slow
def test_confirm_all_of_one_language_keeps_earlier_confirmations(runner, sources):
    assert run(runner, "translations", "confirm", "--sources", str(sources), "--all", "--lang", "en").exit_code == 0
    catalogue = read_catalogue(sources)
    assert [e.state for e in catalogue.entries("en") if e.text.key == (WP, "2.1", "Activity")] == [State.CONFIRMED]
    assert run(runner, "translations", "confirm", "--sources", str(sources), "--all").exit_code == 0
    states = {e.state for lang in ("en", "fr") for e in read_catalogue(sources).entries(lang)}
    assert states == {State.UP_TO_DATE, State.CONFIRMED}
    assert openpyxl.load_workbook(sources / WP)[CONFIRMATIONS_SHEET].max_row == 3  # header and the two confirmations


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            "Part I!C2",
            f"{WP} › Part I › C2: Activity (EN) of 1.1 is up to date; only an out-of-date translation can be confirmed",
        ),
        ("K5", '"K5" is not a cell such as "Part I!K5"'),
        ("Notes!A1", 'there is no sheet "Notes"'),
    ],
)
def test_confirm_refuses_what_is_not_out_of_date_and_writes_nothing(runner, sources, reference, message):
    data = (sources / WP).read_bytes()
    result = run(runner, "translations", "confirm", "--sources", str(sources), f"Part I!{letter('Progress (FR)')}2", reference)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert (sources / WP).read_bytes() == data and not backups_of(sources / WP)


def test_confirm_needs_cells_or_all_and_known_languages(runner, sources):
    assert run(runner, "translations", "confirm", "--sources", str(sources)).exit_code == 2
    for command in (["confirm", "--all"], ["status"]):
        result = run(runner, "translations", *command, "--sources", str(sources), "--lang", "de")
        assert result.exit_code == 1 and "de is not a language of the settings (en, fr)" in result.output


def test_a_confirmations_sheet_damaged_by_hand_confirms_nothing(runner, sources):
    assert run(runner, "translations", "confirm", "--sources", str(sources), "--all").exit_code == 0
    book = openpyxl.load_workbook(sources / WP)
    book[CONFIRMATIONS_SHEET]["G1"] = "Checksum"  # the Fingerprint column renamed
    book.save(sources / WP)
    states = {e.state for lang in ("en", "fr") for e in read_catalogue(sources).entries(lang)}
    assert State.CONFIRMED not in states and State.OUT_OF_DATE in states
