"""Sentences that follow the data: paragraph 11 says what the annex shows (activities added and removed since
the previous report), in both languages, with CLDR plurals, for the sample and the sample edited."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from ctpdoc.cli.main import cli
from ctpdoc.document.context import build_context
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.repo import SAMPLE_SOURCES

WP = "wp-2022-2025.xlsx"


def paragraph_11(out: Path, lang: str) -> str:
    letter = {"en": "E", "fr": "F"}[lang]
    document = Document(str(next(out.glob(f"*{letter}1a-clean.docx"))))
    marker = "current Work Programme" if lang == "en" else "Programme de travail actuel"
    return next(p.text for p in document.paragraphs if marker in p.text and ("activit" in p.text))


def build(runner, sample: Path) -> Path:
    out = sample / "out"
    result = runner.invoke(
        cli, ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def add_activity(path: Path, number: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Part I"]
    row = [cell.value for cell in sheet[2]]
    row[0] = number
    row[2] = f"A new activity {number}."
    row[3] = f"Une nouvelle activité {number}."
    sheet.append(row)
    book.save(path)


@pytest.mark.slow
def test_the_sample_says_one_added_and_one_removed(runner, sample):
    out = build(runner, sample)
    assert paragraph_11(out, "en").startswith(
        "One new activity, 2.52, has been added to the current Work Programme, and one activity, 1.43, has been removed from it."
    )
    assert paragraph_11(out, "fr").startswith(
        "Une nouvelle activité, 2.52, a été ajoutée au Programme de travail actuel et une activité, 1.43, en a été retirée."
    )


@pytest.mark.slow
def test_an_activity_added_by_a_drafter_is_counted_in_both_languages(runner, sample):
    add_activity(sample / "source_sheets" / WP, "1.44")
    out = build(runner, sample)
    assert paragraph_11(out, "en").startswith(
        "Two new activities, 1.44 and 2.52, have been added to the current Work Programme, and one"
    )
    assert paragraph_11(out, "fr").startswith(
        "Deux nouvelles activités, 1.44 et 2.52, ont été ajoutées au Programme de travail actuel et une"
    )


@pytest.mark.slow
def test_nothing_added_or_removed_says_so(runner, sample):
    sources = sample / "source_sheets"
    shutil.copy(sources / WP, sources / "baseline" / WP)
    out = build(runner, sample)
    assert paragraph_11(out, "en").startswith("No new activities are proposed for inclusion in the current Work Programme. The")
    assert paragraph_11(out, "fr").startswith(
        "Il n’est proposé d’inclure aucune nouvelle activité dans le Programme de travail actuel. La"
    )


@pytest.mark.parametrize("tracked", [True, False])
def test_the_changes_by_kind_are_in_the_context_in_both_variants(tracked):
    sources = read_sources(SAMPLE_SOURCES)
    changes = build_context(sources, "en", tracked=tracked).values["current"]["changes"]
    assert (changes["added"]["numbers"], changes["added"]["part2"], changes["removed"]["numbers"]) == (
        ["2.52"],
        ["2.52"],
        ["1.43"],
    )
    assert changes["added"]["count"] == 1 and changes["changed"]["count"] == len(changes["changed"]["numbers"]) > 0
    assert set(changes["status_moves"]["numbers"]) <= set(changes["changed"]["numbers"])


@pytest.mark.slow
def test_a_build_without_tracked_changes_says_the_same(runner, sample):
    out = sample / "accepted"
    args = ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)]
    assert runner.invoke(cli, [*args, "--changes", "accepted"]).exit_code == 0
    assert paragraph_11(out, "en").startswith("One new activity, 2.52, has been added")


@pytest.mark.slow
def test_a_number_reused_for_another_activity_is_named(runner, sample):
    """1.43 removed since the baseline, then a new, unrelated 1.43 typed: a removal and an addition, not an edit."""
    sources = sample / "source_sheets"
    book = openpyxl.load_workbook(sources / WP)
    sheet = book["Part I"]
    row = [cell.value for cell in sheet[2]]
    row[0], row[2], row[3] = (
        "1.43",
        "Organize a regional webinar on postal e-commerce flows.",
        "Organiser un webinaire régional sur les flux postaux du commerce électronique.",
    )
    sheet.append(row)
    book.save(sources / WP)
    args = ["--sources", str(sources), "--templates", str(sample / "templates")]
    checked = runner.invoke(cli, ["validate", *args])
    assert checked.exit_code == 0
    assert "1.43 now describes a different activity; give a new activity a new number" in checked.output
    listed = runner.invoke(cli, ["changes", "--sources", str(sources)]).output
    assert "Part I 1.43: removed" in listed and "Part I 1.43: added" in listed
    assert "1.43 now describes a different activity; give a new activity a new number" in listed
    out = build(runner, sample)
    assert paragraph_11(out, "en").startswith(
        "Two new activities, 1.43 and 2.52, have been added to the current Work Programme, and one activity, 1.43, has been "
        "removed"
    )
