"""Translators' tools: templates check (lint and parity), dump, variables."""

import re

import pytest

from ctpdoc.cli.main import cli
from tests.helpers.factory import add_paragraph, replace_in_runs
from tests.helpers.repo import ROOT, SAMPLE_TEMPLATES


def check(runner, folder):
    return runner.invoke(cli, ["templates", "check", "--templates", str(folder)])


def test_the_shipped_templates_pass(runner):
    result = check(runner, SAMPLE_TEMPLATES)
    assert result.exit_code == 0, result.output
    assert "2 templates checked (en, fr)" in result.output


def test_a_typo_is_named_with_its_place(runner, sample):
    replace_in_runs(sample / "templates" / "fr" / "report.docx", "{{ doc.agenda_item }}", "{{ doc.agenda_itme }}")
    result = check(runner, sample / "templates")
    assert result.exit_code == 1
    assert re.search(
        r"fr/report.docx › paragraph \d+ › “\(Point \{\{ doc.agenda_itme \}\} de l.ordre du jour\)”: unknown name "
        r'"doc.agenda_itme" \(did you mean "agenda_item"\?\)',
        result.output,
    ), result.output


def test_a_dropped_variable_is_found_by_parity(runner, sample):
    replace_in_runs(sample / "templates" / "fr" / "report.docx", "{{ current.counts.part2|number }}", "52")
    result = check(runner, sample / "templates")
    assert result.exit_code == 1
    assert (
        "fr/report.docx › body: has no variable current.counts.part2, which en/report.docx has (en/report.docx › paragraph"
        in result.output
    )


def test_a_dropped_header_variable_is_found(runner, sample):
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{{ doc.short_reference }}", "PC0720E1", where="header")
    result = check(runner, sample / "templates")
    assert result.exit_code == 1
    assert (
        "en/report.docx › section 1 header (default): has no variable doc.short_reference, which fr/report.docx has"
        in result.output
    )


def test_a_tag_split_by_word_formatting_is_mended(runner, sample):
    """docxtpl joins "{" and "{" split by formatting (issue 11): the check accepts it;
    tests/checks/test_tags_as_word_leaves_them.py has the rest."""
    add_paragraph(sample / "templates" / "en" / "report.docx", "Item {", "{ doc.agenda_item }}", formatted=True)
    add_paragraph(sample / "templates" / "fr" / "report.docx", "Item {", "{ doc.agenda_item }}", formatted=True)
    result = check(runner, sample / "templates")
    assert result.exit_code == 0, result.output


def test_a_missing_loop_end(runner, sample):
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{%tr endfor %}", "")
    result = check(runner, sample / "templates")
    assert result.exit_code == 1
    assert re.search(
        r"en/report.docx › table \d+, paragraph \d+ › “\{%tr for row in current.part1 %\}”: template syntax error: Unexpected "
        r"end of template",
        result.output,
    ), result.output


def test_dump_prints_one_paragraph_a_line(runner):
    result = runner.invoke(cli, ["templates", "dump", "fr"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "RÉSUMÉ" in lines
    assert any(line.startswith("[section 1 header") and "{{ doc.short_reference }}" in line for line in lines)
    assert any(line.startswith("[section 1 footer (first)]") and "{{ doc.year }}" in line for line in lines)
    by_path = runner.invoke(cli, ["templates", "dump", str(SAMPLE_TEMPLATES / "fr" / "report.docx")])
    assert by_path.output == result.output


def test_dump_of_a_missing_template(runner):
    result = runner.invoke(cli, ["templates", "dump", "xx"])
    assert result.exit_code == 1 and "no such template" in result.output


def test_readme_lists_exactly_the_context_variables(runner):
    generated = runner.invoke(cli, ["templates", "variables"]).output.strip()
    readme = (ROOT / "docs" / "translators.md").read_text(encoding="utf-8")
    block = readme.split("<!-- variables:start -->")[1].split("<!-- variables:end -->")[0].strip()
    assert block == generated, "regenerate the table in docs/translators.md with: ctpdoc templates variables"


@pytest.mark.parametrize("attribute", ["gitattributes"])
def test_git_diff_driver_is_set_up(attribute):
    assert "*.docx diff=docx" in (ROOT / ".gitattributes").read_text()
