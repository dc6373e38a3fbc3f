"""``ctpdoc translations …``: status, confirm, export and import; parses options and calls
:mod:`ctpdoc.translations.catalogue` and :mod:`ctpdoc.translations.xliff`, no logic of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ctpdoc.cli.folders import ProjectGroup, sources_option
from ctpdoc.cli.say import say
from ctpdoc.commands.writing import writing
from ctpdoc.errors import command, counted, fail
from ctpdoc.model import Location
from ctpdoc.package.writer import write_file_atomically
from ctpdoc.translations.catalogue import read_catalogue
from ctpdoc.translations.review import confirm, status
from ctpdoc.translations.xliff import Plan, apply, export, plan_import

SOURCES = sources_option()


@click.group("translations", cls=ProjectGroup)
def translations_group() -> None:
    """Keep translations current: what is missing or out of date, confirmations, and XLIFF for CAT tools."""


@translations_group.command("status")
@SOURCES
@click.option(
    "--lang", "languages", multiple=True, metavar="LANG", help="Language to list (repeatable); default: every language."
)
def status_command(sources: Path, languages: tuple[str, ...]) -> None:
    """List every text that is missing, out of date or confirmed, and every translation whose numbers are not its
    source's, cell by cell, then the counts per language.

    A text is out of date in a language when, since the texts were last seen in step (the record
    translations.toml beside the workbooks; without it, the previous report), it changed in another
    language and not in this one.
    """
    for line in status(read_catalogue(sources), [lang.lower() for lang in languages]):
        say(line)


@translations_group.command("confirm")
@SOURCES
@click.argument("cells", nargs=-1, metavar="[CELL]...")
@click.option("--all", "everything", is_flag=True, help="Confirm every out-of-date translation (of --lang).")
@click.option(
    "--lang", "languages", multiple=True, metavar="LANG", help="With --all: only this language's translations (repeatable)."
)
def confirm_command(sources: Path, cells: tuple[str, ...], everything: bool, languages: tuple[str, ...]) -> None:
    """Record that out-of-date translations are still right, without changing them.

    CELL is written as Excel does, e.g. 'Part I!K5' (as validate names it; in single quotes in a POSIX shell,
    in double quotes on Windows). The confirmations are kept in the
    workbook's sheet "Confirmed translations"; each lapses by itself when the other language's text changes again.
    """
    if not cells and not everything:
        raise click.UsageError(
            f"name the cells to confirm (e.g. {command('translations', 'confirm', 'Part I!K5')}), or give --all"
        )
    with writing(sources, "translations confirm") as read:
        catalogue = read_catalogue(sources)
        confirmed = confirm(catalogue, cells, [lang.lower() for lang in languages], everything, dt.date.today(), read)
    for entry in confirmed:
        say(f"{entry.text.where(entry.lang)}: confirmed")
    if confirmed:
        say(f"{counted(len(confirmed), 'translation')} confirmed in {catalogue.current_workbook} › Confirmed translations")
    else:
        say("no out-of-date translation to confirm")


@translations_group.command("export")
@SOURCES
@click.option("--to", "to", required=True, metavar="LANG", help="The language to translate into.")
@click.option(
    "--from",
    "source",
    metavar="LANG",
    help="The language to translate from; default: the one whose text changed (or the first filled).",
)
@click.option("--all", "everything", is_flag=True, help="Every text, not only the missing and out-of-date ones.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .xlf file to write; default: translations-LANG.xlf.",
)
def export_command(sources: Path, to: str, source: str | None, everything: bool, output: Path | None) -> None:
    """Write an XLIFF 1.2 file, for a CAT tool, of the texts to translate into --to (missing or out of date)."""
    to = to.lower()
    data, units, skipped = export(read_catalogue(sources), to, source.lower() if source else None, everything)
    for entry in skipped:
        say(f"{entry.text.where(entry.lang)}: skipped: the text to translate from is empty", err=True)
    if not units:
        say(f"nothing to translate into {to}: every text is filled and up to date (--all exports them all); no file written")
        return
    target = output or Path(f"translations-{to}.xlf")
    if target.suffix.lower() not in (".xlf", ".xliff"):
        raise fail(Location(str(target)), "should end in .xlf (the name CAT tools open)")
    if not target.parent.is_dir():
        raise fail(
            Location(str(target)), f"cannot be written: the folder {target.parent} does not exist; create it or choose another -o"
        )

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_file_atomically(target, write)
    say(f"wrote {target} ({counted(len(units), 'text')} to translate into {to})")


@translations_group.command("import")
@SOURCES
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--apply",
    "write",
    is_flag=True,
    help="Write the translations into the workbooks (the previous versions kept in a dated folder under backups/).",
)
def translations_import_command(sources: Path, file: Path, write: bool) -> None:
    """Read a translated XLIFF 1.2 file back: show what each cell would become, or write it with --apply.

    Every unit is checked first (its text unchanged in the workbook since the export, a target that is plain
    text); if any is wrong nothing is written. Then the units left are counted and listed: untranslated (no
    target), still to review (out of date, not marked reviewed), left as they were.
    """
    if not write:
        catalogue = read_catalogue(sources)
        plan = plan_import(catalogue, file)
        describe(plan)
        say(
            f"{counted(len(plan.changes), 'cell')} would change, {counted(len(plan.confirmed), 'translation')} be confirmed "
            f"({plan.counts()}); run again with --apply to write them"
        )
        return
    with writing(sources, "translations import --apply") as read:
        catalogue = read_catalogue(sources)
        plan = plan_import(catalogue, file)
        describe(plan)
        written = apply(catalogue, plan, dt.date.today(), read)
    for workbook, count, backup in written:
        say(f"wrote {counted(count, 'cell')} into {workbook} (the previous version is kept as {backup})")
    if plan.confirmed:
        say(f"{counted(len(plan.confirmed), 'translation')} confirmed in {catalogue.current_workbook} › Confirmed translations")
    if not plan.changes and not plan.confirmed:
        say(f"nothing written ({plan.counts()})")


def describe(plan: Plan) -> None:
    for change in plan.changes:
        say(change.describe())
    for entry in plan.confirmed:
        say(f"{entry.text.where(entry.lang)}: kept as it was, reviewed in the CAT tool: will be confirmed")
    for line in plan.left():
        say(line)
