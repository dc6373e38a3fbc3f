"""The drafters' contract, as data: the sheets, the columns of a programme, the settings of the document.

Nothing here reads or writes a file. The reader checks workbooks against these
definitions, the writer makes new workbooks from them, and the README's tables
describe them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ctpdoc.shape import NUMBER_COLUMN, PTC_STATUS_COLOURS, ColumnKind, ColumnSpec, Shape

TEXT_FORMAT = "@"  # Excel's "Text" number format: what is typed stays text (1.10 is not 1.1)
WritableValue = str | int | float | dt.date | dt.datetime | None  # what the writer puts in a cell


@dataclass(frozen=True)
class Column:
    """A column of a new sheet: its header, the help shown on it, its width, and how its cells are typed."""

    header: str
    help: str = ""
    width: float = 50
    number_format: str | None = None
    choices: Sequence[str] = ()
    date_format: str | None = None  # for the dates written into it (the column itself keeps number_format)


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[WritableValue]] = ()


CONFIRMATIONS_SHEET = "Confirmed translations"  # ctpdoc writes it into the reported programme's workbook
CONFIRMATION_COLUMNS = (
    Column("No.", "The activity number.", 8, TEXT_FORMAT),
    Column("Sheet", "The part's sheet.", 10),
    Column("Translation", "The column whose text was confirmed.", 18),
    Column("Cell", "Its cell when it was confirmed (the activity's row may move; No. and Translation decide).", 8),
    Column("Checked against", "The columns of the other languages it was checked against.", 20),
    Column("Their text then", "What the other language said when the translation was confirmed.", 60),
    Column("Fingerprint", "Of the other languages' texts: when they change, the confirmation lapses by itself.", 20),
    Column("Confirmed on", "The date of the confirmation.", 14, "yyyy-mm-dd"),
)
DOCUMENT_SHEET = "Document"


PARTS_SHEET, COLUMNS_SHEET, STATUSES_SHEET = "Parts", "Columns", "Statuses"  # document.xlsx: the report's shape
SHAPE_SHEETS = (PARTS_SHEET, COLUMNS_SHEET, STATUSES_SHEET)
RESERVED_SHEETS = (DOCUMENT_SHEET, CONFIRMATIONS_SHEET, *SHAPE_SHEETS)

NUMBER_HELP = "Unique number, typed as text: 1.4, 1.10, SO1.2, A-7 (the annex is sorted by it: 1.2 before 1.10)."
HELP = {
    ColumnKind.TEXT: ("Text, the same in every language.", "Text in this column's language."),
    ColumnKind.MONTH: ("A date (shown as month and year) or years: 2024, 2023-2025.", ""),
    ColumnKind.STATUS: ("The status: a label of document.xlsx's Statuses, in any language.", ""),
    ColumnKind.PROGRESS: ("", "The progress made, in this column's language; Alt+Enter for a new line."),
}
WIDTH = {ColumnKind.TEXT: 50.0, ColumnKind.MONTH: 14.0, ColumnKind.STATUS: 14.0, ColumnKind.PROGRESS: 50.0}


def contract_headers(shape: Shape, key: str, reported: bool, languages: Sequence[str]) -> list[tuple[str, ColumnSpec | None]]:
    """(header, column) in the order a new sheet of part ``key`` lists them; ``No.`` first, with no column."""
    return [(NUMBER_COLUMN, None)] + [
        (header, column) for column in shape.columns_of(key, reported) for header in column.headers(languages)
    ]


def contract_sheets(
    shape: Shape,
    reported: bool,
    languages: Sequence[str],
    words: Sequence[str],
    rows: Mapping[str, list[list[Any]]] | None = None,
) -> list[SheetSpec]:
    """One sheet per part of a programme workbook, for the writer (``new-workbook``, ``import``).

    ``words`` are the status drop-down's choices: the declared statuses' labels; ``rows`` by part key."""
    specs = []
    for part in shape.parts:
        columns = [
            Column(header, NUMBER_HELP, 8, TEXT_FORMAT)
            if column is None
            else Column(
                header,
                help=HELP[column.kind][column.per_language] or HELP[column.kind][not column.per_language],
                width=WIDTH[column.kind] if column.per_language or column.kind is not ColumnKind.TEXT else 14.0,
                number_format=None,  # a month column: General, so that 2025 stays a year
                date_format="mmm yyyy" if column.kind is ColumnKind.MONTH else None,
                choices=words if column.kind is ColumnKind.STATUS else (),
            )
            for header, column in contract_headers(shape, part.key, reported, languages)
        ]
        specs.append(SheetSpec(part.sheet, columns, (rows or {}).get(part.key, [])))
    return specs


def shape_sheets(shape: Shape, languages: Sequence[str]) -> list[SheetSpec]:
    """``document.xlsx``'s ``Parts``, ``Columns`` and ``Statuses`` sheets declaring ``shape`` (for ``import``)."""
    upper = [lang.upper() for lang in languages]
    return [
        SheetSpec(PARTS_SHEET, [Column("Part", "A short key: I, SO1, A.", 8),
                                Column("Sheet", "Its sheet in every programme workbook.", 16),
                                *(Column(f"Title ({u})", f"Its title in {u}.", 40) for u in upper)],
                  [[p.key, p.sheet, *(p.titles.get(lang, "") for lang in languages)] for p in shape.parts]),
        SheetSpec(COLUMNS_SHEET, [Column("Column", "The header in the workbooks (per language: without (XX)).", 22),
                                  Column("Kind", "text, month, status or progress.", 10),
                                  Column("Per language", "yes or no.", 12),
                                  Column("Parts", "all, or the keys of the parts that have it, separated by commas.", 14)],
                  [[c.name, c.kind.value, "yes" if c.per_language else "no", "all" if c.parts is None else ", ".join(c.parts)]
                   for c in shape.columns]),
        SheetSpec(STATUSES_SHEET, [Column("Status", "A short key.", 12),
                                   *(Column(f"Label ({u})", f"Its label in {u}.", 18) for u in upper),
                                   Column("Colour", "The row shading, hex RGB: C6EFCE.", 10),
                                   Column("Done", "yes when it counts as done.", 8)],
                  [[s.key, *(s.labels.get(lang, "") for lang in languages), s.colour, "yes" if s.done else "no"]
                   for s in shape.statuses]),
    ]  # fmt: skip


# ---------------------------------------------------------------- settings


class SettingKind(enum.Enum):
    """How a setting's cell is read."""

    TEXT = "text"
    NAME = "name"  # text that becomes part of a file name: letters, digits, - _ . only
    DATE = "date"
    SESSIONS = "sessions"
    LOCALE = "locale"
    PATH = "path"  # a file within the sources folder


@dataclass(frozen=True)
class SettingSpec:
    name: str
    kind: SettingKind
    per_language: bool = False
    repeated: bool = False
    required: bool = True


SETTINGS = (
    SettingSpec("Reference", SettingKind.NAME),
    SettingSpec("Version", SettingKind.NAME),
    SettingSpec("Language letter", SettingKind.NAME, per_language=True),
    SettingSpec("Locale", SettingKind.LOCALE, per_language=True),
    SettingSpec("Sessions", SettingKind.SESSIONS),
    SettingSpec("Meeting start", SettingKind.DATE),
    SettingSpec("Meeting end", SettingKind.DATE),
    SettingSpec("Place", SettingKind.TEXT, per_language=True),
    SettingSpec("Issue date", SettingKind.DATE),
    SettingSpec("Agenda item", SettingKind.TEXT),
    SettingSpec("Current programme", SettingKind.NAME),
    SettingSpec("Draft programme", SettingKind.NAME, required=False),  # a report may present no draft
    SettingSpec("Previous report", SettingKind.DATE, repeated=True),
    SettingSpec("Programme end", SettingKind.DATE),
    SettingSpec("Baseline", SettingKind.PATH),
    SettingSpec("Author", SettingKind.TEXT, per_language=True),
    # the PTC's status labels, for a document.xlsx that declares no Statuses sheet
    *(SettingSpec(f"Status {key}", SettingKind.TEXT, per_language=True, required=False) for key, _, _ in PTC_STATUS_COLOURS),
    SettingSpec("Original language", SettingKind.NAME, required=False),  # a language code: the cover's "O. Fr." line
)
SETTINGS_BY_NAME = {spec.name: spec for spec in SETTINGS}
