"""``ctpdoc snapshot``: the baseline taken after a report is issued; parses options and calls
:mod:`ctpdoc.commands.snapshot`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, sources_option
from ctpdoc.cli.say import say
from ctpdoc.commands.snapshot import snapshot


@click.command("snapshot", cls=ProjectCommand)
@sources_option()
@click.option("--force", is_flag=True, help="Replace the existing baseline (kept first in baseline/history/<date>/).")
def snapshot_command(sources: Path, force: bool) -> None:
    """After a report is issued: copy the current workbook to the baseline, for the next report's tracked changes."""
    done = snapshot(sources, force)
    if done.kept is not None:
        say(f"kept the baseline it replaces as {done.kept}")
    say(
        f"copied {done.source} to {done.target} (the report issued {done.settings.issue_date.isoformat()}; recorded in "
        f"{done.record})"
    )
    say(f"next: describe the next report in {sources / 'document.xlsx'} › Document (validate warns until you do):")
    for line in done.to_update():
        say(f"  {line}")
