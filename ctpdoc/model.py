"""The language-neutral model: what the reader builds and every later stage reads.

Values are raw (dates, an enum, text per language); formatting for a
language happens once, in :mod:`ctpdoc.document.context`. Every value keeps the place
it was read from, so that a later check can still point at a cell.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ctpdoc.shape import EMPTY_TEXTS, Shape, Texts


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was read: ``wp-2022-2025.xlsx › Part I › J14``."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.file and self.sheet and self.cell:  # the common case, asked once per text by the review page
            return f"{self.file} › {self.sheet} › {self.cell}"
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)


@dataclass(frozen=True)
class YearRange:
    """A timeframe typed as years, e.g. ``2023-2025`` (or a single year)."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


Timeframe = dt.date | YearRange


# ---------------------------------------------------------------- activities and programmes

Value = Texts | str | Timeframe  # a cell's value in the model: texts by language, neutral text, a timeframe


@dataclass(frozen=True)
class Activity:
    """One row of a part's sheet: its number, its status (a status key, or ``None``), and every declared column's
    value by column name (texts by language for a per-language column)."""

    number: str
    location: Location
    values: Mapping[str, Value] = field(default_factory=dict)
    status: str | None = None

    @property
    def sort_key(self) -> tuple[tuple[int, int | str], ...]:
        return number_key(self.number)

    def texts(self, name: str) -> Texts:
        """A per-language column's texts (empty when the row has no such column)."""
        value = self.values.get(name)
        return value if isinstance(value, Mapping) else EMPTY_TEXTS

    def text(self, name: str) -> str:
        """A language-neutral text column's value."""
        value = self.values.get(name)
        return value if isinstance(value, str) else ""


def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of activity numbers: 1.2 < 1.10 < 2.1, A.2 < A.10, SO1.2 < SO1.10 < SO2.1."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.findall(r"\d+|[^\d.\-\s]+", number))


@dataclass(frozen=True)
class Confirmation:
    """One row of a programme workbook's ``Confirmed translations`` sheet: a translation still right although
    the other language changed, while the other language's fingerprint matches."""

    number: str
    sheet: str
    column: str
    cell: str
    against: str
    text: str
    fingerprint: str
    date: dt.date | None

    def row(self) -> list[str | dt.date | None]:
        return [self.number, self.sheet, self.column, self.cell, self.against, self.text, self.fingerprint, self.date]


# Texts last seen in step, by (workbook, activity number, field): each language's fingerprint
# (``source_sheets/translations.toml``, read with the workbooks).
TextKey = tuple[str, str, str]
InStep = Mapping[TextKey, Mapping[str, str]]


@dataclass(frozen=True)
class Record:
    """The record of texts in step: each text's fingerprints when last seen in step, and the texts themselves
    where the baseline does not hold them (so that a change since can be shown word by word)."""

    fingerprints: InStep = field(default_factory=dict)
    texts: InStep = field(default_factory=dict)


def fingerprint(text: str) -> str:
    """A short fingerprint of one text: what the record of texts in step keeps of each side."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Part:
    """A part's activities in one programme, in annex order."""

    key: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Programme:
    """One work-programme workbook: its period and its parts (in the shape's order), and what translations need
    of its layout."""

    period: str
    parts: tuple[Part, ...]
    location: Location
    letters: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # sheet → header → column letter
    confirmations: tuple[Confirmation, ...] = ()  # its ``Confirmed translations`` sheet (reported programme only)

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(a for part in self.parts for a in part.activities)

    def part(self, key: str) -> tuple[Activity, ...]:
        return next((p.activities for p in self.parts if p.key == key), ())

    def count(self, status: str) -> int:
        return sum(1 for a in self.activities if a.status == status)


@dataclass(frozen=True)
class Settings:
    """The document settings (``document.xlsx › Document``)."""

    reference: str
    version: str
    sessions: tuple[int, ...]
    meeting_start: dt.date
    meeting_end: dt.date
    issue_date: dt.date
    agenda_item: str
    current_programme: str
    draft_programme: str | None  # None: the report presents no draft programme
    previous_reports: tuple[dt.date, ...]
    programme_end: dt.date
    baseline: str
    language_letter: Texts
    locale: Texts
    place: Texts
    author: Texts
    shape: Shape
    original_language: str | None = None  # the language the document was written in, e.g. "fr"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.language_letter)

    def file_reference(self, lang: str) -> str:
        """``PC0720`` + ``F`` + ``1a``: the reference of the language version."""
        return f"{self.reference}{self.language_letter[lang]}{self.version}"


@dataclass(frozen=True)
class Taken:
    """What ``snapshot`` recorded of the baseline: the report it is the state of, and the day it was copied."""

    report: dt.date  # the settings' Issue date when the snapshot was made
    day: dt.date


@dataclass(frozen=True)
class Sources:
    """Everything the build reads from the workbooks, checked."""

    settings: Settings
    current: Programme
    draft: Programme | None  # None when the settings name no draft programme
    baseline: Programme | None = None
    in_step: InStep = field(default_factory=dict)  # the record of texts last seen in step (empty without one)
    in_step_texts: InStep = field(default_factory=dict)  # the texts the record keeps (where the baseline has others)
    taken: Taken | None = None  # the baseline's snapshot record, when it is this baseline's

    @property
    def newer_baseline(self) -> dt.date | None:
        """The date of the report the baseline was taken for, when it is later than the last "Previous report" (by
        month, as the settings give those): the settings still describe that report, not the next one."""
        if self.taken is None:
            return None
        last = self.settings.previous_reports[-1:]
        issued = self.taken.report
        return issued if not last or (issued.year, issued.month) > (last[0].year, last[0].month) else None

    @property
    def previous_reports(self) -> tuple[dt.date, ...]:
        """The earlier reports, the last of them the one the baseline is the state of: the settings' "Previous
        report" dates, and the baseline's own report when it is later (see :attr:`newer_baseline`)."""
        newer = self.newer_baseline
        return (*self.settings.previous_reports, newer) if newer else self.settings.previous_reports


class Op(enum.Enum):
    """What a piece of a word diff does: kept, inserted or deleted."""

    EQUAL = "="
    INSERT = "+"
    DELETE = "-"


@dataclass(frozen=True)
class Segment:
    """One piece of a word diff: the diff (:mod:`ctpdoc.changes`) makes them, the markup writer marks them."""

    op: Op
    text: str


def accepted(segments: Iterable[Segment]) -> str:
    """The text with every change accepted."""
    return "".join(s.text for s in segments if s.op is not Op.DELETE)


def rejected(segments: Iterable[Segment]) -> str:
    """The text with every change rejected."""
    return "".join(s.text for s in segments if s.op is not Op.INSERT)
