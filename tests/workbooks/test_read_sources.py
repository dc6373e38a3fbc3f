import datetime as dt

import pytest

from ctpdoc.errors import InputError, Report
from ctpdoc.model import Location, YearRange
from ctpdoc.workbooks.cells import clean_text
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import SETTINGS, part1_row, part2_row, write_sources


def test_reads_settings_programmes_and_baseline(tmp_path):
    sources = read_sources(write_sources(tmp_path))
    settings = sources.settings
    assert settings.file_reference("fr") == "PC0999F1a"
    assert settings.sessions == (250, 251)
    assert settings.issue_date == dt.date(2026, 3, 27)
    assert settings.previous_reports == (dt.date(2023, 4, 1), dt.date(2024, 4, 1))  # sorted
    assert settings.languages == ("en", "fr")
    assert settings.shape.status("completed").labels["fr"] == "Menée à bien"
    assert [a.number for a in sources.current.parts[0].activities] == ["1.1", "1.2", "1.10"]  # natural order
    assert sources.current.parts[0].activities[0].texts("Activity")["fr"] == "Activité 1.1"
    assert sources.current.count("pending") == 1
    assert sources.draft.parts[0].activities[0].status is None
    assert sources.baseline is not None


def test_french_status_words_and_year_ranges(tmp_path):
    rows = [part1_row("1.1", "en cours", timeframe="2023-2025"), part1_row("1.2", " Menée à bien ", timeframe=2024)]
    sources = read_sources(write_sources(tmp_path, part1=rows))
    assert [a.status for a in sources.current.parts[0].activities] == ["ongoing", "completed"]
    assert [a.values.get("Timeframe") for a in sources.current.parts[0].activities] == [
        YearRange(2023, 2025),
        YearRange(2024, 2024),
    ]


def test_line_breaks_kept(tmp_path):
    rows = [part1_row("1.1", progress=("First line.\r\nSecond line.", "Première ligne.\nSeconde ligne."))]
    sources = read_sources(write_sources(tmp_path, part1=rows))
    assert sources.current.parts[0].activities[0].texts("Progress")["en"] == "First line.\nSecond line."


def test_control_characters_are_removed_and_reported():
    report = Report()
    where = Location("wp.xlsx", "Part I", "K2")
    assert clean_text("Pasted\x07 text\x0b.", where, report) == "Pasted text."
    assert (
        str(report.warnings[0]) == "wp.xlsx › Part I › K2: warning: control characters (pasted from another program) were removed"
    )


def problems(folder):
    with pytest.raises(InputError) as caught:
        read_sources(folder)
    return [str(p) for p in caught.value.problems]


def test_every_problem_is_reported_with_its_cell(tmp_path):
    bad = part1_row("1.1", "Done")
    bad[3] = ""  # Activity (FR) missing
    rows = [bad, part1_row("1.1"), part1_row("1.3", timeframe="soon")]
    found = problems(write_sources(tmp_path, part1=rows))
    assert 'wp-2022-2025.xlsx › Part I › J2: status "Done" is not one of completed, ongoing, pending' in found[0] or any(
        'J2: status "Done"' in p for p in found
    )
    assert any("D2: translation missing" in p for p in found)
    assert any('activity number "1.1" is used twice' in p for p in found)
    assert any('G4: timeframe "soon"' in p for p in found)


def test_missing_column_is_named(tmp_path):
    folder = write_sources(tmp_path, part2=[part2_row("2.1")])
    import openpyxl

    book = openpyxl.load_workbook(folder / "wp-2022-2025.xlsx")
    book["Part II"]["E1"] = "Progres (EN)"
    book.save(folder / "wp-2022-2025.xlsx")
    assert any('Part II › row 1: column "Progress (EN)" is missing' in p for p in problems(folder))


def test_missing_setting_and_wrong_type(tmp_path):
    settings = [s for s in SETTINGS if s[0] != "Agenda item"]
    settings = [("Issue date", "next week", None, None) if s[0] == "Issue date" else s for s in settings]
    found = problems(write_sources(tmp_path, settings=settings))
    assert any('setting "Agenda item" is missing' in p for p in found)
    assert any("document.xlsx › Document › B" in p and '"next week" is not a date' in p for p in found)


def test_not_an_xlsx(tmp_path):
    folder = write_sources(tmp_path)
    (folder / "wp-2025-2028.xlsx").write_text("No.;Activity\n1.1;x\n")
    assert any("wp-2025-2028.xlsx: is a text (CSV) file, not an Excel workbook" in p for p in problems(folder))


def test_excel_escapes_are_decoded():
    report = Report()
    where = Location("wp.xlsx", "Part I", "C2")
    assert clean_text("R_x0026_D", where, report) == "R&D"
    assert clean_text("typed _x005F_x0007_ literally", where, report) == "typed _x0007_ literally"
    assert not report.problems


def test_rows_keep_their_sheet_numbers_across_gaps(tmp_path):
    import openpyxl

    folder = write_sources(tmp_path)
    book = openpyxl.load_workbook(folder / "wp-2022-2025.xlsx")
    sheet = book["Part II"]
    sheet.insert_rows(3, amount=3)  # blank rows between two activities
    sheet["F6"] = None
    book.save(folder / "wp-2022-2025.xlsx")
    with pytest.raises(InputError) as caught:
        read_sources(folder)
    assert [str(p) for p in caught.value.problems] == [
        "wp-2022-2025.xlsx › Part II › F6: translation missing: Progress (EN) is filled but Progress (FR) is empty"
    ]
