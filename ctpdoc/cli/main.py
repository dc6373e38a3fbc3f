"""The command line: parses options and calls the stages; no logic of its own."""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from pathlib import Path

import click

from ctpdoc import __version__
from ctpdoc.cli.folders import ProjectGroup, current_folder, folder_option, out_option, sources_option, templates_option
from ctpdoc.cli.options import FOLDER
from ctpdoc.cli.progress import ProgressLines
from ctpdoc.cli.say import say, say_lines, setup_streams
from ctpdoc.cli.templates import templates_group
from ctpdoc.cli.translations import translations_group
from ctpdoc.commands.build import Variants, build
from ctpdoc.commands.drafters import create_workbook, snapshot
from ctpdoc.commands.init import Start, init
from ctpdoc.commands.inspect import list_changes
from ctpdoc.commands.validate import validate
from ctpdoc.errors import EXIT_USAGE, CtpdocError, counted, shell_argument
from ctpdoc.output.folder import check_file_option
from ctpdoc.output.pdf import end_all as end_libreoffice
from ctpdoc.project import TRUST_ENVIRONMENT
from ctpdoc.workbooks.files import write_file_atomically

# import and harvest read Word documents: their modules load when those commands run, not for every build.


class Failure(click.ClickException):
    """A :class:`~ctpdoc.errors.CtpdocError` as click shows it: ``Error: …`` and the error's exit code."""

    def __init__(self, error: CtpdocError) -> None:
        super().__init__(error.format_message())
        setattr(self, "exit_code", error.exit_code)  # noqa: B010 (click declares exit_code a class variable; this error's own code wins)


class Commands(ProjectGroup):
    """The top-level group: the stages raise :class:`~ctpdoc.errors.CtpdocError`, which knows nothing of click."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CtpdocError as exc:
            raise Failure(exc) from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ctpdoc", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected errors.")
@click.option(
    "--trust",
    multiple=True,
    metavar="FOLDER",
    envvar=TRUST_ENVIRONMENT,
    type=click.Path(path_type=Path),
    help=f"Use the ctpdoc.toml of FOLDER, found above the current folder, though another user owns it or could have "
    f"placed it (repeatable; also {TRUST_ENVIRONMENT}, folders separated by {os.pathsep!r}; * for any).",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, trust: tuple[Path, ...]) -> None:
    """Build the PTC work-programme report (French, English, …) from Excel workbooks and Word templates.

    \b
    Exit codes: 0 success; 1 a problem in the workbooks, the templates or the
    environment (each reported on one line, with where and what to do);
    2 a usage error (an unknown option or command); 3 an unexpected error,
    a bug in ctpdoc (run again with --debug and report the traceback).
    """
    ctx.obj = {"debug": debug}
    current_folder()  # one that no longer exists is told here, before any command looks for its files


@cli.command("init")
@click.argument("folder", required=False, default=Path("."), type=FOLDER)
@click.option(
    "--empty",
    is_flag=True,
    help="The sample's document.xlsx to fill in, empty programme workbooks and starter templates that follow any shape.",
)
@click.option(
    "--example",
    is_flag=True,
    help="Another working body's report (made up: three objectives, four statuses) with the starter templates.",
)
@click.option(
    "--force", is_flag=True, help="Add the files to a folder that is not empty; existing files are kept, never replaced."
)
def init_command(folder: Path, empty: bool, example: bool, force: bool) -> None:
    """Create a report folder in FOLDER (default: here): the workbooks, the templates and ctpdoc.toml.

    Every command run in the report folder, or in any folder below it, then uses its source_sheets/,
    templates/ and build/ (the options --sources, --templates and --out still override them).
    """
    if empty and example:
        raise click.UsageError("--empty and --example are two different starts; give one of them")
    done = init(folder, Start.EXAMPLE if example else Start.EMPTY if empty else Start.SAMPLE, force)
    for path in done.kept:
        say(f"kept {path}: it exists", err=True)
    say(f"created the report folder {folder} ({len(done.written)} files: source_sheets/, templates/, ctpdoc.toml)")
    where = "" if folder.absolute() == current_folder().absolute() else f"cd {shell_argument(str(folder))}, then "
    say(
        f"next: {where}ctpdoc build, for the documents and the review page build/review.html "
        "(edit the workbooks in source_sheets/ first; see ctpdoc --help)"
    )


@cli.command("build")
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
    )
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
            f"wrote {result.review.path}, the review page ({result.review.activities} activities, {result.review.size // 1024} KB)"
        )
    elif result.no_review:
        say(result.no_review, err=True)
    for removed in result.removed:
        say(f"removed {removed}: made from the previous documents (build with --pdf to make it again)")
    say(f"{counted(len(result.written), 'document')} in {result.seconds:.2f} s")


@cli.command("validate")
@sources_option()
@templates_option()
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Language to check (repeatable); default: every language with a template.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate_command(sources: Path, templates: Path, languages: tuple[str, ...], strict: bool) -> None:
    """Check the workbooks and templates as `build` would, and write nothing.

    Lists every problem at once, one line each with file › sheet › cell (or template › paragraph);
    exits 1 if there is any, 0 if the inputs are fine (warnings are listed but do not fail, unless --strict).
    """
    warnings = validate(sources, templates, tuple(lang.lower() for lang in languages), strict)
    for warning in warnings:
        say(warning, err=True)
    say(f"The inputs are ready to build ({counted(len(warnings), 'warning')}).")


@cli.command("changes")
@sources_option()
@click.option("--lang", default="en", show_default=True, metavar="LANG", help="Language of the texts to compare.")
def changes_command(sources: Path, lang: str) -> None:
    """List what changed since the baseline (the previous report), activity by activity.

    Text differences are shown as [-deleted-]{+inserted+}; the last line gives the totals.
    """
    for line in list_changes(sources, lang.lower()):
        say(line)


@cli.command("review")
@sources_option()
@templates_option("Folder of the language templates (checked as build checks them).")
@out_option("Folder review.html is written to.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def review_command(sources: Path, templates: Path, out: Path, strict: bool) -> None:
    """Write review.html: what changed since the previous report, every language side by side, with the counts.

    One self-contained page (no network access), from the same model and counts as the documents.
    """
    from ctpdoc.commands.review import write_review

    result = write_review(sources, templates, out, strict)
    for warning in result.warnings:
        say(warning, err=True)
    say(f"wrote {result.path} ({result.activities} activities, {result.size // 1024} KB) in {result.seconds:.2f} s")


@cli.command("new-workbook")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--draft", is_flag=True, help="A draft programme: no Status and Progress columns.")
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Languages of the text columns (repeatable; default: the settings' languages, else en and fr).",
)
@click.option("--force", is_flag=True, help="Replace PATH if it exists (not through a symbolic link).")
@sources_option("Folder of the settings whose shape (parts, columns) and status labels the workbook follows.", reads=False)
def new_workbook_command(path: Path, draft: bool, languages: tuple[str, ...], force: bool, sources: Path) -> None:
    """Write an empty work-programme workbook of the contract to PATH (e.g. source_sheets/wp-2028-2031.xlsx).

    One sheet per part the settings declare, with its headers, frozen, sized and wrapped, a help
    message on each header and a drop-down of the status labels.
    """
    create_workbook(path, draft, tuple(lang.lower() for lang in languages), force, sources)
    say(f"wrote {path}")


@cli.command("snapshot")
@sources_option()
@click.option("--force", is_flag=True, help="Replace the existing baseline (kept first in baseline/history/<date>/).")
def snapshot_command(sources: Path, force: bool) -> None:
    """After a report is issued: copy the current workbook to the baseline, for the next report's tracked changes."""
    done = snapshot(sources, force)
    if done.kept is not None:
        say(f"kept the baseline it replaces as {done.kept}")
    say(
        f"copied {done.source} to {done.target} (the report issued {done.settings.issue_date.isoformat()}; recorded in {done.record})"
    )
    say(f"next: describe the next report in {sources / 'document.xlsx'} › Document (validate warns until you do):")
    for line in done.to_update():
        say(f"  {line}")


cli.add_command(translations_group)
cli.add_command(templates_group)


@cli.command("import")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="REPORT.docx...")
@folder_option("--into", kind="sources", help="Folder the workbooks are written to.", reads=False)
@click.option(
    "--changes",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Read tracked changes as if all were accepted (the report as issued) or rejected (its baseline).",
)
@click.option("--force", is_flag=True, help="Replace workbooks that exist.")
@click.option("--shape", "shape_file", type=click.Path(dir_okay=False, path_type=Path), metavar="DOCUMENT.xlsx",
              help="A document.xlsx whose declared parts, columns and statuses the report has; default: the --into folder's, "
                   "when it declares them, else the PTC's.")  # fmt: skip
def import_command(documents: tuple[Path, ...], into: Path, changes: str, force: bool, shape_file: Path | None) -> None:
    """Write the workbooks (wp-<period>.xlsx, document.xlsx) from a report's Word documents, one per language.

    Annex I and II are found by their headings, the parts by their headings (sheet name or title, in any
    language) and their columns by their headers or, failing those, their place; rows are matched across the
    languages by No. Nothing is written if a problem is found.
    """
    from ctpdoc.commands.importer import import_reports, import_shape, refuse_missing
    from ctpdoc.word.body import Revisions

    refuse_missing(documents)
    shape = import_shape(into, shape_file)
    result = import_reports(documents, into, Revisions(changes), force, ProgressLines(), shape)
    for warning in result.warnings:
        say(warning, err=True)
    for line in result.summary:
        say(line)
    for path in result.written:
        say(f"wrote {path}")
    if result.missing:
        say(f"not found in the documents, fill in {into / 'document.xlsx'}: {', '.join(result.missing)}")


@cli.command("harvest")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path), metavar="EDITED.docx")
@sources_option()
@templates_option("Folder of the language templates (for text outside the annexes).")
@click.option(
    "--changes",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Read tracked changes as if all were accepted or all rejected.",
)
@click.option(
    "--apply",
    "apply_",
    is_flag=True,
    help="Write the differing cells into the workbooks (the previous versions kept in a dated folder under backups/).",
)
def harvest_command(document: Path, sources: Path, templates: Path, changes: str, apply_: bool) -> None:
    """List the cells an edited report changed against the workbooks; with --apply, write them back.

    One line per differing cell (workbook › sheet › cell, the activity and column, the change word by
    word); rows added or removed in Word are reported, never applied; text outside the annexes that
    differs from the template is listed for the translator, never written.
    """
    from ctpdoc.commands.harvest import harvest
    from ctpdoc.word.body import Revisions

    for line in harvest(document, sources, templates, Revisions(changes), apply_):
        say(line)


def peak_memory_mb() -> float | None:
    """The peak resident set of this process (the build runs in one); ``None`` where the system does not say
    (Windows has no ``resource`` module)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, kilobytes on Linux


INTERRUPTED = "Interrupted; nothing half-written was left in build/."


def terminate(signum: int, frame: object) -> None:
    """Ctrl-C or kill: stop at once. Nothing is half-written: the documents are written with these
    signals held (see ``output.write_set``), so until then there is nothing to clean up."""
    end_libreoffice()  # in a session of its own, it is not stopped with ctpdoc by itself
    sys.stderr.write(INTERRUPTED + "\n")
    sys.stderr.flush()
    os._exit(128 + signum)


def quiet(unraisable: object) -> None:
    """Errors Python cannot raise (in a finaliser, e.g. openpyxl's writer closed after a full disk) are not shown."""


def main() -> None:
    """Entry point: user mistakes are one-line messages; anything else says how to report it."""
    try:
        run()
    finally:
        skip_last_collections()


def skip_last_collections() -> None:
    """The command is done and the process is about to end: its objects are left out of the cycle collector
    (``gc.freeze``), which Python's shutdown would otherwise run over the whole heap, the lxml trees and openpyxl's
    objects included, several times; a tenth of a second for the sample report, measured with tools/bench.py.
    Exit handlers still run, files are flushed and closed: only the collection of what nothing will use is skipped."""
    gc.disable()
    gc.freeze()


def show_usage(exc: click.UsageError) -> None:
    """What click's ``UsageError.show`` prints, the error's line escaped: it may quote what the user typed."""
    if exc.ctx is not None:
        hint = (
            f"Try '{exc.ctx.command_path} {exc.ctx.help_option_names[0]}' for help.\n"
            if exc.ctx.command.get_help_option(exc.ctx)
            else ""
        )
        click.echo(f"{exc.ctx.get_usage()}\n{hint}", err=True)
    say(f"Error: {exc.format_message()}", err=True)


def run() -> None:
    setup_streams()
    debug = "--debug" in sys.argv[1:]
    if not debug:
        sys.unraisablehook = quiet  # an error already told once (a full disk) is not told again as a traceback
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        say(INTERRUPTED, err=True)
        sys.exit(130)
    except click.UsageError as exc:
        show_usage(exc)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        say_lines(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except CtpdocError as exc:
        say_lines(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        say(f"Error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback and report it)", err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
