"""What a translator reviews: ``translations status`` (per language, what is missing, out of date and confirmed)
and ``translations confirm`` (a translation still right although the other language changed).

Takes the :class:`~ctpdoc.translations.catalogue.Catalogue`; gives the status lines, and writes confirmations into the
``Confirmed translations`` sheet through the one workbook writer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ctpdoc import contract
from ctpdoc.contract import CONFIRMATION_COLUMNS, CONFIRMATIONS_SHEET
from ctpdoc.errors import InputError, Problem, fail
from ctpdoc.model import Confirmation, Location
from ctpdoc.translations.catalogue import FIGURES, Catalogue, figures_unlike
from ctpdoc.translations.texts import Entry, State, by_key, state_of
from ctpdoc.workbooks import edit

# ---------------------------------------------------------------- translations status


@dataclass(frozen=True)
class TranslationCounts:
    lang: str
    missing: int
    out_of_date: int
    confirmed: int
    up_to_date: int
    figures: int = 0  # translations (up to date or confirmed) whose numbers are not their source's

    def __str__(self) -> str:
        unlike = f"; {self.figures} with numbers unlike the source's" if self.figures else ""
        return (
            f"{self.lang}: {self.missing} missing, {self.out_of_date} out of date, {self.confirmed} confirmed, "
            f"{self.up_to_date} up to date{unlike}"
        )


def status(catalogue: Catalogue, languages: Sequence[str] = ()) -> Iterator[str]:
    """``translations status``: each text that is not simply up to date, then the counts per language."""
    chosen = list(languages) or list(catalogue.languages)
    for lang in chosen:
        if lang not in catalogue.languages:
            raise fail(Location("--lang"), f"{lang} is not a language of the settings ({', '.join(catalogue.languages)})")
    totals = []
    unlike = list(figures_unlike(catalogue.sources))
    for lang in chosen:
        entries = catalogue.entries(lang)
        for entry in entries:
            if entry.state is not State.UP_TO_DATE:
                yield f"{entry.text.where(lang)}: {entry.describe()}"
        figures = [(entry, how) for entry, how in unlike if entry.lang == lang]
        for entry, how in figures:
            yield f"{entry.text.where(lang)}: {FIGURES}: {how}"
        count = {state: sum(1 for e in entries if e.state is state) for state in State}
        counts = (count[State.MISSING], count[State.OUT_OF_DATE], count[State.CONFIRMED], count[State.UP_TO_DATE])
        totals.append(TranslationCounts(lang, *counts, len(figures)))
    yield from (str(t) for t in totals)


# ---------------------------------------------------------------- translations confirm

_REFERENCE = re.compile(r"^\s*'?(?P<sheet>[^'!]+)'?!\s*\$?(?P<column>[A-Za-z]{1,3})\$?(?P<row>\d+)\s*$")


def confirmation_of(entry: Entry, today: dt.date) -> Confirmation:
    others = [lang for lang in entry.text.now if lang != entry.lang]
    text = entry.text.now[entry.others[0]] if entry.others else ""
    return Confirmation(
        entry.text.number, entry.text.sheet, entry.text.column(entry.lang), entry.text.cell(entry.lang),
        entry.columns(others), text, entry.text.fingerprint(entry.lang), today,
    )  # fmt: skip


def confirm(
    catalogue: Catalogue,
    references: Sequence[str],
    languages: Sequence[str],
    everything: bool,
    today: dt.date,
    read: Mapping[str, str] | None = None,
) -> list[Entry]:
    """``translations confirm``: record that these out-of-date translations are still right.

    ``references`` are cells as Excel writes them (``Part I!K5``); ``everything`` takes every
    out-of-date text (of ``languages``, default all). Confirmations that still hold are kept,
    lapsed ones dropped; the sheet is written whole through the one workbook writer. ``read``: the hash of
    each workbook as the command read it (a workbook replaced since is refused).
    """
    wanted = list(languages) or list(catalogue.languages)
    for lang in wanted:
        if lang not in catalogue.languages:
            raise fail(Location("--lang"), f"{lang} is not a language of the settings ({', '.join(catalogue.languages)})")
    stale = [e for lang in wanted for e in catalogue.entries(lang) if e.state is State.OUT_OF_DATE]
    chosen = stale if everything else pick(catalogue, references, stale)
    if chosen:
        name = catalogue.current_workbook
        edit.update_cells(catalogue.folder / name, [], [confirmations_sheet(catalogue, chosen, today)], (read or {}).get(name))
    return chosen


def confirmations_sheet(catalogue: Catalogue, chosen: Sequence[Entry], today: dt.date) -> contract.SheetSpec:
    """The whole ``Confirmed translations`` sheet: the confirmations that still hold, and ``chosen``'s."""
    kept = [
        e.confirmation
        for lang in catalogue.languages
        for e in catalogue.entries(lang)
        if e.state is State.CONFIRMED and e.confirmation is not None and e not in chosen
    ]
    rows = [c.row() for c in kept] + [confirmation_of(e, today).row() for e in chosen]
    return contract.SheetSpec(CONFIRMATIONS_SHEET, CONFIRMATION_COLUMNS, rows)


def pick(catalogue: Catalogue, references: Sequence[str], stale: list[Entry]) -> list[Entry]:
    """The out-of-date entries named by ``references``; every reference that names none is an error."""
    where = Location(catalogue.current_workbook)
    problems: list[Problem] = []
    chosen: list[Entry] = []
    for reference in references:
        match = _REFERENCE.match(reference)
        if not match:
            problems.append(Problem(where, f'"{reference}" is not a cell such as "Part I!K5" (the sheet, "!", the cell)'))
            continue
        sheet, cell = match["sheet"].strip(), f"{match['column'].upper()}{match['row']}"
        found = [e for e in stale if e.text.sheet == sheet and e.text.cell(e.lang) == cell]
        if found:
            chosen += [e for e in found if e not in chosen]
            continue
        state = describe_cell(catalogue, sheet, cell)
        problems.append(
            Problem(
                Location(catalogue.current_workbook, sheet, cell), f"{state}; only an out-of-date translation can be confirmed"
            )
        )
    if problems:
        raise InputError(problems)
    return chosen


def describe_cell(catalogue: Catalogue, sheet: str, cell: str) -> str:
    sheets = catalogue.sources.settings.shape.sheets
    if sheet not in sheets:
        return f'there is no sheet "{sheet}" to confirm in (sheets are {", ".join(sheets)})'
    for text in catalogue.texts:
        if text.workbook != catalogue.current_workbook or text.sheet != sheet:
            continue
        for lang in catalogue.languages:
            if text.cell(lang) == cell:
                entry = state_of(text, lang, by_key(catalogue.confirmations))
                state = entry.state.value if entry else "empty in every language"
                return f"{text.column(lang)} of {text.number} is {state}"
    return "is not a translated text of an activity"
