"""The report's shape: ``document.xlsx``'s ``Parts``, ``Columns`` and ``Statuses`` sheets into a :class:`~ctpdoc.model.Shape`.

Takes the sheets :mod:`ctpdoc.workbooks.sheets` read with the settings and the
settings' languages; gives the shape every later stage reads, or ``None`` with
each problem recorded at its sheet and cell. A workbook without these sheets
has the PTC's shape (:func:`ctpdoc.model.ptc_shape`), its status labels taken
from the settings' ``Status …`` rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ctpdoc.contract import COLUMNS_SHEET, PARTS_SHEET, RESERVED_SHEETS, SHAPE_SHEETS, STATUSES_SHEET
from ctpdoc.errors import Report
from ctpdoc.model import Location
from ctpdoc.shape import NUMBER_COLUMN, ColumnKind, ColumnSpec, PartSpec, Shape, StatusSpec, Texts, freeze, tag_of, with_aliases
from ctpdoc.workbooks.cells import clean_text, did_you_mean, normalise_word
from ctpdoc.workbooks.sheets import Row, Sheet

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6})")
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
YES, NO = ("yes", "oui", "y", "true", "1"), ("no", "non", "n", "false", "0")
TAGS_OF_ROW = ("no", "status", "change")  # names a row has whatever the shape (see document.context)


def read_shape(sheets: Mapping[str, Sheet], languages: Sequence[str], where: Location, report: Report) -> Shape | None:
    """The declared shape, or ``None`` when none is declared (the caller takes the PTC's) or with the problems in ``report``."""
    declared = [name for name in SHAPE_SHEETS if name in sheets]
    if not declared:
        return None
    for name in (PARTS_SHEET, COLUMNS_SHEET):
        if name not in sheets:
            report.error(
                where,
                f"declares the report's shape in {' and '.join(declared)} "
                f'but has no "{name}" sheet; '
                "add it (see the secretariat's page)",
            )
    if report.errors:
        return None
    parts = read_parts(sheets[PARTS_SHEET], languages, report)
    if report.errors:
        return None  # the columns and statuses would only repeat that the parts cannot be read
    keys = [p.key for p in parts]
    columns = read_columns(sheets[COLUMNS_SHEET], keys, report)
    statuses = read_statuses(sheets[STATUSES_SHEET], languages, report) if STATUSES_SHEET in sheets else ()
    check_together(parts, columns, statuses, sheets, where, report)
    return with_aliases(Shape(tuple(parts), tuple(columns), tuple(statuses), declared=True)) if not report.errors else None


def required_headers(sheet: Sheet, headers: Sequence[str], report: Report) -> bool:
    missing = [h for h in headers if h not in sheet.headers]
    for header in missing:
        report.error(
            Location(sheet.location.file, sheet.location.sheet, "row 1"),
            f'column "{header}" is missing; add it to the header row (headers are {", ".join(sheet.headers) or "none"})'
            f"{did_you_mean(header, [h for h in sheet.headers if h not in headers])}",
        )
    return not missing


def cell(row: Row, header: str, report: Report) -> str:
    return clean_text(row.values.get(header), row.at(header), report)


def texts(row: Row, name: str, languages: Sequence[str], report: Report, what: str) -> Texts:
    values = {}
    for lang in languages:
        header = f"{name} ({lang.upper()})"
        value = cell(row, header, report)
        if not value:
            report.error(row.at(header), f"{what} has no {name.lower()} in {lang.upper()}; fill it in")
        values[lang] = value
    return freeze(values)


def read_parts(sheet: Sheet, languages: Sequence[str], report: Report) -> list[PartSpec]:
    if not required_headers(sheet, ["Part", "Sheet", *(f"Title ({lang.upper()})" for lang in languages)], report):
        return []
    if not sheet.rows:
        report.error(sheet.location, "declares no part; add one row per part (Part, Sheet, Title in each language)")
    parts: list[PartSpec] = []
    for row in sheet.rows:
        key, name = cell(row, "Part", report), cell(row, "Sheet", report)
        if not _KEY.fullmatch(key):
            report.error(
                row.at("Part"), f'part key "{key}" should be a short code of letters, digits, "." "-" or "_", such as I, SO1 or A'
            )
        elif key in {p.key for p in parts}:
            report.error(row.at("Part"), f'part "{key}" is declared twice; give each part its own key')
        if not name:
            report.error(
                row.at("Sheet"),
                f'part "{key}" has no sheet; type the name of its sheet in the programme workbooks, such as "Part {key}"',
            )
        elif len(name) > 31 or _BAD_SHEET.search(name):
            report.error(
                row.at("Sheet"),
                f'"{name}" cannot be a sheet name in Excel (at most 31 characters, none of [ ] : * ? / \\); rename it',
            )
        elif name in RESERVED_SHEETS:
            report.error(row.at("Sheet"), f'"{name}" is the name of a sheet ctpdoc keeps for itself; give the part another sheet')
        elif name in {p.sheet for p in parts}:
            report.error(row.at("Sheet"), f'sheet "{name}" is given to two parts; give each part its own sheet')
        parts.append(PartSpec(key, name, texts(row, "Title", languages, report, f'part "{key}"')))
    return parts


def read_columns(sheet: Sheet, keys: Sequence[str], report: Report) -> list[ColumnSpec]:
    if not required_headers(sheet, ["Column", "Kind", "Per language", "Parts"], report):
        return []
    kinds = [k.value for k in ColumnKind]
    columns: list[ColumnSpec] = []
    for row in sheet.rows:
        name = " ".join(cell(row, "Column", report).split())
        kind_text = cell(row, "Kind", report).casefold()
        if not name:
            report.error(row.at("Column"), "the column has no header; type it, such as Activity or Region")
            continue
        reserved = tag_of(name) in TAGS_OF_ROW and not (tag_of(name) == "status" and kind_text == ColumnKind.STATUS.value)
        if name == NUMBER_COLUMN or reserved or re.search(r"\([A-Za-z]{2,3}\)$", name):
            report.error(row.at("Column"), f'"{name}" cannot be a declared column: "No." comes first by itself, '
                         '"Status" names a column of kind status, "Change" is taken, and "(XX)" is added per language; '
                         "rename it")  # fmt: skip
            continue
        if tag_of(name) in {c.tag for c in columns}:
            report.error(
                row.at("Column"), f'column "{name}" is declared twice (or under a name templates cannot tell apart); keep one'
            )
            continue
        if kind_text not in kinds:
            report.error(row.at("Kind"), f'kind "{kind_text}" is not one of {", ".join(kinds)}{did_you_mean(kind_text, kinds)}')
            continue
        kind = ColumnKind(kind_text)
        per_language = yes_no(row, "Per language", report)
        if per_language and kind in (ColumnKind.MONTH, ColumnKind.STATUS):
            report.error(row.at("Per language"), f'a {kind.value} column is the same in every language; type "no"')
        if not per_language and kind is ColumnKind.PROGRESS:
            report.error(row.at("Per language"), 'a progress column is written in each language; type "yes"')
        columns.append(ColumnSpec(name, kind, per_language, part_keys(row, keys, report)))
    if not sheet.rows:
        report.error(sheet.location, "declares no column; add one row per column after No. (Column, Kind, Per language, Parts)")
    return columns


def yes_no(row: Row, header: str, report: Report) -> bool:
    text = cell(row, header, report).casefold()
    if text in YES:
        return True
    if text not in NO:
        report.error(row.at(header), f'"{text}" should be yes or no')
    return False


def part_keys(row: Row, keys: Sequence[str], report: Report) -> tuple[str, ...] | None:
    text = cell(row, "Parts", report)
    if text.casefold() in ("all", "toutes", ""):
        return None
    chosen = tuple(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))
    for key in chosen:
        if key not in keys:
            report.error(row.at("Parts"),
                         f'part "{key}" is not declared in Parts (parts are {", ".join(keys)}){did_you_mean(key, keys)}; '
                         'type "all" or the keys of the parts that have the column, separated by commas')  # fmt: skip
    return chosen


def read_statuses(sheet: Sheet, languages: Sequence[str], report: Report) -> list[StatusSpec]:
    if not required_headers(sheet, ["Status", *(f"Label ({lang.upper()})" for lang in languages), "Colour", "Done"], report):
        return []
    statuses: list[StatusSpec] = []
    seen: dict[tuple[str, str], str] = {}
    for row in sheet.rows:
        key = cell(row, "Status", report).casefold()
        if not _KEY.fullmatch(key):
            report.error(
                row.at("Status"),
                f'status key "{key}" should be a short code of letters, digits, "." "-" or "_", such as completed',
            )
        elif key in {s.key for s in statuses}:
            report.error(row.at("Status"), f'status "{key}" is declared twice; keep one row')
        labels = texts(row, "Label", languages, report, f'status "{key}"')
        for lang, label in labels.items():
            folded = normalise_word(label)
            other = seen.get((lang, folded)) or (folded if folded != key and folded in {s.key for s in statuses} else None)
            if folded and other:
                report.error(
                    row.at(f"Label ({lang.upper()})"),
                    f'the label "{label}" is also the label of "{other}"; each status needs its own label',
                )
            seen[(lang, folded)] = key
        colour = cell(row, "Colour", report)
        match = _COLOUR.fullmatch(colour)
        if not match:
            report.error(row.at("Colour"), f'colour "{colour}" is not a hex RGB colour; type six hex digits, such as C6EFCE')
        statuses.append(StatusSpec(key, labels, match[1].upper() if match else "FFFFFF", yes_no(row, "Done", report)))
    return statuses


def check_together(
    parts: list[PartSpec],
    columns: list[ColumnSpec],
    statuses: Sequence[StatusSpec],
    sheets: Mapping[str, Sheet],
    where: Location,
    report: Report,
) -> None:
    status_columns = [c for c in columns if c.kind is ColumnKind.STATUS]
    for part in parts:
        if sum(1 for c in status_columns if c.in_part(part.key)) > 1:
            report.error(Location(where.file, COLUMNS_SHEET), f'part "{part.key}" has two status columns; keep one')
    if status_columns and not statuses:
        at = Location(where.file, STATUSES_SHEET) if STATUSES_SHEET in sheets else where
        report.error(at, f'column "{status_columns[0].name}" is a status column but no status is declared; '
                     'add a "Statuses" sheet with one row per status (Status, Label in each language, Colour, Done)')  # fmt: skip
    if statuses and not status_columns:
        report.warn(
            Location(where.file, STATUSES_SHEET), 'declares statuses but no column of kind "status" uses them; add one to Columns'
        )
