"""``ctpdoc import`` on ctpdoc's own documents: the round trip, the baseline, and random data (hypothesis)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctpdoc.cli.main import cli
from ctpdoc.document.formats import Formats
from tests.helpers.docxread import paragraphs, part, q, text
from tests.helpers.factory import PART1, PART2, write_sources
from tests.helpers.importcheck import differences
from tests.helpers.oracle import counts as oracle_counts
from tests.helpers.oracle import rows as oracle_rows
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

DOCS = ("PC0720F1a", "PC0720E1a")
CURRENT, DRAFT = "wp-2022-2025.xlsx", "wp-2025-2028.xlsx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def import_(documents: list[Path], into: Path, *options: str) -> str:
    code, output = run("import", *map(str, documents), "--into", str(into), *options)
    assert code == 0, output
    return output


@pytest.fixture(scope="module")
def imported(built, tmp_path_factory):
    """The sample's two tracked documents imported (accepted, and rejected into baseline/)."""
    into = tmp_path_factory.mktemp("imported")
    documents = [built / f"{name}.docx" for name in DOCS]
    output = import_(documents, into)
    import_(documents, into / "rejected", "--changes", "reject")
    return into, output


@pytest.mark.slow
def test_import_gives_the_sample_workbooks_cell_for_cell(imported):
    into, output = imported
    assert differences(SAMPLE_SOURCES / CURRENT, into / CURRENT) == []
    assert differences(SAMPLE_SOURCES / DRAFT, into / DRAFT) == []
    counts = oracle_counts(SAMPLE_SOURCES)  # the summary counts what it read, per part, status and language
    assert (
        f"Part I {counts['part1']}, Part II {counts['part2']}; Part I: {counts['completed']} completed, {counts['ongoing']} "
        f"ongoing" in output
    )
    assert all(
        f"{lang} ({name}.docx): Annex I {counts['total']} rows" in output for lang, name in zip(("fr", "en"), DOCS, strict=True)
    )


@pytest.mark.slow
def test_the_no_break_marks_of_the_documents_come_back_as_typed(imported, built):
    """The English document keeps a month with its year (no-break space) and writes a short compound's hyphen as
    Word's non-breaking hyphen (e-commerce, E-Commerce, API-PNR); import folds both back to what the drafter typed."""
    english = part(built / f"{DOCS[1]}.docx")
    body = text(english)
    typed = {
        v
        for row in oracle_rows(SAMPLE_SOURCES / CURRENT, "Part I")
        for k, v in row.items()
        if k.endswith("(EN)") and isinstance(v, str)
    }
    compounds = {m[0] for t in typed for m in re.finditer(r"(?<![\w-])(?:[A-Za-z]|[A-Z]{2,})-\w+", t)}
    months = {m[0] for t in typed for m in re.finditer(MONTH_YEAR, t)}
    assert {"e-commerce", "E-Commerce", "API-PNR"} <= compounds and months
    assert next(english.iter(q("noBreakHyphen")), None) is not None
    for word in compounds:
        assert word.replace("-", "\u2011", 1) in body and word not in body, word
    for month in months:
        assert month.replace(" ", "\u00a0") in body and month not in body, month
    into, _ = imported
    again = {
        v for row in oracle_rows(into / CURRENT, "Part I") for k, v in row.items() if k.endswith("(EN)") and isinstance(v, str)
    }
    assert {t for t in typed if re.search(MONTH_YEAR, t) or "-" in t} <= again


MONTH_YEAR = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"


def test_import_with_changes_rejected_gives_the_baseline(imported):
    into, _ = imported
    assert differences(SAMPLE_SOURCES / "baseline" / CURRENT, into / "rejected" / CURRENT) == []
    assert sorted(p.name for p in (into / "rejected").iterdir()) == [CURRENT]  # only the programme it rejects into


def test_an_imported_report_is_in_step(imported):
    """An issued report's texts are in step: import writes the record beside the workbooks."""
    into, _ = imported
    assert "1.3 Progress" in (into / "translations.toml").read_text()


def test_import_writes_the_contract_form(imported):
    into, _ = imported
    sheet = openpyxl.load_workbook(into / CURRENT)["Part I"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [c.value for c in openpyxl.load_workbook(SAMPLE_SOURCES / CURRENT)["Part I"][1]]
    assert any(v.type == "list" for v in sheet.data_validations.dataValidation)  # the Status drop-down


def test_import_reads_every_setting_from_the_documents(imported):
    into, output = imported
    found = settings_of(into / "document.xlsx")
    # The sample declares its statuses (document.xlsx › Statuses); a report imported without --shape has the PTC's, their
    # labels as the documents print them, in the settings' Status rows.
    statuses = {
        f"Status {row[0]}": [(None, *row[1:3])]
        for row in openpyxl.load_workbook(SAMPLE_SOURCES / "document.xlsx")["Statuses"].iter_rows(min_row=2, values_only=True)
    }
    assert {k: v for k, v in found.items() if k.startswith("Status ")} == statuses
    assert {k: v for k, v in found.items() if not k.startswith("Status ")} == settings_of(SAMPLE_SOURCES / "document.xlsx")
    assert "not found in the documents" not in output


def settings_of(path: Path) -> dict[str, list[tuple]]:
    """Each setting's values (Value, Value (EN), Value (FR)); the notes differ and are not compared."""
    rows = list(openpyxl.load_workbook(path)["Document"].iter_rows(values_only=True))
    found: dict[str, list[tuple]] = {}
    for row in rows[1:]:
        if row[0]:
            found.setdefault(row[0], []).append(tuple(row[1:4]))
    return found


@pytest.mark.slow
def test_build_from_the_imported_set_gives_the_same_documents(imported, built, tmp_path):
    into, _ = imported
    sources = tmp_path / "sources"
    shutil.copytree(into, sources, ignore=shutil.ignore_patterns("rejected"))
    (sources / "baseline").mkdir()
    shutil.copy(into / "rejected" / CURRENT, sources / "baseline" / CURRENT)
    code, output = run("build", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES), "--out", str(tmp_path / "out"))
    assert code == 0, output
    for name in DOCS:
        for variant in ("", "-clean"):
            assert texts(tmp_path / "out" / f"{name}{variant}.docx") == texts(built / f"{name}{variant}.docx")


def texts(path: Path) -> list[str]:
    return [text(p) for p in paragraphs(part(path))]


# ---------------------------------------------------------------- random data


LETTERS = "abcdefghijklmnopqrstuvwxyzéèàçôœÉ<>&\"'’%-0123456789"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=8)
GAP = st.sampled_from([" ", " ", " ", "\n", " ; ", " : ", " ! ", " ? ", ", ", " « ", " » "])


@st.composite
def prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=8))
    gaps = draw(st.lists(GAP, min_size=len(words) - 1, max_size=len(words) - 1))
    return "".join(w + g for w, g in zip(words, [*gaps, ""], strict=True))


@st.composite
def activities(draw: st.DrawFn) -> tuple[list[list], list[list]]:
    count1 = draw(st.integers(min_value=1, max_value=4))
    count2 = draw(st.integers(min_value=1, max_value=3))
    part1 = []
    for i in range(1, count1 + 1):
        timeframe = draw(st.one_of(st.dates(dt.date(2022, 1, 1), dt.date(2026, 12, 31)), st.sampled_from(["2023-2025", "2024"])))
        part1.append(
            [
                f"1.{i}",
                draw(WORD),
                draw(prose()),
                draw(prose()),
                draw(prose()),
                draw(prose()),
                dt.datetime(timeframe.year, timeframe.month, 28) if isinstance(timeframe, dt.date) else timeframe,
                draw(prose()),
                draw(prose()),
                draw(st.sampled_from(["completed", "ongoing", "pending", "menée à bien", "En cours"])),
                draw(prose()),
                draw(prose()),
            ]
        )
    part2 = [[f"2.{i}", draw(WORD), draw(prose()), draw(prose()), draw(prose()), draw(prose())] for i in range(1, count2 + 1)]
    return part1, part2


FORMATS = {"EN": Formats("en", "en_GB"), "FR": Formats("fr", "fr_FR")}
_UNTYPESET = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2060": None})


def as_typeset(header: list[str], row: list) -> list:
    """A row as a careful drafter types it: each text in its language's typography (English 9%, 1,200; French
    9 %), with plain spaces and hyphens; what the document prints then reads back as exactly this."""
    out = []
    for name, value in zip(header, row, strict=True):
        language = name[-3:-1] if name.endswith(")") else ""
        out.append(
            FORMATS[language].text(value).translate(_UNTYPESET) if isinstance(value, str) and language in FORMATS else value
        )
    return out


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=activities())
def test_random_activities_come_back_as_typed(tmp_path_factory, data):
    part1, part2 = data
    part1, part2 = [as_typeset(PART1, r) for r in part1], [as_typeset(PART2, r) for r in part2]
    folder = tmp_path_factory.mktemp("random")
    sources = write_sources(folder / "sources", part1=part1, part2=part2)
    code, output = run("build", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES), "--out", str(folder / "out"),
                       "--changes", "accepted")  # fmt: skip
    assert code == 0, output
    documents = sorted((folder / "out").glob("*.docx"))
    import_(documents, folder / "imported")
    assert differences(sources / CURRENT, folder / "imported" / CURRENT) == []
    assert len(PART1) == len(openpyxl.load_workbook(folder / "imported" / CURRENT)["Part I"][1])
    assert len(PART2) == len(openpyxl.load_workbook(folder / "imported" / CURRENT)["Part II"][1])


def test_imported_cells_are_wrapped_and_keep_their_formats(imported):
    into, _ = imported
    sheet = openpyxl.load_workbook(into / CURRENT)["Part I"]
    header = [c.value for c in sheet[1]]
    timeframe, number = header.index("Timeframe") + 1, header.index("No.") + 1
    last = sheet.max_row
    assert all(sheet.cell(row=r, column=c).alignment.wrap_text for r in (2, last) for c in range(1, len(header) + 1))
    assert sheet.cell(row=last, column=number).number_format == "@"  # 1.10 stays text
    assert sheet.cell(row=last, column=timeframe).number_format == "mmm yyyy"
    settings = openpyxl.load_workbook(into / "document.xlsx")["Document"]
    dates = [row[1] for row in settings.iter_rows(min_row=2) if isinstance(row[1].value, dt.datetime)]
    assert dates and all(cell.is_date for cell in dates)  # a date keeps a date format (not read back as a number)
