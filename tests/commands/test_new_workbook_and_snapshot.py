"""Drafters' tools: new-workbook and snapshot."""

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from tests.helpers.oracle import rows as sheet_rows
from tests.helpers.repo import SAMPLE_SOURCES


def test_new_workbook_has_the_contract(runner, tmp_path):
    path = tmp_path / "wp-2028-2031.xlsx"
    result = runner.invoke(cli, ["new-workbook", str(path), "--sources", str(SAMPLE_SOURCES)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Part I", "Part II"]
    part1 = book["Part I"]
    header = [c.value for c in part1[1]]
    assert header == [
        "No.", "Strategic objective", "Activity (EN)", "Activity (FR)", "Deliverable (EN)", "Deliverable (FR)",
        "Timeframe", "Lead (EN)", "Lead (FR)", "Status", "Progress (EN)", "Progress (FR)",
    ]  # fmt: skip
    assert (
        part1.freeze_panes == "A2"
        and part1.column_dimensions["C"].width >= 40
        and part1.column_dimensions["C"].alignment.wrap_text
    )
    validations = part1.data_validations.dataValidation
    status = [v for v in validations if v.type == "list"]
    assert len(status) == 1 and "J2:J1000" in str(status[0].sqref)
    labels = [
        v for r in sheet_rows(SAMPLE_SOURCES / "document.xlsx", "Statuses") for k, v in r.items() if k.startswith("Label (")
    ]
    assert sorted(status[0].formula1.strip('"').split(",")) == sorted(
        labels
    )  # the labels come from the declared statuses, nothing else
    assert part1.column_dimensions["A"].number_format == "@"  # No. is text: 1.10 typed there stays 1.10
    prompts = {str(v.sqref): v.prompt for v in validations if v.showInputMessage and v.prompt}
    assert "A1" in prompts and "C1" in prompts and "Alt+Enter" in prompts["K1"]
    assert [c.value for c in book["Part II"][1]] == [
        "No.",
        "Strategic objective",
        "Activity (EN)",
        "Activity (FR)",
        "Progress (EN)",
        "Progress (FR)",
    ]


def test_new_draft_workbook_and_languages(runner, tmp_path):
    path = tmp_path / "draft.xlsx"
    assert (
        runner.invoke(cli, ["new-workbook", str(path), "--draft", "--lang", "en", "--lang", "fr", "--lang", "es"]).exit_code == 0
    )
    header = [c.value for c in openpyxl.load_workbook(path)["Part I"][1]]
    assert "Status" not in header and "Progress (EN)" not in header and "Activity (ES)" in header


def test_new_workbook_refuses_to_overwrite(runner, tmp_path):
    path = tmp_path / "wp.xlsx"
    path.write_bytes(b"precious")
    result = runner.invoke(cli, ["new-workbook", str(path)])
    assert result.exit_code == 1 and "already exists" in result.output and path.read_bytes() == b"precious"


@pytest.mark.slow
def test_a_filled_new_workbook_validates(runner, sample):
    folder = sample / "source_sheets"
    path = folder / "wp-2022-2025.xlsx"
    filled = {
        name: list(openpyxl.load_workbook(path)[name].iter_rows(min_row=2, values_only=True)) for name in ("Part I", "Part II")
    }
    assert runner.invoke(cli, ["new-workbook", str(path), "--force"]).exit_code == 0
    book = openpyxl.load_workbook(path)
    for name, rows in filled.items():
        for row in rows:
            book[name].append(row)
    book.save(path)
    result = runner.invoke(cli, ["validate", "--sources", str(folder), "--templates", str(sample / "templates")])
    assert result.exit_code == 0, result.output


def test_snapshot_copies_the_current_workbook_to_the_baseline(runner, sample):
    folder = sample / "source_sheets"
    baseline = folder / "baseline" / "wp-2022-2025.xlsx"
    before = baseline.read_bytes()
    refused = runner.invoke(cli, ["snapshot", "--sources", str(folder)])
    assert refused.exit_code == 1 and "add --force" in refused.output and baseline.read_bytes() == before
    done = runner.invoke(cli, ["snapshot", "--sources", str(folder), "--force"])
    assert done.exit_code == 0, done.output
    assert baseline.read_bytes() == (folder / "wp-2022-2025.xlsx").read_bytes()
    changes = runner.invoke(cli, ["changes", "--sources", str(folder)])
    assert ": 0 changed (0 status moves), 0 added, 0 removed" in changes.output.splitlines()[-1]


def test_snapshot_creates_a_missing_baseline(runner, sample):
    folder = sample / "source_sheets"
    (folder / "baseline" / "wp-2022-2025.xlsx").unlink()
    assert runner.invoke(cli, ["snapshot", "--sources", str(folder)]).exit_code == 0
    assert (folder / "baseline" / "wp-2022-2025.xlsx").read_bytes() == (SAMPLE_SOURCES / "wp-2022-2025.xlsx").read_bytes()


def test_new_workbook_without_settings_offers_the_status_keys(runner, tmp_path):
    path = tmp_path / "wp-2028-2031.xlsx"
    result = runner.invoke(cli, ["new-workbook", str(path), "--sources", str(tmp_path / "nowhere")])
    assert result.exit_code == 0, result.output
    status = [v for v in openpyxl.load_workbook(path)["Part I"].data_validations.dataValidation if v.type == "list"]
    assert status[0].formula1 == '"completed,ongoing,pending"'
