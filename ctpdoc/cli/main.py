"""The command line: the group ``ctpdoc``, its options, and its commands added in the order ``--help`` lists them.

Each command parses its options in a module of its own (``cli/build.py``, ``cli/init.py``, …; the groups
``templates`` and ``translations`` in theirs) and calls the commands layer; the process it runs in (signals,
exit codes, the collector at exit) is :mod:`ctpdoc.cli.process`'s.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ctpdoc import __version__
from ctpdoc.cli import process
from ctpdoc.cli.build import build_command
from ctpdoc.cli.changes import changes_command
from ctpdoc.cli.folders import ProjectGroup, current_folder
from ctpdoc.cli.harvest import harvest_command
from ctpdoc.cli.importer import import_command
from ctpdoc.cli.init import init_command
from ctpdoc.cli.new_workbook import new_workbook_command
from ctpdoc.cli.review import review_command
from ctpdoc.cli.snapshot import snapshot_command
from ctpdoc.cli.templates import templates_group
from ctpdoc.cli.translations import translations_group
from ctpdoc.cli.validate import validate_command
from ctpdoc.errors import CtpdocError
from ctpdoc.project import TRUST_ENVIRONMENT


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


for command in (
    init_command,
    build_command,
    validate_command,
    changes_command,
    review_command,
    new_workbook_command,
    snapshot_command,
    translations_group,
    templates_group,
    import_command,
    harvest_command,
):
    cli.add_command(command)


def main() -> None:
    """The entry point (``ctpdoc``, ``python -m ctpdoc``): this group, run by :func:`ctpdoc.cli.process.main`."""
    process.main(cli)
