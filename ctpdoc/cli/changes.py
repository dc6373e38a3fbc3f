"""``ctpdoc changes``: what changed since the baseline; parses options and calls :mod:`ctpdoc.commands.changes`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, sources_option
from ctpdoc.cli.say import say
from ctpdoc.commands.changes import list_changes


@click.command("changes", cls=ProjectCommand)
@sources_option()
@click.option("--lang", default="en", show_default=True, metavar="LANG", help="Language of the texts to compare.")
def changes_command(sources: Path, lang: str) -> None:
    """List what changed since the baseline (the previous report), activity by activity.

    Text differences are shown as [-deleted-]{+inserted+}; the last line gives the totals.
    """
    for line in list_changes(sources, lang.lower()):
        say(line)
