"""Settings: ``document.xlsx › Document`` into :class:`~ctpdoc.model.Settings`.

Takes the settings workbook; reads one row per setting (language-neutral values
in ``Value``, the others in ``Value (EN)``, ``Value (FR)``…), each by the kind
the contract gives it, then checks what the values must be together: file
names that stay in their folder, one language letter and one label per status
for each language, a meeting that ends after it starts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ctpdoc.contract import DOCUMENT_SHEET, SETTINGS, SETTINGS_BY_NAME, SHAPE_SHEETS, STATUSES_SHEET, SettingKind, SettingSpec
from ctpdoc.errors import Report
from ctpdoc.model import Location, Settings
from ctpdoc.shape import PTC_STATUS_COLOURS, Shape, Texts, freeze, ptc_shape
from ctpdoc.workbooks.cells import clean_text, parse_date, parse_sessions
from ctpdoc.workbooks.shape import read_shape
from ctpdoc.workbooks.sheets import CellValue, Row, Sheet, read_workbook

_LANG_COLUMN = re.compile(r"^Value\s*\((?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)$")
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
MAX_NAME = 40  # characters of a setting that becomes part of a file name and of the document's properties

Value = str | dt.date | tuple[int, ...]


@dataclass
class Collected:
    """The values read, and the cell each came from: ``(setting, language or "")``."""

    values: dict[str, object] = field(default_factory=dict)
    cells: dict[tuple[str, str], Location] = field(default_factory=dict)


def read_settings(path: Path, report: Report) -> Settings | None:
    """Read ``document.xlsx › Document``: one row per setting."""
    sheets = read_workbook(path, (DOCUMENT_SHEET,), report, optional=SHAPE_SHEETS)
    if not sheets or DOCUMENT_SHEET not in sheets:
        return None
    sheet = sheets[DOCUMENT_SHEET]
    if not sheet.rows:
        report.error(Location(path.name, DOCUMENT_SHEET), "holds no settings; see the README for the list")
        return None
    languages = {m["lang"].lower().replace("_", "-"): header for header in sheet.headers if (m := _LANG_COLUMN.match(header))}
    collected = Collected()
    for row in sheet.rows:
        collect(row, languages, collected, report)
    return settings_from(collected, path, sheets, report)


def collect(row: Row, languages: Mapping[str, str], collected: Collected, report: Report) -> None:
    name = clean_text(row.values.get("Setting"), row.at("Setting"), report)
    spec = SETTINGS_BY_NAME.get(name)
    if spec is None:
        report.warn(
            row.at("Setting"), f'unknown setting "{name}" is ignored; known settings are {", ".join(s.name for s in SETTINGS)}'
        )
        return
    value: object
    if spec.per_language:
        value = {lang: setting_value(row, header, spec, lang, collected, report) for lang, header in languages.items()}
    else:
        value = setting_value(row, "Value", spec, "", collected, report)
    if spec.repeated:
        listed = collected.values.setdefault(name, [])
        assert isinstance(listed, list)
        listed.append(value)
    elif name in collected.values:
        report.error(row.at("Setting"), f'setting "{name}" appears twice; keep one row')
    else:
        collected.values[name] = value


def setting_value(row: Row, header: str, spec: SettingSpec, lang: str, collected: Collected, report: Report) -> Value | None:
    if header not in row.columns:
        report.error(Location(row.sheet.file, row.sheet.sheet, "row 1"), f'column "{header}" is missing')
        return None
    where = row.at(header)
    collected.cells[(spec.name, lang)] = where
    value = row.values.get(header)
    if value is None or (isinstance(value, str) and not value.strip()):
        report.error(where, f'"{spec.name}" has no value in column "{header}"; fill it in')
        return None
    return parse_setting(spec, value, where, report)


def parse_setting(spec: SettingSpec, value: CellValue, where: Location, report: Report) -> Value | None:
    if spec.kind is SettingKind.DATE:
        return parse_date(value, where, report)
    if spec.kind is SettingKind.SESSIONS:
        return parse_sessions(value, where, report)
    text = clean_text(value, where, report)
    if spec.kind is SettingKind.NAME and not (_NAME.fullmatch(text) and len(text) <= MAX_NAME):
        report.error(
            where,
            f'"{shorten(text)}" cannot be part of a file name; '
            f'use at most {MAX_NAME} letters, digits, "-", "_" or "." (not first)',
        )
        return None
    if spec.kind is SettingKind.LOCALE:
        return parse_locale(text, where, report)
    if spec.kind is SettingKind.PATH and (Path(text).is_absolute() or ".." in Path(text).parts or "\\" in text):
        report.error(where, f'"{shorten(text)}" must be a path within the sources folder, such as baseline/wp-2022-2025.xlsx')
        return None
    return text


def parse_locale(text: str, where: Location, report: Report) -> str | None:
    try:
        Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        report.error(where, f'locale "{shorten(text)}" is not known; type a locale code such as fr_FR, fr_BE or en_GB')
        return None
    return text


def shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def settings_from(collected: Collected, path: Path, sheets: dict[str, Sheet], report: Report) -> Settings | None:
    values = collected.values
    for spec in SETTINGS:
        if spec.required and spec.name not in values:
            report.error(Location(path.name, DOCUMENT_SHEET), f'setting "{spec.name}" is missing; add a row for it')
    if report.errors:
        return None
    get = Getter(values)
    shape = declared_or_ptc(collected, path, sheets, report)
    if shape is None:
        return None
    settings = Settings(
        reference=get.text("Reference"),
        version=get.text("Version"),
        sessions=get.sessions("Sessions"),
        meeting_start=get.date("Meeting start"),
        meeting_end=get.date("Meeting end"),
        issue_date=get.date("Issue date"),
        agenda_item=get.text("Agenda item"),
        current_programme=get.text("Current programme"),
        draft_programme=get.text("Draft programme") if "Draft programme" in values else None,
        previous_reports=get.dates("Previous report"),
        programme_end=get.date("Programme end"),
        baseline=get.text("Baseline"),
        language_letter=get.texts("Language letter"),
        locale=get.texts("Locale"),
        place=get.texts("Place"),
        author=get.texts("Author"),
        shape=shape,
        original_language=get.optional_text("Original language"),
    )
    check_together(settings, collected.cells, report)
    return None if report.errors else settings


@dataclass(frozen=True)
class Getter:
    """Typed access to the values read (each was parsed by its kind, and none is missing once no error was reported)."""

    values: Mapping[str, object]

    def text(self, name: str) -> str:
        value = self.values[name]
        assert isinstance(value, str)
        return value

    def optional_text(self, name: str) -> str | None:
        return self.text(name).lower() if name in self.values else None

    def date(self, name: str) -> dt.date:
        value = self.values[name]
        assert isinstance(value, dt.date)
        return value

    def sessions(self, name: str) -> tuple[int, ...]:
        value = self.values[name]
        assert isinstance(value, tuple)
        return tuple(int(n) for n in value)

    def dates(self, name: str) -> tuple[dt.date, ...]:
        value = self.values[name]
        assert isinstance(value, list) and all(isinstance(d, dt.date) for d in value)
        return tuple(sorted(value))

    def texts(self, name: str) -> Texts:
        value = self.values[name]
        assert isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return freeze(value)


def check_together(settings: Settings, cells: Mapping[tuple[str, str], Location], report: Report) -> None:
    """What each value may be alone is checked as it is read; here, what they must be together."""
    if settings.meeting_end < settings.meeting_start:
        report.error(
            cells[("Meeting end", "")],
            f"the meeting ends ({settings.meeting_end}) before it starts ({settings.meeting_start}); check both dates",
        )
    names: dict[str, str] = {}
    for lang in settings.languages:
        name = settings.file_reference(lang).casefold()  # file systems that ignore case would still mix them
        if name in names:
            report.error(
                cells[("Language letter", lang)],
                f'language letter "{settings.language_letter[lang]}" is also the {names[name].upper()} one: both languages '
                "would be written to one file; give each language its own letter",
            )
        names[name] = lang
    original = settings.original_language
    if original is not None and original not in settings.languages:
        report.error(
            cells[("Original language", "")],
            f'original language "{original}" is not one of the document\'s languages ({", ".join(settings.languages)}); '
            "type the code of the language it was written in",
        )
    if settings.draft_programme == settings.current_programme:
        report.error(
            cells[("Draft programme", "")], "the draft programme is the programme reported on; name another, or remove the row"
        )


def declared_or_ptc(collected: Collected, path: Path, sheets: dict[str, Sheet], report: Report) -> Shape | None:
    """The shape document.xlsx declares, or the PTC's with the labels of its ``Status …`` settings."""
    languages = list(Getter(collected.values).texts("Language letter"))
    where = Location(path.name)
    status_settings = [f"Status {key}" for key, _, _ in PTC_STATUS_COLOURS]
    if any(name in sheets for name in SHAPE_SHEETS):
        declared = read_shape(sheets, languages, where, report)
        for name in status_settings if declared is not None else ():
            if name in collected.values:
                report.warn(collected.cells.get((name, languages[0]), Location(path.name, DOCUMENT_SHEET)),
                            f'setting "{name}" is ignored: the report declares its own shape ({", ".join(SHAPE_SHEETS)}); '
                            "delete its row")  # fmt: skip
        return declared
    labels = {}
    for name, (key, _, _) in zip(status_settings, PTC_STATUS_COLOURS, strict=True):
        if name not in collected.values:
            report.error(
                Location(path.name, DOCUMENT_SHEET),
                f'setting "{name}" is missing; add a row for it, or declare the statuses in a {STATUSES_SHEET} sheet',
            )
        else:
            labels[key] = Getter(collected.values).texts(name)
    if report.errors:
        return None
    shape = ptc_shape(labels)
    check_labels(shape, languages, collected, report)
    return shape


def check_labels(shape: Shape, languages: list[str], collected: Collected, report: Report) -> None:
    for lang in languages:
        labels: dict[str, str] = {}
        for status in shape.statuses:
            label = " ".join(status.labels[lang].casefold().split())
            if label in labels:
                report.error(
                    collected.cells[(f"Status {status.key}", lang)],
                    f'the label "{status.labels[lang]}" is also the label of "{labels[label]}"; each status needs its own label',
                )
            labels[label] = status.key
