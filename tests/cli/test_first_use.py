"""ctpdoc as a new user meets it: `init`, the report folder found from any folder below it, --version, -q,
PDFs of older documents never left beside newer ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest

import ctpdoc
from ctpdoc.cli.main import cli
from ctpdoc.errors import shell_argument
from ctpdoc.project import PROJECT_FILE, find_project
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES

FOLDER = "Rapport CTP é"  # a space and an accent, as on the secretariat's desktops
SAMPLE = sorted(
    p.relative_to(ROOT).as_posix() for folder in (SAMPLE_SOURCES, SAMPLE_TEMPLATES) for p in folder.rglob("*") if p.is_file()
)


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def report(tmp_path, runner, monkeypatch):
    """A report folder made by `ctpdoc init`, the current folder being its parent."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", FOLDER])
    assert result.exit_code == 0, result.output
    return tmp_path / FOLDER


def test_init_makes_a_report_folder_from_the_sample(report):
    assert files_of(report) == sorted([*SAMPLE, PROJECT_FILE])
    for name in SAMPLE:
        assert (report / name).read_bytes() == (ROOT / name).read_bytes(), name
    project = find_project(report / "source_sheets")
    assert project is not None and project.root == report
    assert (project.sources, project.templates, project.out) == (report / "source_sheets", report / "templates", report / "build")


def test_init_says_what_it_made_and_what_to_do_next(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", FOLDER])
    assert f"created the report folder {FOLDER} ({len(SAMPLE) + 1} files" in result.output
    assert f"next: cd {shell_argument(FOLDER)}, then ctpdoc build" in result.output  # quoted as the shell takes it
    assert "the review page build/review.html" in result.output.splitlines()[-1], "the next step names the page build writes"


def test_the_repository_is_a_report_folder_itself():
    """`make report` runs `ctpdoc build` at the top of the repository: its project file names the same folders."""
    assert find_project(ROOT / "tests" / "data") == find_project(ROOT)
    assert tomllib.loads((ROOT / PROJECT_FILE).read_text())["folders"] == {
        "sources": "source_sheets",
        "templates": "templates",
        "out": "build",
    }


def test_init_refuses_a_folder_that_is_not_empty_and_never_replaces_a_file(report, runner):
    workbook = report / "source_sheets" / "document.xlsx"
    workbook.write_bytes(b"the user's own")
    (report / "templates" / "fr" / "report.docx").unlink()
    result = runner.invoke(cli, ["init", FOLDER])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {FOLDER}: is not empty; give a new or empty folder, or add --force to add the report folder's files "
        "beside what is there (no file is replaced)"
    )
    result = runner.invoke(cli, ["init", FOLDER, "--force"])
    assert result.exit_code == 0, result.output
    assert workbook.read_bytes() == b"the user's own"
    assert f"kept {Path(FOLDER) / 'source_sheets' / 'document.xlsx'}: it exists" in result.output
    assert (report / "templates" / "fr" / "report.docx").read_bytes() == (SAMPLE_TEMPLATES / "fr" / "report.docx").read_bytes()
    assert "(1 files" in result.output


def test_init_in_the_current_folder_and_over_a_file(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert "next: ctpdoc build" in result.output and (tmp_path / PROJECT_FILE).is_file()
    (tmp_path / "a file").write_text("x")
    result = runner.invoke(cli, ["init", "a file"])
    assert result.exit_code == 2 and "'a file' is a file" in result.output  # click's own check of the argument


def test_init_empty_gives_the_settings_and_empty_programmes(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", FOLDER, "--empty"])
    assert result.exit_code == 0, result.output
    sources = tmp_path / FOLDER / "source_sheets"
    assert files_of(sources) == ["baseline/wp-2022-2025.xlsx", "document.xlsx", "wp-2022-2025.xlsx", "wp-2025-2028.xlsx"]
    assert (sources / "document.xlsx").read_bytes() == (SAMPLE_SOURCES / "document.xlsx").read_bytes()
    for name, status in (("wp-2022-2025.xlsx", True), ("baseline/wp-2022-2025.xlsx", True), ("wp-2025-2028.xlsx", False)):
        book = openpyxl.load_workbook(sources / name)
        assert book.sheetnames[:2] == ["Part I", "Part II"]
        headers = [c.value for c in book["Part I"][1]]
        assert ("Status" in headers) is status, name
        assert book["Part I"].max_row == 1 and book["Part II"].max_row == 1, name


def test_new_workbook_refuses_the_settings_name(tmp_path, runner):
    result = runner.invoke(cli, ["new-workbook", str(tmp_path / "document.xlsx"), "--sources", str(SAMPLE_SOURCES)])
    assert result.exit_code == 1
    assert "document.xlsx is the settings workbook, not a programme; `ctpdoc init --empty` writes one" in result.output
    assert not (tmp_path / "document.xlsx").exists()


@pytest.mark.slow
def test_commands_find_the_report_folder_from_below_and_say_so(report, runner, monkeypatch):
    below = report / "notes" / "2025"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"using the report folder {report}"
    assert f"wrote {report / 'build' / 'PC0720E1a.docx'} (en, " in result.output
    assert files_of(report / "build") == [
        "PC0720E1a-clean.docx",
        "PC0720E1a.docx",
        "PC0720F1a-clean.docx",
        "PC0720F1a.docx",
        "review.html",
    ]
    assert not (below / "build").exists()
    for command in (["validate"], ["changes"], ["templates", "check"], ["translations", "status"]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, (command, result.output)
        assert result.output.startswith(f"using the report folder {report}\n"), command
    result = runner.invoke(cli, ["build", "-q"])
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.slow
def test_in_the_report_folder_itself_paths_stay_short(report, runner, monkeypatch):
    monkeypatch.chdir(report)
    result = runner.invoke(cli, ["build", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "using the report folder" not in result.output
    assert f"wrote {Path('build') / 'PC0720E1a.docx'} (en, " in result.output


@pytest.mark.slow
def test_options_still_override_the_report_folder(report, runner, monkeypatch, tmp_path):
    monkeypatch.chdir(report)
    elsewhere = tmp_path / "elsewhere"
    result = runner.invoke(cli, ["build", "--out", str(elsewhere), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert files_of(elsewhere) == ["PC0720F1a-clean.docx", "PC0720F1a.docx", "review.html"] and not (report / "build").exists()
    result = runner.invoke(cli, ["validate", "--sources", str(tmp_path / "none")])
    assert result.exit_code == 1 and "none" in result.output


@pytest.mark.slow
def test_the_project_file_may_name_other_folders(report, runner, monkeypatch):
    (report / "source_sheets").rename(report / "classeurs")
    (report / PROJECT_FILE).write_text('[folders]\nsources = "classeurs"\nout = "documents"\n')
    monkeypatch.chdir(report / "templates")
    result = runner.invoke(cli, ["build", "-q"])
    assert result.exit_code == 0, result.output
    assert len(files_of(report / "documents")) == 5  # the four documents and the review page


@pytest.mark.parametrize(
    "text, message",
    [
        ("[folders\n", "is not valid TOML"),
        ("[folders]\nsources = 3\n", 'folders.sources must be a folder name in quotes, e.g. sources = "source_sheets"'),
        ('folders = "x"\n', "[folders] must be a table"),
    ],
)
def test_a_broken_project_file_is_one_line(report, runner, monkeypatch, text, message):
    (report / PROJECT_FILE).write_text(text)
    monkeypatch.chdir(report)
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_outside_a_report_folder_the_message_says_how_to_start(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: no report folder here: no ctpdoc.toml in {tmp_path} or any folder above it, and no source_sheets/; "
        "run `ctpdoc init` to make one (or `cd` into yours), or give --sources"
    )


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"ctpdoc {ctpdoc.__version__}\n"
    assert version("ctpdoc") == ctpdoc.__version__  # the installed package's metadata, read from the same place


@pytest.mark.slow
def test_quiet_prints_only_the_warnings(sample, runner):
    path = sample / "source_sheets" / "wp-2022-2025.xlsx"
    book = openpyxl.load_workbook(path)
    book["Part II"]["C2"] = "Promote accession to the Revised Kyoto Convention.  "
    book.save(path)
    args = [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(sample / "out"),
    ]
    result = runner.invoke(cli, [*args, "-q"])
    assert result.exit_code == 0 and "Part II › C2: warning: has spaces" in result.output
    assert all(": warning: " in line for line in result.output.splitlines()), result.output  # no "wrote", no summary
    result = runner.invoke(cli, args)
    assert "Part II › C2: warning: has spaces" in result.output and "wrote " in result.output
    result = runner.invoke(cli, [*args, "-q", "--strict"])
    assert result.exit_code == 1 and "Part II › C2: warning: has spaces" in result.output


@pytest.mark.slow
def test_pdfs_of_older_documents_are_removed_and_said(sample, runner):
    """After `make pdf`, an edit and `make report`, build/ must not hold PDFs contradicting the documents."""
    out = sample / "build"
    out.mkdir()
    for name in ("PC0720E1a.pdf", "PC0720E1a-clean.pdf", "PC0720F1a.pdf", "PC0720F1a-clean.pdf", "notes.pdf"):
        (out / name).write_bytes(b"%PDF-1.7 made from the previous documents")
    args = ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)]
    result = runner.invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    removed = re.findall(
        r"^removed (\S+): made from the previous documents \(build with --pdf to make it again\)$", result.output, re.M
    )
    assert removed == [str(out / "PC0720E1a-clean.pdf"), str(out / "PC0720E1a.pdf")]
    assert files_of(out) == [
        "PC0720E1a-clean.docx",
        "PC0720E1a.docx",
        "PC0720F1a-clean.pdf",
        "PC0720F1a.pdf",
        "notes.pdf",
        "review.html",
    ]
    (out / "sub").mkdir()  # a folder inside: the documents are renamed one by one, and the PDFs still go
    result = runner.invoke(cli, [*args, "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert files_of(out) == [
        "PC0720E1a-clean.docx",
        "PC0720E1a.docx",
        "PC0720F1a-clean.docx",
        "PC0720F1a.docx",
        "notes.pdf",
        "review.html",
    ]


@pytest.mark.slow
def test_a_long_build_tells_each_document_to_a_person_watching(sample, runner, monkeypatch):
    """A line per document on stderr once the build has run a while, for a person at a terminal; a script reading
    stderr (not a terminal) gets only the problems."""
    import ctpdoc.cli.progress as progress

    args = [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(sample / "out"),
    ]
    monkeypatch.setattr(progress, "AFTER", 0.0)  # as if the build were long
    monkeypatch.setattr(progress, "watched", lambda: True)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    told = re.findall(r"^rendered (\S+) \((en|fr), (tracked changes|changes accepted)\)$", result.output, re.M)
    assert sorted(name for name, *_ in told) == [
        "PC0720E1a-clean.docx",
        "PC0720E1a.docx",
        "PC0720F1a-clean.docx",
        "PC0720F1a.docx",
    ]
    assert result.output.index("rendered ") < result.output.index("wrote ")
    assert runner.invoke(cli, [*args, "-q"]).output == ""
    monkeypatch.setattr(progress, "watched", lambda: False)
    assert "rendered" not in runner.invoke(cli, args).output


@pytest.mark.slow
def test_a_long_import_tells_each_document_read(built, tmp_path, runner, monkeypatch):
    """Import reads a Word document a second or more at 2,000 activities: each one read is told to a person watching."""
    import ctpdoc.cli.progress as progress

    monkeypatch.setattr(progress, "AFTER", 0.0)  # as if the import were long
    monkeypatch.setattr(progress, "watched", lambda: True)
    documents = [str(built / "PC0720E1a.docx"), str(built / "PC0720F1a.docx")]
    result = runner.invoke(cli, ["import", *documents, "--into", str(tmp_path / "into")])
    assert result.exit_code == 0, result.output
    assert re.findall(r"^read (\S+) \((en|fr)\)$", result.output, re.M) == [("PC0720E1a.docx", "en"), ("PC0720F1a.docx", "fr")]
    assert result.output.index("read PC0720F1a.docx") < result.output.index("wrote ")
    monkeypatch.setattr(progress, "watched", lambda: False)
    assert "read PC0720" not in runner.invoke(cli, ["import", *documents, "--into", str(tmp_path / "again")]).output


@pytest.mark.slow
def test_shell_completion_is_clicks_own():
    """As docs/secretariat.md says: the shell asks the ctpdoc command itself, through _CTPDOC_COMPLETE."""
    command = Path(sys.executable).parent / ("ctpdoc.exe" if os.name == "nt" else "ctpdoc")
    if not command.exists():
        pytest.skip("the ctpdoc command is not installed beside this Python")
    env = {**os.environ, "COMP_WORDS": "ctpdoc bu", "COMP_CWORD": "1", "_CTPDOC_COMPLETE": "bash_complete"}
    done = subprocess.run([str(command)], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["plain,build"], done.stderr
    script = subprocess.run(
        [str(command)], capture_output=True, text=True, env={**os.environ, "_CTPDOC_COMPLETE": "bash_source"}, timeout=60
    )
    assert "_ctpdoc_completion()" in script.stdout
