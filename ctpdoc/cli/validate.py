"""``ctpdoc validate``: every check of a build, nothing written; parses options and calls
:mod:`ctpdoc.commands.validate`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectCommand, sources_option, templates_option
from ctpdoc.cli.say import say
from ctpdoc.commands.validate import validate
from ctpdoc.errors import counted


@click.command("validate", cls=ProjectCommand)
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
