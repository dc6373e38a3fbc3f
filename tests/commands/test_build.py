"""The orchestrator and the command line: options, exit codes, and nothing half-written."""

import sys

import openpyxl
import pytest

from ctpdoc.cli.main import cli


def args(sample, *extra):
    return [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(sample / "build"),
        *extra,
    ]


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else None


def test_help_explains_commands_and_exit_codes(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "changes" in result.output and "Exit codes" in result.output
    build_help = runner.invoke(cli, ["build", "--help"]).output
    for option in ("--sources", "--templates", "--out", "--lang", "--changes", "--quiet"):
        assert option in build_help


@pytest.mark.slow
def test_build_reports_what_it_wrote(runner, sample):
    result = runner.invoke(cli, args(sample))
    assert result.exit_code == 0, result.output
    assert "PC0720F1a.docx (fr," in result.output and "tracked changes" in result.output
    assert result.output.splitlines()[-1].startswith("4 documents in ")
    quiet = runner.invoke(cli, args(sample, "--quiet"))
    assert quiet.exit_code == 0 and quiet.output == ""


@pytest.mark.slow
def test_one_language(runner, sample):
    result = runner.invoke(cli, args(sample, "--lang", "en", "--changes", "tracked"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (sample / "build").iterdir()) == ["PC0720E1a.docx", "review.html"]


@pytest.mark.slow
def test_build_writes_the_review_page_beside_the_documents(runner, sample):
    """The page `ctpdoc review` writes alone, from the build's own reading; current after a build alone."""
    from ctpdoc.commands.review import write_review

    result = runner.invoke(cli, args(sample))
    assert result.exit_code == 0, result.output
    page = sample / "build" / "review.html"
    assert f"wrote {page}, the review page (" in result.output
    alone = write_review(sample / "source_sheets", sample / "templates", sample / "alone").path.read_bytes()
    assert page.read_bytes() == alone
    book = openpyxl.load_workbook(sample / "source_sheets" / "wp-2022-2025.xlsx")
    header = [c.value for c in book["Part I"][1]]
    book["Part I"].cell(2, header.index("Status") + 1).value = (
        "pending" if book["Part I"].cell(2, header.index("Status") + 1).value != "pending" else "ongoing"
    )
    book.save(sample / "source_sheets" / "wp-2022-2025.xlsx")
    assert runner.invoke(cli, args(sample, "-q")).exit_code == 0
    again = write_review(sample / "source_sheets", sample / "templates", sample / "alone").path.read_bytes()
    assert page.read_bytes() == again != alone, "build alone left the page stale"


@pytest.mark.slow
def test_no_review_leaves_the_page_out_and_as_it_was(runner, sample):
    (sample / "build").mkdir()
    (sample / "build" / "review.html").write_text("an earlier page")
    result = runner.invoke(cli, args(sample, "--no-review"))
    assert result.exit_code == 0, result.output
    assert "review page" not in result.output
    assert (sample / "build" / "review.html").read_text() == "an earlier page"


@pytest.mark.slow
def test_a_clean_build_without_a_readable_baseline_says_it_wrote_no_page(runner, sample):
    (sample / "source_sheets" / "baseline" / "wp-2022-2025.xlsx").unlink()
    result = runner.invoke(cli, args(sample, "--changes", "accepted"))
    assert result.exit_code == 0, result.output
    assert "no review page: the baseline (baseline/wp-2022-2025.xlsx) could not be read" in result.output
    assert not (sample / "build" / "review.html").exists()


@pytest.mark.slow
def test_a_failed_build_leaves_the_previous_documents(runner, sample):
    assert runner.invoke(cli, args(sample)).exit_code == 0
    before = snapshot(sample / "build")
    book = openpyxl.load_workbook(sample / "source_sheets" / "wp-2022-2025.xlsx")
    book["Part I"]["J2"] = "Done"
    book.save(sample / "source_sheets" / "wp-2022-2025.xlsx")
    result = runner.invoke(cli, args(sample))
    assert result.exit_code == 1
    assert 'wp-2022-2025.xlsx › Part I › J2: status "Done" is not one of completed, ongoing, pending' in result.output
    assert "Traceback" not in result.output
    assert snapshot(sample / "build") == before


def test_a_template_failure_in_one_language_writes_no_language(runner, sample):
    from tests.helpers.factory import add_paragraph

    add_paragraph(sample / "templates" / "en" / "report.docx", "{{ doc.referenze }}")
    result = runner.invoke(cli, args(sample))
    assert result.exit_code == 1
    assert "en/report.docx › paragraph" in result.output
    assert 'unknown name "doc.referenze" (did you mean "reference"?)' in result.output
    assert snapshot(sample / "build") is None


def test_unknown_language_and_usage_errors(runner, sample):
    result = runner.invoke(cli, args(sample, "--lang", "es"))
    assert result.exit_code == 1 and 'no "Value (ES)" column for language es' in result.output
    assert runner.invoke(cli, ["build", "--changes", "some"]).exit_code == 2
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2


def test_sample_workbooks_are_comfortable_to_edit():
    from tests.helpers.repo import SAMPLE_SOURCES

    for name in ("wp-2022-2025.xlsx", "baseline/wp-2022-2025.xlsx", "wp-2025-2028.xlsx"):
        book = openpyxl.load_workbook(SAMPLE_SOURCES / name)
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2", (name, sheet.title)
            assert sheet.column_dimensions["C"].width >= 30
            assert sheet["C2"].alignment.wrap_text
        if "2022" in name:
            header = [c.value for c in book["Part I"][1]]
            column = openpyxl.utils.get_column_letter(header.index("Status") + 1)
            lists = [v for v in book["Part I"].data_validations.dataValidation if v.type == "list" and column in str(v.sqref)]
            assert lists and "ongoing" in lists[0].formula1


@pytest.mark.slow
def test_an_interrupted_build_leaves_no_trace(runner, sample, monkeypatch):
    import ctpdoc.package.writer

    assert runner.invoke(cli, args(sample)).exit_code == 0
    before = snapshot(sample / "build")
    written = []
    real = ctpdoc.package.writer.write_file

    def interrupted(path, data):
        if len(written) == 2:
            raise KeyboardInterrupt  # Ctrl-C between documents
        written.append(path)
        return real(path, data)

    monkeypatch.setattr(ctpdoc.package.writer, "write_file", interrupted)
    result = runner.invoke(cli, args(sample))
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code != 0
    assert snapshot(sample / "build") == before


@pytest.mark.slow
def test_temporaries_of_a_killed_build_are_cleaned(runner, sample):
    out = sample / "build"
    out.mkdir()
    stale = out / ".PC0720F1a.docx.abc123.tmp"
    stale.write_bytes(b"half a document")
    assert runner.invoke(cli, args(sample)).exit_code == 0
    assert not stale.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows terminates at once, with no signal to hold: docs/safety.md says what holds there"
)
@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_a_terminated_build_leaves_old_or_new_documents_never_a_mix(runner, sample, delay):
    import signal
    import subprocess
    import sys
    import time

    from tests.helpers.oracle import set_statuses
    from tests.helpers.repo import ROOT

    assert runner.invoke(cli, args(sample)).exit_code == 0
    old = snapshot(sample / "build")
    set_statuses(sample / "source_sheets" / "wp-2022-2025.xlsx", {"1.2": "pending"})
    process = subprocess.Popen(
        [sys.executable, "-m", "ctpdoc", *args(sample)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    now = snapshot(sample / "build")
    assert sorted(now) == sorted(old), "a temporary file was left behind"
    changed = {name for name in now if now[name] != old[name]}
    assert changed in (set(), set(old)), f"a mix of old and new documents: {sorted(changed)}"


@pytest.mark.slow
def test_one_job_gives_the_same_documents(runner, sample):
    parallel = runner.invoke(cli, args(sample))
    assert parallel.exit_code == 0
    first = snapshot(sample / "build")
    sequential = runner.invoke(cli, [*args(sample), "--jobs", "1"])
    assert sequential.exit_code == 0
    assert snapshot(sample / "build") == first
