"""validate and build run the template checks: parity between languages and figures typed where the workbooks give
the count, as warnings (errors with --strict), named with the one paragraph numbering every command shares."""

from __future__ import annotations

import re

import pytest

from ctpdoc.cli.main import cli
from tests.helpers.factory import replace_in_runs


def run(runner, sample, *args):
    return runner.invoke(cli, [*args, "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")])


@pytest.mark.slow
def test_a_typed_figure_is_a_warning_and_fails_strict(runner, sample):
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{{ current.counts.part2|number }}", "52")
    result = run(runner, sample, "validate")
    assert result.exit_code == 0, result.output
    assert "en/report.docx › body: warning: has no variable current.counts.part2, which fr/report.docx has" in result.output
    typed = re.search(
        r"^en/report.docx › paragraph (\d+) › “Of a total of .*: warning: the figure 52 is typed, and the workbooks give it: "
        r"write \{\{ current.counts.part2\|number \}\} instead",
        result.output,
        re.M,
    )
    assert typed, result.output
    assert "(2 warnings)" in result.output
    assert run(runner, sample, "validate", "--strict").exit_code == 1
    strict = run(runner, sample, "build", "--strict", "--out", str(sample / "out"))
    assert strict.exit_code == 1 and "the figure 52 is typed" in strict.output
    assert not (sample / "out").exists()


@pytest.mark.slow
def test_the_same_figure_typed_in_both_languages_is_still_named(runner, sample):
    for lang in ("en", "fr"):
        replace_in_runs(sample / "templates" / lang / "report.docx", "{{ current.counts.part2|number }}", "52")
    result = run(runner, sample, "validate")
    assert result.exit_code == 0 and result.output.count("the figure 52 is typed") == 2, result.output


@pytest.mark.slow
def test_the_sample_has_no_typed_figure(runner, sample):
    result = run(runner, sample, "validate", "--strict")
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_templates_check_and_harvest_number_a_paragraph_alike(runner, sample, tmp_path):
    """The paragraph a translator edits is the same number in templates check and in harvest."""
    from docx import Document

    from ctpdoc.checks.paragraphs import read_paragraphs

    template = sample / "templates" / "en" / "report.docx"
    shown = next(p.shown for p in read_paragraphs(template) if p.text.startswith("Of a total of"))
    out = tmp_path / "out"
    assert run(runner, sample, "build", "--out", str(out), "--changes", "accepted").exit_code == 0
    english = next(out.glob("*E1a-clean.docx"))
    document = Document(str(english))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Of a total of"))
    paragraph.add_run(" An edit.")
    document.save(str(english))
    result = runner.invoke(
        cli, ["harvest", str(english), "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]
    )
    assert result.exit_code == 0, result.output
    assert f"(the template's body {shown}): template text to port" in result.output, (shown, result.output)
