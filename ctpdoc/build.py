"""The orchestrator: read and check everything, render every document, then write.

Nothing is written until every language and variant has rendered; then the
set is written all at once (:mod:`ctpdoc.output`), so a failed or interrupted
build leaves ``build/`` as it was.
"""

from __future__ import annotations

import enum
import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .context import build_context
from .errors import InputError
from .model import Sources
from .output import write_set
from .pdf import convert, find_soffice, page_count
from .processes import can_fork, fork_pool
from .render import Rendered, render_document, template_path
from .timing import Timings
from .validate import check_inputs


class Changes(enum.Enum):
    """Which variants to build: with tracked changes, with all accepted, or both."""

    TRACKED = "tracked"
    ACCEPTED = "accepted"
    BOTH = "both"

    @property
    def variants(self) -> tuple[bool, ...]:
        return {Changes.TRACKED: (True,), Changes.ACCEPTED: (False,), Changes.BOTH: (True, False)}[self]


@dataclass(frozen=True)
class Written:
    path: Path
    lang: str
    tracked: bool
    revisions: int
    pages: int | None = None  # for a PDF


@dataclass(frozen=True)
class BuildResult:
    written: list[Written]
    warnings: list[str]
    seconds: float
    timings: Timings


def output_name(sources: Sources, lang: str, tracked: bool) -> str:
    reference = sources.settings.file_reference(lang)
    return f"{reference}.docx" if tracked else f"{reference}-clean.docx"


def build(
    sources_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    languages: tuple[str, ...] = (),
    changes: Changes = Changes.BOTH,
    strict: bool = False,
    pdf: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    started = time.perf_counter()
    timings = Timings()
    if pdf:
        find_soffice()  # before any work: say at once that LibreOffice is missing
    sources, documents, warnings = render_all(sources_dir, templates_dir, languages, changes, strict, timings, jobs)
    files = {name: r.data for name, (r, _) in documents.items()}
    written = [Written(out_dir / name, r.lang, tracked, r.revisions) for name, (r, tracked) in documents.items()]
    if pdf:
        with timings.stage("pdf"):
            pdfs = convert(files)
        files.update(pdfs)
        written += [
            Written(out_dir / (Path(name).stem + ".pdf"), r.lang, tracked, r.revisions, page_count(pdfs[Path(name).stem + ".pdf"]))
            for name, (r, tracked) in documents.items()
        ]
    with timings.stage("write"):
        write_atomically(out_dir, files)
    return BuildResult(written, warnings, time.perf_counter() - started, timings)


def render_all(
    sources_dir: Path,
    templates_dir: Path,
    languages: tuple[str, ...],
    changes: Changes,
    strict: bool,
    timings: Timings | None = None,
    jobs: int | None = None,
) -> tuple[Sources, dict[str, tuple[Rendered, bool]], list[str]]:
    """Check everything, then render every document in memory; raise before anything is written."""
    timings = timings if timings is not None else Timings()
    checked = check_inputs(sources_dir, templates_dir, languages, True in changes.variants, timings)
    report = checked.report
    report.raise_if_errors()
    if strict and report.warnings:
        raise InputError(report.warnings)
    sources = checked.sources
    assert sources is not None
    documents = {}
    for lang_documents, lang_timings in render_languages(sources, templates_dir, checked.languages, changes.variants, jobs):
        timings.add(lang_timings)
        for rendered, tracked in lang_documents:
            documents[output_name(sources, rendered.lang, tracked)] = (rendered, tracked)
    return sources, documents, [str(p) for p in report.warnings]


# Set before the worker processes fork, so that they inherit the sources instead of receiving a copy.
_JOB: tuple[Sources, Path, tuple[bool, ...]] | None = None


def render_languages(
    sources: Sources, templates_dir: Path, languages: list[str], variants: tuple[bool, ...], jobs: int | None = None
) -> list[tuple[list[tuple[Rendered, bool]], dict[str, float]]]:
    """Each language's documents, up to ``jobs`` languages side by side (default: one per core).

    Side by side is faster and takes more memory: each rendering holds its document as text.
    """
    global _JOB
    _JOB = (sources, templates_dir, variants)
    workers = min(len(languages), jobs or os.cpu_count() or 1) - 1  # this process renders a language too
    if not can_fork(workers):
        return [render_language(lang) for lang in languages]
    gc.collect()
    gc.freeze()  # the garbage collector would otherwise write to, and so copy, every page the fork shares
    try:
        with fork_pool(workers) as pool:
            others = pool.map(render_language, languages[1:])
            return [render_language(languages[0]), *others]
    finally:
        gc.unfreeze()


def render_language(lang: str) -> tuple[list[tuple[Rendered, bool]], dict[str, float]]:
    assert _JOB is not None
    sources, templates_dir, variants = _JOB
    timings = Timings()
    documents = []
    formatted: dict[int, dict[str, str]] = {}  # shared by the variants of this language
    for tracked in variants:
        with timings.stage("diff"):
            context = build_context(sources, lang, tracked, formatted)
        documents.append((render_document(template_path(templates_dir, lang), context, timings), tracked))
    return documents, dict(timings)


def validate(sources_dir: Path, templates_dir: Path, languages: tuple[str, ...] = (), strict: bool = False) -> list[str]:
    """Everything ``build`` checks and renders, written nowhere; gives the warnings."""
    return render_all(sources_dir, templates_dir, languages, Changes.BOTH, strict)[2]


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """All files or none, one build at a time: see :mod:`ctpdoc.output`."""
    write_set(out_dir, files)
