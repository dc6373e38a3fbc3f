"""``ctpdoc review``: the review page, checked as the build checks, written as the build writes.

Reads and checks the inputs exactly as ``build`` does (:func:`~ctpdoc.commands.inputs.check_inputs`:
an input the build would refuse is refused here), works out the page from the same model
(:mod:`ctpdoc.review`), and writes ``review.html`` into the output folder the way the documents
are written (:func:`~ctpdoc.commands.writing.write_documents`): whole or not at all. ``build`` makes the same page
(:func:`~ctpdoc.review.page.make_page`) from its own reading and writes it with the documents.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.commands.inputs import check_inputs
from ctpdoc.commands.writing import write_documents
from ctpdoc.errors import InputError
from ctpdoc.review.page import PAGE_NAME, make_page
from ctpdoc.timing import Timings


@dataclass(frozen=True)
class ReviewResult:
    path: Path
    activities: int
    size: int
    warnings: list[str]
    seconds: float
    timings: Timings


def write_review(sources_dir: Path, templates_dir: Path, out_dir: Path, strict: bool = False) -> ReviewResult:
    started = time.perf_counter()
    timings = Timings()
    checked = check_inputs(sources_dir, templates_dir, (), True, timings)
    checked.report.raise_if_errors()
    if strict and checked.report.warnings:
        raise InputError(checked.report.warnings)
    assert checked.sources is not None
    with timings.stage("review"):
        page = make_page(sources_dir, checked.sources, checked.report.warnings, checked.out_of_date)
    with timings.stage("write"):
        write_documents(out_dir, {PAGE_NAME: page.data})
    return ReviewResult(
        out_dir / PAGE_NAME,
        page.activities,
        len(page.data),
        [str(w) for w in checked.report.warnings],
        time.perf_counter() - started,
        timings,
    )
