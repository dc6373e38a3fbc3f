"""``ctpdoc import``: the language versions of an issued report in, a workbook set of the contract out.

Takes one ``.docx`` per language (ctpdoc's output or a report made by hand), reads each one's
annexes (:mod:`ctpdoc.word.annexes`) and cover (:mod:`.cover`, this command's own), matches the rows
across languages by ``No.``, and writes through the one workbook writer (:mod:`ctpdoc.workbooks.new`)
the workbook of each programme found (``wp-<period>.xlsx``, in the form ``new-workbook`` writes) and
``document.xlsx`` with the settings the cover gives. Every document is read and every problem collected
before anything is written; then every file is written to a temporary file and all are renamed together:
all of them or none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ctpdoc.commands.importer.cover import cover_settings, document_sheet, in_calendar
from ctpdoc.commands.rendering import Progress, no_progress
from ctpdoc.commands.writing import writing
from ctpdoc.contract import WritableValue, contract_headers, contract_sheets, shape_sheets
from ctpdoc.errors import CtpdocError, Report, counted, fail, quoted
from ctpdoc.inputs import irregular
from ctpdoc.model import Location, YearRange, number_key
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.shape import ColumnKind, ColumnSpec, Shape, ptc_shape
from ctpdoc.translations.catalogue import record_in_step
from ctpdoc.word.annexes import ReadAnnex, ReadReport, ReadRow, annex_name, read_report
from ctpdoc.word.body import Revisions, read_docx
from ctpdoc.word.printed import fold, month_names, parse_printed_timeframe
from ctpdoc.workbooks import values
from ctpdoc.workbooks.edit import check_not_open
from ctpdoc.workbooks.new import new_workbooks, target_of
from ctpdoc.workbooks.sources import shape_of
from ctpdoc.workbooks.values import FIRST_YEAR, LAST_YEAR

_PERIODS = re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b")  # on folded text (a range's non-breaking hyphen read as "-")


@dataclass
class Imported:
    """What ``import`` wrote and found, for the summary."""

    written: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # settings the documents do not give
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading every document


def read_reports(
    paths: Sequence[Path], changes: Revisions, report: Report, progress: Progress = no_progress, shape: Shape | None = None
) -> list[ReadReport]:
    """Every language version, read with the report's ``shape`` (the PTC's by default); two of one language is an error."""
    reports: list[ReadReport] = []
    for path in paths:
        read = read_report(read_docx(path, changes), report, shape)
        if read is None:
            continue
        progress(f"read {path.name} ({read.lang})")
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
    rows: dict[str, list[list[WritableValue]]]  # part key -> rows in the contract's column order
    counts: dict[str, int]  # for the summary: "Part I", "Part II", statuses


def programmes(reports: list[ReadReport], report: Report) -> list[ProgrammeRows]:
    languages = tuple(r.lang for r in reports)
    shape = reports[0].vocabulary.shape
    out = []
    for number in (1, 2):
        annexes = [(r, r.annexes[number]) for r in reports if number in r.annexes]
        if not annexes:
            continue
        period = annex_period(annexes, number, report)
        if period is None:
            continue
        reported = number == 1
        rows: dict[str, list[list[WritableValue]]] = {}
        counts: Counter[str] = Counter()
        for part, spec in enumerate(shape.parts, start=1):
            merged = merge_part(annexes, number, part, report)
            headers = contract_headers(shape, spec.key, reported, languages)
            rows[spec.key] = [cells_of(activity, headers, reports) for activity in merged]
            counts[spec.sheet] = len(merged)
            if reported:
                counts.update(status for a in merged if (status := a[reports[0].lang].status))
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
        report.error(
            Location(annexes[0][0].name),
            f"{annex_name(number)} is for {', '.join(f'{p} in {n}' for n, p in found.items())}; the language versions must be "
            "of one report",
        )
        return None
    if not periods:
        report.error(
            Location(annexes[0][0].name, annex_name(number)),
            "its period (e.g. 2022-2025) is neither in its heading nor in the title; add it to the annex heading",
        )
        return None
    return periods.pop()


def title_periods(read: ReadReport) -> list[str]:
    for paragraph in read.paragraphs:
        periods = [f"{a}-{b}" for a, b in _PERIODS.findall(fold(paragraph.text))]
        if len(periods) >= 2:
            return periods
    return []


Merged = dict[str, ReadRow]  # language -> its row of one activity


def merge_part(annexes: list[tuple[ReadReport, ReadAnnex]], number: int, part: int, report: Report) -> list[Merged]:
    """The rows of one part matched across the languages by number, in annex order."""
    by_number: dict[str, Merged] = {}
    for read, annex in annexes:
        seen: dict[str, ReadRow] = {}
        for row in annex.parts.get(part, []):
            if row.number in seen:
                report.error(
                    row.where, f'activity number "{row.number}" is used twice in {annex_name(number)}; renumber one of them'
                )
                continue
            seen[row.number] = row
            by_number.setdefault(row.number, {})[read.lang] = row
    names = {read.lang: read.name for read, _ in annexes}
    for number_, rows in by_number.items():
        missing = [lang for lang in names if lang not in rows]
        if missing:
            present = next(iter(rows.values()))
            absent = ", ".join(names[lang] for lang in missing)
            report.error(
                present.where,
                f"activity {number_} is in {present.where.file} but not in {absent} ({annex_name(number)}, "
                f"{read_part(annexes, part)}); add it there or remove it",
            )
        else:
            check_agreement(rows, {read.lang: read.locale for read, _ in annexes}, report, annexes[0][0].vocabulary.shape)
    complete = [rows for rows in by_number.values() if len(rows) == len(names)]
    return sorted(complete, key=lambda rows: number_key(next(iter(rows.values())).number))


def read_part(annexes: list[tuple[ReadReport, ReadAnnex]], part: int) -> str:
    return annexes[0][0].vocabulary.shape.parts[part - 1].sheet


def month_tags(shape: Shape) -> list[str]:
    return [c.tag for c in shape.columns if c.kind is ColumnKind.MONTH]


def check_agreement(rows: Merged, locales: dict[str, str], report: Report, shape: Shape) -> None:
    """A status and a timeframe are the same in every language; a row whose statuses or timeframes differ is reported."""
    statuses = {lang: row.status for lang, row in rows.items()}
    first = next(iter(rows.values()))
    if len(set(statuses.values())) > 1:
        told = ", ".join(f"{row.where.file}: {row.status or 'none'}" for row in rows.values())
        report.error(first.at("status"), f"the status differs between the languages ({told}); correct the document that is wrong")
    for tag in month_tags(shape):
        timeframes = {lang: parse_printed_timeframe(row.values.get(tag, ""), locales[lang]) for lang, row in rows.items()}
        months = {(t.year, t.month) if isinstance(t, dt.date) else t for t in timeframes.values()}
        if len(months) > 1:
            told = ", ".join(f"{row.where.file}: {quoted(row.values.get(tag, ''))}" for row in rows.values())
            report.error(
                first.at(tag),
                f"the {tag.replace('_', ' ')} differs between the languages ({told}); correct the document that is wrong",
            )


def cells_of(rows: Merged, headers: list[tuple[str, ColumnSpec | None]], reports: list[ReadReport]) -> list[WritableValue]:
    """One workbook row: language-neutral fields from the first language, text fields from each."""
    locales = {r.lang: r.locale for r in reports}
    first_lang = reports[0].lang
    out: list[WritableValue] = []
    for header, column in headers:
        lang = header[header.rindex("(") + 1 : -1].lower() if column and column.per_language else first_lang
        out.append(cell_value(rows[lang], column, locales[lang]))
    return out


def cell_value(row: ReadRow, column: ColumnSpec | None, locale: str) -> WritableValue:
    if column is None:
        return row.number
    if column.kind is ColumnKind.STATUS:
        return row.status
    text = row.values.get(column.tag, "")
    if column.kind is ColumnKind.MONTH:
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
        shape = read.vocabulary.shape
        for annex in read.annexes.values():
            for part, rows in annex.parts.items():
                key = shape.parts[part - 1].key
                title = shape.title_column(key)
                for row in rows:
                    if title is not None and not row.values.get(title.tag):
                        report.error(row.at(title.tag), f"the {title.name.lower()} is empty; fill it in the document")
                    for tag in month_tags(shape):
                        check_month(row, tag, read.locale, report)
                    for name, text in row.values.items():
                        wrong = values.problem(text)
                        if wrong:
                            report.error(row.at(name), f"the text {wrong} in the document")
                    if annex.number == 1 and read.vocabulary.has_status(part) and row.status is None:
                        report.error(
                            row.at("status"),
                            "no status: the cell opens with no status label and the row has no blue, green or red shading; add "
                            "the label or the colour",
                        )


def check_month(row: ReadRow, tag: str, locale: str, report: Report) -> None:
    timeframe = row.values.get(tag)
    parsed = parse_printed_timeframe(timeframe, locale) if timeframe else None
    if timeframe and parsed is None:
        report.error(
            row.at(tag),
            f"timeframe {quoted(timeframe)} is neither a month (e.g. {example_month(locale)}) nor years (2023-2025); correct "
            "it in the document",
        )
    elif timeframe and not in_calendar(parsed):
        report.error(
            row.at(tag),
            f"timeframe {quoted(timeframe)} is outside the years a workbook holds ({FIRST_YEAR}-{LAST_YEAR}); correct it in "
            "the document",
        )


def example_month(locale: str) -> str:
    names = {number: name for name, number in month_names(locale).items()}
    return f"{names.get(6, 'June')} 2024"


def import_reports(
    paths: Sequence[Path],
    into: Path,
    changes: Revisions,
    force: bool,
    progress: Progress = no_progress,
    shape: Shape | None = None,
) -> Imported:
    """Read every document with the report's ``shape`` (the PTC's by default), then write the workbooks; nothing is
    written if a problem is found."""
    shape = shape or ptc_shape()
    report = Report()
    reports = read_reports(paths, changes, report, progress, shape)
    found = programmes(reports, report) if reports else []
    check_rows(reports, report)
    if reports and not found and not report.errors:
        report.error(
            Location(reports[0].name), "no activity table was read in its annexes; check the annex headings and table headers"
        )
    report.raise_if_errors()
    languages = [r.lang for r in reports]
    settings, missing = cover_settings(reports, {p.reported: p.period for p in found}, report, shape)
    report.raise_if_errors()
    keys = [s.key for s in shape.statuses]
    words = list(dict.fromkeys(keys + [r.labels[s] for r in reports for s in keys if s in r.labels]))
    # Changes rejected give the baseline of the programme reported on, and nothing else: only that workbook is
    # written (into the baseline's folder, say), never a draft or settings that would sit there unread.
    baseline_only = changes is Revisions.REJECT
    targets = {into / programme_file(p.period): p for p in found if p.reported or not baseline_only}
    document = into / DOCUMENT_WORKBOOK
    result = Imported(missing=[] if baseline_only else missing, warnings=[str(p) for p in report.warnings])
    workbooks = {
        target: contract_sheets(shape, programme.reported, tuple(languages), words, programme.rows)
        for target, programme in targets.items()
    }
    if not baseline_only:
        workbooks[document] = [document_sheet(settings, languages), *(shape_sheets(shape, languages) if shape.declared else [])]
    make_folder(into)
    with writing(into, "import"):
        for target in workbooks:
            target_of(target, force)  # every refusal before the first write
            check_not_open(target)
        new_workbooks(workbooks, force)  # every file written, then all renamed together: all of them or none
        if not baseline_only:
            record_in_step(into, everything=True)  # an issued report's texts are in step
    result.written = list(workbooks)
    result.summary = list(summarise(reports, found, shape))
    return result


def import_shape(into: Path, given: Path | None) -> Shape:
    """The shape the documents are read with: that of the ``--shape`` workbook, else of the folder's own
    ``document.xlsx`` when it declares one, else the PTC's."""
    if given is not None:
        return shape_of(given)
    own = into / DOCUMENT_WORKBOOK
    return shape_of(own, strict=False) if own.is_file() else ptc_shape()  # a folder's broken settings: import replaces them


def make_folder(into: Path) -> None:
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{into}: cannot create the folder ({exc.strerror}); choose another with --into") from exc


def summarise(reports: list[ReadReport], found: list[ProgrammeRows], shape: Shape) -> Iterator[str]:
    yield f"read {counted(len(reports), 'language version')}"
    for read in reports:
        annexes = ", ".join(
            f"{annex_name(n)} {counted(sum(len(rows) for rows in a.parts.values()), 'row')}"
            for n, a in sorted(read.annexes.items())
        )
        yield f"  {read.lang} ({read.name}): {annexes}"
    for programme in found:
        counts = programme.counts
        parts = ", ".join(f"{p.sheet} {counts.get(p.sheet, 0)}" for p in shape.parts)
        statuses = ", ".join(f"{counts[s.key]} {s.key}" for s in shape.statuses if counts.get(s.key))
        with_status = " and ".join(p.sheet for p in shape.parts if shape.has_status(p.key))
        kind = "programme reported on" if programme.reported else "draft programme"
        yield f"{programme_file(programme.period)} ({kind}): {parts}" + (f"; {with_status}: {statuses}" if statuses else "")


def refuse_missing(paths: Sequence[Path]) -> None:
    if not paths:
        raise CtpdocError("give the Word documents to import, one per language: ctpdoc import REPORT-F.docx REPORT-E.docx")
    for path in paths:
        if not path.is_file():
            raise fail(Location(str(path)), irregular(path) or "not found; check the path")
