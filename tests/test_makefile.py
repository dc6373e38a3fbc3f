"""`make report` writes the documents and the review page, and rebuilds only what is out of date."""

import os
import shutil
import subprocess
import time

import pytest

from conftest import ROOT


@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").exists() or not shutil.which("make"), reason="needs the venv made by `make` and make itself")
def test_make_report_builds_once_then_only_when_an_input_changes(tmp_path):
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    for folder in ("ctpdoc", "source_sheets", "templates"):
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
    assert sorted(p.name for p in (tmp_path / "build").glob("*.docx")) == ["PC0720E1a-clean.docx", "PC0720E1a.docx", "PC0720F1a-clean.docx", "PC0720F1a.docx"]
    assert (tmp_path / "build" / "review.html").read_bytes().startswith(b"<!DOCTYPE html>"), "make report writes the review page beside them"
    assert "documents in" not in make(), "rebuilt although nothing changed"
    time.sleep(0.01)
    workbook = tmp_path / "source_sheets" / "wp-2025-2028.xlsx"
    os.utime(workbook, (time.time() + 5, time.time() + 5))
    assert "documents in" in make()
