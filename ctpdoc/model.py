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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field


class Status(enum.Enum):
    """The status of a time-bound activity of the programme being reported on."""

    COMPLETED = "completed"
    ONGOING = "ongoing"
    PENDING = "pending"


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was read: ``wp-2022-2025.xlsx › Part I › J14``."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)


@dataclass(frozen=True)
class YearRange:
    """A timeframe typed as years, e.g. ``2023-2025`` (or a single year)."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


Timeframe = dt.date | YearRange

# Text that differs by language, keyed by language code ("en", "fr", …).
Texts = Mapping[str, str]


class FrozenTexts(Mapping[str, str]):
    """A read-only mapping that, unlike ``MappingProxyType``, crosses to a worker process."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, str]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenTexts({self._data!r})"

    def __reduce__(self) -> tuple[type, tuple[dict[str, str]]]:
        return (FrozenTexts, (self._data,))


def freeze(texts: Mapping[str, str]) -> Texts:
    return FrozenTexts(texts)


@dataclass(frozen=True)
class Activity:
    """One row of a Part I or Part II sheet."""

    number: str
    objective: str
    activity: Texts
    location: Location
    deliverable: Texts = field(default_factory=lambda: freeze({}))
    timeframe: Timeframe | None = None
    lead: Texts = field(default_factory=lambda: freeze({}))
    status: Status | None = None
    progress: Texts = field(default_factory=lambda: freeze({}))

    @property
    def sort_key(self) -> tuple[int | str, ...]:
        return number_key(self.number)


def number_key(number: str) -> tuple[int | str, ...]:
    """Natural order of activity numbers: 1.2 < 1.10 < 2.1."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\s]+", number) if p)


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


def fingerprint(text: str) -> str:
    """A short fingerprint of one text: what the record of texts in step keeps of each side."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Programme:
    """One work-programme workbook: its period and its two parts, and what translations need of its layout."""

    period: str
    part1: tuple[Activity, ...]
    part2: tuple[Activity, ...]
    location: Location
    letters: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # sheet → header → column letter
    confirmations: tuple[Confirmation, ...] = ()  # its ``Confirmed translations`` sheet (reported programme only)

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.part1 + self.part2

    def count(self, status: Status) -> int:
        return sum(1 for a in self.part1 if a.status is status)


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
    draft_programme: str
    previous_reports: tuple[dt.date, ...]
    programme_end: dt.date
    baseline: str
    language_letter: Texts
    locale: Texts
    place: Texts
    author: Texts
    status_labels: Mapping[Status, Texts]
    original_language: str | None = None  # the language the document was written in, e.g. "fr"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.language_letter)

    def file_reference(self, lang: str) -> str:
        """``PC0720`` + ``F`` + ``1a``: the reference of the language version."""
        return f"{self.reference}{self.language_letter[lang]}{self.version}"


@dataclass(frozen=True)
class Sources:
    """Everything the build reads from the workbooks, checked."""

    settings: Settings
    current: Programme
    draft: Programme
    baseline: Programme | None = None
    in_step: InStep = field(default_factory=dict)  # the record of texts last seen in step (empty without one)


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
