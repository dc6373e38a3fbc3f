"""The turn of the season: after `snapshot`, ctpdoc names the settings that must turn to the next report, warns
until they have, and speaks of the baseline's own date; a document with no tracked change says nothing of them."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from tests.helpers.docxread import part, q, text
from tests.helpers.oracle import rows

NEXT = ("Previous report", "Issue date", "Sessions", "Meeting start", "Meeting end")
SENTENCE = {
    "en": "track changes",
    "fr": "suivi des modifications",
}  # the templates' sentence on tracked changes, in each language


def settings_of(folder) -> dict[str, list]:
    """The Document sheet's values by setting, read with bare openpyxl (repeated settings in order)."""
    found: dict[str, list] = {}
    for row in rows(folder / "document.xlsx", "Document"):
        found.setdefault(row["Setting"], []).append(row["Value"])
    return found


def folders(sample):
    return ["--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]


def turned(sample, runner) -> dict[str, list]:
    """The sample after `snapshot --force` and nothing else; the settings as they stood."""
    result = runner.invoke(cli, ["snapshot", "--sources", str(sample / "source_sheets"), "--force"])
    assert result.exit_code == 0, result.output
    return settings_of(sample / "source_sheets")


def day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def test_snapshot_ends_by_naming_the_settings_to_turn_with_their_values(sample, runner):
    values = settings_of(sample / "source_sheets")
    result = runner.invoke(cli, ["snapshot", "--sources", str(sample / "source_sheets"), "--force"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    told = lines[lines.index(next(line for line in lines if line.startswith("next: describe the next report"))) + 1 :]
    assert [re.match(r'  "([^"]+)"', line).group(1) for line in told] == [
        "Previous report",
        "Issue date",
        "Sessions",
        "Meeting start",
    ]
    assert "Meeting end" in told[-1]
    issued = day(values["Issue date"][0]).isoformat()
    assert f"issued {issued}" in told[0] and all(day(d).isoformat() in told[0] for d in values["Previous report"])
    assert told[1].endswith(f"now {issued}") and told[2].endswith(f"now {values['Sessions'][0]}")
    assert told[3].endswith(f"now {day(values['Meeting start'][0]).isoformat()} to {day(values['Meeting end'][0]).isoformat()}")


@pytest.mark.slow
def test_validate_and_build_name_the_settings_to_update_until_they_are(sample, runner):
    values = turned(sample, runner)
    for command in (["validate"], ["build", "--out", str(sample / "build")]):
        result = runner.invoke(cli, [*command, *folders(sample)])
        assert result.exit_code == 0, result.output
        warned = [line for line in result.output.splitlines() if line.startswith("document.xlsx › Document: warning:")]
        assert len(warned) == 2, result.output
        assert day(values["Issue date"][0]).isoformat() in warned[0] and all(f'"{name}"' in "".join(warned) for name in NEXT), (
            warned
        )
    assert runner.invoke(cli, ["validate", "--strict", *folders(sample)]).exit_code == 1
    # The secretariat turns the settings to the next report: the warnings go.
    path = sample / "source_sheets" / "document.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Document"]
    header = [c.value for c in sheet[1]]
    value = header.index("Value") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Issue date":
            sheet.cell(row[0].row, value).value = dt.datetime.combine(dt.date.today() + dt.timedelta(days=90), dt.time())
        if row[0].value == "Previous report" and day(row[value - 1].value) == day(values["Previous report"][-1]):
            at = row[0].row + 1
    sheet.insert_rows(at)
    sheet.cell(at, 1).value = "Previous report"
    sheet.cell(at, value).value = dt.datetime.combine(day(values["Issue date"][0]), dt.time())
    book.save(path)
    result = runner.invoke(cli, ["validate", "--strict", *folders(sample)])
    assert result.exit_code == 0, result.output
    assert "(0 warnings)" in result.output


@pytest.mark.slow
def test_the_documents_and_the_review_page_speak_of_the_baselines_own_date(sample, runner):
    values = turned(sample, runner)
    result = runner.invoke(cli, ["build", *folders(sample), "--out", str(sample / "build")])
    assert result.exit_code == 0, result.output
    issued = day(values["Issue date"][0])
    last = day(values["Previous report"][-1])
    month, earlier = f"{issued:%B %Y}", f"{last:%B %Y}"  # English month names: the en_GB documents' and the page's
    body = text(part(sample / "build" / "PC0720E1a.docx")).replace("\u00a0", " ")  # a month and its year kept together
    assert f"the progress report submitted to the PTC in {month}" in body and f"previous report of {month}" in body
    assert f"previous report of {earlier}" not in body
    page = (sample / "build" / "review.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert f"what changed since {month}</h1>" in page and f"since {earlier}</h1>" not in page


@pytest.mark.slow
@pytest.mark.parametrize("lang, reference", [("en", "PC0720E1a"), ("fr", "PC0720F1a")])
def test_a_document_with_no_tracked_change_says_nothing_of_tracked_changes(sample, runner, lang, reference, built):
    assert SENTENCE[lang] in text(part(built / f"{reference}.docx")), "the sample's tracked document says it (the case is real)"
    turned(sample, runner)
    result = runner.invoke(
        cli, ["build", *folders(sample), "--out", str(sample / "build"), "--lang", lang, "--changes", "tracked"]
    )
    assert result.exit_code == 0, result.output
    root = part(sample / "build" / f"{reference}.docx")
    assert not list(root.iter(q("ins"), q("del"))), "no change since the snapshot: no tracked change"
    assert SENTENCE[lang] not in text(root)


@pytest.mark.slow
def test_a_baseline_restored_by_hand_is_dated_by_the_settings_again(sample, runner):
    """The record is of the baseline snapshot wrote: a baseline put back by hand is not the one it describes."""
    turned(sample, runner)
    sources = sample / "source_sheets"
    kept = next((sources / "baseline" / "history").glob("*/wp-2022-2025.xlsx"))
    shutil.copy2(kept, sources / "baseline" / "wp-2022-2025.xlsx")
    result = runner.invoke(cli, ["validate", "--strict", *folders(sample)])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_a_damaged_record_is_a_warning_and_no_record(sample, runner):
    turned(sample, runner)
    (sample / "source_sheets" / "baseline" / "snapshot.toml").write_text("report = [")
    result = runner.invoke(cli, ["validate", *folders(sample)])
    assert result.exit_code == 0, result.output
    assert "baseline/snapshot.toml: warning: is not valid TOML" in result.output
    assert "(1 warning)" in result.output  # the record unread: the settings date the baseline
