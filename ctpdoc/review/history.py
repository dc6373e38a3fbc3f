"""Across reports: the status counts of each earlier report, from the dated baselines ``snapshot`` keeps.

Takes the sources folder; reads ``baseline/history/<YYYY-MM-DD>/`` (each the
workbook of the programme as it stood for the report of that date) through the
workbook reader, and gives one :class:`HistoryPoint` per report, then the
previous report (the baseline) and this one. A folder that is absent is no
history; a dated folder that cannot be read is a note on the page, never a
failure of the review.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.document.context import Counts, count
from ctpdoc.document.formats import Formats
from ctpdoc.errors import Report
from ctpdoc.model import Programme, Sources
from ctpdoc.paths import programme_file
from ctpdoc.workbooks.cells import status_words
from ctpdoc.workbooks.collecting import inside
from ctpdoc.workbooks.history import HISTORY, list_history
from ctpdoc.workbooks.programmes import read_programme


@dataclass(frozen=True)
class HistoryPoint:
    """The counts of one report: an earlier one (from the history), the previous one (the baseline) or this one."""

    date: dt.date
    label: str  # "April 2024"
    source: str  # the workbook counted, as the sources folder names it
    counts: Counts
    period: str


def read_history(folder: Path, sources: Sources, english: Formats) -> tuple[list[HistoryPoint], list[str]]:
    """Every report's counts, oldest first, ending with this report; and notes on folders that could not be read."""
    settings = sources.settings
    points: dict[dt.date, HistoryPoint] = {}
    notes: list[str] = []
    for day, path, name in dated_workbooks(folder, settings.current_programme, notes):
        programme = read_earlier(folder, path, name, sources, notes)
        if programme is not None:
            points[day] = HistoryPoint(day, english.month(day), name, count(programme, settings.shape), programme.period)
    if sources.baseline is not None and sources.previous_reports:
        day = sources.previous_reports[-1]  # the baseline's own report
        if not any((d.year, d.month) == (day.year, day.month) for d in points):  # the history keeps it already
            points[day] = HistoryPoint(
                day, english.month(day), settings.baseline, count(sources.baseline, settings.shape), sources.baseline.period
            )
    ordered = [points[d] for d in sorted(points)]
    now = settings.issue_date
    ordered.append(
        HistoryPoint(
            now, english.month(now), sources.current.location.file, count(sources.current, settings.shape), sources.current.period
        )
    )
    return ordered, notes


# The page compares the latest reports of the history, each workbook read whole as the programme is: at most
# MAX_REPORTS of them (twenty years of two sessions), and at most MAX_BYTES of workbooks in all, counted unzipped
# (what openpyxl reads: the sample's programme is 135 KB, read in 0.06 s; tiny shared strings cost the most, some
# 2 µs a byte), so that the review of any history is done within a minute. 2,000 dated folders (hard links to one
# workbook) kept it busy past 60 s.
MAX_REPORTS = 40
MAX_BYTES = 16 * 2**20


def dated_workbooks(folder: Path, current_period: str, notes: list[str]) -> list[tuple[dt.date, Path, str]]:
    """``(date, workbook, name)`` of the latest dated folders of the history (within :data:`MAX_REPORTS` and
    :data:`MAX_BYTES`), oldest first; the earlier ones are left out with one note."""
    found: list[tuple[dt.date, Path, str]] = []
    read = 0
    dated = list_history(folder, notes)
    for at, (day, entry) in enumerate(reversed(dated)):
        where = f"{HISTORY.as_posix()}/{entry.name}"
        workbook = pick_workbook(entry, current_period)
        if workbook is None:
            notes.append(f"{where}: no work-programme workbook (wp-<period>.xlsx) in it; left out")
            continue
        size = size_of(workbook)
        if len(found) == MAX_REPORTS or read + size > MAX_BYTES:
            earlier = len(dated) - at
            notes.append(
                f"{HISTORY.as_posix()}: the {counted(earlier, 'earlier report')} up to {day.isoformat()} left out: "
                f"the page compares the latest {MAX_REPORTS} reports, {MAX_BYTES // 2**20} MB of workbooks (unzipped) at most; "
                "move the oldest dated folders aside"
            )
            break
        read += size
        found.append((day, workbook, f"{where}/{workbook.name}"))
    return found[::-1]


def size_of(path: Path) -> int:
    """The workbook's size unzipped, as its zip directory declares it (the reader checks it holds no more)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return 0  # not a workbook: the reader notes it, at no cost


def counted(number: int, what: str) -> str:
    return f"{number:,} {what}" + ("" if number == 1 else "s")


def pick_workbook(folder: Path, current_period: str) -> Path | None:
    """The reported programme's workbook in a dated folder: the current programme's if there, else the only one."""
    wanted = folder / programme_file(current_period)
    if wanted.is_file():
        return wanted
    candidates = sorted(p for p in folder.glob("wp-*.xlsx") if p.is_file() and not p.name.startswith("~$"))
    return candidates[-1] if candidates else None


def read_earlier(folder: Path, path: Path, name: str, sources: Sources, notes: list[str]) -> Programme | None:
    settings = sources.settings
    if not inside(path, folder):
        notes.append(f"{name}: leads outside {folder}; left out")
        return None
    period = path.stem.removeprefix("wp-")
    report = Report()
    programme = read_programme(path, name, period, settings.languages, settings.shape, status_words(settings.shape), report, True)
    if programme is None or report.errors:
        first = report.errors[0] if report.errors else None
        notes.append(
            f"{first or name}: cannot be counted; left out of the reports compared"
            if first
            else f"{name}: cannot be read; left out"
        )
        return None
    return programme
