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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace


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

    def __hash__(self) -> int:  # immutable: a shape holding texts can key a cache
        return hash(frozenset(self._data.items()))

    def __reduce__(self) -> tuple[type, tuple[dict[str, str]]]:
        return (FrozenTexts, (self._data,))


def freeze(texts: Mapping[str, str]) -> Texts:
    return FrozenTexts(texts)


EMPTY_TEXTS: Texts = FrozenTexts({})


# ---------------------------------------------------------------- the report's shape
#
# Every working body's report has its own parts, columns and statuses. They are declared in ``document.xlsx``
# (sheets ``Parts``, ``Columns``, ``Statuses``, read by :mod:`ctpdoc.workbooks.shape`) and read once into a
# :class:`Shape`; every stage takes them from there. A folder that declares none has the PTC's shape
# (:func:`ptc_shape`), the only place in the package that names a PTC part, column or status.


class ColumnKind(enum.Enum):
    """How a declared column's cells are read and shown."""

    TEXT = "text"  # text, required in every row (one column per language when per language)
    MONTH = "month"  # a timeframe: a date shown as month and year, or years (2024, 2023-2025)
    STATUS = "status"  # a status of the Statuses sheet; only in the programme reported on
    PROGRESS = "progress"  # text only in the programme reported on, which may be empty


@dataclass(frozen=True)
class PartSpec:
    """A part of the programme: its short key (``I``, ``SO1``), its sheet in every programme workbook, its title
    in each language."""

    key: str
    sheet: str
    titles: Texts


@dataclass(frozen=True)
class ColumnSpec:
    """A column of the programme sheets after ``No.``: its header, kind, whether it is one column per language,
    and the parts that have it (``None``: all)."""

    name: str
    kind: ColumnKind
    per_language: bool
    parts: tuple[str, ...] | None = None
    # other headers a report made by hand may give it, in any language (folded: no accents, lower case)
    aliases: tuple[str, ...] = field(default=(), compare=False)

    @property
    def tag(self) -> str:
        """The name a template gives it on a row: ``Strategic objective`` → ``row.strategic_objective``."""
        return tag_of(self.name)

    @property
    def reported_only(self) -> bool:
        """Only in the programme reported on (status and progress), not in a draft."""
        return self.kind in (ColumnKind.STATUS, ColumnKind.PROGRESS)

    def header(self, lang: str = "") -> str:
        return f"{self.name} ({lang.upper()})" if self.per_language else self.name

    def headers(self, languages: Sequence[str]) -> list[str]:
        return [self.header(lang) for lang in languages] if self.per_language else [self.name]

    def in_part(self, key: str) -> bool:
        return self.parts is None or key in self.parts


def tag_of(name: str) -> str:
    """A header as a template name: lower case, anything but letters and digits as ``_``."""
    return re.sub(r"[^0-9a-z]+", "_", name.casefold()).strip("_") or "column"


@dataclass(frozen=True)
class StatusSpec:
    """A status: its key, its label in each language, its row shading (hex RGB), and whether it counts as done."""

    key: str
    labels: Texts
    colour: str
    done: bool = False
    aliases: tuple[str, ...] = field(default=(), compare=False)  # other labels reports use for it (folded)


NUMBER_COLUMN = "No."  # the first column of every part: the activity number


@dataclass(frozen=True)
class Shape:
    """The report's shape: its parts in order, the columns after ``No.``, the statuses."""

    parts: tuple[PartSpec, ...]
    columns: tuple[ColumnSpec, ...]
    statuses: tuple[StatusSpec, ...]
    declared: bool = False  # read from document.xlsx's sheets (False: the PTC's, by default)

    def columns_of(self, key: str, reported: bool = True) -> tuple[ColumnSpec, ...]:
        """The columns of one part, for the programme reported on or a draft."""
        return tuple(c for c in self.columns if c.in_part(key) and (reported or not c.reported_only))

    def has_status(self, key: str) -> bool:
        return any(c.kind is ColumnKind.STATUS for c in self.columns_of(key))

    def part(self, key: str) -> PartSpec:
        return next(p for p in self.parts if p.key == key)

    def status(self, key: str) -> StatusSpec:
        return next(s for s in self.statuses if s.key == key)

    def title_column(self, key: str) -> ColumnSpec | None:
        """The part's first per-language text column: what names an activity (``Activity``)."""
        return next((c for c in self.columns_of(key) if c.per_language and c.kind is ColumnKind.TEXT), None)

    @property
    def text_columns(self) -> tuple[ColumnSpec, ...]:
        """The per-language columns: the texts that are translated."""
        return tuple(c for c in self.columns if c.per_language)

    @property
    def sheets(self) -> tuple[str, ...]:
        return tuple(p.sheet for p in self.parts)

    def part_of_sheet(self, sheet: str) -> PartSpec | None:
        return next((p for p in self.parts if p.sheet == sheet), None)

    def colour(self, status: str | None) -> str | None:
        return self.status(status).colour if status else None

    def labels(self, lang: str) -> dict[str, str]:
        """Status key → its label in ``lang``."""
        return {s.key: s.labels.get(lang, s.key) for s in self.statuses}


# The PTC's shape: its two parts, its columns, its three statuses (labels from the settings' "Status …" rows,
# as before shapes were declared). A folder whose document.xlsx declares no shape gets exactly this.
PTC_STATUS_COLOURS = (("completed", "C6EFCE", True), ("ongoing", "BDD7EE", False), ("pending", "FFC7CE", False))
# What reports made by hand call the PTC's columns and statuses, in English and French (folded), for import and harvest.
PTC_ALIASES = {
    "Strategic objective": ("strategic objectives", "objective", "objectif strategique", "objectifs strategiques", "objectif", "so", "os"),
    "Activity": ("activities", "activite", "activites", "description"),
    "Deliverable": ("deliverables", "output", "outputs", "produit attendu", "produits attendus", "produit", "produits",
                    "resultat attendu", "resultats attendus"),  # fmt: skip
    "Timeframe": ("time frame", "timeline", "deadline", "calendrier", "echeance", "echeancier", "delai"),
    "Lead": ("leader", "responsible", "responsibility", "pilote", "responsable", "chef de file"),
    "Status": ("statut", "etat", "etat d'avancement", "situation"),
    "Progress": ("progress made", "progres", "progres realises", "avancement", "observations", "comments", "commentaires"),
    "completed": ("complete", "done", "menee a bien", "menees a bien", "achevee", "terminee", "realisee"),
    "ongoing": ("in progress", "en cours"),
    "pending": ("on hold", "en attente", "en suspens"),
}


# The PTC's status labels where no settings give them (a document read back that prints none).
PTC_LABELS = {"completed": {"en": "Completed", "fr": "Menée à bien"}, "ongoing": {"en": "Ongoing", "fr": "En cours"},
              "pending": {"en": "Pending", "fr": "En attente"}}  # fmt: skip


def ptc_shape(status_labels: Mapping[str, Texts] | None = None) -> Shape:
    labels = status_labels or PTC_LABELS
    return Shape(
        parts=(
            PartSpec("I", "Part I", freeze({"en": "Time-bound activities", "fr": "Activités entreprises dans un délai spécifique"})),
            PartSpec("II", "Part II", freeze({"en": "Ongoing activities", "fr": "Activités permanentes"})),
        ),
        columns=tuple(
            ColumnSpec(name, kind, per_language, parts, PTC_ALIASES[name])
            for name, kind, per_language, parts in (
                ("Strategic objective", ColumnKind.TEXT, False, None),
                ("Activity", ColumnKind.TEXT, True, None),
                ("Deliverable", ColumnKind.TEXT, True, ("I",)),
                ("Timeframe", ColumnKind.MONTH, False, ("I",)),
                ("Lead", ColumnKind.TEXT, True, ("I",)),
                ("Status", ColumnKind.STATUS, False, ("I",)),
                ("Progress", ColumnKind.PROGRESS, True, None),
            )
        ),
        statuses=tuple(StatusSpec(key, freeze(labels.get(key, {})), colour, done, PTC_ALIASES[key]) for key, colour, done in PTC_STATUS_COLOURS),
    )


def with_aliases(shape: Shape) -> Shape:
    """A declared shape with the PTC's aliases on the columns and statuses it shares with the PTC's (by name and
    key), so that a report declaring the PTC's own shape reads hand-made documents as before."""
    columns = tuple(replace(c, aliases=c.aliases or PTC_ALIASES.get(c.name, ())) for c in shape.columns)
    statuses = tuple(replace(s, aliases=s.aliases or PTC_ALIASES.get(s.key, ())) for s in shape.statuses)
    return replace(shape, columns=columns, statuses=statuses)


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
class Sources:
    """Everything the build reads from the workbooks, checked."""

    settings: Settings
    current: Programme
    draft: Programme | None  # None when the settings name no draft programme
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
