"""``ctpdoc templates …``: check, dump and describe the language templates; parses options and calls
:mod:`ctpdoc.commands.templates`."""

from __future__ import annotations

from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectGroup, sources_option, templates_option
from ctpdoc.cli.say import say, say_utf8
from ctpdoc.commands.templates import check_templates, default_language, dump_template, variables_table
from ctpdoc.errors import counted


@click.group("templates", cls=ProjectGroup)
def templates_group() -> None:
    """Tools for translators: check, dump and describe the language templates."""


@templates_group.command("check")
@templates_option()
@sources_option("Folder of document.xlsx, whose declared shape (parts, columns, statuses) gives the names a template may use.")
def templates_check(templates: Path, sources: Path) -> None:
    """Lint every language template and compare them with each other.

    Reports Jinja syntax errors, tags Word split beyond repair, names the context does not
    provide, and any variable, loop or condition one language has and another lacks
    (body, headers and footers), each with the template, the paragraph and its text.
    """
    languages = check_templates(templates, sources)
    say(f"{counted(len(languages), 'template')} checked ({', '.join(languages)}): no problems; every language has the same tags.")


@templates_group.command("dump")
@click.argument("what", required=False, metavar="[LANG|FILE]")
@templates_option()
@sources_option("Folder of document.xlsx, whose first language with a template is dumped when WHAT is left out.", reads=False)
def templates_dump(what: str | None, templates: Path, sources: Path) -> None:
    """Print a template as text, one paragraph a line, with its tags (for reviewing changes).

    WHAT is a language (default: the settings' original language, else their first, that has a
    template) or the path of any .docx, which lets git show template changes as text (see the
    README: a textconv diff driver).
    """
    for line in dump_template(templates, what or default_language(templates, sources)):
        say_utf8(line)  # to a file or a pipe (git's diff driver) in UTF-8, whatever the code page


@templates_group.command("variables")
@sources_option("Folder of document.xlsx, whose declared shape (parts, columns, statuses) gives the names.")
def templates_variables(sources: Path) -> None:
    """Print the table of every tag a template may use, from the typed context of the report's shape (Markdown)."""
    for line in variables_table(sources):
        say(line)
