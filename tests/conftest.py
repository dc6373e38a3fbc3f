"""Fixtures every stage's tests may use: the sample copied or built once, LibreOffice started once, the suite as
pytest collects it; and the rule that a test starting LibreOffice, a browser or the wheel's build is marked slow.
The functions the tests share are in tests/helpers."""

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from ctpdoc.package import remembered as memory
from ctpdoc.workbooks import collecting
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES, has_soffice


def pytest_configure(config):
    """The suite's own temporary folder (TMPDIR, for the commands it runs in processes of their own too): what ctpdoc
    remembers between runs (ctpdoc/package/remembered.py: the workbooks as read, the templates' checks and code) is
    kept there, never in the user's, where a test's planted fault could be remembered for the next build."""
    folder = tempfile.mkdtemp(prefix="ctpdoc-tests-")
    config.stash[SUITE_TMP] = folder
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = None  # gettempdir() looks again, and finds TMPDIR


def pytest_unconfigure(config):
    folder = config.stash.get(SUITE_TMP, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


SUITE_TMP = pytest.StashKey[str]()


@pytest.fixture
def fresh_memory(tmp_path, monkeypatch):
    """Nothing remembered from earlier runs: a cache folder of this test's own (in tmp_path), as at a first build."""
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(memory, "cache_folder", functools.cache(memory.cache_folder.__wrapped__))
    return tmp_path


@pytest.fixture(autouse=True)
def workbooks_read_anew(monkeypatch):
    """Each workbook read as it is, in every test run in this process: a test plants its fault in the reading (a file
    rewritten as it is read, a workbook locked by Excel) and must see it, where a copy of the same bytes read by
    another test would be remembered (ctpdoc/workbooks/collecting.py). The tests of that use :func:`remembering`;
    a command the tests run in a process of its own remembers, in the suite's folder (pytest_configure)."""
    monkeypatch.setattr(collecting, "REMEMBER", False)


@pytest.fixture
def remembering(fresh_memory, monkeypatch):
    """Workbooks remembered as read, from nothing (a cache folder of this test's own)."""
    monkeypatch.setattr(collecting, "REMEMBER", True)
    return fresh_memory


# Fixtures that start LibreOffice, a browser or build the wheel: a test using one (directly or through another
# fixture) must be marked slow, or it fails before they start; `make test-fast` (-m "not slow") leaves those out.
SLOW_FIXTURES = {
    "office": "LibreOffice",
    "pdf_build": "LibreOffice",
    "planted_pdfs": "LibreOffice",
    "libreoffice": "LibreOffice",
    "ods": "LibreOffice Calc",
    "browser": "Chromium",
    "wheel": "a wheel built in a fresh environment",
}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    starts = [f"{name} ({started})" for name, started in SLOW_FIXTURES.items() if name in item.fixturenames]
    if starts and item.get_closest_marker("slow") is None:
        pytest.fail(f"uses {', '.join(starts)}: mark it @pytest.mark.slow (tests/conftest.py, SLOW_FIXTURES)", pytrace=False)


@dataclass(frozen=True)
class Suite:
    collected: int  # tests, as pytest counts them
    slow: frozenset[str]  # node ids (without their parameters) of the tests marked slow


@pytest.fixture(scope="session")
def suite() -> Suite:
    """The whole suite as pytest collects it in a fresh process: how many tests, and which are marked slow."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "-m",
            "slow",
            str(ROOT / "tests"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    counted = re.search(r"^(?:\d+/)?(\d+) tests? collected", done.stdout, re.MULTILINE)
    assert done.returncode == 0 and counted, done.stdout[-2000:] + done.stderr[-2000:]
    slow = frozenset(line.split("[")[0] for line in done.stdout.splitlines() if "::" in line)
    return Suite(int(counted[1]), slow)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def sample(tmp_path):
    """A copy of the shipped sources and templates, free to edit."""
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets", ignore=shutil.ignore_patterns("~$*"))
    shutil.copytree(SAMPLE_TEMPLATES, tmp_path / "templates")
    return tmp_path


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sample report built once, through the CLI, for the read-only tests."""
    from ctpdoc.cli.main import cli

    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(
        cli, ["build", "--sources", str(SAMPLE_SOURCES), "--templates", str(SAMPLE_TEMPLATES), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    (out.parent / f"{out.name}.log").write_text(result.output)
    return out


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """One headless LibreOffice for the whole session, with a profile of its own (tests/helpers/libreoffice.py)."""
    from tests.helpers.libreoffice import Office, missing

    reason = missing()
    if reason:
        pytest.skip(reason)
    running = Office(tmp_path_factory.mktemp("libreoffice-profile"))
    yield running
    running.close()


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory):
    """The sample report built once with --pdf, through the CLI: its folder and what it printed."""
    from ctpdoc.cli.main import cli

    if not has_soffice():
        pytest.skip("LibreOffice is not installed; .ci/run installs it")
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(
        cli, ["build", "--sources", str(SAMPLE_SOURCES), "--templates", str(SAMPLE_TEMPLATES), "--out", str(out), "--pdf"]
    )
    assert result.exit_code == 0, result.output
    return out, result.output
