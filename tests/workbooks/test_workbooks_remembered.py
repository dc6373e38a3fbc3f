"""Each workbook remembered as read (ctpdoc/workbooks/collecting.py, through ctpdoc/package/remembered.py): a workbook
left as it was is not read again, and gives what its reading gave, problems included; one changed in any byte, or read
with another shape or other languages, is read anew; a reading with errors, or of a file that changed while it was
read, is not remembered; a file that is not a plain workbook is left to the reader, which says what it is."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest

from ctpdoc.errors import Report
from ctpdoc.inputs import content_digest
from ctpdoc.package import remembered as memory
from ctpdoc.workbooks import collecting
from ctpdoc.workbooks.sources import collect_sources
from tests.helpers.factory import part1_row, write_book, write_sources
from tests.helpers.repo import SAMPLE_SOURCES


@pytest.fixture
def readings(remembering, monkeypatch):
    """The workbooks read anew (not from memory), by name, in the order they are read."""
    names: list[str] = []
    real_programme, real_settings = collecting.read_programme_of, collecting.read_settings_of

    def programme(path, name, *args):
        names.append(name)
        return real_programme(path, name, *args)

    def settings(path):
        names.append(path.name)
        return real_settings(path)

    monkeypatch.setattr(collecting, "read_programme_of", programme)
    monkeypatch.setattr(collecting, "read_settings_of", settings)
    return names


def read(folder, with_baseline=True):
    report = Report()
    sources = collect_sources(folder, report, with_baseline)
    return sources, [str(problem) for problem in report.problems]


def test_a_workbook_left_as_it_was_is_not_read_again_and_gives_the_same(readings, tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SAMPLE_SOURCES, folder)
    book = openpyxl.load_workbook(folder / "wp-2022-2025.xlsx")
    book["Part I"].row_dimensions[3].hidden = True  # a warning, which must come back with what is remembered
    book.save(folder / "wp-2022-2025.xlsx")
    first = read(folder)
    assert readings == ["document.xlsx", "wp-2022-2025.xlsx", "wp-2025-2028.xlsx", "baseline/wp-2022-2025.xlsx"]
    assert first[0] is not None and any("hidden" in problem for problem in first[1])
    readings.clear()
    assert read(folder) == first and readings == []
    book = folder / "wp-2025-2028.xlsx"
    book.write_bytes(book.read_bytes() + b"\0")  # one byte more (a zip reads past what follows it)
    read(folder)
    assert readings == ["wp-2025-2028.xlsx"]


def test_an_edit_is_seen(readings, tmp_path):
    folder = write_sources(tmp_path / "src", part1=[part1_row("1.1", progress=("Before.", "Avant."))])
    sources, _ = read(folder)
    assert sources is not None and "Before." in repr(sources.current)
    write_sources(
        folder,
        part1=[part1_row("1.1", progress=("After.", "Après."))],
        baseline1=[part1_row("1.1", progress=("Before.", "Avant."))],
    )
    sources, _ = read(folder)
    assert sources is not None and "After." in repr(sources.current) and "Before." in repr(sources.baseline)


def test_what_a_reading_depends_on_is_in_its_key(readings, tmp_path):
    """The same bytes read as another programme (its name and period in every message), without the baseline asked
    for, or with other settings: read anew each time it differs, remembered each time it is the same."""
    folder = write_sources(tmp_path / "src")
    read(folder)
    readings.clear()
    read(folder, with_baseline=False)  # the baseline, not asked for, is read all the same (for the sentences)
    assert readings == []
    shutil.copy(folder / "wp-2022-2025.xlsx", folder / "wp-2025-2028.xlsx")  # the draft: the current's bytes
    read(folder)
    assert readings == ["wp-2025-2028.xlsx"]  # not the current's reading: another name, period, and no confirmations
    readings.clear()
    document = folder / "document.xlsx"
    write_book(document, {"Document": [["Setting", "Value"], ["Reference", "PC0721"]]})
    read(folder)
    assert readings == ["document.xlsx"]


def test_a_reading_with_errors_is_read_again(readings, tmp_path):
    folder = write_sources(tmp_path / "src", part1=[part1_row("1.1"), part1_row("1.2", "zzz")], baseline1=[part1_row("1.1")])
    sources, problems = read(folder)
    assert any("zzz" in p for p in problems)  # an error: the build would stop on it
    readings.clear()
    assert read(folder)[1] == problems and readings == ["wp-2022-2025.xlsx"]


def test_a_file_that_changes_while_it_is_read_is_not_remembered(readings, tmp_path, monkeypatch):
    """Saved again (by Excel, by a copy) between its digest and its reading: what was read is not what the digest
    names, and is not remembered under it; the file as it was, back, is read anew and seen as it is."""
    folder = write_sources(tmp_path / "src", part1=[part1_row("1.1", progress=("Before.", "Avant."))])
    book = folder / "wp-2022-2025.xlsx"
    before = book.read_bytes()
    edited = tmp_path / "edited"
    write_sources(edited, part1=[part1_row("1.1", progress=("After.", "Après."))])
    real = collecting.read_programme_of

    def saved_meanwhile(path, *args):
        if path == book:
            book.write_bytes((edited / "wp-2022-2025.xlsx").read_bytes())
        return real(path, *args)

    monkeypatch.setattr(collecting, "read_programme_of", saved_meanwhile)
    sources, _ = read(folder)
    assert sources is not None and "After." in repr(sources.current)  # what was read: the file as saved meanwhile
    monkeypatch.setattr(collecting, "read_programme_of", real)
    book.write_bytes(before)
    readings.clear()
    sources, _ = read(folder)
    assert readings == ["wp-2022-2025.xlsx"] and sources is not None and "Before." in repr(sources.current)


def test_data_that_does_not_load_is_read_anew(readings, tmp_path):
    folder = write_sources(tmp_path / "src")
    first = read(folder)
    kept = list(memory.cache_folder().glob("programme-*.pickle"))
    assert len(kept) == 3
    for path in kept:
        path.write_bytes(path.read_bytes()[:100])  # cut short
    readings.clear()
    assert read(folder) == first and len(readings) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_file_that_is_not_a_plain_workbook_is_left_to_the_reader(tmp_path):
    """A pipe is not waited on; a file over the bound is not read whole for its digest: the reader says what each is."""
    pipe = tmp_path / "wp.xlsx"
    os.mkfifo(pipe)
    assert content_digest(pipe, 1 << 20) is None
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + bytes(100))
    assert content_digest(big, 50) is None and content_digest(big, 200) is not None
    assert content_digest(tmp_path / "missing.xlsx", 200) is None
