"""Every document checked and rendered in memory, nothing written: what ``build`` writes and ``validate`` checks.

A step the commands share (``build``, ``validate``; ``import`` tells its progress the same way), not a command:
reads the inputs once (:mod:`ctpdoc.commands.inputs`), starts the second language beside the checks, and gives
the documents and the review page as bytes (:class:`Ready`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ctpdoc.commands.inputs import check_read, read_inputs
from ctpdoc.commands.reading import Variants
from ctpdoc.commands.writing import on_disk, record_if_unchanged
from ctpdoc.document.context import build_context
from ctpdoc.document.rows import Made
from ctpdoc.errors import InputError, Problem
from ctpdoc.model import Sources
from ctpdoc.paths import output_name, template_path
from ctpdoc.render.fill import Rendered, render_document
from ctpdoc.render.worker import Waiting, beside, can_fork, give_back_memory, two_cores
from ctpdoc.review.page import Page, make_page
from ctpdoc.timing import Timings
from ctpdoc.workbooks.collecting import Collecting
from ctpdoc.workbooks.sources import without_record

SPAWN_FROM = 500  # activities from which a spawned second process renders faster than this one (tools/bench.py)


@dataclass(frozen=True)
class Ready:
    """Everything checked and rendered, nothing written yet."""

    sources: Sources
    documents: dict[str, tuple[Rendered, bool]]
    warnings: list[Problem]
    out_of_date: list[Problem]  # those of the warnings that tell a translation out of date
    page: Page | None = None  # the review page, when asked for and the baseline was read
    no_page: str = ""  # why there is none, when asked for


class Progress(Protocol):
    """Told one line per document as it is done; ``slow`` for a step whose wait is certain (the PDFs)."""

    def __call__(self, line: str, slow: bool = False) -> None: ...


def no_progress(line: str, slow: bool = False) -> None:
    """Progress told to no one."""


def render_all(
    sources_dir: Path,
    templates_dir: Path,
    languages: tuple[str, ...],
    changes: Variants,
    strict: bool,
    timings: Timings | None = None,
    jobs: int = 2,
    progress: Progress = no_progress,
    command: str = "build",
    review: bool = False,
    reading: Collecting | None = None,
) -> Ready:
    """Check everything, then render every document in memory; raise before anything is written.

    Once the workbooks are read, the second language starts rendering beside this process while the templates,
    the baseline and the translations are checked here (what is rendered is used only once they pass): the
    checks cost the build no time where a second process runs. The review page (``review``) is made last, from the
    same reading and the checks' out-of-date texts, once the second process is done."""
    timings = timings if timings is not None else Timings()
    with_baseline = changes.with_baseline
    read = on_disk(sources_dir)
    checked = read_inputs(sources_dir, templates_dir, languages, with_baseline, timings, jobs, reading)
    early = None
    if checked.sources is not None and not checked.report.errors:
        give_back_memory()  # what reading the workbooks freed, before a second process shares this one's pages
        early = second_language(checked.sources, templates_dir, checked.languages, changes.variants, jobs, keep=review)
    try:
        check_read(checked, templates_dir, with_baseline, timings)
        report = checked.report
        report.raise_if_errors()
        if strict and report.warnings:
            raise InputError(report.warnings)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    assert checked.sources is not None
    if checked.sources.baseline is not None:  # without the baseline an unrecorded text cannot be told out of date
        record_if_unchanged(sources_dir, checked.sources, read, report, command, checked.texts)
    sources = without_record(checked.sources)  # rendering does not read it: its memory goes before the documents'
    checked.sources, checked.texts = None, []
    give_back_memory()
    documents = {}
    made: dict[str, Made] | None = {} if review else None  # each language's formatted texts, kept for the page
    by_language = render_languages(sources, templates_dir, checked.languages, changes.variants, timings, progress, early, made)
    for lang_documents in by_language:
        for rendered, tracked in lang_documents:
            documents[output_name(sources.settings.file_reference(rendered.lang), tracked)] = (rendered, tracked)
    page, no_page = None, ""
    if review and sources.baseline is None:
        no_page = f"no review page: the baseline ({sources.settings.baseline}) could not be read, and the page compares with it"
    elif review:  # once the second process is done: what the page takes to make never adds to what it holds
        with timings.stage("review"):
            page = make_page(sources_dir, sources, report.warnings, checked.out_of_date, made)
    return Ready(sources, documents, list(report.warnings), checked.out_of_date, page, no_page)


def render_languages(
    sources: Sources,
    templates_dir: Path,
    languages: list[str],
    variants: tuple[bool, ...],
    timings: Timings,
    progress: Progress = no_progress,
    waiting: Waiting[Beside] | None = None,
    made: dict[str, Made] | None = None,
) -> list[list[tuple[Rendered, bool]]]:
    """Every language's documents: the second language renders in a second process beside the first (the one
    thing a second process pays for: a third less time at 2,000 activities, measured by tools/bench.py), the
    others in turn; ``waiting``: the second language's, started by :func:`second_language` (``None``: every language
    here). With ``made``, each language's formatted texts and marks are kept there (the second process, started to
    keep them, sends its own back)."""

    def here(lang: str) -> list[tuple[Rendered, bool]]:
        kept = made.setdefault(lang, Made()) if made is not None else None
        return render_language(sources, templates_dir, lang, variants, timings, progress, kept)

    if waiting is None:
        return [here(lang) for lang in languages]
    try:
        first = here(languages[0])
    except BaseException:
        waiting.cancel()  # this build stops here: the second process goes with it
        raise
    documents, its_timings, its_made = waiting()
    timings.add(its_timings)
    if made is not None and its_made is not None:
        made[languages[1]] = its_made
    for rendered, tracked in documents:
        tell(progress, sources, rendered, tracked)
    rest = [here(lang) for lang in languages[2:]]
    return [first, documents, *rest]


# What the second process gives: its documents, the time of its stages and, when asked, its formatted texts
Beside = tuple[list[tuple[Rendered, bool]], dict[str, float], Made | None]


def second_language(
    sources: Sources, templates_dir: Path, languages: list[str], variants: tuple[bool, ...], jobs: int, keep: bool = False
) -> Waiting[Beside] | None:
    """The second language's documents started in a second process, where one pays: ``jobs=1`` renders every
    language here, in turn (more time, half the memory). Where the second process is spawned rather than forked
    (Windows, macOS) it first imports the libraries and receives the sources, about a second: below ``SPAWN_FROM``
    activities that costs more than it saves, and every language renders here. On one core, too: a second process
    would only compete for it."""
    if len(languages) < 2 or jobs < 2 or not (can_fork() or (two_cores() and activities(sources) >= SPAWN_FROM)):
        return None
    return beside(render_beside, sources, templates_dir, languages[1], variants, keep)


def activities(sources: Sources) -> int:
    return len(sources.current.activities) + (len(sources.draft.activities) if sources.draft else 0)


def render_beside(sources: Sources, templates_dir: Path, lang: str, variants: tuple[bool, ...], keep: bool) -> Beside:
    """One language's documents in the process beside this one, with the time of its stages and, with ``keep``,
    its formatted texts and marks (for the review page this process makes)."""
    own = Timings()
    made = Made() if keep else None
    return render_language(sources, templates_dir, lang, variants, own, made=made), dict(own), made


def render_language(
    sources: Sources,
    templates_dir: Path,
    lang: str,
    variants: tuple[bool, ...],
    timings: Timings,
    progress: Progress = no_progress,
    made: Made | None = None,
) -> list[tuple[Rendered, bool]]:
    """One language's documents; its formatted texts (kept in ``made`` when given) are shared by the tracked and
    the clean variant."""
    documents = []
    made = made if made is not None else Made()
    for tracked in variants:
        with timings.stage("diff"):
            context = build_context(sources, lang, tracked, made)
        with collector_paused():
            documents.append((render_document(template_path(templates_dir, lang), context, timings), tracked))
        tell(progress, sources, *documents[-1])
    return documents


def tell(progress: Progress, sources: Sources, rendered: Rendered, tracked: bool) -> None:
    name = output_name(sources.settings.file_reference(rendered.lang), tracked)
    progress(f"rendered {name} ({rendered.lang}, {'tracked changes' if tracked else 'changes accepted'})")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector walks every live object each time allocations pile up, and rendering a document
    allocates millions of short-lived objects (Jinja's output, lxml proxies) that form no cycles: pausing it while
    a document renders saves a quarter of the time at 2,000 activities (measured with tools/bench.py). The few
    cycles a rendering leaves (python-docx's parts and their package) are collected once it is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(1)  # what the document left: its own objects, all younger than the sources read before
        give_back_memory()
