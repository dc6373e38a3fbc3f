"""The workbooks read, beside this process or in it: the settings, then the programmes they name, then the baseline.

Light to import on purpose: ``build`` starts the reading (:func:`start_collecting`) as soon as it knows its options,
and only the process that reads (:func:`collect`) imports the modules that read (openpyxl among them), while the
build's own process imports what checks and renders; :func:`ctpdoc.workbooks.sources.finish_collecting` takes what
was read, problems in the order of the workbooks.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ctpdoc.errors import Report
from ctpdoc.inputs import content_digest
from ctpdoc.model import Location, Programme, Settings
from ctpdoc.package.remembered import PICKLE, known, remembered
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.shape import Shape

# Starts ``function(*args)`` beside this process and gives what waits for its result (render.worker.beside).
Start = Callable[..., Callable[[], Any]]

Read = list[tuple[Programme | None, Report]]  # programmes read, each with its problems


@dataclass
class Collected:
    """What was read: the settings (with their problems), then the programmes they name, each with its own problems;
    where the baseline is (or is not)."""

    report: Report  # the settings' problems
    settings: Settings | None
    current: Read
    rest: Read  # the draft, then the baseline
    draft_name: str
    baseline: Path | None
    found: Report  # where the baseline is (or is not)


@dataclass
class Collecting:
    """Sources being read (:func:`start_collecting`), beside this process or to be read here when
    :func:`ctpdoc.workbooks.sources.finish_collecting` asks for them."""

    folder: Path
    with_baseline: bool
    collected: Callable[[], Collected]
    seconds: float  # spent starting

    def cancel(self) -> None:
        """The reading beside this process stopped, when the command stops before it needs it (a process blocked on
        sending what it read would otherwise wait for as long as this one lives)."""
        stop = getattr(self.collected, "cancel", None)  # a process's reading (a Waiting); one here has nothing to stop
        if stop is not None:
            stop()


def start_collecting(folder: Path, with_baseline: bool = True, start: Start | None = None) -> Collecting:
    """With ``start``, the workbooks read beside this process (:func:`collect`), while this one goes on:
    ``build`` imports what renders meanwhile, and never imports openpyxl; without, read here when they are asked for."""
    began = time.perf_counter()
    if start is None:
        collected: Callable[[], Collected] = lambda: collect(folder, with_baseline)  # noqa: E731
    else:
        collected = start(collect, folder, with_baseline, start)
    return Collecting(folder, with_baseline, collected, time.perf_counter() - began)


def collect(folder: Path, with_baseline: bool = True, start: Start | None = None) -> Collected:
    """The settings read, then the programmes they name, each as it was read at an earlier run where its file is as it
    was then (:func:`remembered_reading`); with ``start`` (in the process :func:`start_collecting` started), the
    draft and the baseline, where one is to be read anew, in a process of their own while the current programme is
    read here: it forks from this one once the settings are read and openpyxl imported, and shares both."""
    from ctpdoc.workbooks.cells import status_words  # here, with those below: see the module's text
    from ctpdoc.workbooks.sheets import import_reader

    document = folder / DOCUMENT_WORKBOOK
    settings, report = remembered_reading("settings", document, (), functools.partial(read_settings_of, document))
    found = Report()
    if settings is None:
        return Collected(report, None, [], [], "", None, found)
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
    if start is None or all(remembered_already("programme", *job) for job in rest):
        return Collected(report, settings, read_all(current), read_all(rest), draft_name, path, found)
    import_reader()  # before the fork: both processes share it
    reading_rest = start(read_all, rest)
    try:
        read_current = read_all(current)
    except BaseException:
        getattr(reading_rest, "cancel", lambda: None)()
        raise
    return Collected(report, settings, read_current, reading_rest(), draft_name, path, found)


# A programme to read: its path, name, period, the languages, the shape, the status words, whether it is reported on
Job = tuple[Path, str, str, Sequence[str], Shape, Mapping[str, str], bool]


def read_all(jobs: list[Job]) -> list[tuple[Programme | None, Report]]:
    """Programmes read one after the other, each with a report of its own (in the process beside this one, or here),
    or as they were read at an earlier run (:func:`remembered_reading`)."""
    return [remembered_reading("programme", job[0], job[1:], functools.partial(read_programme_of, *job)) for job in jobs]


def read_programme_of(
    path: Path, name: str, period: str, languages: Sequence[str], shape: Shape, words: Mapping[str, str], reported: bool
) -> tuple[Programme | None, Report]:
    from ctpdoc.workbooks.programmes import read_programme  # here: see the module's text

    report = Report()
    return read_programme(path, name, period, languages, shape, words, report, reported), report


def read_settings_of(path: Path) -> tuple[Settings | None, Report]:
    from ctpdoc.workbooks.settings import read_settings  # here: see the module's text

    report = Report()
    return read_settings(path, report), report


KEPT_READINGS = 12  # of each kind: a few folders' workbooks (programme, draft, baseline), as they were lately
REMEMBER = True  # whether workbooks are remembered as read (tests turn it off, but where they test it: tests/conftest.py)
T = TypeVar("T")


def remembered_reading(kind: str, path: Path, args: tuple[Any, ...], read: Callable[[], tuple[T, Report]]) -> tuple[T, Report]:
    """``read()``: the workbook at ``path`` read, with its problems; or, for the same bytes and the same ``args``, what
    it gave at an earlier run (:mod:`ctpdoc.package.remembered`: a workbook left as it was is not read again, nor
    openpyxl imported for it). Kept only without errors (a build stops on them; and a fault planted by a test, a bound
    lowered, would be remembered with them) and when the file did not change while it was read."""
    key = reading_key(path, args) if REMEMBER else None
    if key is None:
        return read()
    return remembered(
        kind,
        key,
        read,
        kept=KEPT_READINGS,
        codec=PICKLE,
        keep=lambda done: not done[1].errors and reading_key(path, args) == key,
    )


def remembered_already(kind: str, path: Path, *args: Any) -> bool:
    key = reading_key(path, args) if REMEMBER else None
    return key is not None and known(kind, key, PICKLE)


def reading_key(path: Path, args: tuple[Any, ...]) -> bytes | None:
    """What a reading depends on: the file's bytes (``None``: not a regular file within the bounds, read as it is and
    reported) and what it is read with, the shape and the languages among them, as their ``repr`` writes them (the
    same for equal values, wherever they come from: a pickle of them shares what it met twice, and need not)."""
    from ctpdoc.package.ooxml import MAX_FILE_BYTES  # here: see the module's text

    digest = content_digest(path, MAX_FILE_BYTES)
    return None if digest is None else digest + repr(args).encode("utf-8", "surrogatepass")


def optional_baseline(folder: Path, settings: Settings) -> Path | None:
    """The baseline when not asked for, if it is there and inside the folder."""
    path = folder / settings.baseline
    return path if path.is_file() and inside(path, folder) else None


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
