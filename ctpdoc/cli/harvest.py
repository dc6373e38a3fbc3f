"""``ctpdoc harvest``: an edited report's cells against the workbooks; parses options and calls
:mod:`ctpdoc.commands.harvest` (loaded when the command runs: it reads Word documents, a build does not)."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, sources_option, templates_option
from ctpdoc.cli.say import say


@click.command("harvest", cls=ProjectCommand)
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
