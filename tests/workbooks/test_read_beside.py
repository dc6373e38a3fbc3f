"""The workbooks read beside this process (`build`, Linux): the settings and the current programme in one process,
the draft and the baseline in a second, forked from the first; the same sources and the same problems, in the same
order, as when they are read here one after the other."""

from __future__ import annotations

import os

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.commands import inputs
from ctpdoc.errors import Report
from ctpdoc.render import worker
from ctpdoc.render.worker import beside, can_fork
from ctpdoc.timing import Timings
from ctpdoc.workbooks import collecting
from ctpdoc.workbooks.sources import collect_sources
from tests.helpers.factory import part1_row, write_sources
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

pytestmark = pytest.mark.skipif(not can_fork(), reason="read beside only where a process forks")


def both_ways(folder, with_baseline=True):
    here, there = Report(), Report()
    read_here = collect_sources(folder, here, with_baseline)
    read_beside = collect_sources(folder, there, with_baseline, start=beside)
    return (read_here, [(str(p.location), p.message) for p in here.problems]), (
        read_beside,
        [(str(p.location), p.message) for p in there.problems],
    )


def test_the_sample_read_beside_is_the_sample_read_here():
    (here, _), (there, _) = both_ways(SAMPLE_SOURCES)
    assert here is not None and here == there


def test_problems_come_in_the_order_they_would_here(tmp_path):
    """Errors in the current programme, the draft and the baseline: in that order, as when read one after the other."""
    folder = write_sources(
        tmp_path / "src",
        part1=[part1_row("1.1", "zzz"), part1_row("x z")],
        baseline1=[part1_row("1.1", "qqq"), part1_row("x y")],
    )
    (here, problems), (there, beside_problems) = both_ways(folder)
    assert here == there
    assert problems == beside_problems
    files = [where.split(" › ")[0] for where, _ in problems]
    assert files == ["wp-2022-2025.xlsx"] * 2 + ["wp-2025-2028.xlsx"] + ["baseline/wp-2022-2025.xlsx"] * 2


def test_a_baseline_not_asked_for_is_left_out_when_it_does_not_read(tmp_path):
    folder = write_sources(tmp_path / "src", baseline1=[part1_row("1.1", "qqq")])
    (here, problems), (there, beside_problems) = both_ways(folder, with_baseline=False)
    assert here is not None and here == there and here.baseline is None
    assert problems == beside_problems == []


def test_build_reads_the_programmes_beside(monkeypatch, tmp_path):
    """With two jobs the settings and the current programme are read in one process beside this one, the draft and
    the baseline in another (forked from the first once it has read the settings); with one, all here."""
    log = tmp_path / "readers"
    read_all = collecting.read_all

    def reading(jobs):
        with log.open("a") as told:
            told.write(f"{os.getpid()} {' '.join(job[1] for job in jobs)}\n")
        return read_all(jobs)

    monkeypatch.setattr(collecting, "read_all", reading)
    checked = inputs.read_inputs(SAMPLE_SOURCES, SAMPLE_TEMPLATES, (), True, Timings(), jobs=2)
    assert checked.sources is not None and checked.sources.draft is not None and checked.sources.baseline is not None
    readers = {names: int(pid) for pid, names in (line.split(" ", 1) for line in log.read_text().splitlines())}
    assert set(readers) == {"wp-2022-2025.xlsx", "wp-2025-2028.xlsx baseline/wp-2022-2025.xlsx"}
    assert len({os.getpid(), *readers.values()}) == 3
    log.unlink()
    inputs.read_inputs(SAMPLE_SOURCES, SAMPLE_TEMPLATES, (), True, Timings(), jobs=1)
    assert {int(line.split()[0]) for line in log.read_text().splitlines()} == {os.getpid()}


def children() -> set[int]:
    with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as found:
        return {int(pid) for pid in found.read().split()}


def test_a_build_that_stops_before_the_workbooks_are_needed_leaves_no_reading_running(runner, sample, monkeypatch):
    """`build --pdf` without LibreOffice stops before it needs what it started reading: the processes reading beside
    it are stopped, not left blocked on sending what they read for as long as this process lives."""
    import ctpdoc.output.pdf

    monkeypatch.setattr(ctpdoc.output.pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(ctpdoc.output.pdf, "default_places", lambda: [sample / "nowhere" / "soffice"])
    monkeypatch.delenv("CTPDOC_SOFFICE", raising=False)
    started = []
    monkeypatch.setattr(worker, "forked", lambda *job: started.append(job[0].__name__) or beside(*job))
    before = children()
    folders = ["--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]
    result = runner.invoke(cli, ["build", *folders, "--out", str(sample / "build"), "--pdf"])
    assert result.exit_code == 1 and "LibreOffice not found" in result.output
    assert started == ["collect"]
    assert children() - before == set()
