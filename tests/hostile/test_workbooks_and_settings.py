"""Hostile and faulty inputs, round two (issue 14): the workbooks' and settings' side.

Every case keeps the corpus's rules (tests/hostile/test_broken_inputs.py): its exit code, its one-line
message naming the cell and what to do, no traceback, the sources untouched and ``build/`` as it
was; and nothing written anywhere else on the disk.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from ctpdoc.workbooks.sheets import MAX_ROWS
from ctpdoc.workbooks.sheetxml import MAX_CELLS
from tests.helpers.corpus import (
    DRAFT,
    WP,
    Case,
    assert_user_error,
    build_args,
    cell,
    ctpdoc_limited,
    edit,
    fingerprint,
    invoke,
    patch_part,
    set_setting,
    shared_string,
    wb,
)
from tests.helpers.factory import PART2
from tests.helpers.oracle import rows as oracle_rows
from tests.helpers.repo import SAMPLE_SOURCES

LANGUAGE_COLUMN = {"en": "C", "fr": "D"}  # document.xlsx: Setting, Value, Value (EN), Value (FR), Note


def set_language_setting(name: str, lang: str, value: object):
    def change(book: openpyxl.Workbook) -> None:
        for row in book["Document"].iter_rows(min_row=2):
            if row[0].value == name:
                book["Document"][f"{LANGUAGE_COLUMN[lang]}{row[0].row}"] = value

    return change


def setting_cell(name: str, column: str = "B") -> str:
    book = openpyxl.load_workbook(SAMPLE_SOURCES / "document.xlsx")
    row = next(r[0].row for r in book["Document"].iter_rows(min_row=2) if r[0].value == name)
    return f"{column}{row}"


def part1_cell(number: str, header: str) -> str:
    sheet = openpyxl.load_workbook(SAMPLE_SOURCES / WP)["Part I"]
    headers = [c.value for c in sheet[1]]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if str(r[0].value) == number)
    return f"{openpyxl.utils.get_column_letter(headers.index(header) + 1)}{row}"


NAME = "cannot be part of a file name"
ONGOING_EN = next(r["Label (EN)"] for r in oracle_rows(SAMPLE_SOURCES / "document.xlsx", "Statuses") if r["Status"] == "ongoing")
CASES = [
    # 1. nothing written outside the folders the command was given
    Case(
        "reference climbing out",
        wb("document.xlsx", set_setting("Reference", "./../../PC0720")),
        1,
        (f"document.xlsx › Document › {setting_cell('Reference')}: ", NAME),
    ),
    Case("reference over a template", wb("document.xlsx", set_setting("Reference", "../templates/fr/report")), 1, (NAME,)),
    Case("reference too long", wb("document.xlsx", set_setting("Reference", "P" * 300)), 1, (NAME, "at most 40")),
    Case(
        "version with a slash",
        wb("document.xlsx", set_setting("Version", "1a/../../x")),
        1,
        (f"› {setting_cell('Version')}: ", NAME),
    ),
    Case(
        "language letter with a path",
        wb("document.xlsx", set_language_setting("Language letter", "fr", "../F")),
        1,
        (f"› {setting_cell('Language letter', 'D')}: ", NAME),
    ),
    Case("leading dot", wb("document.xlsx", set_setting("Version", ".hidden")), 1, (NAME,)),
    Case(
        "absolute baseline",
        wb("document.xlsx", set_setting("Baseline", "/etc/passwd")),
        1,
        ("must be a path within the sources folder",),
    ),
    Case(
        "baseline climbing out",
        wb("document.xlsx", set_setting("Baseline", "../wp-2022-2025.xlsx")),
        1,
        ("must be a path within the sources folder",),
    ),
    # 2. no silently wrong document
    Case(
        "one letter for two languages",
        wb("document.xlsx", set_language_setting("Language letter", "fr", "E")),
        1,
        (f"› {setting_cell('Language letter', 'D')}: ", 'language letter "E" is also the EN one', "its own letter"),
    ),
    Case(
        "one letter, other case",
        wb("document.xlsx", set_language_setting("Language letter", "fr", "e")),
        1,
        ("is also the EN one",),
    ),
    Case(
        "one label for two statuses",
        wb("document.xlsx", cell("Statuses", "B4", ONGOING_EN)),
        1,
        ("document.xlsx › Statuses › B4: ", f'the label "{ONGOING_EN}" is also the label of "ongoing"', "its own label"),
    ),
    Case(
        "meeting ends before it starts",
        wb("document.xlsx", set_setting("Meeting end", openpyxl.utils.datetime.from_excel(45000))),
        1,
        (f"› {setting_cell('Meeting end')}: the meeting ends", "before it starts"),
    ),
    Case("fullwidth number beside its twin", wb(WP, cell("Part II", "A3", "２.１")), 1, ('activity number "2.1" is used twice',)),
    Case(
        "number as a decimal",
        wb(WP, cell("Part I", "A3", 1.1)),
        1,
        (f"{WP} › Part I › A3: holds the number 1.1, which cannot tell 1.1 from 1.10", "leading apostrophe"),
    ),
    Case(
        "number with a mark",
        wb(WP, cell("Part I", "A3", "1.4!")),
        1,
        (f'{WP} › Part I › A3: activity number "1.4!" should be letters and digits separated by dots or dashes',),
    ),
    Case(
        "number with a look-alike letter",
        wb(WP, cell("Part I", "A3", "S\u041e1.4")),
        1,
        (f'{WP} › Part I › A3: activity number "S\u041e1.4" should be letters and digits',),
    ),
    Case(
        "number with a zero-width space",
        wb(DRAFT, cell("Part I", "A2", "1.\u200b1")),
        0,
        (f"{DRAFT} › Part I › A2: warning: activity number", "read as 1.1"),
        1,
    ),
    Case("number with a one-dot leader", wb(DRAFT, cell("Part I", "A2", "1\u20241")), 0, ("read as 1.1",), 1),
    # 3. no "unexpected" error for a user's mistake
    Case(
        "unknown locale",
        wb("document.xlsx", set_language_setting("Locale", "fr", "xx_YY")),
        1,
        (f'› {setting_cell("Locale", "D")}: locale "xx_YY" is not known', "fr_FR"),
    ),
    Case(
        "a language's name for a locale",
        wb("document.xlsx", set_language_setting("Locale", "en", "French (France)")),
        1,
        ('locale "French (France)" is not known',),
    ),
    Case(
        "5,000-digit session",
        wb("document.xlsx", set_setting("Sessions", "9" * 5000)),
        1,
        (f"› {setting_cell('Sessions')}: sessions", 'should be numbers separated by "/"'),
    ),
]


def beside_and_in(folder: Path) -> tuple[list[str], dict[str, tuple[bytes, int]]]:
    """What lies beside ``folder`` (names: its parent holds every earlier test's folders, gigabytes read whole) and
    every file in it."""
    return sorted(path.name for path in folder.parent.iterdir()), fingerprint(folder)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_workbook(case, runner, previous):  # noqa: F811 (the fixture)
    case.mutate(previous)
    around = beside_and_in(previous)
    sources, output = fingerprint(previous / "source_sheets"), fingerprint(previous / "build")
    result = invoke(runner, previous)
    assert result.exit_code == case.code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "unexpected" not in result.output
    for fragment in case.expect:
        assert fragment in result.output, result.output
    assert fingerprint(previous / "source_sheets") == sources, "a source was modified"
    if case.code != 0:
        assert fingerprint(previous / "build") == output, "build/ changed although the build failed"
        assert beside_and_in(previous) == around, "something was written outside the folders"
    if case.strict_code is not None:
        assert invoke(runner, previous, "--strict").exit_code == case.strict_code


@pytest.mark.slow
def test_braces_in_a_setting_are_printed_as_typed(runner, sample):
    edit(sample, "document.xlsx", set_language_setting("Place", "en", "Brussels {_{ doc.reference }_} {{ x }}"))
    result = runner.invoke(cli, [*build_args(sample), "--lang", "en", "--changes", "accepted"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(sample / "build" / "PC0720E1a-clean.docx") as package:
        text = package.read("word/document.xml").decode()
    assert "Brussels {_{ doc.reference }_} {{ x }}" in text


@pytest.mark.slow
def test_a_lone_surrogate_is_named_by_its_cell(runner, previous):  # noqa: F811
    table = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>Promote accession_xD800_ to the Convention.</t></si></sst>"
    )
    shared_string(previous / "source_sheets" / WP, "xl/worksheets/sheet2.xml", "C2", table)
    result = invoke(runner, previous)
    assert result.exit_code == 0, result.output
    assert f"{WP} › Part II › C2: warning: control characters" in result.output


# ---------------------------------------------------------------- files that change, or are far too large


def test_a_workbook_rewritten_while_it_is_read(runner, previous, monkeypatch):  # noqa: F811
    """The file checks passed, then another program rewrote the workbook before openpyxl read it."""
    import ctpdoc.workbooks.sheets

    path = previous / "source_sheets" / WP
    whole = path.read_bytes()

    def rewritten_after_the_check(checked: Path) -> None:
        if checked == path:
            path.write_bytes(whole[: len(whole) // 2])

    monkeypatch.setattr(ctpdoc.workbooks.sheets, "file_problem", rewritten_after_the_check)
    output = fingerprint(previous / "build")
    result = invoke(runner, previous)
    assert result.exit_code == 1, result.output
    assert f"{WP}: changed or was damaged while it was being read" in result.output
    assert fingerprint(previous / "build") == output


def test_a_sheet_whose_xml_is_broken(runner, previous):  # noqa: F811
    patch_part(
        previous / "source_sheets" / WP, "xl/worksheets/sheet2.xml", lambda data: data.replace(b"</sheetData>", b"<row r='999'>")
    )
    result = invoke(runner, previous)
    assert result.exit_code == 1, result.output
    assert f"{WP}: " in result.output and "Traceback" not in result.output and "unexpected" not in result.output


@pytest.mark.slow
def test_one_space_in_the_last_cell_of_a_sheet_costs_nothing(previous):  # noqa: F811
    """A 31 KB file whose used range is the whole sheet: the reader reads the cells that are there."""

    def far(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        return data.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
        )

    patch_part(previous / "source_sheets" / WP, "xl/worksheets/sheet2.xml", far)
    done = ctpdoc_limited(*build_args(previous))
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_a_row_of_five_million_cells_is_refused_unread(previous):  # noqa: F811
    """178 KB on disk, gigabytes once openpyxl built the row: refused from the sheet's XML, streamed."""
    path = previous / "source_sheets" / DRAFT
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    head, tail = parts["xl/worksheets/sheet2.xml"].split(b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet2.xml":
                target.writestr(name, data)
        with target.open("xl/worksheets/sheet2.xml", "w") as stream:
            stream.write(head + b'<row r="900">')
            for _ in range(50):
                stream.write(b"<c/>" * 100_000)
            stream.write(b"</row></sheetData>" + tail)
    assert path.stat().st_size < 1_000_000
    output = fingerprint(previous / "build")
    problem = assert_user_error(ctpdoc_limited(*build_args(previous)))
    assert problem.startswith(f"Error: {DRAFT} › Part II: holds 5,000,"), problem  # and the header's few
    assert "more than a work programme can" in problem and f"{MAX_CELLS:,}" not in problem
    assert fingerprint(previous / "build") == output


@pytest.mark.slow
def test_more_rows_than_a_programme_can_hold(runner, previous):  # noqa: F811
    def many(book: openpyxl.Workbook) -> None:
        sheet = book["Part II"]
        for i in range(MAX_ROWS + 1):
            sheet.append([f"9.{i + 1}", "SO1", "a", "b", "c", "d"][: len(PART2)])

    edit(previous, WP, many)
    result = invoke(runner, previous)
    assert result.exit_code == 1
    assert f"{WP} › Part II: has more than {MAX_ROWS:,} filled rows" in result.output


# ---------------------------------------------------------------- snapshot and new-workbook stay where they were told


def test_snapshot_never_writes_outside_the_sources(runner, sample, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.xlsx").write_bytes(b"precious")
    (sample / "source_sheets" / "elsewhere").symlink_to(outside)
    edit(sample, "document.xlsx", set_setting("Baseline", "elsewhere/victim.xlsx"))
    result = runner.invoke(cli, ["snapshot", "--sources", str(sample / "source_sheets"), "--force"])
    assert result.exit_code == 1 and "leads outside" in result.output, result.output
    assert (outside / "victim.xlsx").read_bytes() == b"precious"


def test_snapshot_creates_no_folder_unless_forced(runner, sample):
    edit(sample, "document.xlsx", set_setting("Baseline", "archive/2025/wp-2022-2025.xlsx"))
    result = runner.invoke(cli, ["snapshot", "--sources", str(sample / "source_sheets")])
    assert result.exit_code == 1 and "does not exist" in result.output, result.output
    assert not (sample / "source_sheets" / "archive").exists()
    forced = runner.invoke(cli, ["snapshot", "--sources", str(sample / "source_sheets"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (sample / "source_sheets" / "archive" / "2025" / WP).read_bytes() == (sample / "source_sheets" / WP).read_bytes()


def test_new_workbook_force_does_not_follow_a_link(runner, sample):
    target = sample / "source_sheets" / WP
    link = sample / "mine.xlsx"
    link.symlink_to(target)
    data = target.read_bytes()
    result = runner.invoke(cli, ["new-workbook", str(link), "--force", "--sources", str(sample / "source_sheets")])
    assert result.exit_code == 1 and "is a symbolic link to" in result.output, result.output
    assert target.read_bytes() == data


@pytest.mark.slow
def test_more_activities_than_can_be_built_in_bounds(runner, previous, monkeypatch):  # noqa: F811
    """The bound is far above any real programme; lowered here so the sample crosses it."""
    import ctpdoc.workbooks.sources
    from tests.helpers.oracle import counts

    total = counts(previous / "source_sheets")["total"] + counts(previous / "source_sheets", "2025-2028")["total"]
    monkeypatch.setattr(ctpdoc.workbooks.sources, "MAX_ACTIVITIES", total - 1)
    output = fingerprint(previous / "build")
    result = invoke(runner, previous)
    assert result.exit_code == 1
    assert f"{WP}: with {DRAFT}, holds {total:,} activities, more than ctpdoc builds" in result.output
    assert fingerprint(previous / "build") == output
