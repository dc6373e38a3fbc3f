"""Translations that never go stale: which texts are missing, out of date or confirmed, in each language.

Takes the sources folder (or the sources ``validate`` already read) and gives every per-language
text of the programme workbooks (``Activity``, ``Deliverable``, ``Lead``, ``Progress``) with its
cell in each language and its state there:

- **missing**: empty while another language is filled;
- **out of date**: since the baseline (the previous report's snapshot) it changed in another
  language and not in this one;
- **confirmed**: out of date, but someone confirmed the translation still says the same;
- **up to date**: everything else.

Confirmations live in a sheet ctpdoc writes into the reported programme's workbook,
``Confirmed translations``: one visible row per confirmed cell, with the activity number, the
cells, the text it was checked against, a fingerprint of the other languages' texts and the date.
A confirmation holds while the fingerprint matches: once the other language changes again it lapses
by itself. The contract's reader reads only ``Part I`` and ``Part II`` and never sees that sheet.

Only the reported programme has a baseline: the draft programme's texts can be missing, never out
of date.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ctpdoc import contract
from ctpdoc.contract import PART_SHEETS
from ctpdoc.errors import InputError, Report, fail
from ctpdoc.model import Activity, Location, Programme, Sources
from ctpdoc.paths import programme_file
from ctpdoc.workbooks.sheets import Sheet, read_workbook
from ctpdoc.workbooks.sources import collect_sources

CONFIRMATIONS_SHEET = "Confirmed translations"
CONFIRMATION_COLUMNS = (
    contract.Column("No.", "The activity number.", 8, contract.TEXT_FORMAT),
    contract.Column("Sheet", "Part I or Part II.", 10),
    contract.Column("Translation", "The column whose text was confirmed.", 18),
    contract.Column("Cell", "Its cell when it was confirmed (the activity's row may move; No. and Translation decide).", 8),
    contract.Column("Checked against", "The columns of the other languages it was checked against.", 20),
    contract.Column("Their text then", "What the other language said when the translation was confirmed.", 60),
    contract.Column("Fingerprint", "Of the other languages' texts: when they change, the confirmation lapses by itself.", 20),
    contract.Column("Confirmed on", "The date of the confirmation.", 14, "yyyy-mm-dd"),
)
# Per-language fields of an activity: the model's attribute and the header's field name.
TEXT_FIELDS = (("activity", "Activity"), ("deliverable", "Deliverable"), ("lead", "Lead"), ("progress", "Progress"))
QUOTE_LENGTH = 60  # characters of a text quoted in a one-line message
_ROW = re.compile(r"^row (\d+)$")


class State(enum.Enum):
    UP_TO_DATE = "up to date"
    MISSING = "missing"
    OUT_OF_DATE = "out of date"
    CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Text:
    """One per-language field of one activity (``1.3``'s ``Progress``), with its cells and texts."""

    workbook: str
    sheet: str
    number: str
    field: str
    row: int
    letters: Mapping[str, str]
    now: Mapping[str, str]
    then: Mapping[str, str] | None  # at the baseline; None in the draft programme or for an activity added since
    title: Mapping[str, str]  # the activity's own text, for context

    def column(self, lang: str) -> str:
        return f"{self.field} ({lang.upper()})"

    def cell(self, lang: str) -> str:
        return f"{self.letters[lang]}{self.row}"

    def where(self, lang: str) -> Location:
        """``wp-2022-2025.xlsx › Part I › K5 (1.3, Progress (FR))``."""
        return Location(self.workbook, self.sheet, f"{self.cell(lang)} ({self.number}, {self.column(lang)})")

    def cell_location(self, lang: str) -> Location:
        return Location(self.workbook, self.sheet, self.cell(lang))

    @property
    def changed(self) -> list[str]:
        """The languages whose text differs from the baseline's (none without a baseline); a text emptied is
        missing, not a change the others should follow."""
        if self.then is None:
            return []
        return [lang for lang, text in self.now.items() if text and text != self.then.get(lang, "")]

    def fingerprint(self, lang: str) -> str:
        """Of every other language's text now: a confirmation of ``lang`` holds while it matches."""
        others = "\x1f".join(f"{other}\x1e{self.now[other]}" for other in sorted(self.now) if other != lang)
        return hashlib.sha256(others.encode("utf-8")).hexdigest()[:16]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.workbook, self.number, self.field)


@dataclass(frozen=True)
class Confirmation:
    """One row of the ``Confirmed translations`` sheet."""

    number: str
    sheet: str
    column: str
    cell: str
    against: str
    text: str
    fingerprint: str
    date: dt.date | None

    def row(self) -> list[contract.WritableValue]:
        return [self.number, self.sheet, self.column, self.cell, self.against, self.text, self.fingerprint, self.date]


@dataclass(frozen=True)
class Entry:
    """A text in one language, and its state there."""

    text: Text
    lang: str
    state: State
    confirmation: Confirmation | None = None  # the one that holds, or the one that lapsed (for an out-of-date text)

    @property
    def others(self) -> list[str]:
        """The languages it should follow: those that changed (out of date) or are filled (missing)."""
        if self.state in (State.OUT_OF_DATE, State.CONFIRMED):
            return [lang for lang in self.text.changed if lang != self.lang]
        return [lang for lang, value in self.text.now.items() if value and lang != self.lang]

    def columns(self, languages: Iterable[str]) -> str:
        return ", ".join(self.text.column(lang) for lang in languages)

    def out_of_date_message(self) -> str:
        """The warning of ``validate`` and ``build``."""
        others = self.others
        verb = "changed" if len(others) == 1 else "all changed"
        message = (
            f"{self.columns(others)} {verb} since the previous report but {self.text.column(self.lang)} did not; "
            f'update the translation, or confirm it (ctpdoc translations confirm "{self.text.sheet}!{self.text.cell(self.lang)}")'
        )
        then = self.text.then or {}
        quoted = "; ".join(f"{self.text.column(lang)} then read {quote(then.get(lang, ''))}" for lang in others)
        lapsed = f"; its confirmation of {self.confirmation.date or 'an earlier day'} lapsed" if self.confirmation else ""
        return f"{message}{lapsed}; {quoted}"

    def describe(self) -> str:
        """A line of ``translations status``."""
        if self.state is State.MISSING:
            verb = "is" if len(self.others) == 1 else "are"
            return f"missing: {self.columns(self.others)} {verb} filled but {self.text.column(self.lang)} is empty"
        if self.state is State.CONFIRMED:
            assert self.confirmation is not None
            day = self.confirmation.date or "an earlier day"
            return f"confirmed on {day}: still right for {self.columns(self.others)} as it reads now"
        if self.state is State.OUT_OF_DATE:
            return f"out of date: {self.out_of_date_message()}"
        return "up to date"


def quote(text: str) -> str:
    """A text in one line, shortened: “Work began in 2023 ⏎ Second line…”."""
    flat = " ⏎ ".join(line.strip() for line in text.splitlines()) if text else "(empty)"
    return f"“{flat[:QUOTE_LENGTH - 1]}…”" if len(flat) > QUOTE_LENGTH else f"“{flat}”"


# ---------------------------------------------------------------- the workbooks' own layout


@dataclass(frozen=True)
class Layout:
    """What the model does not keep: each sheet's column letters, and the confirmations sheet."""

    letters: Mapping[str, Mapping[str, str]]  # sheet → header → letter
    confirmations: tuple[Confirmation, ...] = ()


def read_layout(folder: Path, name: str) -> Layout:
    """Header letters of ``Part I``/``Part II`` and the confirmations of one programme workbook (read-only)."""
    report = Report()
    sheets = read_workbook(folder / name, PART_SHEETS, report, name, optional=(CONFIRMATIONS_SHEET,))
    if sheets is None:
        report.raise_if_errors()
        raise fail(Location(name), "cannot be read")
    letters = {title: sheet.letters for title, sheet in sheets.items() if title in PART_SHEETS}
    confirmations = tuple(read_confirmations(sheets[CONFIRMATIONS_SHEET])) if CONFIRMATIONS_SHEET in sheets else ()
    return Layout(letters, confirmations)


def read_confirmations(sheet: Sheet) -> Iterator[Confirmation]:
    """The rows of the confirmations sheet; a row someone damaged by hand confirms nothing."""
    wanted = [column.header for column in CONFIRMATION_COLUMNS]
    if any(name not in sheet.headers for name in wanted):
        return
    for row in sheet.rows:
        number, sheet_name, column, cell, against, text, fingerprint, date = (row.values.get(name) for name in wanted)
        if not (number and sheet_name and column and fingerprint):
            continue
        day = date.date() if isinstance(date, dt.datetime) else date if isinstance(date, dt.date) else None
        yield Confirmation(
            str(number).strip(), str(sheet_name), str(column), str(cell or ""), str(against or ""), str(text or ""), str(fingerprint), day
        )


# ---------------------------------------------------------------- texts and their states


def row_of(activity: Activity) -> int:
    match = _ROW.match(activity.location.cell)
    assert match, activity.location
    return int(match[1])


def programme_texts(programme: Programme, baseline: Programme | None, layout: Layout) -> Iterator[Text]:
    """Every per-language text of a programme, in annex order, with its baseline text."""
    earlier = {a.number: a for a in baseline.activities} if baseline is not None else {}
    for activity in programme.activities:
        before = earlier.get(activity.number)
        sheet = activity.location.sheet
        headers = layout.letters.get(sheet, {})
        for attribute, name in TEXT_FIELDS:
            now: Mapping[str, str] = getattr(activity, attribute)
            if not now:
                continue  # a field this part does not have
            letters = {lang: headers.get(f"{name} ({lang.upper()})", "?") for lang in now}
            then = getattr(before, attribute) if before is not None else None
            yield Text(programme.location.file, sheet, activity.number, name, row_of(activity), letters, now, then, activity.activity)


def state_of(text: Text, lang: str, confirmations: Mapping[tuple[str, str, str], Confirmation]) -> Entry | None:
    """The state of ``text`` in ``lang``; ``None`` when every language is empty (nothing to translate)."""
    if not text.now.get(lang):
        if any(text.now.values()):
            return Entry(text, lang, State.MISSING)
        return None
    changed = text.changed
    if changed and lang not in changed:
        confirmation = confirmations.get((text.number, text.sheet, text.column(lang)))
        if confirmation is not None and confirmation.fingerprint == text.fingerprint(lang):
            return Entry(text, lang, State.CONFIRMED, confirmation)
        return Entry(text, lang, State.OUT_OF_DATE, confirmation)
    return Entry(text, lang, State.UP_TO_DATE)


def by_key(confirmations: Iterable[Confirmation]) -> dict[tuple[str, str, str], Confirmation]:
    return {(c.number, c.sheet, c.column): c for c in confirmations}


@dataclass(frozen=True)
class Catalogue:
    """Every per-language text of the programme workbooks, its state in each language, and the confirmations."""

    folder: Path
    sources: Sources
    texts: tuple[Text, ...]
    confirmations: tuple[Confirmation, ...]
    states: Mapping[str, tuple[Entry, ...]]  # per language, in annex order

    @property
    def languages(self) -> tuple[str, ...]:
        return self.sources.settings.languages

    @property
    def current_workbook(self) -> str:
        return self.sources.current.location.file

    def entries(self, lang: str) -> tuple[Entry, ...]:
        return self.states.get(lang, ())

    @cached_property
    def index(self) -> dict[tuple[str, str, str, str], Text]:
        return {(t.workbook, t.sheet, t.number, t.field): t for t in self.texts}

    def find(self, workbook: str, sheet: str, number: str, field_name: str) -> Text | None:
        return self.index.get((workbook, sheet, number, field_name))


def read_catalogue(folder: Path) -> Catalogue:
    """Read the sources as ``build`` does, except that a missing translation is a state here, not an error."""
    report = Report()
    sources = collect_sources(folder, report)
    if sources is None:
        report.raise_if_errors()
        raise fail(Location(str(folder)), "the workbooks cannot be read; run ctpdoc validate")
    current = read_layout(folder, programme_file(sources.settings.current_programme))
    draft = read_layout(folder, programme_file(sources.settings.draft_programme))
    texts = (*programme_texts(sources.current, sources.baseline, current), *programme_texts(sources.draft, None, draft))
    confirmed = by_key(current.confirmations)
    states = {lang: tuple(e for e in (state_of(t, lang, confirmed) for t in texts) if e is not None) for lang in sources.settings.languages}
    catalogue = Catalogue(folder, sources, texts, current.confirmations, states)
    missing = {e.text.cell_location(e.lang) for lang in catalogue.languages for e in catalogue.entries(lang) if e.state is State.MISSING}
    errors = [p for p in report.errors if p.location not in missing]
    if errors:
        raise InputError(errors)
    return catalogue


# ---------------------------------------------------------------- validate and build


def check_out_of_date(folder: Path, sources: Sources, report: Report) -> None:
    """Warn of each out-of-date text of the reported programme (an error with ``--strict``)."""
    if sources.baseline is None or not any(stale_candidates(sources)):
        return  # the common case reads nothing more
    layout = read_layout(folder, sources.current.location.file)
    confirmations = by_key(layout.confirmations)
    for text in programme_texts(sources.current, sources.baseline, layout):
        for lang in sources.settings.languages:
            entry = state_of(text, lang, confirmations)
            if entry is not None and entry.state is State.OUT_OF_DATE:
                report.warn(text.where(lang), entry.out_of_date_message())


def stale_candidates(sources: Sources) -> Iterator[Activity]:
    """Activities with a text changed in some language but not in another (from the model alone)."""
    assert sources.baseline is not None
    earlier = {a.number: a for a in sources.baseline.activities}
    for activity in sources.current.activities:
        before = earlier.get(activity.number)
        if before is None:
            continue
        for attribute, _ in TEXT_FIELDS:
            now, then = getattr(activity, attribute), getattr(before, attribute)
            changed = {lang for lang, text in now.items() if text and text != then.get(lang, "")}
            if changed and any(lang not in changed and text for lang, text in now.items()):
                yield activity
                break
