"""``ctpdoc review``: the review page, checked as the build checks, written as the build writes.

Reads and checks the inputs exactly as ``build`` does (:func:`~ctpdoc.commands.validate.check_inputs`:
an input the build would refuse is refused here), works out the page from the same model
(:mod:`ctpdoc.review`), and writes ``review.html`` into the output folder the way the documents
are written (:func:`~ctpdoc.output.folder.write_set`): whole or not at all. ``build`` makes the same page
(:func:`review_page`) from its own reading and writes it with the documents.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.commands.validate import check_inputs
from ctpdoc.errors import InputError, Problem
from ctpdoc.model import Sources
from ctpdoc.output.folder import write_set
from ctpdoc.review.model import build_review
from ctpdoc.review.page import PAGE_NAME, render_page
from ctpdoc.timing import Timings


@dataclass(frozen=True)
class ReviewResult:
    path: Path
    activities: int
    size: int
    warnings: list[str]
    seconds: float
    timings: Timings


@dataclass(frozen=True)
class Page:
    """The review page made, before it is written: its bytes and the activities it shows."""

    data: bytes
    activities: int


def review_page(sources_dir: Path, sources: Sources, warnings: Sequence[Problem], out_of_date: Sequence[Problem]) -> Page:
    """The page of checked ``sources`` (read with their baseline) and the warnings their checks gave."""
    page = build_review(sources_dir, sources, warnings, out_of_date)
    return Page(render_page(page), len(page.rows))


def write_review(sources_dir: Path, templates_dir: Path, out_dir: Path, strict: bool = False) -> ReviewResult:
    started = time.perf_counter()
    timings = Timings()
    checked = check_inputs(sources_dir, templates_dir, (), True, timings)
    checked.report.raise_if_errors()
    if strict and checked.report.warnings:
        raise InputError(checked.report.warnings)
    assert checked.sources is not None
    with timings.stage("review"):
        page = review_page(sources_dir, checked.sources, checked.report.warnings, checked.out_of_date)
    with timings.stage("write"):
        write_set(out_dir, {PAGE_NAME: page.data})
    return ReviewResult(
        out_dir / PAGE_NAME, page.activities, len(page.data), [str(w) for w in checked.report.warnings], time.perf_counter() - started, timings
    )
