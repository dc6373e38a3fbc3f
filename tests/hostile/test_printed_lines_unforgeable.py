"""Hostile inputs, round four (issue 30 item 5, issue 28 item 1): what ctpdoc prints.

No line of any command can be forged by an input's text: a folder, file or setting name, a Word paragraph,
an XLIFF target holding a line break, a carriage return, a line or paragraph separator, a right-to-left
override or an escape sequence is shown escaped (``⏎``, ``\\uXXXX``), whatever the command and whether the
line is a result, a warning or an error. And no command fails on the console's encoding: under a Windows
code page (``PYTHONIOENCODING=cp1252``) every command exits 0 or 1, never 3; ``templates dump`` writes UTF-8
to a file or a pipe. Each case runs ``python -m ctpdoc`` as a user does (its own error printing included).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.corpus import ctpdoc_in
from tests.helpers.docxread import edit_document
from tests.helpers.factory import SETTINGS, write_sources
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES

UNSAFE = {
    "line feed": "\n",
    "carriage return": "\r",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "escape sequence": "\x1b[2K\x1b[1G",
    "next line (C1)": "\x85",
}
FORGED = "Error: forged"


def forged(char: str) -> str:
    return f"x{char}{FORGED}"


def assert_not_forged(done: subprocess.CompletedProcess[str], char: str) -> None:
    """No line of the output begins with the forged text, none of the unsafe characters reached it, no traceback."""
    assert done.returncode in (0, 1), (done.returncode, done.stderr)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "unexpected" not in output, output
    lines = output.split("\n")
    assert not [line for line in lines if line.lstrip("\r").startswith(FORGED)], output
    for unsafe in char.replace("\n", ""):
        if unsafe not in "[21KG":
            assert unsafe not in output, (unsafe, output)
    assert FORGED in output or done.returncode == 1, output  # the text is shown, escaped (or refused)


def run_in(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return ctpdoc_in(folder, *args, env=env)


@pytest.fixture
def report(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    shutil.copytree(SAMPLE_TEMPLATES, tmp_path / "templates")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_a_folder_name_forges_no_line_in_init(tmp_path, char):
    assert_not_forged(run_in(tmp_path, "init", forged(char)), char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_a_folder_name_forges_no_line_in_import_into(built, tmp_path, char):
    documents = [str(built / "PC0720E1a.docx"), str(built / "PC0720F1a.docx")]
    assert_not_forged(run_in(tmp_path, "import", *documents, "--into", forged(char)), char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_a_file_name_forges_no_line_in_translations_export(report, char):
    done = run_in(report, "translations", "export", "--to", "fr", "--all", "-o", f"{forged(char)}.xlf")
    assert_not_forged(done, char)


IN_A_CELL = {name: char for name, char in UNSAFE.items() if name != "escape sequence"}  # a cell holds no ESC


@pytest.mark.slow
@pytest.mark.parametrize("char", IN_A_CELL.values(), ids=list(IN_A_CELL))
def test_a_baseline_setting_forges_no_line_in_snapshot(tmp_path, char):
    settings = [
        (name, f"baseline/{forged(char)}.xlsx", *rest) if name == "Baseline" else (name, value, *rest)
        for name, value, *rest in SETTINGS
    ]
    folder = write_sources(tmp_path / "source_sheets", settings=settings)
    assert_not_forged(run_in(tmp_path, "snapshot", "--sources", str(folder)), char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_a_report_folder_name_forges_no_line_when_used_from_below(tmp_path, char):
    folder = tmp_path / forged(char)
    assert run_in(tmp_path, "init", folder.name).returncode == 0
    (folder / "below").mkdir()
    done = run_in(folder / "below", "validate")
    assert "using the report folder" in done.stderr
    assert_not_forged(done, char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_a_word_paragraph_forges_no_line_in_harvest(built, report, char):
    edited = report / "edited.docx"
    old = "Update the Guidelines to Chapter 3"
    edit_document(built / "PC0720E1a-clean.docx", edited, (old, old.replace("Guidelines", f"Guidelines{char}{FORGED}")))
    assert_not_forged(run_in(report, "harvest", str(edited)), char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_an_xliff_target_forges_no_line_in_translations_import(report, char):
    assert run_in(report, "translations", "export", "--to", "fr", "--all", "-o", "t.xlf").returncode == 0
    xliff = report / "t.xlf"
    xliff.write_text(
        xliff.read_text(encoding="utf-8").replace("Mettre à jour", f"Mettre{char}{FORGED} à jour", 1), encoding="utf-8"
    )
    assert_not_forged(run_in(report, "translations", "import", "t.xlf"), char)


@pytest.mark.slow
@pytest.mark.parametrize("char", UNSAFE.values(), ids=list(UNSAFE))
def test_an_option_forges_no_line_in_an_error(report, char):
    done = run_in(report, "validate", "--sources", forged(char))
    assert done.returncode == 1
    assert_not_forged(done, char)
    usage = run_in(report, "validate", f"--{forged(char)}")  # click's own usage error quotes it too
    assert usage.returncode == 2 and not [line for line in usage.stderr.split("\n") if line.startswith(FORGED)], usage.stderr


# ---------------------------------------------------------------- a console's code page: printing never fails

CP1252 = {"PYTHONIOENCODING": "cp1252"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["changes"], ["templates", "dump", "fr"], ["templates", "dump", "en"], ["validate"], ["build"], ["review"],
     ["translations", "status"], ["templates", "check"], ["templates", "variables"], ["validate", "--sources", "nowhere→"]],
    ids=["changes", "dump fr", "dump en", "validate", "build", "review", "translations status", "templates check",
         "templates variables", "error"],
)  # fmt: skip
def test_no_command_fails_on_a_windows_code_page(report, args):
    done = subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args], capture_output=True, timeout=120, cwd=report,
        env={**os.environ, **CP1252, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
    )  # fmt: skip
    assert done.returncode == (1 if args[-1] == "nowhere→" else 0), done.stderr.decode("cp1252", "replace")
    assert b"unexpected" not in done.stderr and b"Traceback" not in done.stderr
    if args[:2] == ["templates", "dump"]:
        text = done.stdout.decode("utf-8")  # UTF-8 to a pipe, whatever the code page (git's diff driver reads it)
        assert "\u202f" in text or "\u00a0" in text or args[2] == "en"
    else:
        done.stdout.decode("cp1252")  # the code page's own bytes, what it lacks replaced
        done.stderr.decode("cp1252")
    if args == ["changes"]:
        assert b" -> " in done.stdout  # the arrow cp1252 lacks, written as its nearest


def test_what_an_encoding_lacks_becomes_its_nearest():
    from ctpdoc.cli.say import ERRORS

    assert "1\u202f200 → 1 300 ⏎".encode("cp1252", ERRORS) == b"1 200 -> 1 300 \\n"
    assert "été œ €".encode("cp1252", ERRORS) == "été œ €".encode("cp1252")  # what it has, kept
    assert "日本".encode("ascii", ERRORS) == b"??"
