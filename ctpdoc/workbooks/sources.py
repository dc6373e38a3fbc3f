"""The sources folder, read once: the settings, then the programmes they name, then the baseline, then the
record of texts in step (``translations.toml``).

Takes ``source_sheets/`` (or ``--sources``); gives the checked, language-neutral
:class:`~ctpdoc.model.Sources`, with every problem of every workbook collected in
one report.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctpdoc.errors import Report
from ctpdoc.model import Location, Programme, Settings, Sources
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.shape import Shape, ptc_shape
from ctpdoc.workbooks.cells import status_words
from ctpdoc.workbooks.programmes import read_programme
from ctpdoc.workbooks.record import read_record
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.snapshots import read_taken

MAX_ACTIVITIES = 16_000  # current and draft programmes together: built in well under a minute on two cores


def read_sources(folder: Path, report: Report | None = None, with_baseline: bool = True) -> Sources:
    """Read and check every workbook of ``folder``; raise once with every problem."""
    report = report if report is not None else Report()
    sources = collect_sources(folder, report, with_baseline)
    report.raise_if_errors()
    assert sources is not None
    return sources


# Starts ``function(*args)`` beside this process and gives what waits for its result (render.worker.beside).
Start = Callable[..., Callable[[], Any]]


Read = Callable[[], list[tuple[Programme | None, Report]]]  # programmes being read, each with its problems


@dataclass
class Collecting:
    """Sources being read (:func:`start_collecting`): the settings read, the programmes started, beside this process
    or to be read in turn; :func:`finish_collecting` gives the sources."""

    folder: Path
    with_baseline: bool
    report: Report  # the settings' problems
    settings: Settings | None
    current: Read
    rest: Read  # the draft, then the baseline
    draft_name: str
    baseline: Path | None
    found: Report  # where the baseline is (or is not)
    seconds: float  # spent starting

    def cancel(self) -> None:
        """The programmes being read beside this process stopped, when the command stops before it needs them (a
        process blocked on sending them would otherwise wait for as long as this one lives)."""
        for reading in (self.current, self.rest):
            stop = getattr(reading, "cancel", None)  # a process's reading (a Waiting); one in turn has nothing to stop
            if stop is not None:
                stop()


def start_collecting(folder: Path, with_baseline: bool = True, start: Start | None = None) -> Collecting:
    """The settings read; with ``start``, the current programme read beside this process, and the draft and the
    baseline beside it too (:data:`Start`), while this process goes on (``build`` imports what renders meanwhile);
    without, each read in turn when :func:`finish_collecting` asks."""
    began = time.perf_counter()
    report = Report()
    settings = read_settings(folder / DOCUMENT_WORKBOOK, report)
    found = Report()
    nothing: Read = list
    if settings is None:
        return Collecting(folder, with_baseline, report, None, nothing, nothing, "", None, found, 0.0)
    common = (settings.languages, settings.shape, status_words(settings.shape))
    current_name = programme_file(settings.current_programme)
    current: list[Job] = [(folder / current_name, current_name, settings.current_programme, *common, True)]
    rest: list[Job] = []
    draft_name = programme_file(settings.draft_programme) if settings.draft_programme else ""
    if draft_name:
        rest.append((folder / draft_name, draft_name, settings.draft_programme or "", *common, False))
    path = baseline_path(folder, settings, found) if with_baseline else optional_baseline(folder, settings)
    if path is not None:
        rest.append((path, settings.baseline, settings.current_programme, *common, True))
    if start is None:
        return Collecting(
            folder, with_baseline, report, settings, lambda: read_all(current), lambda: read_all(rest), draft_name, path, found,
            time.perf_counter() - began,
        )  # fmt: skip
    reading_current = start(read_all, current)
    reading_rest = start(read_all, rest) if rest else nothing
    return Collecting(
        folder, with_baseline, report, settings, reading_current, reading_rest, draft_name, path, found,
        time.perf_counter() - began,
    )  # fmt: skip


def collect_sources(
    folder: Path, report: Report, with_baseline: bool = True, with_record: bool = True, start: Start | None = None
) -> Sources | None:
    """Read every workbook, recording problems in ``report``; ``None`` if the sources are unusable. ``with_record``:
    with the record of texts in step too (else :func:`add_record` adds it when the checks need it). ``start``: the
    programmes are read beside this process (:func:`start_collecting`); the problems of each are reported in the
    order they are when all are read here, one after the other."""
    return finish_collecting(start_collecting(folder, with_baseline, start), report, with_record)


def finish_collecting(collecting: Collecting, report: Report, with_record: bool = True) -> Sources | None:
    """The sources :func:`start_collecting` started to read, their problems into ``report`` in the order of the
    workbooks: the settings, the current programme, the draft, the baseline."""
    report.extend(collecting.report)
    settings = collecting.settings
    if settings is None:
        return None
    folder, with_baseline, draft_name = collecting.folder, collecting.with_baseline, collecting.draft_name
    [(current, its)] = collecting.current()
    report.extend(its)
    results = collecting.rest()
    draft, its = results.pop(0) if draft_name else (None, Report())
    report.extend(its)
    baseline = None
    found = collecting.found
    if collecting.baseline is not None:
        baseline, its = results.pop(0)
        if not with_baseline:  # not asked for: read if it reads, for what the sentences say changed; else left out
            baseline = baseline if not its.errors else None
        else:
            found.problems.extend(its.problems)
    report.extend(found)
    current_name = programme_file(settings.current_programme)
    if current is None or (settings.draft_programme and draft is None) or (with_baseline and baseline is None):
        return None
    count = len(current.activities) + (len(draft.activities) if draft else 0)
    if count > MAX_ACTIVITIES:
        report.error(
            Location(current_name),
            f"{f'with {draft_name}, ' if draft_name else ''}holds {count:,} activities, "
            "more than ctpdoc builds within its time and memory bounds "
            f"({MAX_ACTIVITIES:,}: eight times the largest programme foreseen); split the programme",
        )
        return None
    taken = read_taken(folder, settings.baseline, report) if baseline is not None else None
    sources = Sources(settings=settings, current=current, draft=draft, baseline=baseline, taken=taken)
    return add_record(sources, folder, report) if with_record else sources


# A programme to read: its path, name, period, the languages, the shape, the status words, whether it is reported on
Job = tuple[Path, str, str, Sequence[str], Shape, Mapping[str, str], bool]


def read_all(jobs: list[Job]) -> list[tuple[Programme | None, Report]]:
    """Programmes read one after the other, each with a report of its own (in the process beside this one, or here)."""
    results = []
    for path, name, period, languages, shape, words, reported in jobs:
        own = Report()
        results.append((read_programme(path, name, period, languages, shape, words, own, reported), own))
    return results


def optional_baseline(folder: Path, settings: Settings) -> Path | None:
    """The baseline when not asked for, if it is there and inside the folder."""
    path = folder / settings.baseline
    return path if path.is_file() and inside(path, folder) else None


def add_record(sources: Sources, folder: Path, report: Report) -> Sources:
    """``sources`` with the record of texts in step read from ``folder``. Only the translations' checks and the record
    written back need it: ``build`` reads it after the second language's process has started, which never holds it,
    and lets it go before rendering (at 2,000 activities it is 7,700 lines and some 15 MB once read)."""
    record = read_record(folder, report)
    return dataclasses.replace(sources, in_step=record.fingerprints, in_step_texts=record.texts)


def without_record(sources: Sources) -> Sources:
    """``sources`` without the record of texts in step, which rendering does not read."""
    return dataclasses.replace(sources, in_step={}, in_step_texts={})


def baseline_path(folder: Path, settings: Settings, report: Report) -> Path | None:
    """The baseline's file, which must lie inside the sources folder (links resolved)."""
    path = folder / settings.baseline
    if not inside(path, folder):
        report.error(
            Location(DOCUMENT_WORKBOOK, "Document"),
            f'the "Baseline" setting ({settings.baseline}) leads outside {folder}; give a path within it, '
            "such as baseline/wp-2022-2025.xlsx",
        )
        return None
    if path.is_file():
        return path
    report.error(
        Location(settings.baseline),
        "baseline not found: the snapshot of the workbook as it stood for the previous report "
        '(setting "Baseline" in document.xlsx); restore it, or build with --changes accepted',
    )
    return None


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, once every symbolic link is resolved, lies within ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def shape_in(folder: Path) -> Shape:
    """The report's shape as ``folder``'s document.xlsx declares it (the PTC's where there is no document.xlsx);
    for the commands that read the templates alone. A document.xlsx that cannot be read is an error."""
    path = folder / DOCUMENT_WORKBOOK
    return shape_of(path) if path.is_file() else ptc_shape()


def shape_of(path: Path, strict: bool = True) -> Shape:
    """The shape the settings workbook ``path`` declares (the PTC's where it declares none); its problems raised,
    or (``strict`` off) the PTC's where it cannot be read."""
    report = Report()
    settings = read_settings(path, report)
    if strict:
        report.raise_if_errors()
    return settings.shape if settings is not None else ptc_shape()


def labels_of(settings: Settings) -> list[str]:
    """The status words a drafter picks from: each status's label in each language, as the settings give them."""
    return list(dict.fromkeys(status.labels[lang] for status in settings.shape.statuses for lang in settings.languages))
