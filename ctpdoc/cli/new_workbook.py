"""``ctpdoc new-workbook``: an empty programme workbook; parses options and calls :mod:`ctpdoc.commands.new_workbook`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, sources_option
from ctpdoc.cli.say import say
from ctpdoc.commands.new_workbook import create_workbook


@click.command("new-workbook", cls=ProjectCommand)
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
