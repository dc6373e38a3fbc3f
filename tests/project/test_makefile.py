"""`make report` writes the documents and the review page, and rebuilds only what is out of date."""

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT


@pytest.mark.slow
@pytest.mark.skipif(
    not (ROOT / ".venv" / ".installed").exists() or not shutil.which("make"),
    reason="needs the venv made by `make` and make itself",
)
def test_make_report_builds_once_then_only_when_an_input_changes(tmp_path):
    for name in ("Makefile", "pyproject.toml", "ctpdoc.toml"):  # a clone is a report folder: ctpdoc build finds its folders
        shutil.copy2(ROOT / name, tmp_path / name)
    for folder in ("ctpdoc", "source_sheets", "templates", "example"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    installed = (ROOT / ".venv" / ".installed").stat().st_mtime
    os.utime(tmp_path / "pyproject.toml", (installed - 60, installed - 60))  # this venv is the installed one
    for path in (tmp_path / "source_sheets").rglob("*"):
        os.utime(path, (installed - 60, installed - 60))

    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}  # not the outer make's -s

    def make():
        return subprocess.run(["make", "report"], cwd=tmp_path, capture_output=True, text=True, check=True, env=env).stdout

    assert "documents in" in make()
    assert sorted(p.name for p in (tmp_path / "build").glob("*.docx")) == [
        "PC0720E1a-clean.docx",
        "PC0720E1a.docx",
        "PC0720F1a-clean.docx",
        "PC0720F1a.docx",
    ]
    assert (tmp_path / "build" / "review.html").read_bytes().startswith(b"<!DOCTYPE html>"), (
        "make report writes the review page beside them"
    )
    assert "documents in" not in make(), "rebuilt although nothing changed"
    time.sleep(0.01)
    workbook = tmp_path / "source_sheets" / "wp-2025-2028.xlsx"
    os.utime(workbook, (time.time() + 5, time.time() + 5))
    assert "documents in" in make()
    stamp = tmp_path / "build" / ".report"
    os.utime(stamp, (time.time() + 6, time.time() + 6))  # the build is now newer than the workbook touched in the future
    assert "documents in" not in make()
    module = tmp_path / "ctpdoc" / "markup" / "rows.py"  # a module in a subpackage: the rebuild rule must see it
    os.utime(module, (time.time() + 10, time.time() + 10))
    assert "documents in" in make(), "a module in a subpackage changed, and make report did not rebuild"


@pytest.mark.skipif(
    not (ROOT / ".venv" / ".installed").exists() or not shutil.which("make"),
    reason="needs the venv made by `make` and make itself",
)
def test_make_pdf_builds_again_once_a_build_without_pdf_removed_them(tmp_path):
    """`ctpdoc build` (or make report) removes the PDFs of the documents it replaces; make pdf must not then
    take its stamp for PDFs that are gone."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    installed = (ROOT / ".venv" / ".installed").stat().st_mtime
    os.utime(tmp_path / "pyproject.toml", (installed - 60, installed - 60))  # this venv is the installed one
    fake = tmp_path / "fakebin"
    fake.mkdir()
    (fake / "ctpdoc").write_text(  # stands for ctpdoc: says what it was asked, writes a PDF when asked for one
        '#!/bin/sh\necho "$@" >> calls.txt\nmkdir -p build\n[ "$2" = "--pdf" ] && touch build/PC0720F1a.pdf\nexit 0\n'
    )
    (fake / "ctpdoc").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    calls = tmp_path / "calls.txt"

    def make_pdf() -> list[str]:
        calls.write_text("")
        subprocess.run(["make", "pdf", f"BIN={fake}"], cwd=tmp_path, capture_output=True, text=True, check=True, env=env)
        return calls.read_text().splitlines()

    assert make_pdf() == ["build --pdf"], "one build, which writes the review page too: every workbook read once"
    assert make_pdf() == [], "made again although nothing changed"
    (tmp_path / "build" / "PC0720F1a.pdf").unlink()  # what a build without --pdf does to a replaced document's PDF
    assert make_pdf() == ["build --pdf"], "the PDFs are gone, and make pdf took its stamp for them"
    calls.write_text("")
    (tmp_path / "build" / ".report").unlink()
    subprocess.run(["make", "report", f"BIN={fake}"], cwd=tmp_path, capture_output=True, text=True, check=True, env=env)
    assert calls.read_text().splitlines() == ["build"], "make report runs one build, which writes the review page too"


def clone(target: Path) -> Path:
    """What a fresh clone holds: the files git tracks (as they are in the working tree), nothing else (no .venv)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow  # pip's isolated build fetches hatchling into a fresh environment
@pytest.mark.skipif(not shutil.which("make") or not shutil.which("git"), reason="needs make, and git for what a clone holds")
def test_make_wheel_in_a_fresh_clone_builds_the_whole_package_without_the_development_tools(tmp_path):
    source = clone(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    subprocess.run(
        ["make", "wheel", f"PYTHON={sys.executable}"], cwd=source, env=env, check=True, capture_output=True, timeout=600
    )
    assert not (source / ".venv").exists(), "make wheel made the development environment (test and lint tools)"
    (wheel,) = (source / "dist").glob("ctpdoc-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    packed = {name for name in names if name.startswith("ctpdoc/") and name.endswith(".py")}
    assert {"ctpdoc/review/page.html", "ctpdoc/review/page.css", "ctpdoc/review/page.js"} <= names, (
        "the review page's template, style and script"
    )
    assert "ctpdoc/py.typed" in names, "PEP 561: type checkers read ctpdoc's own hints"
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "ctpdoc").rglob("*.py")}
    assert expected <= packed, sorted(expected - packed)
    for folder in ("source_sheets", "templates", "example"):  # the sample and the example, as ctpdoc init copies them
        files = {p.relative_to(source).as_posix() for p in (source / folder).rglob("*") if p.is_file()}
        assert files and {f"ctpdoc/data/{name}" for name in files} <= names, folder


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_wheel_does_not_install_the_development_tools():
    """`make wheel` builds the wheel alone (seconds), never the venv with the test and lint tools first."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    planned = subprocess.run(["make", "-n", "-B", "wheel"], cwd=ROOT, capture_output=True, text=True, env=env, check=True).stdout
    assert "pip wheel" in planned and ".venv" not in planned and "install" not in planned, planned


@pytest.mark.slow
def test_the_slow_tests_are_those_that_start_libreoffice_a_browser_or_a_fresh_environment(suite):
    slow = suite.slow
    for started in (
        # LibreOffice, through the office fixture
        "tests/report/test_in_libreoffice_writer.py::test_accept_all_gives_the_clean_text",
        "tests/output/test_pdf.py::test_tracked_changes_show_in_the_pdf",  # LibreOffice, through pdf_build
        "tests/report/test_tracked_changes.py::test_libreoffice_sees_the_tracked_changes",  # soffice run by the test itself
        "tests/package/test_opendocument_refused.py::test_saved_again_as_xlsx_by_calc_it_is_read",  # Calc
        "tests/review/test_page_in_a_browser.py::test_the_filters_work_from_the_keyboard",  # Chromium
        "tests/project/test_wheel.py::test_installed_with_no_repository_beside_it",  # a fresh virtual environment
        # pip wheel, isolated
        "tests/project/test_makefile.py::test_make_wheel_in_a_fresh_clone_builds_the_whole_package_without_the_development_tools",
    ):
        assert started in slow, started
    for quick in (
        "tests/output/test_pdf.py::test_missing_libreoffice_says_how_to_install",
        "tests/review/test_page_as_html.py::test_the_same_inputs_give_the_same_bytes",
    ):
        assert quick not in slow, quick


@pytest.mark.slow
def test_a_test_that_starts_libreoffice_unmarked_fails_before_it_starts(tmp_path):
    """conftest's SLOW_FIXTURES: a test using the office fixture (or another that starts LibreOffice, a browser or
    the wheel's build), directly or through another fixture, without the slow mark fails, naming what it uses."""
    tests = tmp_path / "tests"
    tests.mkdir()
    for name in ("__init__.py", "conftest.py"):
        shutil.copy2(ROOT / "tests" / name, tests / name)
    shutil.copytree(ROOT / "tests" / "helpers", tests / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    (tests / "test_planted.py").write_text(
        "import pytest\n\n\n@pytest.fixture\ndef office():\n    return 'started'\n\n\n@pytest.fixture\ndef seen(office):\n    "
        "return office\n\n\n"
        "def test_unmarked(seen):\n    pass\n\n\n@pytest.mark.slow\ndef test_marked(seen):\n    pass\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-n",
            "2",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            str(tests),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    said = done.stdout + done.stderr
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, said  # under pytest-xdist too, with the reason
    assert "ERROR at setup of test_unmarked" in said and "uses office (LibreOffice): mark it @pytest.mark.slow" in said, said
    assert "PASSED tests/test_planted.py::test_marked" in said, said


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_test_runs_everything_and_make_test_fast_leaves_out_the_slow_tests():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    said = {}
    for target in ("test", "test-fast"):
        done = subprocess.run(["make", "-n", target, "STAMP="], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
        (said[target],) = [line for line in done.stdout.splitlines() if "-m pytest" in line]
    assert " -m " not in said["test"].split("-m pytest", 1)[1] and " -k " not in said["test"], said["test"]
    assert said["test-fast"].endswith('-m "not slow"'), said["test-fast"]
