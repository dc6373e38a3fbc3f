"""The sources folder, read once: the settings, then the programmes they name, then the baseline, then the
record of texts in step (``translations.toml``).

Takes ``source_sheets/`` (or ``--sources``); gives the checked, language-neutral
:class:`~ctpdoc.model.Sources`, with every problem of every workbook collected in
one report.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ctpdoc.errors import Report
from ctpdoc.model import Location, Settings, Sources
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.shape import Shape, ptc_shape
from ctpdoc.workbooks.collecting import Collecting, Start, start_collecting
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
    collected = collecting.collected()
    report.extend(collected.report)
    settings = collected.settings
    if settings is None:
        return None
    folder, with_baseline, draft_name = collecting.folder, collecting.with_baseline, collected.draft_name
    [(current, its)] = collected.current
    report.extend(its)
    results = collected.rest
    draft, its = results.pop(0) if draft_name else (None, Report())
    report.extend(its)
    baseline = None
    found = collected.found
    if collected.baseline is not None:
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


def add_record(sources: Sources, folder: Path, report: Report) -> Sources:
    """``sources`` with the record of texts in step read from ``folder``. Only the translations' checks and the record
    written back need it: ``build`` reads it after the second language's process has started, which never holds it,
    and lets it go before rendering (at 2,000 activities it is 7,700 lines and some 15 MB once read)."""
    record = read_record(folder, report)
    return dataclasses.replace(sources, in_step=record.fingerprints, in_step_texts=record.texts)


def without_record(sources: Sources) -> Sources:
    """``sources`` without the record of texts in step, which rendering does not read."""
    return dataclasses.replace(sources, in_step={}, in_step_texts={})


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
