"""``ctpdoc import``: the workbooks from a report's Word documents; parses options and calls
:mod:`ctpdoc.commands.importer` (loaded when the command runs: it reads Word documents, a build does not)."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, folder_option
from ctpdoc.cli.progress import ProgressLines
from ctpdoc.cli.say import say


@click.command("import", cls=ProjectCommand)
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
