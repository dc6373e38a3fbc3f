"""Option types shared by every command group, and the ``-q`` every command takes."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.say import QUIET

FOLDER = click.Path(file_okay=False, path_type=Path)


def quiet_option() -> click.Option:
    """``-q``: only warnings and errors are printed (on stderr); nothing on stdout, no progress. Added to every
    command by :class:`ctpdoc.cli.folders.ProjectCommand`; :func:`ctpdoc.cli.say.say` reads it."""

    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.find_root().meta[QUIET] = True

    return click.Option(
        ["-q", "--quiet"], is_flag=True, expose_value=False, callback=remember,
        help="Print only warnings and errors (on stderr): no summary, no listing, no progress.",
    )  # fmt: skip
