"""tools/bench.py stays usable: its synthetic workbooks build, and its floor (bare docxtpl) still fills the templates."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import write_synthetic_sources
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES


def load_bench():
    """tools/bench.py as a module, without putting tools/ on sys.path."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "tools" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()


@pytest.mark.slow
def test_the_floor_renders_the_synthetic_workbooks(tmp_path):
    sources = write_synthetic_sources(tmp_path / "sources", 40, SAMPLE_SOURCES / "document.xlsx")
    read = read_sources(sources)
    assert len(read.current.activities) == 40 and read.baseline is not None
    (tmp_path / "floor").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", bench.FLOOR, str(sources), str(SAMPLE_TEMPLATES), str(tmp_path / "floor")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "floor").iterdir()) == [
        "en-clean.docx",
        "en-tracked.docx",
        "fr-clean.docx",
        "fr-tracked.docx",
    ]


@pytest.mark.slow
def test_the_command_ends_without_a_last_collection_over_its_heap():
    """Python's shutdown would run the cycle collector over everything still held (a tenth of a second for the
    sample): ``main`` leaves it out (``gc.freeze``), after the command has said and written all it had to."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen' if gc.get_freeze_count() and not gc.isenabled() else 'collected'))\n"
        "sys.argv = ['ctpdoc', '--version']\n"
        "from ctpdoc.cli.main import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("ctpdoc ") and done.stdout.splitlines()[-1] == "frozen"
