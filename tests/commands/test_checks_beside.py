"""`build` checks the templates, the baseline and the translations in a third process while both languages render
(where a process forks): the same messages in the same order as when they are checked first, in this process
(`--jobs 1`), a failing check still stops the build with nothing written, and its message wins over what rendering
a broken template says."""

from __future__ import annotations

import re

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.commands import rendering
from ctpdoc.render.worker import can_fork
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import replace_in_runs

pytestmark = pytest.mark.skipif(not can_fork(), reason="the checks run beside only where a process forks")


def both_ways(runner, sample, monkeypatch, *extra):
    """`build`'s exit code and output with the checks beside (counting the processes started for them) and here."""
    started = []
    real = rendering.beside
    monkeypatch.setattr(rendering, "beside", lambda function, *args: started.append(function.__name__) or real(function, *args))
    outcomes = []
    for jobs in ("2", "1"):
        out = sample / f"build-{jobs}"
        args = ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]
        result = runner.invoke(cli, [*args, "--out", str(out), "--jobs", jobs, *extra])
        output = re.sub(r"in \d+\.\d+ s", "in … s", result.output.replace(str(out), "OUT"))
        outcomes.append((result.exit_code, output, sorted(p.name for p in out.glob("*"))))
    return outcomes, started


def type_a_figure(sample) -> str:
    """The English template's count of Part II typed in figures: a warning of the checks (and one of parity)."""
    typed = str(len(read_sources(sample / "source_sheets").current.parts[1].activities))
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{{ current.counts.part2|number }}", typed)
    return typed


def test_warnings_come_as_when_checked_first(runner, sample, monkeypatch):
    """A typed figure in a template (a warning of the checks), with the sample's own warnings."""
    typed = type_a_figure(sample)
    (beside, here), started = both_ways(runner, sample, monkeypatch)
    assert "check_beside" in started
    assert beside[0] == here[0] == 0
    assert f"the figure {typed} is typed" in beside[1] and beside[1] == here[1]
    assert beside[2] == here[2] != []


def test_a_failing_check_stops_the_build_with_nothing_written(runner, sample, monkeypatch):
    """--strict makes the checks' warnings errors: found beside, they stop the build after rendering, before writing."""
    typed = type_a_figure(sample)
    (beside, here), started = both_ways(runner, sample, monkeypatch, "--strict")
    assert "check_beside" in started
    assert beside[0] == here[0] != 0
    assert beside[1] == here[1] and f"the figure {typed} is typed" in beside[1]
    assert beside[2] == here[2] == []


def test_the_checks_say_what_is_wrong_with_a_template_that_cannot_render(runner, sample, monkeypatch):
    """A tag the template checks find misspelt, which rendering would also fail on: the checks' message is shown."""
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{{ doc.reference }}", "{{ doc.referense }}")
    (beside, here), started = both_ways(runner, sample, monkeypatch)
    assert "check_beside" in started
    assert beside[0] == here[0] != 0
    assert beside[1] == here[1] and "referense" in beside[1]
    assert beside[2] == here[2] == []
