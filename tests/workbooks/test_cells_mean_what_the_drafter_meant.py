"""The workbooks cannot say what the drafter did not mean: a year typed into a date cell, a date out of range, a
column ctpdoc does not read, a header or status misspelt, a No. column that turns 1.40 into 1.4."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from tests.helpers.factory import PART1, part1_row, write_sources
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

WP = "wp-2022-2025.xlsx"


def validate(runner, sources: Path):
    return runner.invoke(cli, ["validate", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES)])


def edit(path: Path, sheet: str, cell: str, value, number_format: str | None = None) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    if number_format:
        book[sheet][cell].number_format = number_format
    book.save(path)


@pytest.mark.slow
def test_a_year_typed_into_a_date_cell_is_read_as_that_year(runner, sample):
    sources = sample / "source_sheets"
    column = openpyxl.utils.get_column_letter(PART1.index("Timeframe") + 1)
    edit(sources / WP, "Part I", f"{column}2", 2025, "mmm yyyy")  # what Excel shows as "Jul 1905"
    result = validate(runner, sources)
    assert result.exit_code == 0, result.output
    assert (
        f"{WP} › Part I › {column}2: warning: the year 2025 was typed into a cell formatted as a date, where Excel shows it as "
        "July 1905; read as the year 2025"
    ) in result.output


def test_a_date_out_of_range_is_refused_with_its_cell(runner, sample):
    sources = sample / "source_sheets"
    column = openpyxl.utils.get_column_letter(PART1.index("Timeframe") + 1)
    edit(sources / WP, "Part I", f"{column}3", dt.datetime(2205, 6, 30), "mmm yyyy")
    result = validate(runner, sources)
    assert result.exit_code == 1
    assert f"{WP} › Part I › {column}3: timeframe 2205-06-30 is before 1990 or after 2100" in result.output


@pytest.mark.slow
def test_an_unknown_column_is_named_and_a_misspelt_one_gets_a_suggestion(runner, tmp_path):
    headers = [*PART1, "Comments"]
    headers[headers.index("Progress (FR)")] = "Progres (FR)"
    rows = [[*part1_row("1.1"), "to check"]]
    sources = write_sources(tmp_path / "source_sheets", part1=rows)
    book = openpyxl.load_workbook(sources / WP)
    for number, header in enumerate(headers, start=1):
        book["Part I"].cell(row=1, column=number, value=header)
    book.save(sources / WP)
    result = validate(runner, sources)
    assert 'column "Progress (FR)" is missing; add it to the header row' in result.output
    assert 'did you mean "Progres (FR)"?' in result.output
    book["Part I"].cell(row=1, column=headers.index("Progres (FR)") + 1, value="Progress (FR)")
    book.save(sources / WP)
    result = validate(runner, sources)
    assert result.exit_code == 0, result.output
    assert (
        f'{WP} › Part I › M1: warning: column "Comments" is not one ctpdoc reads, so nothing in it reaches the document'
        in result.output
    )


def test_a_misspelt_status_gets_a_suggestion(runner, sample):
    sources = sample / "source_sheets"
    column = openpyxl.utils.get_column_letter(PART1.index("Status") + 1)
    edit(sources / WP, "Part I", f"{column}2", "Ongoign")
    result = validate(runner, sources)
    assert (
        result.exit_code == 1 and 'status "Ongoign" is not one of' in result.output and 'did you mean "ongoing"?' in result.output
    )


def test_new_workbook_keeps_no_as_text_and_a_year_as_a_year(runner, tmp_path):
    path = tmp_path / "wp.xlsx"
    assert runner.invoke(cli, ["new-workbook", str(path), "--sources", str(tmp_path)]).exit_code == 0
    sheet = openpyxl.load_workbook(path)["Part I"]
    number = openpyxl.utils.get_column_letter(PART1.index("No.") + 1)
    timeframe = openpyxl.utils.get_column_letter(PART1.index("Timeframe") + 1)
    assert sheet.column_dimensions[number].number_format == "@"  # the whole column, every row typed later
    assert sheet.column_dimensions[timeframe].number_format == "General"  # 2025 stays 2025, "June 2024" becomes a date


def test_the_sample_no_column_is_text_all_the_way_down():
    sources = SAMPLE_SOURCES
    for name in ("wp-2022-2025.xlsx", "wp-2025-2028.xlsx"):
        book = openpyxl.load_workbook(sources / name)
        for title in ("Part I", "Part II"):
            assert book[title].column_dimensions["A"].number_format == "@", (name, title)


@pytest.mark.slow
def test_counts_in_messages_agree_with_their_nouns(runner, sample):
    sources = sample / "source_sheets"
    column = openpyxl.utils.get_column_letter(PART1.index("Timeframe") + 1)
    edit(sources / WP, "Part I", f"{column}2", 2025, "mmm yyyy")
    assert "(1 warning)." in validate(runner, sources).output
