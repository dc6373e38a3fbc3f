"""Out of date since the texts were last in step, not since the last report: the record beside the workbooks
(source_sheets/translations.toml), kept by the commands that see both sides agree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from ctpdoc.cli.main import cli
from ctpdoc.commands import rendering
from ctpdoc.errors import Report
from ctpdoc.model import Record, fingerprint
from ctpdoc.output.lock import locked
from ctpdoc.workbooks.record import RECORD_FILE, read_record, write_record
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.repo import ROOT

WP = "wp-2022-2025.xlsx"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
ADDED = " The Guide was published in March 2025."


def edit(path: Path, sheet: str, number: str, header: str, change) -> str:
    """Change one cell of an activity, found by its number and header; gives the cell."""
    book = openpyxl.load_workbook(path)
    rows = book[sheet]
    headers = [cell.value for cell in rows[1]]
    for row in rows.iter_rows(min_row=2):
        if str(row[0].value).strip() == number:
            cell = row[headers.index(header)]
            cell.value = change(cell.value)
            book.save(path)
            return cell.coordinate
    raise AssertionError(number)


def run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


@pytest.mark.slow
def test_the_sample_ships_its_record_and_validate_leaves_it_as_it_is(runner, sample):
    sources = sample / "source_sheets"
    before = (sources / RECORD_FILE).read_bytes()
    result = run(runner, "validate", "--sources", sources, "--templates", sample / "templates")
    assert result.exit_code == 0, result.output
    assert (sources / RECORD_FILE).read_bytes() == before
    record = read_record(sources, Report())
    assert (WP, "1.3", "Progress") in record.fingerprints and set(record.fingerprints[(WP, "1.3", "Progress")]) == {"en", "fr"}
    # 1.3's progress changed since the previous report: the record keeps its texts, to show a later change word by word
    activity = next(a for a in read_sources(sources).current.activities if a.number == "1.3")
    assert record.texts[(WP, "1.3", "Progress")] == activity.texts("Progress")


@pytest.mark.slow
def test_a_second_edit_in_one_language_is_out_of_date_in_the_other(runner, sample):
    """1.3's progress changed in both languages since the baseline (in step); then the English alone changed."""
    sources, templates = sample / "source_sheets", sample / "templates"
    in_step = next(a for a in read_sources(sources).current.activities if a.number == "1.3").texts("Progress")
    cell = edit(sources / WP, "Part I", "1.3", "Progress (EN)", lambda text: text + ADDED)
    status = run(runner, "translations", "status", "--sources", sources)
    assert status.exit_code == 0, status.output
    assert "fr: 0 missing, 1 out of date" in status.output
    line = next(line for line in status.output.splitlines() if "(1.3, Progress (FR))" in line)
    assert f"Progress (EN) changed since the texts were last in step ({RECORD_FILE}) but Progress (FR) did not" in line
    # the words changed since the texts were last in step (the record's text, not the baseline's), a few words before
    assert "Progress (EN) then → now: “… " in line and line.endswith(f"{{+{ADDED}+}}”")
    strict = run(runner, "validate", "--strict", "--sources", sources, "--templates", templates)
    assert strict.exit_code == 1 and "(1.3, Progress (FR))" in strict.output
    exported = run(runner, "translations", "export", "--sources", sources, "--to", "fr", "-o", sample / "fr.xlf")
    assert exported.exit_code == 0 and "1 text to translate into fr" in exported.output, exported.output
    assert cell.startswith(openpyxl.utils.get_column_letter(12)) or cell  # the English progress cell
    # the CAT tool's proposal is the pair as last in step (the record's), so it shows just the change since
    [alternative] = etree.parse(str(sample / "fr.xlf")).iterfind(".//x:alt-trans", NS)
    assert alternative.get("origin") == "last in step"
    assert [alternative.findtext(f"x:{side}", namespaces=NS) for side in ("source", "target")] == [in_step["en"], in_step["fr"]]


@pytest.mark.slow
def test_a_validate_between_two_edits_does_not_forget(runner, sample):
    """validate after the English edit leaves the record as it was: the French is still out of date next time."""
    sources, templates = sample / "source_sheets", sample / "templates"
    before = (sources / RECORD_FILE).read_text()
    edit(sources / WP, "Part I", "1.3", "Progress (EN)", lambda text: text + ADDED)
    assert run(runner, "validate", "--sources", sources, "--templates", templates).exit_code == 0
    assert (sources / RECORD_FILE).read_text() == before
    edit(sources / WP, "Part I", "1.3", "Progress (FR)", lambda text: text + " Le Guide a été publié en mars 2025.")
    result = run(runner, "validate", "--strict", "--sources", sources, "--templates", templates)
    assert result.exit_code == 0, result.output
    after = (sources / RECORD_FILE).read_text()
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    # one line per text pair in git diff: its fingerprints, and its texts (which the baseline does not hold)
    assert len(changed) == 2 and all(line.startswith('"1.3 Progress" = { en = ') for line in changed)


@pytest.mark.slow
def test_a_build_leaves_the_record_to_a_command_writing_the_workbooks(runner, sample):
    """While another command holds the workbooks (e.g. translations import --apply, which writes the record itself),
    build writes its documents but not the record, and says so."""
    sources, templates = sample / "source_sheets", sample / "templates"
    (sources / RECORD_FILE).unlink()  # a build would write it back
    command = [sys.executable, "-m", "ctpdoc", "build", "--sources", sources, "--templates", templates, "--out", sample / "out"]
    with locked(sources.resolve(), sources, "ctpdoc translations import --apply"):  # held here, built by another process
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{RECORD_FILE}: warning: the record of texts in step was not updated ({sources} is being written by " in done.stderr
    assert f"`ctpdoc translations import --apply` (process {os.getpid()})" in done.stderr
    assert not (sources / RECORD_FILE).exists() and (sample / "out").is_dir()
    assert run(runner, "build", "--sources", sources, "--templates", templates, "--out", sample / "out").exit_code == 0
    assert (sources / RECORD_FILE).is_file()


@pytest.mark.slow
def test_a_workbook_written_while_build_reads_keeps_the_record_as_it_was(runner, sample, monkeypatch):
    """The record is of the texts read; a workbook written since (by Excel, by another command) holds others."""
    sources, templates = sample / "source_sheets", sample / "templates"
    before = (sources / RECORD_FILE).read_bytes()
    edit(sources / WP, "Part I", "1.3", "Progress (FR)", lambda text: text + " Le Guide a été publié en mars 2025.")
    reading = rendering.read_inputs

    def read_then_edit(*args):
        checked = reading(*args)
        edit(sources / WP, "Part I", "1.3", "Progress (EN)", lambda text: text + ADDED)  # saved as the build goes on
        return checked

    monkeypatch.setattr(rendering, "read_inputs", read_then_edit)
    result = run(runner, "validate", "--sources", sources, "--templates", templates)
    assert result.exit_code == 0, result.output
    assert f"{RECORD_FILE}: warning: the workbooks changed while ctpdoc read them" in result.output
    assert (sources / RECORD_FILE).read_bytes() == before


def test_deleted_the_record_falls_back_on_the_previous_report(runner, sample):
    sources = sample / "source_sheets"
    (sources / RECORD_FILE).unlink()
    edit(sources / WP, "Part I", "1.3", "Progress (EN)", lambda text: text + ADDED)
    status = run(runner, "translations", "status", "--sources", sources)
    assert "fr: 0 missing, 0 out of date" in status.output  # both changed since the baseline: the fallback cannot tell
    edit(sources / WP, "Part I", "1.2", "Progress (EN)", lambda text: text + ADDED)
    status = run(runner, "translations", "status", "--sources", sources)
    line = next(line for line in status.output.splitlines() if "(1.2, Progress (FR))" in line)
    assert "changed since the previous report" in line
    assert line.endswith(f"{{+{ADDED}+}}”")  # where the texts differ, however long the text before it


@pytest.mark.slow
def test_a_harvested_english_edit_is_out_of_date_in_french(runner, sample, tmp_path):
    sources, templates = sample / "source_sheets", sample / "templates"
    out = tmp_path / "out"
    assert (
        run(runner, "build", "--sources", sources, "--templates", templates, "--out", out, "--changes", "accepted").exit_code == 0
    )
    from docx import Document

    english = next(out.glob("*E1a-clean.docx"))
    document = Document(str(english))
    target = None
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text.strip() == "1.3":
                target = row.cells[-1]
                break
        if target is not None:
            break
    assert target is not None
    target.paragraphs[-1].add_run(ADDED)
    document.save(str(english))
    harvested = run(runner, "harvest", english, "--sources", sources, "--templates", templates, "--apply")
    assert harvested.exit_code == 0, harvested.output
    status = run(runner, "translations", "status", "--sources", sources)
    assert "fr: 0 missing, 1 out of date" in status.output, status.output


def test_the_record_keeps_any_text_as_it_was(tmp_path):
    """Quotes, backslashes, line breaks, tabs, DEL and any letter: written as TOML, read back the same; a kept text
    whose fingerprint is not the recorded one is not taken for the text in step."""
    odd = 'Les « travaux » \\ "2025"\n\tsuite\x7f — 1\u202f200 \u2028 𝔘'
    key, other = (WP, "1.3", "Progress"), (WP, "1.4", "Progress")
    record = Record(
        {key: {"en": fingerprint(odd), "fr": fingerprint("x")}, other: {"en": fingerprint("y")}},
        {key: {"en": odd}, other: {"en": "not y"}},
    )
    assert write_record(tmp_path, record)
    back = read_record(tmp_path, Report())
    assert back.fingerprints == record.fingerprints and back.texts == {key: {"en": odd}}
    assert write_record(tmp_path, back) and not write_record(tmp_path, read_record(tmp_path, Report()))  # then as it is
