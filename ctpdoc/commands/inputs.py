"""Stage 2, the inputs read and checked: everything a build would read, checked before anything is written.

Takes the sources and templates folders; gives the checked sources, the
languages to build and a report of every problem (workbooks, baseline,
templates), so that one run lists them all. Not a command of its own: ``build``,
``validate`` and ``review`` read their inputs through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ctpdoc.changes.diff import reused_numbers
from ctpdoc.checks.figures import check_typed_figures, declared_names
from ctpdoc.checks.labels import check_labels_against_headings
from ctpdoc.checks.parity import Parsed, check_parity, parse_parts
from ctpdoc.commands.reading import start_reading
from ctpdoc.contract import DOCUMENT_SHEET
from ctpdoc.document.context import count, template_context_type
from ctpdoc.document.formats import Formats
from ctpdoc.document.sandbox import make_environment
from ctpdoc.errors import Problem, Report, counted
from ctpdoc.model import Location, Programme, Sources
from ctpdoc.package.remembered import remembered
from ctpdoc.paths import DOCUMENT_WORKBOOK, available_languages, template_path
from ctpdoc.shape import Shape, ptc_shape
from ctpdoc.timing import Timings
from ctpdoc.translations.catalogue import check_figures, check_out_of_date
from ctpdoc.translations.texts import Text, texts_of
from ctpdoc.workbooks.collecting import Collecting
from ctpdoc.workbooks.sources import add_record, finish_collecting


@dataclass
class Checked:
    folder: Path
    sources: Sources | None  # without the record of texts in step until check_read adds it
    languages: list[str]
    report: Report
    out_of_date: list[Problem] = field(default_factory=list)  # the report's warnings of texts out of date
    texts: list[Text] = field(default_factory=list)  # every per-language text, made once for the checks and the record


def check_inputs(
    sources_dir: Path,
    templates_dir: Path,
    languages: tuple[str, ...] = (),
    with_baseline: bool = True,
    timings: Timings | None = None,
) -> Checked:
    timings = timings if timings is not None else Timings()
    checked = read_inputs(sources_dir, templates_dir, languages, with_baseline, timings)
    check_read(checked, templates_dir, with_baseline, timings)
    return checked


def read_inputs(
    sources_dir: Path,
    templates_dir: Path,
    languages: tuple[str, ...],
    with_baseline: bool,
    timings: Timings,
    jobs: int = 1,
    reading: Collecting | None = None,
) -> Checked:
    """The workbooks read (each problem reported as it is found) and the languages to build: what rendering needs,
    which ``build`` may start while :func:`check_read` checks the rest. ``reading``: the reading ``build`` started
    before it imported what renders (:func:`ctpdoc.commands.reading.start_reading`), else started here the same way."""
    report = Report()
    if reading is None:
        reading = start_reading(sources_dir, with_baseline, jobs)
    assert reading.folder == sources_dir and reading.with_baseline == with_baseline, "another reading than asked for"
    with timings.stage("read"):
        sources = finish_collecting(reading, report, with_record=False)
    timings.add({"read": reading.seconds})
    with timings.stage("validate"):
        chosen = choose_languages(templates_dir, sources, languages, report)
    return Checked(sources_dir, sources, chosen, report)


def check_read(checked: Checked, templates_dir: Path, with_baseline: bool, timings: Timings) -> None:
    """The templates, the baseline and the translations, checked against what was read, into its report; the
    record of texts in step read into ``checked.sources`` for the translations' checks."""
    report = checked.report
    if checked.sources is not None:
        with timings.stage("read"):
            checked.sources = add_record(checked.sources, checked.folder, report)
    sources = checked.sources
    with timings.stage("validate"):
        templates = (check_language_template(templates_dir, sources, lang, report) for lang in checked.languages)
        parsed = [p for p in templates if p is not None]
        check_templates_agree(parsed, sources, report)
        if with_baseline and sources is not None and sources.baseline is not None:
            check_baseline_matches(sources.baseline, sources.current, sources.settings.shape, report)
            for activity in reused_numbers(sources.baseline, sources.current, sources.settings.shape):
                report.warn(
                    activity.location,
                    f"{activity.number} now describes a different activity; give a new activity a new number "
                    f"(the baseline's {activity.number} is shown removed, this one added)",
                )
        if sources is not None:
            check_season(sources, report)
            checked.texts = list(texts_of(sources))
            checked.out_of_date.extend(check_out_of_date(sources, report, checked.texts))
            check_figures(sources, report, checked.texts)


NEXT_REPORT = '"Issue date", "Sessions", "Meeting start" and "Meeting end"'


def check_season(sources: Sources, report: Report) -> None:
    """After ``snapshot``, the settings must turn to the next report: warned while the baseline is the state of a
    report later than the last "Previous report", or the issue date is not after the report the baseline was taken
    for (or precedes the day it was taken)."""
    taken = sources.taken
    if taken is None:
        return
    where = Location(DOCUMENT_WORKBOOK, DOCUMENT_SHEET)
    settings = sources.settings
    issued = taken.report.isoformat()
    if sources.newer_baseline is not None:
        last = settings.previous_reports[-1].isoformat() if settings.previous_reports else "none"
        report.warn(
            where,
            f"the baseline is the snapshot of the report issued {issued} (taken {taken.day.isoformat()}), later than the last "
            f'"Previous report" ({last}): add a "Previous report" row for that report, and set {NEXT_REPORT} for the next one',
        )
    if settings.issue_date <= taken.report or settings.issue_date < taken.day:
        report.warn(
            where,
            f'"Issue date" ({settings.issue_date.isoformat()}) is not after the baseline\'s snapshot (of the report issued '
            f"{issued}, "
            f"taken {taken.day.isoformat()}): set {NEXT_REPORT} for the next report",
        )


def choose_languages(templates: Path, sources: Sources | None, wanted: tuple[str, ...], report: Report) -> list[str]:
    """The languages asked for, or every language with a template; each needs its settings and template."""
    available = available_languages(templates)
    chosen = list(wanted) or available
    if not chosen:
        report.error(
            Location(str(templates)),
            "no template found; expected <lang>/report.docx, e.g. templates/fr/report.docx; check --templates",
        )
        return []
    if sources is None:
        return [lang for lang in chosen if lang in available]
    settings = sources.settings
    for lang in chosen:
        if lang not in settings.language_letter:
            report.error(
                Location(DOCUMENT_WORKBOOK, DOCUMENT_SHEET),
                f'no "Value ({lang.upper()})" column for language {lang} (the settings have {", ".join(settings.languages)}); '
                "add one",
            )
    if not wanted:
        for lang in settings.languages:
            if lang not in available:
                report.error(
                    Location(f"{lang}/report.docx"),
                    f"the settings issue the document in {lang} but its template is missing; add "
                    f"{template_path(templates, lang)} "
                    "or build the other languages with --lang",
                )
    return [lang for lang in chosen if lang in settings.language_letter]


def check_language_template(templates: Path, sources: Sources | None, lang: str, report: Report) -> Parsed | None:
    path = template_path(templates, lang)
    if not path.is_file():
        report.error(Location(f"{lang}/report.docx"), f"no {lang} template; add {path} or drop --lang {lang}")
        return None
    locale = (sources.settings.locale.get(lang) if sources else None) or lang
    shape = sources.settings.shape if sources else ptc_shape()
    try:
        key = b"\0".join((path.read_bytes(), lang.encode(), locale.encode(), repr(shape).encode(), jinja2.__version__.encode()))
        problems, parsed_data = remembered("template-check", key, lambda: checked_template(path, lang, locale, shape))
    except OSError:  # unreadable: checked as it is, and the check says what is wrong
        problems, parsed_data = checked_template(path, lang, locale, shape)
    report.extend(Report([Problem.from_data(problem) for problem in problems]))
    parsed = Parsed.from_data(parsed_data) if parsed_data is not None else None
    if parsed is not None and sources is not None:
        check_labels_against_headings(parsed.paragraphs, sources.settings, lang, parsed.name, DOCUMENT_WORKBOOK, report)
    return parsed


def checked_template(path: Path, lang: str, locale: str, shape: Shape) -> tuple[list[Any], Any]:
    """A template's own checks (:func:`parse_parts`) as plain data: its problems, and what parity compares. All it
    depends on is the file, the language, the locale and the report's shape: what a later run remembers it by."""
    found = Report()
    env = make_environment(Formats(lang, locale), context_type=template_context_type(shape))
    parsed = parse_parts(path, lang, env, found)
    return [p.as_data() for p in found.problems], parsed.as_data() if parsed is not None else None


def check_templates_agree(parsed: list[Parsed], sources: Sources | None, report: Report) -> None:
    """What ``templates check`` reports beyond each template's own errors, as warnings (errors with --strict): the
    languages' parity, and figures typed where the workbooks give the count."""
    found = Report()
    check_parity(parsed, found)
    for problem in found.problems:
        report.warn(problem.location, problem.message)
    if sources is not None:
        shape = sources.settings.shape
        counts = {f"{name}.counts.{key}": value for name, programme in (("current", sources.current), ("draft", sources.draft))
                  for key, value in count(programme, shape).items()}  # fmt: skip
        for template in parsed:
            check_typed_figures(template, counts, report, declared_names(shape))


def check_baseline_matches(baseline: Programme, current: Programme, shape: Shape, report: Report) -> None:
    """A baseline of another programme would show every activity as changed: most of its activities must keep their
    number and their title (the part's first per-language text) in some language."""
    now = {a.number: a for a in current.activities}
    shared = []
    for part in baseline.parts:
        title = shape.title_column(part.key)
        for activity in part.activities:
            other = now.get(activity.number)
            if (
                other is not None
                and title is not None
                and set(activity.texts(title.name).values()) & set(other.texts(title.name).values())
            ):
                shared.append(activity)
    if len(shared) * 2 < len(baseline.activities):
        report.error(
            baseline.location,
            f"does not look like a snapshot of the {current.period} programme: only {len(shared)} of its "
            f"{counted(len(baseline.activities), 'activity', 'activities')} match one of {current.location.file} by number and "
            "title; "
            "restore the snapshot of the previous report",
        )
