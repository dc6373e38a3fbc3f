"""``ctpdoc build``: every document checked and rendered (:mod:`ctpdoc.commands.rendering`), then written.

Nothing is written until every language and variant has rendered; then the
set is written all at once (:func:`ctpdoc.commands.writing.write_documents`), so a failed or interrupted
build leaves ``build/`` as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.commands.reading import Variants
from ctpdoc.commands.rendering import Progress, no_progress, render_all
from ctpdoc.commands.writing import write_documents
from ctpdoc.output.pdf import convert, find_soffice, page_count
from ctpdoc.review.page import PAGE_NAME
from ctpdoc.timing import Timings
from ctpdoc.workbooks.collecting import Collecting


@dataclass(frozen=True)
class Written:
    path: Path
    lang: str
    tracked: bool
    revisions: int
    pages: int | None = None  # for a PDF


@dataclass(frozen=True)
class PageWritten:
    path: Path
    activities: int
    size: int


@dataclass(frozen=True)
class BuildResult:
    written: list[Written]
    warnings: list[str]
    seconds: float
    timings: Timings
    removed: list[Path]  # PDFs made from the documents this build replaced (built without --pdf)
    review: PageWritten | None = None  # the review page, written with the documents
    no_review: str = ""  # why the review page was not written, when it was asked for


def build(
    sources_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    languages: tuple[str, ...] = (),
    changes: Variants = Variants.BOTH,
    strict: bool = False,
    pdf: bool = False,
    jobs: int = 2,
    soffice: str | None = None,
    progress: Progress = no_progress,
    review: bool = True,
    reading: Collecting | None = None,
) -> BuildResult:
    """The documents (and, with ``review``, the review page beside them, from the same reading) written into
    ``out_dir`` together: all of them or none. ``reading``: the workbooks' reading, started before this module was
    imported (:func:`ctpdoc.commands.reading.start_reading`)."""
    started = time.perf_counter()
    timings = Timings()
    if pdf:
        soffice = find_soffice(soffice)  # before any work: say at once that LibreOffice is missing
    ready = render_all(
        sources_dir, templates_dir, languages, changes, strict, timings, jobs, progress, review=review, reading=reading
    )
    documents = ready.documents
    files = {name: r.data for name, (r, _) in documents.items()}
    written = [Written(out_dir / name, r.lang, tracked, r.revisions) for name, (r, tracked) in documents.items()]
    stale: tuple[str, ...] = ()
    if pdf:
        assert soffice is not None
        with timings.stage("pdf"):
            pdfs = convert(files, soffice, lambda line: progress(line, slow=True))
        files.update(pdfs)
        written += [
            Written(
                out_dir / (Path(name).stem + ".pdf"), r.lang, tracked, r.revisions, page_count(pdfs[Path(name).stem + ".pdf"])
            )
            for name, (r, tracked) in documents.items()
        ]
    else:
        stale = stale_pdfs(out_dir, files)
    page, no_page = None, ready.no_page
    if ready.page is not None:
        files[PAGE_NAME] = ready.page.data
        page = PageWritten(out_dir / PAGE_NAME, ready.page.activities, len(ready.page.data))
    with timings.stage("write"):
        write_documents(out_dir, files, stale)
    removed = [out_dir / name for name in stale]
    warnings = [str(w) for w in ready.warnings]
    return BuildResult(written, warnings, time.perf_counter() - started, timings, removed, page, no_page)


def stale_pdfs(out_dir: Path, files: dict[str, bytes]) -> tuple[str, ...]:
    """The PDFs in ``out_dir`` of the documents about to be replaced: made from their previous text, they would
    sit beside the new documents and contradict them."""
    if not out_dir.is_dir():
        return ()
    return tuple(sorted(path.name for path in out_dir.glob("*.pdf") if f"{path.stem}.docx" in files))
