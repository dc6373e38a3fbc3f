"""The second process that renders the second language: its errors come back, and it never outlives the build."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.commands import rendering
from ctpdoc.errors import InputError
from ctpdoc.render.worker import Forked, beside, can_fork, two_cores
from tests.helpers.factory import add_paragraph, write_synthetic_sources
from tests.helpers.repo import ROOT, SAMPLE_TEMPLATES

needs_fork = pytest.mark.skipif(not can_fork(), reason="one core or no fork: everything renders in one process")


def fails() -> None:
    raise InputError([])


def test_the_value_and_the_error_come_back():
    """Module-level functions: where there is no fork the worker is spawned and receives them by name."""
    assert beside(os.getpid)() != os.getpid() or not two_cores()
    with pytest.raises(InputError):
        beside(fails)()


def frozen_now() -> int:
    return gc.get_freeze_count()


@needs_fork
def test_what_both_processes_share_stays_out_of_the_collector_until_the_child_is_done():
    """Frozen before the fork (a collection would copy every shared page), given back once the child has finished."""
    assert gc.get_freeze_count() == 0
    waiting = beside(frozen_now)
    assert gc.get_freeze_count() > 0  # the parent's objects, while the child works beside it
    assert waiting() > 0  # the child was born with them frozen
    assert gc.get_freeze_count() == 0


class Node:
    """An object in a cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.itself = self


@needs_fork
def test_garbage_is_not_frozen_with_what_the_processes_share():
    """What is garbage already when the child is forked is freed, not frozen with what both processes share: given
    back to the collector, it would land in the oldest generation uncounted and stay (a process forking at every
    build, as the test suite's does, grew by a gigabyte a build)."""
    enabled = gc.isenabled()
    gc.disable()  # no collection but the one the fork makes
    try:
        gone = weakref.ref(Node())
        assert gone() is not None
        assert beside(os.getpid)() != os.getpid()
        assert gone() is None
    finally:
        if enabled:
            gc.enable()


@needs_fork
def test_a_cancelled_worker_stops_at_once_and_gives_back_the_collector():
    waiting = beside(time.sleep, 60)
    assert isinstance(waiting, Forked) and waiting.pid is not None
    pid = waiting.pid
    started = time.monotonic()
    waiting.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # gone, and reaped
    assert gc.get_freeze_count() == 0
    waiting.cancel()  # twice: nothing more to do


@pytest.mark.slow
def test_the_second_language_renders_while_the_templates_are_checked(runner, sample, monkeypatch):
    """The second process starts once the workbooks are read, before the template checks; when those fail, it is
    stopped and the build says what the checks found."""
    events: list[str] = []
    real_beside, real_check = rendering.beside, rendering.check_read

    def starting(*args):
        events.append("second language started")
        waiting = real_beside(*args)
        real_cancel = waiting.cancel
        waiting.cancel = lambda: (events.append("cancelled"), real_cancel())  # type: ignore[method-assign]
        return waiting

    def checking(*args):
        events.append("templates checked")
        return real_check(*args)

    monkeypatch.setattr(rendering, "beside", starting)
    monkeypatch.setattr(rendering, "check_read", checking)
    monkeypatch.setattr(rendering, "SPAWN_FROM", 1)  # where there is no fork, the second process is spawned, even for the sample
    arguments = [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(sample / "out"),
    ]
    assert runner.invoke(cli, arguments).exit_code == 0
    assert events == (["second language started", "templates checked"] if two_cores() else ["templates checked"])
    events.clear()
    add_paragraph(sample / "templates" / "fr" / "report.docx", "{{ current.counts.totl }}")
    result = runner.invoke(cli, [*arguments[:-1], str(sample / "failed")])
    assert result.exit_code == 1 and 'unknown name "current.counts.totl"' in result.output, result.output
    assert events == (["second language started", "templates checked", "cancelled"] if two_cores() else ["templates checked"])
    assert not (sample / "failed").exists() and gc.get_freeze_count() == 0


@pytest.mark.slow
def test_a_template_error_in_the_second_language_is_told_as_in_the_first(runner, sample):
    """The second language (fr) renders in the second process; its error is the same one line."""
    add_paragraph(sample / "templates" / "fr" / "report.docx", "{{ current.counts.total / 0 }}")
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "out"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "fr/report.docx › paragraph" in result.output and "divides by zero" in result.output
    assert not (sample / "out").exists()


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@needs_fork
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_kill_9_of_the_build_leaves_no_worker(tmp_path):
    sources = write_synthetic_sources(tmp_path / "sources", 3000, ROOT / "source_sheets" / "document.xlsx")
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ctpdoc",
            "build",
            "-q",
            "--sources",
            str(sources),
            "--templates",
            str(SAMPLE_TEMPLATES),
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and build.poll() is None and time.monotonic() < deadline:
        workers = children(build.pid)
        time.sleep(0.02)
    assert workers, "the build ended before its second language started rendering"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 1  # the worker had seconds of rendering left: it must go at once
    while any(alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(worker) for worker in workers), "a worker outlived the build"
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux only")
def test_a_freed_document_tree_goes_back_to_the_system():
    """libxml2 keeps a freed tree's blocks in the heap, where the next document or a forked process would add its
    own on top; give_back_memory returns them (planted: without the call, the resident set stays at its peak). In a
    fresh process, whose heap holds nothing else."""
    script = """
import gc, json
from lxml import etree
from ctpdoc.render.worker import give_back_memory

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

before = resident_mb()
tree = etree.fromstring("<a>" + "<b c='d'><e>x</e></b>" * 200_000 + "</a>")
grown = resident_mb() - before
del tree
gc.collect()
held = resident_mb() - before
print(json.dumps([grown, held, give_back_memory(), resident_mb() - before]))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    grown, held, given, after = json.loads(result.stdout)
    assert grown > 50 and held > grown / 2  # freed, yet still held by the process
    assert given and after < grown / 4
