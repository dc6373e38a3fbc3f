"""``ctpdoc init``: a report folder made; parses options and calls :mod:`ctpdoc.commands.init`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, current_folder
from ctpdoc.cli.options import FOLDER
from ctpdoc.cli.say import say
from ctpdoc.commands.init import Start, init
from ctpdoc.errors import shell_argument


@click.command("init", cls=ProjectCommand)
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
