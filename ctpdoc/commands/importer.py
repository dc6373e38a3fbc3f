"""``ctpdoc import``: the language versions of an issued report in, a workbook set of the contract out.

Takes one ``.docx`` per language (ctpdoc's output or a report made by hand), reads each one's
annexes (:mod:`ctpdoc.word.annexes`) and cover, matches the rows across languages by ``No.``, and
writes through the one workbook writer (:mod:`ctpdoc.workbooks.writer`) the workbook of each programme
found (``wp-<period>.xlsx``, in the form ``new-workbook`` writes) and ``document.xlsx`` with the
settings the cover gives. Every document is read and every problem collected before anything is
written; then each file is written whole (temporary file, renamed) or not at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctpdoc.contract import DOCUMENT_SHEET, Column, Field, SheetSpec, WritableValue, contract_headers, contract_sheets
from ctpdoc.document.formats import original_mark
from ctpdoc.errors import CtpdocError, Report, fail
from ctpdoc.model import Location, Status, YearRange, number_key
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.word.annexes import DEFAULT_LABELS, ReadAnnex, ReadReport, ReadRow, read_report
from ctpdoc.word.body import Revisions, read_docx
from ctpdoc.word.printed import fold, fold_key, month_names, parse_printed_timeframe
from ctpdoc.workbooks.writer import check_not_open, new_workbook, target_of

_REFERENCE = re.compile(r"\b(?P<reference>[A-Z]{1,4}\d{2,6})(?P<letter>[A-Z])(?P<version>\d+[a-z]*)\b")
_AGENDA = re.compile(r"\((?:item|point)\s+(?P<item>[^\s)]+)\s+(?:on|de|of)\b", re.IGNORECASE)
_SESSIONS = re.compile(r"(\d{2,4})\s*(?:st|nd|rd|th|e|re|er|ème|eme)?\s*(?=/|\s+sessions?\b|\s*-\s*$)", re.IGNORECASE)
_MEETING = re.compile(r"^(?P<first>\d{1,2})(?:er)?[\s\u2060]*[-‑–—][\s\u2060]*(?P<last>\d{1,2})\s+(?P<month>[^\W\d_]+\.?)\s+(?P<year>\d{4})$")
_ISSUED = re.compile(r"^(?P<place>[^,\d]{2,40}),\s*(?:(?:le|the)\s+)?(?P<date>\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4})\.?$")
_ORIGINAL = re.compile(r"^O\.\s*\w{2,3}\.$")  # the cover's original language: O. Fr.
_PERIODS = re.compile(r"\b(\d{4})[\s\u2060]*[-‑–—][\s\u2060]*(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b([^\W\d_]+)\s+(\d{4})\b")
# How the body says when the earlier progress reports were noted and when the programme ends (English, French).
_NOTED = re.compile(r"took note of the progress|pris note (?:des progrès|de l.état d.avancement)", re.IGNORECASE)
_ENDS = re.compile(r"(?:ends|will end|comes to an end|s.achevant|s.achève|arrive à son terme|prend fin)\s+(?:in|en)\s+([^\W\d_]+\s+\d{4})", re.IGNORECASE)
NOTES = {
    "Reference": "Read from the cover of the imported documents.",
    "Previous report": "Month of an earlier progress report; one row per report, in date order.",
    "Programme end": "Month in which the current programme ends.",
    "Baseline": "The previous report's snapshot of the current programme, relative to source_sheets/.",
}


@dataclass
class Imported:
    """What ``import`` wrote and found, for the summary."""

    written: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # settings the documents do not give
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading every document


def read_reports(paths: Sequence[Path], changes: Revisions, report: Report) -> list[ReadReport]:
    """Every language version, read; two of one language is an error."""
    reports: list[ReadReport] = []
    for path in paths:
        read = read_report(read_docx(path, changes), report)
        if read is None:
            continue
        twin = next((r for r in reports if r.lang == read.lang), None)
        if twin is not None:
            report.error(Location(read.name), f"is in {read.lang}, as {twin.name} is; give one document per language")
            continue
        reports.append(read)
    return sorted(reports, key=lambda r: r.lang)  # the workbooks' columns in one order, whatever the order given


# ---------------------------------------------------------------- the programmes


@dataclass(frozen=True)
class ProgrammeRows:
    period: str
    reported: bool  # Annex I: status and progress
    rows: dict[int, list[list[WritableValue]]]  # part -> rows in the contract's column order
    counts: dict[str, int]  # for the summary: "Part I", "Part II", statuses


def programmes(reports: list[ReadReport], report: Report) -> list[ProgrammeRows]:
    languages = tuple(r.lang for r in reports)
    out = []
    for number in (1, 2):
        annexes = [(r, r.annexes[number]) for r in reports if number in r.annexes]
        if not annexes:
            continue
        period = annex_period(annexes, number, report)
        if period is None:
            continue
        reported = number == 1
        rows: dict[int, list[list[WritableValue]]] = {}
        counts: Counter[str] = Counter()
        for part in (1, 2):
            merged = merge_part(annexes, number, part, report)
            headers = contract_headers(part, reported, languages)
            rows[part] = [cells_of(activity, headers, reports) for activity in merged]
            counts[f"Part {'I' * part}"] = len(merged)
            if reported and part == 1:
                counts.update(a[reports[0].lang].status.value for a in merged if a[reports[0].lang].status)  # type: ignore[union-attr]
        out.append(ProgrammeRows(period, reported, rows, dict(counts)))
    return out


def annex_period(annexes: list[tuple[ReadReport, ReadAnnex]], number: int, report: Report) -> str | None:
    """The period from the annex heading, else from the title on the cover (first period: Annex I's)."""
    found: dict[str, str] = {}
    for read, annex in annexes:
        titled = title_periods(read)
        period = annex.period or (titled[number - 1] if len(titled) >= number else None)
        if period:
            found[read.name] = period
    periods = set(found.values())
    if len(periods) > 1:
        report.error(Location(annexes[0][0].name), f"Annex {'I' * number} is for {', '.join(f'{p} in {n}' for n, p in found.items())}; the language versions must be of one report")
        return None
    if not periods:
        report.error(Location(annexes[0][0].name, f"Annex {'I' * number}"), "its period (e.g. 2022-2025) is neither in its heading nor in the title; add it to the annex heading")
        return None
    return periods.pop()


def title_periods(read: ReadReport) -> list[str]:
    for paragraph in read.paragraphs:
        periods = [f"{a}-{b}" for a, b in _PERIODS.findall(paragraph.text)]
        if len(periods) >= 2:
            return periods
    return []


Merged = dict[str, ReadRow]  # language -> its row of one activity


def merge_part(annexes: list[tuple[ReadReport, ReadAnnex]], number: int, part: int, report: Report) -> list[Merged]:
    """The rows of one part matched across the languages by number, in annex order."""
    by_number: dict[str, Merged] = {}
    for read, annex in annexes:
        seen: dict[str, ReadRow] = {}
        for row in annex.parts[part]:
            if row.number in seen:
                report.error(row.where, f'activity number "{row.number}" is used twice in Annex {"I" * number}; renumber one of them')
                continue
            seen[row.number] = row
            by_number.setdefault(row.number, {})[read.lang] = row
    names = {read.lang: read.name for read, _ in annexes}
    for number_, rows in by_number.items():
        missing = [lang for lang in names if lang not in rows]
        if missing:
            present = next(iter(rows.values()))
            absent = ", ".join(names[lang] for lang in missing)
            report.error(present.where, f"activity {number_} is in {present.where.file} but not in {absent} (Annex {'I' * number}, Part {'I' * part}); add it there or remove it")
        else:
            check_agreement(rows, report)
    complete = [rows for rows in by_number.values() if len(rows) == len(names)]
    return sorted(complete, key=lambda rows: number_key(next(iter(rows.values())).number))


def check_agreement(rows: Merged, report: Report) -> None:
    """A status is the same in every language; a row whose statuses differ is reported."""
    statuses = {lang: row.status for lang, row in rows.items()}
    if len(set(statuses.values())) > 1:
        first = next(iter(rows.values()))
        told = ", ".join(f"{row.where.file}: {row.status.value if row.status else 'none'}" for row in rows.values())
        report.error(first.at("status"), f"the status differs between the languages ({told}); correct the document that is wrong")


def cells_of(rows: Merged, headers: list[tuple[str, Field]], reports: list[ReadReport]) -> list[WritableValue]:
    """One workbook row: language-neutral fields from the first language, text fields from each."""
    locales = {r.lang: r.locale for r in reports}
    first_lang = reports[0].lang
    out: list[WritableValue] = []
    for header, column in headers:
        lang = header[-3:-1].lower() if column.per_language else first_lang
        out.append(cell_value(rows[lang], column.name, lang, locales[lang]))
    return out


def cell_value(row: ReadRow, name: str, lang: str, locale: str) -> WritableValue:
    field_ = {"No.": "no", "Strategic objective": "objective"}.get(name, name.lower())
    if field_ == "no":
        return row.number
    if field_ == "status":
        return row.status.value if row.status else None
    text = row.values.get(field_, "")
    if field_ == "timeframe":
        return timeframe_cell(text, locale)
    return text or None


def timeframe_cell(text: str, locale: str) -> WritableValue:
    """A month is written as a date (the month's last day), years as text (``2023-2025``)."""
    value = parse_printed_timeframe(text, locale)
    if isinstance(value, YearRange):
        return str(value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return text or None


def check_rows(reports: list[ReadReport], report: Report) -> None:
    """What the workbooks would refuse, said about the document: empty required cells, unreadable timeframes, no status."""
    for read in reports:
        for annex in read.annexes.values():
            for part, rows in annex.parts.items():
                for row in rows:
                    if not row.values.get("activity"):
                        report.error(row.at("activity"), "the activity is empty; fill it in the document")
                    timeframe = row.values.get("timeframe")
                    if timeframe and parse_printed_timeframe(timeframe, read.locale) is None:
                        report.error(row.at("timeframe"), f'timeframe "{timeframe}" is neither a month (e.g. {example_month(read.locale)}) nor years (2023-2025); correct it in the document')
                    if annex.number == 1 and part == 1 and row.status is None:
                        report.error(row.at("status"), "no status: the cell opens with no status label and the row has no blue, green or red shading; add the label or the colour")


def example_month(locale: str) -> str:
    names = {number: name for name, number in month_names(locale).items()}
    return f"{names.get(6, 'June')} 2024"


# ---------------------------------------------------------------- the settings on the cover


def cover_settings(reports: list[ReadReport], programmes_: list[ProgrammeRows], report: Report) -> tuple[list[list[WritableValue]], list[str]]:
    """The rows of ``document.xlsx › Document`` the covers give, and the settings they do not."""
    shared: dict[str, Any] = {}
    per_language: dict[str, dict[str, WritableValue]] = {}
    for read in reports:
        found = read_cover(read)
        for name, value in found.items():
            if isinstance(value, dict):
                per_language.setdefault(name, {}).update(value)
            elif name not in shared:
                shared[name] = value
    periods = {p.reported: p.period for p in programmes_}
    if True in periods:
        shared["Current programme"] = periods[True]
        shared["Baseline"] = f"baseline/{programme_file(periods[True])}"
    if False in periods:
        shared["Draft programme"] = periods[False]
    mark = shared.pop("Original mark", None)
    original = next((r.lang for r in reports if original_mark(r.lang) == mark), None) if mark else None
    if original:
        shared["Original language"] = original
    languages = [r.lang for r in reports]
    for status in Status:
        labels = {r.lang: r.labels.get(status) or DEFAULT_LABELS.get(r.lang, {}).get(status) for r in reports}
        per_language[f"Status {status.value}"] = {lang: label for lang, label in labels.items() if label}
    per_language["Locale"] = {r.lang: r.locale for r in reports}
    authors = {r.lang: r.authors.most_common(1)[0][0] for r in reports if r.authors}
    if authors:
        per_language["Author"] = dict(authors)
    rows: list[list[WritableValue]] = []
    missing: list[str] = []
    order = ["Reference", "Version", "Language letter", "Locale", "Sessions", "Meeting start", "Meeting end", "Place", "Issue date",
             "Agenda item", "Current programme", "Draft programme", "Previous report", "Programme end", "Baseline", "Author",
             "Status completed", "Status ongoing", "Status pending", "Original language"]  # fmt: skip
    for name in order:
        if name == "Original language" and name not in shared:
            continue  # optional: the covers print no "O. Fr."
        if name in shared and isinstance(shared[name], list):
            for value in shared[name]:
                rows.append([name, value, *([None] * len(languages)), NOTES.get(name, "Read from the imported documents.")])
        elif name in shared:
            rows.append([name, shared[name], *([None] * len(languages)), NOTES.get(name, "Read from the imported documents.")])
        elif name in per_language and per_language[name]:
            values = per_language[name]
            rows.append([name, None, *(values.get(lang) for lang in languages), "Read from the imported documents."])
            missing += [f"{name} ({lang.upper()})" for lang in languages if lang not in values]
        else:
            rows.append([name, None, *([None] * len(languages)), "Not found in the documents: fill it in."])
            missing.append(name)
    return rows, missing


def read_cover(read: ReadReport) -> dict[str, Any]:
    """The settings one cover gives (lines before Summary); per-language values as {lang: value}."""
    found: dict[str, Any] = {}
    lines = [line.strip() for p in read.paragraphs[:40] for line in p.text.replace("\t", "\n").split("\n") if line.strip()]
    names = month_names(read.locale)
    for line in lines:
        if "Reference" not in found and (match := _REFERENCE.search(line)):
            found["Reference"], found["Version"] = match["reference"], match["version"]
            found["Language letter"] = {read.lang: match["letter"]}
        if "Original mark" not in found and _ORIGINAL.match(line):
            found["Original mark"] = line
        if "Agenda item" not in found and (match := _AGENDA.search(line)):
            found["Agenda item"] = match["item"]
        folded = fold(line)
        if "Sessions" not in found and "session" in folded.casefold() and len(folded) < 80:
            numbers = _SESSIONS.findall(folded)
            if numbers:
                found["Sessions"] = "/".join(numbers)
        if "Meeting start" not in found and (match := _MEETING.match(folded)):
            month = names.get(fold_key(match["month"]).rstrip("."))
            if month:
                year = int(match["year"])
                found["Meeting start"] = dt.datetime(year, month, int(match["first"]))
                found["Meeting end"] = dt.datetime(year, month, int(match["last"]))
        if "Place" not in found and (match := _ISSUED.match(folded)):
            issued = parse_printed_timeframe(match["date"], read.locale)
            if isinstance(issued, dt.date):
                found["Place"] = {read.lang: match["place"].strip()}
                found["Issue date"] = dt.datetime(issued.year, issued.month, issued.day)
    found.update(body_dates(read))
    return found


def body_dates(read: ReadReport) -> dict[str, Any]:
    """The months of the earlier progress reports ("in April 2023 and in April 2024, the PTC took note of the
    progress…") and the month the programme ends ("… ends in June 2025"), from the body's first mention."""
    names = month_names(read.locale)
    found: dict[str, Any] = {}

    def months(text: str) -> list[tuple[int, int]]:
        return [(int(year), names[key]) for word, year in _MONTH_YEAR.findall(fold(text)) if (key := fold_key(word)) in names]

    for paragraph in read.paragraphs:
        for sentence in re.split(r"(?<=[.;])\s+", paragraph.text):
            if "Previous report" not in found and _NOTED.search(sentence) and (noted := months(sentence)):
                found["Previous report"] = sorted(dt.datetime(year, month, 1) for year, month in set(noted))
            end = _ENDS.search(fold(sentence))
            if "Programme end" not in found and end and (ends := months(end[1])):
                year, month = ends[0]
                found["Programme end"] = dt.datetime(year, month, calendar.monthrange(year, month)[1])
    return found


# ---------------------------------------------------------------- writing


def document_sheet(rows: list[list[WritableValue]], languages: list[str]) -> SheetSpec:
    columns = [Column("Setting", "The name of the setting (see the README).", 22),
               Column("Value", "The value, when it is the same in every language.", 30)]  # fmt: skip
    columns += [Column(f"Value ({lang.upper()})", f"The value in {lang}.", 30) for lang in languages]
    columns.append(Column("Note", "What the setting is for.", 60))
    return SheetSpec(DOCUMENT_SHEET, columns, rows)


def import_reports(paths: Sequence[Path], into: Path, changes: Revisions, force: bool) -> Imported:
    """Read every document, then write the workbooks; nothing is written if a problem is found."""
    report = Report()
    reports = read_reports(paths, changes, report)
    found = programmes(reports, report) if reports else []
    check_rows(reports, report)
    if reports and not found and not report.errors:
        report.error(Location(reports[0].name), "no activity table was read in its annexes; check the annex headings and table headers")
    report.raise_if_errors()
    languages = [r.lang for r in reports]
    settings, missing = cover_settings(reports, found, report)
    words = list(dict.fromkeys([s.value for s in Status] + [r.labels[s] for r in reports for s in Status if s in r.labels]))
    targets = {into / programme_file(p.period): p for p in found}
    document = into / DOCUMENT_WORKBOOK
    for target in [*targets, document]:
        target_of(target, force)  # every refusal before the first write
        check_not_open(target)
    result = Imported(missing=missing, warnings=[str(p) for p in report.warnings])
    for target, programme in targets.items():
        new_workbook(target, contract_sheets(programme.reported, tuple(languages), words, programme.rows), force)
        result.written.append(target)
    new_workbook(document, [document_sheet(settings, languages)], force)
    result.written.append(document)
    result.summary = list(summarise(reports, found))
    return result


def summarise(reports: list[ReadReport], found: list[ProgrammeRows]) -> Iterator[str]:
    yield f"read {len(reports)} language versions"
    for read in reports:
        annexes = ", ".join(f"Annex {'I' * n} {sum(len(rows) for rows in a.parts.values())} rows" for n, a in sorted(read.annexes.items()))
        yield f"  {read.lang} ({read.name}): {annexes}"
    for programme in found:
        counts = programme.counts
        parts = f"Part I {counts.get('Part I', 0)}, Part II {counts.get('Part II', 0)}"
        statuses = ", ".join(f"{counts[s.value]} {s.value}" for s in Status if counts.get(s.value))
        kind = "programme reported on" if programme.reported else "draft programme"
        yield f"{programme_file(programme.period)} ({kind}): {parts}" + (f"; Part I: {statuses}" if statuses else "")


def refuse_missing(paths: Sequence[Path]) -> None:
    if not paths:
        raise CtpdocError("give the Word documents to import, one per language: ctpdoc import REPORT-F.docx REPORT-E.docx")
    for path in paths:
        if not path.is_file():
            raise fail(Location(str(path)), "not found; check the path")
