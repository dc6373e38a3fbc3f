"""PDFs through LibreOffice: both annexes, landscape annex pages, PDF/A-2b, tagged, outline, language."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from ctpdoc.cli.main import cli
from ctpdoc.errors import CtpdocError
from tests.helpers.repo import SAMPLE_SOURCES, has_soffice

needs_tools = pytest.mark.skipif(
    not (has_soffice() and shutil.which("pdfinfo") and shutil.which("pdftotext")),
    reason="LibreOffice and poppler-utils are not installed; .ci/run installs them",
)
LANGS = {"fr": ("PC0720F1a", "Annexe", "RÉSUMÉ", "fr-FR"), "en": ("PC0720E1a", "Annex", "SUMMARY", "en-GB")}


@pytest.fixture(scope="module")
def pdfs(pdf_build):
    return pdf_build  # built once for the session, shared with test_pdf_markup.py


def pdfinfo(path, *args):
    return subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, text=True, check=True).stdout


def page_text(path, page):
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
@needs_tools
@pytest.mark.parametrize("lang", LANGS)
def test_both_annexes_on_landscape_pages(pdfs, lang):
    out, output = pdfs
    reference, annex, _, _ = LANGS[lang]
    for variant in ("", "-clean"):
        path = out / f"{reference}{variant}.pdf"
        pages = int(re.search(r"Pages:\s+(\d+)", pdfinfo(path))[1])
        assert f"{path} ({lang}, " in output and f", {pages} pages)" in output
        sizes = dict(re.findall(r"Page\s+(\d+) size:\s+([\d.]+ x [\d.]+)", pdfinfo(path, "-f", "1", "-l", str(pages))))
        landscape = {int(n) for n, size in sizes.items() if float(size.split(" x ")[0]) > float(size.split(" x ")[1])}
        assert 1 not in landscape
        starts = {}
        for page in range(1, pages + 1):
            for label in (f"{annex} I", f"{annex} II"):
                if label not in starts and re.search(rf"^\s*{label}\s*$", page_text(path, page), re.M):
                    starts[label] = page
        assert set(starts) == {f"{annex} I", f"{annex} II"}, starts
        assert starts[f"{annex} I"] < starts[f"{annex} II"]
        assert set(range(starts[f"{annex} I"], pages + 1)) <= landscape


@pytest.mark.slow
@needs_tools
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_archival_tagged_titled_and_in_its_language(pdfs, lang):
    out, _ = pdfs
    reference, annex, summary, tag = LANGS[lang]
    path = out / f"{reference}.pdf"
    info = pdfinfo(path)
    assert re.search(r"Tagged:\s+yes", info)
    title = {"fr": "Rapport de situation sur la mise en œuvre", "en": "Progress report on the implementation"}[lang]
    assert re.search(rf"Title:\s+{title}", info)
    with pikepdf.open(path) as pdf:
        metadata = pdf.open_metadata()
        assert metadata.get("pdfaid:part") == "2" and metadata.get("pdfaid:conformance") in ("B", "b")
        assert str(pdf.Root.Lang) == tag
        with pdf.open_outline() as outline:
            top = [item.title for item in outline.root]
    assert top[0] == summary
    assert [t.split(".")[0] for t in top[1:5]] == ["I", "II", "III", "IV"]
    assert top[5:] == [f"{annex} I", f"{annex} II"]


@pytest.mark.slow
@needs_tools
def test_tracked_changes_show_in_the_pdf(pdfs):
    """The removed activity is shown struck through in the tracked PDF, and absent from the clean one."""
    from tests.helpers.oracle import rows

    out, _ = pdfs
    now = {str(r["No."]) for r in rows(SAMPLE_SOURCES / "wp-2022-2025.xlsx", "Part I")}
    removed = next(r for r in rows(SAMPLE_SOURCES / "baseline" / "wp-2022-2025.xlsx", "Part I") if str(r["No."]) not in now)
    first_words = " ".join(removed["Activity (EN)"].split()[:4])

    def words(name):
        text = subprocess.run(["pdftotext", str(out / name), "-"], capture_output=True, text=True).stdout
        return " ".join(text.split())

    assert first_words in words("PC0720E1a.pdf")
    assert first_words not in words("PC0720E1a-clean.pdf")


def test_missing_libreoffice_says_how_to_install(runner, sample, monkeypatch):
    import ctpdoc.output.pdf

    monkeypatch.setattr(ctpdoc.output.pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(ctpdoc.output.pdf, "default_places", lambda: [sample / "nowhere" / "soffice"])
    monkeypatch.delenv("CTPDOC_SOFFICE", raising=False)
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "build"),
            "--pdf",
        ],
    )
    assert result.exit_code == 1
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("Error: LibreOffice not found: --pdf needs it.")
    for advice in (
        "Windows: winget install",
        "macOS: brew install --cask libreoffice",
        "Debian/Ubuntu: sudo apt-get install libreoffice-writer",
        "--soffice PATH",
        "CTPDOC_SOFFICE",
    ):
        assert advice in message
    assert not (sample / "build").exists()


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="an executable shell script stands for soffice (Windows runs only .exe; its default place is checked below)",
)
def test_libreoffice_is_found_where_it_is_named_then_on_the_path_then_in_its_default_place(tmp_path, monkeypatch):
    """Windows and macOS installers put soffice in a default place, not on the PATH; --soffice or CTPDOC_SOFFICE
    name one anywhere (a path with spaces and accents included)."""
    import ctpdoc.output.pdf as pdf

    folder = tmp_path / "Program Files é" / "LibreOffice" / "program"
    folder.mkdir(parents=True)
    placed = folder / "soffice"
    placed.write_text("#!/bin/sh\n")
    placed.chmod(0o755)
    monkeypatch.delenv("CTPDOC_SOFFICE", raising=False)
    monkeypatch.setattr(pdf, "default_places", lambda: [tmp_path / "missing" / "soffice", placed])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.find_soffice() == str(placed)  # nothing on the PATH: the default place
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "soffice").write_text("#!/bin/sh\n")
    (on_path / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path))
    assert pdf.find_soffice() == str(on_path / "soffice")  # the PATH before the default place
    monkeypatch.setenv("CTPDOC_SOFFICE", str(placed))
    assert pdf.find_soffice() == str(placed)  # the variable before the PATH
    assert pdf.find_soffice(str(folder)) == str(placed)  # the option, a folder holding soffice
    with pytest.raises(CtpdocError, match=r"--soffice .*nothing: no LibreOffice program there"):
        pdf.find_soffice(str(tmp_path / "nothing"))
    monkeypatch.setenv("CTPDOC_SOFFICE", str(tmp_path / "gone"))
    with pytest.raises(CtpdocError, match=r"^CTPDOC_SOFFICE .*gone: no LibreOffice program there"):
        pdf.find_soffice()


def test_the_default_places_are_those_of_the_installers(monkeypatch):
    import ctpdoc.output.pdf as pdf

    monkeypatch.setattr(pdf.sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", r"C:\Program Files")
    assert str(pdf.default_places()[0]).replace("/", "\\") == r"C:\Program Files\LibreOffice\program\soffice.exe"
    monkeypatch.setattr(pdf.sys, "platform", "darwin")
    assert pdf.default_places()[0] == Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


@pytest.mark.slow
@needs_tools
def test_each_pdf_is_told_as_libreoffice_finishes_it(pdfs):
    """LibreOffice takes seconds: a progress line per PDF, in order, before the summary."""
    _, output = pdfs
    told = re.findall(r"^made (\S+\.pdf) \((\d) of 4, \d+ s\)$", output, re.M)
    assert [number for _, number in told] == ["1", "2", "3", "4"], output
    assert {name for name, _ in told} == {
        f"{reference}{variant}.pdf" for reference, *_ in LANGS.values() for variant in ("", "-clean")
    }
    assert output.index("made ") < output.index("documents in ")
