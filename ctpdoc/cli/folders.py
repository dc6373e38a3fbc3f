"""The folders a command works on: its options (--sources, --templates, --out, --into) or the report folder's.

An option left out takes the folder that the nearest ``ctpdoc.toml`` upward records
(:func:`ctpdoc.project.find_project`), as git finds its repository; with no project file, the
folder of that name in the current folder, as before. A command run below the report folder
says which one it uses (on stderr, not with ``-q``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ctpdoc.cli.options import FOLDER, quiet_option
from ctpdoc.cli.say import quiet, say
from ctpdoc.errors import CtpdocError
from ctpdoc.project import DEFAULT_FOLDERS, PROJECT_FILE, Project, find_project

F = TypeVar("F", bound=Callable[..., Any])
_PROJECT = "ctpdoc.project"  # ctx.meta: the report folder found for this command, once


def folder_option(*flags: str, kind: str, help: str, reads: bool = True) -> Callable[[F], F]:
    """``--sources`` (kind ``sources``) and the like: the option, or the report folder's. A folder the command
    ``reads`` must exist when there is no report folder: else the message says how to start one."""
    default = DEFAULT_FOLDERS[kind]
    return click.option(
        *flags,
        default=None,
        type=FOLDER,
        callback=lambda ctx, param, value: chosen(ctx, kind, value, reads),
        help=f"{help} [default: the report folder's, else ./{default}]",
    )


def sources_option(help: str = "Folder of the workbooks.", reads: bool = True) -> Callable[[F], F]:
    return folder_option("--sources", kind="sources", help=help, reads=reads)


def templates_option(help: str = "Folder of the language templates (<lang>/report.docx).") -> Callable[[F], F]:
    return folder_option("--templates", kind="templates", help=help)


def out_option(help: str = "Folder the documents are written to.") -> Callable[[F], F]:
    return folder_option("--out", kind="out", help=help, reads=False)


def current_folder() -> Path:
    """The current folder; one that no longer exists (removed, or a ``build/`` a build replaced) is told on one line."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        shown = os.environ.get("PWD") or "(its name is unknown)"
        raise CtpdocError(
            f"the current folder {shown} no longer exists (removed, or replaced: a build replaces build/); cd into it again, "
            "or into another folder"
        ) from None


def chosen(ctx: click.Context, kind: str, value: Path | None, reads: bool) -> Path:
    if value is not None:
        return value
    here = current_folder()
    project = project_of(ctx, here)
    if project is not None:
        folder = project.folder(kind)
        return Path(os.path.relpath(folder, here)) if project.root == here.absolute() else folder
    folder = Path(DEFAULT_FOLDERS[kind])
    if reads and not folder.is_dir():
        raise CtpdocError(
            f"no report folder here: no {PROJECT_FILE} in {here} or any folder above it, and no {folder}/; "
            f"run `ctpdoc init` to make one (or `cd` into yours), or give --{kind}"
        )
    return folder


def project_of(ctx: click.Context, here: Path) -> Project | None:
    root = ctx.find_root()
    if _PROJECT not in root.meta:
        root.meta[_PROJECT] = find_project(here, root.params.get("trust") or ())
    project: Project | None = root.meta[_PROJECT]
    return project


class ProjectCommand(click.Command):
    """A command that says which report folder it uses when that is not the current folder; every one takes ``-q``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(quiet_option())

    def invoke(self, ctx: click.Context) -> Any:
        project: Project | None = ctx.find_root().meta.get(_PROJECT)
        if project is not None and project.root != current_folder().absolute() and not quiet():
            say(f"using the report folder {project.root}", err=True)
        return super().invoke(ctx)


class ProjectGroup(click.Group):
    """A group whose commands (and subgroups') are :class:`ProjectCommand`."""

    command_class = ProjectCommand
    group_class = type  # subgroups are of this class too
