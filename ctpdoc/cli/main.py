"""The command line: the group ``ctpdoc``, its options, and where each of its commands is defined.

Each command parses its options in a module of its own (``cli/build.py``, ``cli/init.py``, …; the groups
``templates`` and ``translations`` in theirs) and calls the commands layer; the process it runs in (signals,
exit codes, the collector at exit) is :mod:`ctpdoc.cli.process`'s.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from ctpdoc import __version__
from ctpdoc.cli import process
from ctpdoc.cli.folders import ProjectGroup, current_folder
from ctpdoc.errors import CtpdocError
from ctpdoc.project import TRUST_ENVIRONMENT


class Failure(click.ClickException):
    """A :class:`~ctpdoc.errors.CtpdocError` as click shows it: ``Error: …`` and the error's exit code."""

    def __init__(self, error: CtpdocError) -> None:
        super().__init__(error.format_message())
        setattr(self, "exit_code", error.exit_code)  # noqa: B010 (click declares exit_code a class variable; this error's own code wins)


# Each command and where it is defined, imported only when it runs (or --help lists them): a command brings its
# stages with it, and ``build`` need not import what ``init``, ``import`` or ``translations`` use (click's own
# "lazily loading subcommands" pattern). ``--help`` lists them in click's order, by name.
COMMANDS = {
    "init": "ctpdoc.cli.init:init_command",
    "build": "ctpdoc.cli.build:build_command",
    "validate": "ctpdoc.cli.validate:validate_command",
    "changes": "ctpdoc.cli.changes:changes_command",
    "review": "ctpdoc.cli.review:review_command",
    "new-workbook": "ctpdoc.cli.new_workbook:new_workbook_command",
    "snapshot": "ctpdoc.cli.snapshot:snapshot_command",
    "translations": "ctpdoc.cli.translations:translations_group",
    "templates": "ctpdoc.cli.templates:templates_group",
    "import": "ctpdoc.cli.importer:import_command",
    "harvest": "ctpdoc.cli.harvest:harvest_command",
}


class Commands(ProjectGroup):
    """The top-level group: its commands imported as they are asked for (:data:`COMMANDS`); the stages raise
    :class:`~ctpdoc.errors.CtpdocError`, which knows nothing of click."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return super().get_command(ctx, cmd_name)
        module, name = where.split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command) and command.name == cmd_name, where
        return command

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


def main() -> None:
    """The entry point (``ctpdoc``, ``python -m ctpdoc``): this group, run by :func:`ctpdoc.cli.process.main`."""
    process.main(cli)
