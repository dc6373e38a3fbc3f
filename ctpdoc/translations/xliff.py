"""The round trip with translators' CAT tools: XLIFF 1.2 out of the workbooks, and back into their cells.

Takes a :class:`~ctpdoc.translations.catalogue.Catalogue` and gives an XLIFF 1.2 file (valid against the
OASIS strict schema) with one ``trans-unit`` per cell that needs translating into a language;
reads such a file back, checks every unit against the workbooks as they are now, and gives the
cell edits (or writes them, through the one workbook writer).

Choices, each for what CAT tools do with it:

- one ``file`` per workbook and source language; ``original`` is the workbook's name;
- unit ids ``wp-2022-2025.xlsx/Part I/1.3/Progress (FR)``: workbook, sheet, activity number and
  the column the target goes into; stable from one export to the next;
- line breaks in a cell are literal newlines under ``xml:space="preserve"`` (translate-toolkit,
  Okapi and OmegaT keep them; an ``<x ctype="lb"/>`` is dropped by some);
- the source text and its translation when last in step (the record's), else at the baseline, as an
  ``alt-trans`` proposal, so the tool shows what changed and offers the old translation;
- states: ``new`` (nothing to start from), ``needs-translation`` (empty, the activity existed),
  ``needs-review-translation`` (out of date: the target is the translation of the earlier text),
  ``translated`` (with ``--all``: up to date or confirmed).

Reading (:mod:`ctpdoc.translations.units`) streams the file under limits and refuses a DTD.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ctpdoc import __version__
from ctpdoc.changes.diff import diff_words, inline
from ctpdoc.errors import InputError, Problem, counted, fail
from ctpdoc.model import Location
from ctpdoc.package.backups import Backups
from ctpdoc.translations.catalogue import Catalogue, record_in_step
from ctpdoc.translations.review import confirmations_sheet
from ctpdoc.translations.texts import Entry, State, Text, quote
from ctpdoc.translations.units import NS, Translated, clean, q, read_units
from ctpdoc.workbooks import edit, values

XML_NS = "http://www.w3.org/XML/1998/namespace"
STATE = {
    State.MISSING: "needs-translation",
    State.OUT_OF_DATE: "needs-review-translation",
    State.CONFIRMED: "translated",
    State.UP_TO_DATE: "translated",
}
LISTED = 10  # units an import lists of each kind it leaves undone; the rest counted
# What a cell may hold: C0 and C1 control characters (but tab and line feed) come from a broken paste or tool.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class Unit:
    """One trans-unit to export: an entry of the target language and the language it is translated from."""

    entry: Entry
    source: str


def unit_id(text: Text, lang: str) -> str:
    return f"{text.workbook}/{text.sheet}/{text.number}/{text.column(lang)}"


def choose_source(entry: Entry, wanted: str | None, languages: Sequence[str]) -> str | None:
    """``--from``, or the language whose text changed (out of date), or the first filled one."""
    text = entry.text
    if wanted is not None:
        return wanted if text.now.get(wanted) else None
    preferred = [lang for lang in text.changed if lang != entry.lang] if entry.state is State.OUT_OF_DATE else []
    filled = [lang for lang in languages if lang != entry.lang and text.now.get(lang)]
    return next(iter(preferred + filled), None)


def units_to_export(catalogue: Catalogue, to: str, source: str | None, everything: bool) -> tuple[list[Unit], list[Entry]]:
    """The units, and the entries left out because their source language is empty."""
    units, skipped = [], []
    for entry in catalogue.entries(to):
        if not everything and entry.state not in (State.MISSING, State.OUT_OF_DATE):
            continue
        chosen = choose_source(entry, source, catalogue.languages)
        if chosen is None:
            skipped.append(entry)
        else:
            units.append(Unit(entry, chosen))
    return units, skipped


def export(
    catalogue: Catalogue, to: str, source: str | None = None, everything: bool = False
) -> tuple[bytes, list[Unit], list[Entry]]:
    """The XLIFF 1.2 document of the texts to translate into ``to``; the units in it and the entries skipped."""
    check_language(catalogue, to, "--to")
    if source is not None:
        check_language(catalogue, source, "--from")
        if source == to:
            raise fail(Location("--from"), f"is the language translated into ({to}); choose another")
    units, skipped = units_to_export(catalogue, to, source, everything)
    root = etree.Element(q("xliff"), nsmap={None: NS}, version="1.2")
    root.text = "\n"
    groups: dict[tuple[str, str], list[Unit]] = {}
    for unit in units:
        groups.setdefault((unit.entry.text.workbook, unit.source), []).append(unit)
    for (workbook, lang), members in groups.items():
        body = file_element(root, workbook, lang, to)
        for unit in members:
            trans_unit(body, unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n", units, skipped


def check_language(catalogue: Catalogue, lang: str, option: str) -> None:
    if lang not in catalogue.languages:
        raise fail(Location(option), f"{lang} is not a language of the settings ({', '.join(catalogue.languages)})")


def file_element(root: etree._Element, workbook: str, source: str, target: str) -> etree._Element:
    file = etree.SubElement(root, q("file"), original=workbook, datatype="plaintext")
    file.set("source-language", source)
    file.set("target-language", target)
    file.text = "\n"
    file.tail = "\n"
    header = etree.SubElement(file, q("header"))
    header.tail = "\n"
    etree.SubElement(header, q("tool"), {"tool-id": "ctpdoc", "tool-name": "ctpdoc", "tool-version": __version__})
    note = etree.SubElement(header, q("note"), {"from": "ctpdoc"})
    note.text = (
        f"Texts of {workbook} to translate into {target}. Translate the targets; keep the ids. "
        "Import with: ctpdoc translations import FILE.xlf --apply"
    )
    body = etree.SubElement(file, q("body"))
    body.text = "\n"
    body.tail = "\n"
    return body


def trans_unit(body: etree._Element, unit: Unit) -> None:
    entry, text, lang = unit.entry, unit.entry.text, unit.source
    element = etree.SubElement(body, q("trans-unit"), id=unit_id(text, entry.lang), resname=f"{text.number} {text.field}")
    element.set(f"{{{XML_NS}}}space", "preserve")  # a cell's line breaks are literal newlines
    element.tail = "\n"
    etree.SubElement(element, q("source")).text = text.now[lang]
    target = etree.SubElement(element, q("target"), state=state_of_unit(entry))
    target.text = text.now.get(entry.lang) or None
    context = etree.SubElement(element, q("note"), {"from": "ctpdoc", "annotates": "general"})
    context.text = f"{text.number}: {text.title.get(lang) or text.title.get(entry.lang, '')} ({text.sheet}, {text.column(lang)})"
    then = text.then or {}
    was = (text.was(lang), text.was(entry.lang)) if entry.state is State.OUT_OF_DATE and text.since is not None else (None, None)
    in_step = was[0] is not None and was[1] is not None and was != (then.get(lang), then.get(entry.lang))
    if entry.state is State.OUT_OF_DATE:
        why = etree.SubElement(element, q("note"), {"from": "ctpdoc", "annotates": "target", "priority": "1"})
        shows = "the texts as they were last in step" if in_step else "the previous report's"
        why.text = (
            f"{entry.columns(entry.others)} changed {text.last_in_step}; "
            f"the target is the translation of the earlier text (the alternative translation shows {shows}): review it."
        )
    if in_step:  # what changed since the texts were last in step, which the record keeps
        alternative = etree.SubElement(element, q("alt-trans"), origin="last in step")
        etree.SubElement(alternative, q("source")).text = was[0]
        etree.SubElement(alternative, q("target")).text = was[1]
    elif then.get(lang) and then.get(entry.lang) and (then[lang] != text.now[lang] or entry.state is State.OUT_OF_DATE):
        alternative = etree.SubElement(element, q("alt-trans"), origin="previous report")
        etree.SubElement(alternative, q("source")).text = then[lang]
        etree.SubElement(alternative, q("target")).text = then[entry.lang]


def state_of_unit(entry: Entry) -> str:
    if entry.state is State.MISSING and entry.text.then is None:
        return "new"  # a new activity, or the draft programme: nothing earlier to start from
    return STATE[entry.state]


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class CellChange:
    text: Text
    lang: str
    old: str
    new: str

    def describe(self) -> str:
        flat = inline(diff_words(self.old, self.new)).replace("\n", " ⏎ ")
        return f"{self.text.where(self.lang)}: {flat}"


@dataclass(frozen=True)
class Plan:
    """What an import does: cells to write, and out-of-date translations the translator kept (confirmed); and the
    units it leaves as they are: untranslated (no target), still to review (out of date, the earlier translation
    kept and not marked reviewed), and already the cell's text (up to date)."""

    changes: list[CellChange]
    confirmed: list[Entry]
    untranslated: list[CellChange] = field(default_factory=list)
    unreviewed: list[CellChange] = field(default_factory=list)
    unchanged: list[CellChange] = field(default_factory=list)

    def left(self) -> Iterator[str]:
        """What the import leaves undone, a line per kind with its count, then its units (at most :data:`LISTED`)."""
        kinds = (
            (self.untranslated, "untranslated, its cell left as it is", "untranslated, their cells left as they are"),
            (self.unreviewed, "still to review, its earlier translation kept and not marked reviewed (still out of date)",
             "still to review, their earlier translations kept and not marked reviewed (still out of date)"),
            (self.unchanged, "left as it was (the cell's text already)", "left as they were (the cells' texts already)"),
        )  # fmt: skip
        for units, one, many in kinds:
            if not units:
                continue
            yield f"{counted(len(units), 'unit')} {one if len(units) == 1 else many}:"
            yield from (f"  {change.text.where(change.lang)}" for change in units[:LISTED])
            if len(units) > LISTED:
                yield f"  … and {len(units) - LISTED} more"

    def counts(self) -> str:
        """``2 untranslated, 1 still to review, 0 left as they were``: every unit the import does not write."""
        return (
            f"{len(self.untranslated)} untranslated, {len(self.unreviewed)} still to review, "
            f"{len(self.unchanged)} left as they were"
        )


def plan_import(catalogue: Catalogue, path: Path) -> Plan:
    """Every cell the file would change, and the units it leaves; raises with every problem (nothing is written then)."""
    where = Location(path.name)
    known = {text.workbook for text in catalogue.texts}
    units = read_units(path, 2 * len(catalogue.texts) * len(catalogue.languages))  # po2xliff -t doubles an export
    problems: list[Problem] = []
    chosen: dict[tuple[str, str], Translated] = {}
    for unit in units:
        if unit.workbook not in known:
            problems.append(
                Problem(
                    where,
                    f"is for {unit.workbook or 'no workbook'}, not for a workbook of {catalogue.folder} "
                    f"({', '.join(sorted(known))}); export again from these workbooks",
                )
            )
            break
        earlier = chosen.get((unit.workbook, unit.id))
        if earlier is not None and earlier.converted == unit.converted:
            problems.append(Problem(Location(path.name, f"unit {unit.id}"), "appears twice in the file; keep one"))
            continue
        if earlier is None or unit.converted:
            chosen[unit.workbook, unit.id] = unit  # po2xliff's unit, from the translated PO, stands for the exported one
    plan = Plan([], [])
    stale = {
        (e.text.key, e.lang): e for lang in catalogue.languages for e in catalogue.entries(lang) if e.state is State.OUT_OF_DATE
    }
    for unit in chosen.values():
        change = check_unit(catalogue, unit, Location(path.name, f"unit {unit.id}"), problems)
        if change is None:
            continue
        out_of_date = stale.get((change.text.key, change.lang))
        if not change.new:
            plan.untranslated.append(change)
        elif change.new != change.old:
            plan.changes.append(change)
        elif out_of_date is not None and unit.reviewed:
            plan.confirmed.append(out_of_date)  # reviewed in the CAT tool and kept as it was
        elif out_of_date is not None:
            plan.unreviewed.append(change)
        else:
            plan.unchanged.append(change)
    if problems:
        raise InputError(problems)
    return plan


def check_unit(catalogue: Catalogue, unit: Translated, place: Location, problems: list[Problem]) -> CellChange | None:
    text, lang = find_text(catalogue, unit)
    if text is None or lang is None:
        problems.append(
            Problem(place, f"names no translated text of {unit.workbook}; it is not from an export of these workbooks")
        )
        return None
    if lang != unit.target_lang or unit.source_lang not in text.now or unit.source_lang == lang:
        problems.append(
            Problem(
                place,
                f"goes into {text.column(lang)} but the file translates {unit.source_lang or '?'} "
                f"into {unit.target_lang or '?'}; export again with --to {lang}",
            )
        )
        return None
    current = text.now[unit.source_lang]
    if clean(unit.source) != current:
        problems.append(
            Problem(
                text.where(lang),
                f"the file translates {quote(clean(unit.source))} but {text.column(unit.source_lang)} "
                f"now reads {quote(current)}: "
                "the text changed since the export; export again and translate the new text",
            )
        )
        return None
    if unit.markup:
        problems.append(
            Problem(
                text.where(lang),
                f"the translation holds markup (<{'>, <'.join(unit.markup)}>); "
                "a cell holds plain text: remove the formatting in the CAT tool",
            )
        )
        return None
    target = clean(unit.target or "")
    if not target:
        return CellChange(text, lang, text.now.get(lang, ""), "")  # untranslated: the cell left as it is
    if _CONTROL.search(target):
        problems.append(
            Problem(text.where(lang), "the translation holds control characters; retype it without them in the CAT tool")
        )
        return None
    wrong = values.problem(target)
    if wrong:
        problems.append(Problem(place, f"the translation {wrong} in the CAT tool"))
        return None
    return CellChange(text, lang, text.now.get(lang, ""), target)


def find_text(catalogue: Catalogue, unit: Translated) -> tuple[Text | None, str | None]:
    workbook, _, rest = unit.id.partition("/")
    sheet, _, rest = rest.partition("/")
    number, _, column = rest.rpartition("/")
    match = re.match(r"^(?P<field>.+) \((?P<lang>[A-Za-z-]+)\)$", column)
    if workbook != unit.workbook or not match:
        return None, None
    text = catalogue.find(workbook, sheet, number, match["field"])
    lang = match["lang"].lower()
    return (text, lang) if text is not None and lang in text.now else (None, None)


def apply(catalogue: Catalogue, plan: Plan, today: dt.date, read: Mapping[str, str] | None = None) -> list[tuple[str, int, Path]]:
    """Write the plan through the one workbook writer, every workbook together (all or none); gives (workbook,
    cells, backup). ``read``: the hash of each workbook as the command read it (one replaced since is refused)."""
    by_workbook: dict[str, list[edit.CellEdit]] = {}
    for change in plan.changes:
        by_workbook.setdefault(change.text.workbook, []).append(
            edit.CellEdit(change.text.sheet, change.text.cell(change.lang), change.new)
        )
    if plan.confirmed:
        by_workbook.setdefault(catalogue.current_workbook, [])
    for workbook in by_workbook:
        edit.check_not_open(catalogue.folder / workbook)  # before writing any: all of the files or none of them
    done = []
    backups = Backups(catalogue.folder)  # one dated folder for the command
    for workbook, edits in by_workbook.items():
        confirmed = plan.confirmed if workbook == catalogue.current_workbook else []
        sheets = [confirmations_sheet(catalogue, confirmed, today)] if confirmed else []
        done.append(edit.edited(catalogue.folder / workbook, edits, sheets, (read or {}).get(workbook), backups))
    edit.write_edited(done)
    record_in_step(catalogue.folder, {change.text.key for change in plan.changes})  # a translation imported is in step
    return [(workbook, len(edits), made.backup) for (workbook, edits), made in zip(by_workbook.items(), done, strict=True)]
