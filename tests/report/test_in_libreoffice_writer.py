"""The built documents in a real client: LibreOffice Writer's Accept All, Reject All and its list of changes.

One LibreOffice for the session (the ``office`` fixture, tests/helpers/libreoffice.py), skipped with the reason
where LibreOffice or Python-UNO is missing.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from ctpdoc.cli.main import cli
from tests.helpers.docxread import tracked_only
from tests.helpers.oracle import rows
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

LANGS = {"fr": "PC0720F1a", "en": "PC0720E1a"}
AUTHORS = {r["Setting"]: r for r in rows(SAMPLE_SOURCES / "document.xlsx", "Document")}["Author"]
pytestmark = pytest.mark.slow  # every test here opens the documents in LibreOffice


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The sample built (its output kept, for the counts), and the same built from the baseline as if it were current."""
    runner = CliRunner()
    out = tmp_path_factory.mktemp("lo-build")
    result = runner.invoke(
        cli, ["build", "--sources", str(SAMPLE_SOURCES), "--templates", str(SAMPLE_TEMPLATES), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    sources = tmp_path_factory.mktemp("lo-baseline") / "source_sheets"
    shutil.copytree(SAMPLE_SOURCES, sources, ignore=shutil.ignore_patterns("~$*"))
    shutil.copy(sources / "baseline" / "wp-2022-2025.xlsx", sources / "wp-2022-2025.xlsx")
    before = tmp_path_factory.mktemp("lo-baseline-build")
    earlier = runner.invoke(
        cli,
        ["build", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES), "--out", str(before), "--changes", "accepted"],
    )
    assert earlier.exit_code == 0, earlier.output
    return out, result.output, before


@pytest.fixture(scope="module")
def seen(office):
    """What LibreOffice shows of a document after an action, each asked once per module."""
    cache = {}

    def look(path, action=None):
        if (path, action) not in cache:
            cache[path, action] = office.open(path, action=action)
        return cache[path, action]

    return look


def annex_one(tables: list[list[list[str]]]) -> list[list[list[str]]]:
    """Annex I's two tables: the first two whose header starts with the number column."""
    return [t for t in tables if t and t[0] and t[0][0] in ("No.", "N°")][:2]


@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_reads_every_revision_signed_by_the_author(seen, builds, lang):
    out, _, _ = builds
    tracked = seen(out / f"{LANGS[lang]}.docx")
    assert tracked.redlines
    assert {r["author"] for r in tracked.redlines} == {AUTHORS[f"Value ({lang.upper()})"]}
    assert not seen(out / f"{LANGS[lang]}-clean.docx").redlines


@pytest.mark.parametrize("lang", LANGS)
def test_accept_all_gives_the_clean_text(seen, builds, lang):
    out, _, _ = builds
    accepted = seen(out / f"{LANGS[lang]}.docx", "accept")
    clean = seen(out / f"{LANGS[lang]}-clean.docx")
    assert not accepted.redlines
    only = tracked_only(SAMPLE_TEMPLATES / lang / "report.docx")
    assert [p.replace(only, "") for p in accepted.paragraphs] == clean.paragraphs  # paragraph 11 says so in the tracked one only


@pytest.mark.parametrize("lang", LANGS)
def test_accept_all_gives_the_clean_tables(seen, builds, lang):
    """Every table, row by row: a deleted activity's row goes, not only its text."""
    out, _, _ = builds
    accepted = seen(out / f"{LANGS[lang]}.docx", "accept")
    clean = seen(out / f"{LANGS[lang]}-clean.docx")
    assert accepted.row_counts == clean.row_counts
    assert accepted.tables == clean.tables


@pytest.mark.parametrize("lang", LANGS)
def test_reject_all_gives_the_annex_of_the_baseline(seen, builds, lang):
    """Rejecting every change gives Annex I as a build from the baseline shows it, rows and text."""
    out, _, before = builds
    rejected = seen(out / f"{LANGS[lang]}.docx", "reject")
    baseline = seen(before / f"{LANGS[lang]}-clean.docx")
    assert [len(t) for t in annex_one(rejected.tables)] == [len(t) for t in annex_one(baseline.tables)]
    assert annex_one(rejected.tables) == annex_one(baseline.tables)


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_count_is_libreoffice_s(seen, builds, lang):
    """``build`` prints as many tracked changes as LibreOffice's Manage Changes lists."""
    out, output, _ = builds
    printed = int(re.search(rf"{LANGS[lang]}\.docx \({lang}, (\d+) tracked changes\)", output)[1])
    assert printed == len(seen(out / f"{LANGS[lang]}.docx").redlines)


@pytest.mark.parametrize("lang", LANGS)
def test_a_document_saved_again_by_writer_keeps_its_changes(office, builds, lang, tmp_path):
    """Round trip through Writer's .docx export: the revisions stay, by the same author."""
    out, _, _ = builds
    original = office.open(out / f"{LANGS[lang]}.docx", save_as=tmp_path / "again.docx")
    again = office.open(tmp_path / "again.docx")
    assert len(again.redlines) == len(original.redlines)
    assert again.paragraphs == original.paragraphs


AUTOCORRECTED = {
    "fr": ('other="#<sup>e</sup>")', "other=“#<sup>e</sup>”)"),
    "en": ('other="#<sup>th</sup>")', "other=“#<sup>th</sup>”)"),
}


def test_templates_saved_by_writer_with_curly_quotes_build_the_same_text(office, seen, builds, tmp_path):
    """Both templates opened in Writer, a tag's quotes made curly as AutoCorrect types them, saved as .docx:
    they pass the check and build to the same text."""
    out, _, _ = builds
    templates = tmp_path / "templates"
    for lang, edit in AUTOCORRECTED.items():
        (templates / lang).mkdir(parents=True)
        office.open(SAMPLE_TEMPLATES / lang / "report.docx", save_as=templates / lang / "report.docx", replace=(edit,))
    runner = CliRunner()
    check = runner.invoke(cli, ["templates", "check", "--templates", str(templates)])
    assert check.exit_code == 0, check.output
    again = tmp_path / "build"
    result = runner.invoke(
        cli,
        ["build", "--sources", str(SAMPLE_SOURCES), "--templates", str(templates), "--out", str(again), "--changes", "accepted"],
    )
    assert result.exit_code == 0, result.output
    for reference in LANGS.values():
        rebuilt = office.open(again / f"{reference}-clean.docx")
        assert rebuilt.paragraphs == seen(out / f"{reference}-clean.docx").paragraphs
        assert rebuilt.tables == seen(out / f"{reference}-clean.docx").tables
