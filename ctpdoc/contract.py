"""The drafters' contract, as data: the sheets, the columns of a programme, the settings of the document.

Nothing here reads or writes a file. The reader checks workbooks against these
definitions, the writer makes new workbooks from them, and the README's tables
describe them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ctpdoc.model import Status

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


PART_SHEETS = ("Part I", "Part II")
CONFIRMATIONS_SHEET = "Confirmed translations"  # ctpdoc writes it into the reported programme's workbook
CONFIRMATION_COLUMNS = (
    Column("No.", "The activity number.", 8, TEXT_FORMAT),
    Column("Sheet", "Part I or Part II.", 10),
    Column("Translation", "The column whose text was confirmed.", 18),
    Column("Cell", "Its cell when it was confirmed (the activity's row may move; No. and Translation decide).", 8),
    Column("Checked against", "The columns of the other languages it was checked against.", 20),
    Column("Their text then", "What the other language said when the translation was confirmed.", 60),
    Column("Fingerprint", "Of the other languages' texts: when they change, the confirmation lapses by itself.", 20),
    Column("Confirmed on", "The date of the confirmation.", 14, "yyyy-mm-dd"),
)
DOCUMENT_SHEET = "Document"


@dataclass(frozen=True)
class Field:
    """A column of a programme sheet."""

    name: str
    per_language: bool  # one column per language: "Activity (EN)", "Activity (FR)"
    part1: bool
    part2: bool
    reported_only: bool  # only in the programme reported on (with status and progress)
    help: str
    width: float = 50

    def header(self, lang: str = "") -> str:
        return f"{self.name} ({lang.upper()})" if self.per_language else self.name


FIELDS = (
    Field("No.", False, True, True, False, "Unique number, typed as text: 1.4, 1.10 (the annex is sorted by it: 1.2 before 1.10).", 8),
    Field("Strategic objective", False, True, True, False, "Short code of the strategic objective, the same in every language.", 12),
    Field("Activity", True, True, True, False, "The activity, in this column's language."),
    Field("Deliverable", True, True, False, False, "What the activity produces, in this column's language."),
    Field("Timeframe", False, True, False, False, "A date (shown as month and year) or years: 2024, 2023-2025.", 14),
    Field("Lead", True, True, False, False, "Who leads: PTC, Secretariat, Members…", 22),
    Field("Status", False, True, False, True, "The status: a label of the settings (document.xlsx), in any language.", 14),
    Field("Progress", True, True, True, True, "The progress made; Alt+Enter for a new line."),
)
TEXT_FIELDS = tuple(f for f in FIELDS if f.per_language)


def expected_fields(part: int, reported: bool) -> list[Field]:
    """The columns of Part I or Part II, for the programme reported on or a draft."""
    return [f for f in FIELDS if (f.part1 if part == 1 else f.part2) and (reported or not f.reported_only)]


def contract_headers(part: int, reported: bool, languages: Sequence[str]) -> list[tuple[str, Field]]:
    """(header, field) in the order a new sheet lists them."""
    return [(field.header(lang), field) for field in expected_fields(part, reported) for lang in (languages if field.per_language else ("",))]


def contract_sheets(reported: bool, languages: Sequence[str], words: Sequence[str], rows: dict[int, list[list[Any]]] | None = None) -> list[SheetSpec]:
    """The ``Part I`` and ``Part II`` sheets of a programme workbook, for the writer (``new-workbook``, ``import``).

    ``words`` are the Status drop-down's choices: the status labels of the settings."""
    specs = []
    for part, title in enumerate(PART_SHEETS, start=1):
        columns = [
            Column(
                header,
                help=field.help,
                width=field.width,
                number_format=TEXT_FORMAT if field.name == "No." else None,  # Timeframe: General, so that 2025 stays a year
                date_format="mmm yyyy" if field.name == "Timeframe" else None,
                choices=words if field.name == "Status" else (),
            )
            for header, field in contract_headers(part, reported, languages)
        ]
        specs.append(SheetSpec(title, columns, (rows or {}).get(part, [])))
    return specs


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
    SettingSpec("Draft programme", SettingKind.NAME),
    SettingSpec("Previous report", SettingKind.DATE, repeated=True),
    SettingSpec("Programme end", SettingKind.DATE),
    SettingSpec("Baseline", SettingKind.PATH),
    SettingSpec("Author", SettingKind.TEXT, per_language=True),
    *(SettingSpec(f"Status {status.value}", SettingKind.TEXT, per_language=True) for status in Status),
    SettingSpec("Original language", SettingKind.NAME, required=False),  # a language code: the cover's "O. Fr." line
)
SETTINGS_BY_NAME = {spec.name: spec for spec in SETTINGS}
