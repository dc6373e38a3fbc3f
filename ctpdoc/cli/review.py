"""``ctpdoc review``: the review page alone; parses options and calls :mod:`ctpdoc.commands.review`
(loaded when the command runs, not for every build)."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, out_option, sources_option, templates_option
from ctpdoc.cli.say import say


@click.command("review", cls=ProjectCommand)
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
