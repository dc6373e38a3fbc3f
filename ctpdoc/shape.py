"""The report's shape: its parts, the columns of a programme, its statuses; and texts by language.

Every working body's report has its own parts, columns and statuses. They are declared in ``document.xlsx``
(sheets ``Parts``, ``Columns``, ``Statuses``, read by :mod:`ctpdoc.workbooks.shape`) and read once into a
:class:`Shape`; every stage takes them from there. A folder that declares none has the PTC's shape
(:func:`ptc_shape`): with :mod:`ctpdoc.workbooks.shape`, the only place in the package that names a PTC part,
column or status, and the words reports made by hand use for them.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

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


@functools.lru_cache(maxsize=256)  # asked for every column of every row: a few names, each worked out once
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
    def sheets(self) -> tuple[str, ...]:
        return tuple(p.sheet for p in self.parts)

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
    "Strategic objective": (
        "strategic objectives",
        "objective",
        "objectif strategique",
        "objectifs strategiques",
        "objectif",
        "so",
        "os",
    ),
    "Activity": ("activities", "activite", "activites", "description"),
    "Deliverable": (
        "deliverables",
        "output",
        "outputs",
        "produit attendu",
        "produits attendus",
        "produit",
        "produits",
        "resultat attendu",
        "resultats attendus",
    ),  # fmt: skip
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
            PartSpec(
                "I", "Part I", freeze({"en": "Time-bound activities", "fr": "Activités entreprises dans un délai spécifique"})
            ),
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
        statuses=tuple(
            StatusSpec(key, freeze(labels.get(key, {})), colour, done, PTC_ALIASES[key])
            for key, colour, done in PTC_STATUS_COLOURS
        ),
    )


def with_aliases(shape: Shape) -> Shape:
    """A declared shape with the PTC's aliases on the columns and statuses it shares with the PTC's (by name and
    key), so that a report declaring the PTC's own shape reads hand-made documents as before."""
    columns = tuple(replace(c, aliases=c.aliases or PTC_ALIASES.get(c.name, ())) for c in shape.columns)
    statuses = tuple(replace(s, aliases=s.aliases or PTC_ALIASES.get(s.key, ())) for s in shape.statuses)
    return replace(shape, columns=columns, statuses=statuses)
