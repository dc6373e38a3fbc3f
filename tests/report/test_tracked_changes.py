"""Changes since the previous report, as Word tracked changes, on the sample report."""

import re
import shutil
import subprocess
import zipfile

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.document.formats import Formats
from tests.helpers.docxread import NS, accept, part, reject, tables, text, tracked_only
from tests.helpers.oracle import rows
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES, validate_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = {"fr": "PC0720F1a", "en": "PC0720E1a"}
STATUSES = {r["Status"]: r for r in rows(SAMPLE_SOURCES / "document.xlsx", "Statuses")}  # the sample declares its statuses
STATUS_LABELS = {
    lang: {s: STATUSES[s][f"Label ({lang.upper()})"] for s in ("completed", "ongoing", "pending")} for lang in ("en", "fr")
}
ALIASES = {"menée à bien": "completed", "en cours": "ongoing", "en attente": "pending"}


def plain(s: str) -> str:
    return s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-").replace("\u2060", "")


def annex_tables(root):
    return [t for t in tables(root) if t and t[0] and t[0][0] in ("No.", "N°")]


def expected_rows(workbook, lang):
    """Annex I rows as the workbook says they should read: Part I, Part II."""

    def status(value):
        key = str(value).strip().lower()
        return STATUS_LABELS[lang][ALIASES.get(key, key)]

    up = lang.upper()
    part1 = {
        str(r["No."]): (
            str(r["No."]),
            r["Strategic objective"],
            r[f"Activity ({up})"],
            r[f"Deliverable ({up})"],
            r[f"Lead ({up})"],
            f"{status(r['Status'])}\n{r[f'Progress ({up})']}",
        )
        for r in rows(workbook, "Part I")
    }
    part2 = {
        str(r["No."]): (str(r["No."]), r["Strategic objective"], r[f"Activity ({up})"], r[f"Progress ({up})"])
        for r in rows(workbook, "Part II")
    }
    return part1, part2


def shown_rows(root):
    """Every column but the timeframe (formatted by locale), keyed by number."""
    part1, part2 = annex_tables(root)[:2]
    return (
        {plain(r[0]): tuple(plain(r[i]) for i in (0, 1, 2, 3, 5, 6)) for r in part1[1:]},
        {plain(r[0]): tuple(plain(c) for c in r) for r in part2[1:]},
    )


FORMATS = {"fr": Formats("fr", "fr_FR"), "en": Formats("en", "en_GB")}


def typeset(rows_by_number, lang):
    """The cells as the language's typography prints them (75% in English, 1 200 in French), no-break spaces folded."""
    return {n: tuple(plain(FORMATS[lang].text(str(v))) for v in values) for n, values in rows_by_number.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_accept_all_gives_the_current_workbook_and_reject_all_the_baseline(built, lang):
    root = part(built / f"{LANGS[lang]}.docx")
    current = [typeset(p, lang) for p in expected_rows(SAMPLE_SOURCES / "wp-2022-2025.xlsx", lang)]
    baseline = [typeset(p, lang) for p in expected_rows(SAMPLE_SOURCES / "baseline" / "wp-2022-2025.xlsx", lang)]
    assert list(shown_rows(accept(root))) == current
    assert list(shown_rows(reject(root))) == baseline


@pytest.mark.parametrize("lang", LANGS)
def test_clean_variant_is_the_tracked_one_accepted(built, lang):
    tracked = accept(part(built / f"{LANGS[lang]}.docx"))
    clean = part(built / f"{LANGS[lang]}-clean.docx")
    sentence = tracked_only(SAMPLE_TEMPLATES / lang / "report.docx")
    assert sentence.strip() in text(tracked) and sentence.strip() not in text(clean)
    assert text(tracked).replace(sentence, "") == text(clean)
    assert not clean.xpath("//w:ins | //w:del", namespaces=NS)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_revisions_are_unique_signed_dated_and_only_in_annex_one(built, lang):
    root = part(built / f"{LANGS[lang]}.docx")
    marks = root.xpath("//w:ins | //w:del", namespaces=NS)
    assert len(marks) > 24
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))
    author = {"fr": "Secrétariat", "en": "Secretariat"}[lang]
    assert {m.get(f"{W}author") for m in marks} == {author}
    assert {m.get(f"{W}date") for m in marks} == {"2025-03-28T00:00:00Z"}
    annex_one = annex_tables_elements(root)[:2]
    for mark in marks:
        assert any(mark in set(t.iter()) for t in annex_one), "a revision outside Annex I"
    assert root.xpath("//w:trPr/w:ins", namespaces=NS) and root.xpath("//w:trPr/w:del", namespaces=NS)
    validate_ooxml(built / f"{LANGS[lang]}.docx")


def annex_tables_elements(root):
    return [t for t in root.iter(f"{W}tbl") if text(t.find(f"{W}tr/{W}tc")) in ("No.", "N°")]


def run_level_revisions(path):
    root = part(path)
    text = root.xpath("//w:p//w:ins[not(parent::w:rPr)] | //w:p//w:del[not(parent::w:rPr)]", namespaces=NS)  # not paragraph marks
    return len(text), len(root.xpath("//w:trPr/*", namespaces=NS))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_sees_the_tracked_changes(built, lang, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    source = built / f"{LANGS[lang]}.docx"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(tmp_path / f"{LANGS[lang]}.odt") as odt:
        content = odt.read("content.xml").decode()
    regions = content.count("<text:changed-region")
    printed = re.search(
        rf"{LANGS[lang]}\.docx \({lang}, (\d+) tracked changes\)", (built.parent / f"{built.name}.log").read_text()
    )
    assert regions == int(printed[1])  # build counts the changes as LibreOffice lists them
    assert "<text:insertion>" in content and "<text:deletion>" in content
    author = {"fr": "Secrétariat", "en": "Secretariat"}[lang]
    assert content.count(f"<dc:creator>{author}</dc:creator>") == regions
    assert len(re.findall(r"<dc:date>2025-03-28(T00:00:00)?</dc:date>", content)) == regions


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_pandoc_sees_insertions_and_deletions(built, lang):
    pandoc = shutil.which("pandoc")
    if not pandoc:
        pytest.skip("pandoc is not installed; .ci/run installs it")
    source = built / f"{LANGS[lang]}.docx"
    native = subprocess.run(
        [pandoc, "--track-changes=all", "-t", "native", str(source)], check=True, capture_output=True, text=True
    ).stdout
    runs, _ = run_level_revisions(source)
    found = native.count('"insertion"') + native.count('"deletion"')
    assert found == runs
    accepted = subprocess.run(
        [pandoc, "--track-changes=accept", "-t", "plain", "--wrap=none", str(source)], check=True, capture_output=True, text=True
    ).stdout
    clean = subprocess.run(
        [pandoc, "-t", "plain", "--wrap=none", str(built / f"{LANGS[lang]}-clean.docx")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # pandoc keeps a deleted row's empty cells (it ignores w:trPr marks): compare the text, not the grid
    assert grid_free(accepted).replace(grid_free(tracked_only(SAMPLE_TEMPLATES / lang / "report.docx")), "") == grid_free(clean)


def grid_free(s: str) -> str:
    return re.sub(r"[\s|+\-=:]", "", s)


def test_baseline_differs_as_a_year_of_work_does():
    now = {p: {str(r["No."]): r for r in rows(SAMPLE_SOURCES / "wp-2022-2025.xlsx", p)} for p in ("Part I", "Part II")}
    then = {
        p: {str(r["No."]): r for r in rows(SAMPLE_SOURCES / "baseline" / "wp-2022-2025.xlsx", p)} for p in ("Part I", "Part II")
    }
    for sheet in ("Part I", "Part II"):
        differing = [n for n in now[sheet] if n in then[sheet] and now[sheet][n] != then[sheet][n]]
        assert len(differing) >= 12, sheet
    added = [n for p in now for n in now[p] if n not in then[p]]
    removed = [n for p in then for n in then[p] if n not in now[p]]
    assert len(added) == 1 and len(removed) == 1
    moves = [
        n
        for n in now["Part I"]
        if n in then["Part I"]
        and ALIASES.get(str(now["Part I"][n]["Status"]).lower(), now["Part I"][n]["Status"])
        != ALIASES.get(str(then["Part I"][n]["Status"]).lower(), then["Part I"][n]["Status"])
    ]
    assert len(moves) >= 5


def test_changes_command_lists_each_change_and_totals(runner):
    result = runner.invoke(cli, ["changes", "--sources", str(SAMPLE_SOURCES)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("→" in line for line in lines)
    assert any("{+" in line for line in lines)
    assert any(": added (" in line for line in lines) and any(": removed (" in line for line in lines)
    assert "added" in lines[-1] and "removed" in lines[-1]
    french = runner.invoke(cli, ["changes", "--sources", str(SAMPLE_SOURCES), "--lang", "fr"])
    assert "En cours" in french.output or "En attente" in french.output


@pytest.mark.slow
def test_accepted_only_needs_no_baseline(runner, sample):
    shutil.rmtree(sample / "source_sheets" / "baseline")
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "out"),
            "--changes",
            "accepted",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (sample / "out").iterdir()) == ["PC0720E1a-clean.docx", "PC0720F1a-clean.docx"]
    tracked = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "out2"),
        ],
    )
    assert tracked.exit_code == 1
    assert "baseline" in tracked.output and "wp-2022-2025.xlsx" in tracked.output
    assert not (sample / "out2").exists()
