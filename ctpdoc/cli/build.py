"""``ctpdoc build``: the documents and the review page; parses options and calls :mod:`ctpdoc.commands.build`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, out_option, sources_option, templates_option
from ctpdoc.cli.process import peak_memory_mb
from ctpdoc.cli.progress import ProgressLines
from ctpdoc.cli.say import say
from ctpdoc.commands.reading import Variants, start_reading
from ctpdoc.errors import CtpdocError, counted
from ctpdoc.package.writer import write_file_atomically


@click.command("build", cls=ProjectCommand)
@sources_option()
@templates_option()
@out_option()
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Language to build (repeatable); default: every language with a template.",
)
@click.option(
    "--changes",
    type=click.Choice([c.value for c in Variants]),
    default=Variants.BOTH.value,
    show_default=True,
    help="tracked: changes since the baseline as Word tracked changes; accepted: the clean text (…-clean.docx); both.",
)
@click.option("--strict", is_flag=True, help="Treat warnings (hidden rows, stray spaces, …) as errors.")
@click.option("--pdf", is_flag=True, help="Also write a PDF (PDF/A-2b, tagged) of each document, through LibreOffice.")
@click.option(
    "--soffice", metavar="PATH", help="LibreOffice's soffice for --pdf, where it is not found by itself (also: CTPDOC_SOFFICE)."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=2),
    default=2,
    show_default=True,
    metavar="N",
    help="Languages rendered at once: 2 renders the second language in a second process; 1 uses least memory.",
)
@click.option(
    "--timings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the seconds per stage and the peak memory to this JSON file.",
)
@click.option("--no-review", is_flag=True, help="Do not write the review page (review.html) beside the documents.")
def build_command(
    sources: Path,
    templates: Path,
    out: Path,
    languages: tuple[str, ...],
    changes: str,
    strict: bool,
    pdf: bool,
    soffice: str | None,
    jobs: int,
    timings: Path | None,
    no_review: bool,
) -> None:
    """Write the session document in every language, and the review page (review.html), into --out.

    Everything is checked first (as `ctpdoc validate` does); nothing is written unless every document renders.
    """
    if timings:
        check_file_option(timings, "--timings", out)  # before anything is built: never documents written, then exit 1
    reading = start_reading(sources, Variants(changes).with_baseline, jobs)
    try:
        from ctpdoc.commands.build import build  # what checks and renders, imported while the workbooks are read

        result = build(
            sources,
            templates,
            out,
            tuple(lang.lower() for lang in languages),
            Variants(changes),
            strict,
            pdf,
            jobs,
            soffice,
            ProgressLines(),
            not no_review,
            reading,
        )
    except BaseException:
        reading.cancel()  # stopped before the workbooks were needed (LibreOffice missing for --pdf): nothing left running
        raise
    if timings:
        text = json.dumps({**result.timings, "total": result.seconds, "peak_mb": peak_memory_mb()}, indent=2)
        write_file_atomically(timings, lambda temporary: temporary.write_text(text))  # a full disk: exit 1, no torn file
    for warning in result.warnings:
        say(warning, err=True)
    for written in result.written:
        what = f"{written.revisions} tracked changes" if written.tracked else "changes accepted"
        pages = f", {written.pages} pages" if written.pages is not None else ""
        say(f"wrote {written.path} ({written.lang}, {what}{pages})")
    if result.review is not None:
        say(
            f"wrote {result.review.path}, the review page "
            f"({result.review.activities} activities, {result.review.size // 1024} KB)"
        )
    elif result.no_review:
        say(result.no_review, err=True)
    for removed in result.removed:
        say(f"removed {removed}: made from the previous documents (build with --pdf to make it again)")
    say(f"{counted(len(result.written), 'document')} in {result.seconds:.2f} s")


def check_file_option(path: Path, option: str, out_dir: Path | None = None) -> None:
    """Before a build: a file an option names (``--timings``) can be written, so a build never writes its
    documents and then fails on it. ``out_dir`` counts as existing: the build creates it."""
    folder = path.parent
    if path.is_dir():
        raise CtpdocError(f"{option} {path}: is a folder; give a file name, e.g. {path / 'timings.json'}")
    if out_dir is not None and folder.resolve() == out_dir.resolve():
        return
    if not folder.is_dir():
        raise CtpdocError(f"{option} {path}: the folder {folder} does not exist; create it first, or give another path")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CtpdocError(f"{option} {path}: cannot be written (permission denied); give another path")
