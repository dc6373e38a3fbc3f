"""The catalogue of translations: every per-language text of the programme workbooks and its state in each language.

Takes the :class:`~ctpdoc.model.Sources` read once (the workbooks' column letters, the
confirmations and the record of texts in step are in the model; nothing here opens a workbook);
gives the texts and their states (:mod:`ctpdoc.translations.texts`), the warnings of ``validate``
and ``build`` for texts out of date, and the record of texts in step as it should now be.

Confirmations live in a sheet ctpdoc writes into the reported programme's workbook,
``Confirmed translations``: one visible row per confirmed cell, with the activity number, the
cells, the text it was checked against, a fingerprint of the other languages' texts and the date.
A confirmation holds while the fingerprint matches: once the other language changes again it lapses
by itself. The contract's reader reads only the declared parts' sheets as activities.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ctpdoc.errors import InputError, Problem, Report, fail
from ctpdoc.model import Confirmation, Location, Record, Sources, TextKey
from ctpdoc.translations.numbers import DIGIT, disagreement
from ctpdoc.translations.texts import Entry, State, Text, by_key, state_of, texts_of
from ctpdoc.workbooks.record import write_record
from ctpdoc.workbooks.sources import collect_sources

FIGURES = "the numbers differ from the source's"
FIGURES_FIX = "correct the figures of the one that is wrong"


@dataclass(frozen=True)
class Catalogue:
    """Every per-language text of the programme workbooks, its state in each language, and the confirmations."""

    folder: Path
    sources: Sources
    texts: tuple[Text, ...]
    confirmations: tuple[Confirmation, ...]
    states: Mapping[str, tuple[Entry, ...]]  # per language, in annex order

    @property
    def languages(self) -> tuple[str, ...]:
        return self.sources.settings.languages

    @property
    def current_workbook(self) -> str:
        return self.sources.current.location.file

    def entries(self, lang: str) -> tuple[Entry, ...]:
        return self.states.get(lang, ())

    @cached_property
    def index(self) -> dict[tuple[str, str, str, str], Text]:
        return {(t.workbook, t.sheet, t.number, t.field): t for t in self.texts}

    def find(self, workbook: str, sheet: str, number: str, field_name: str) -> Text | None:
        return self.index.get((workbook, sheet, number, field_name))


def catalogue_of(folder: Path, sources: Sources) -> Catalogue:
    """The catalogue of sources already read (the reported programme's texts against its baseline, the draft's
    against the record alone)."""
    texts = texts_of(sources)
    confirmations = sources.current.confirmations
    confirmed = by_key(confirmations)
    languages = sources.settings.languages
    states = {lang: tuple(e for e in (state_of(t, lang, confirmed) for t in texts) if e is not None) for lang in languages}
    return Catalogue(folder, sources, texts, confirmations, states)


def read_catalogue(folder: Path) -> Catalogue:
    """Read the sources once, as ``build`` does, except that a missing translation is a state here, not an error."""
    report = Report()
    sources = collect_sources(folder, report)
    if sources is None:
        report.raise_if_errors()
        raise fail(Location(str(folder)), "the workbooks cannot be read; run ctpdoc validate")
    catalogue = catalogue_of(folder, sources)
    missing = {
        e.text.cell_location(e.lang) for lang in catalogue.languages for e in catalogue.entries(lang) if e.state is State.MISSING
    }
    errors = [p for p in report.errors if p.location not in missing]
    if errors:
        raise InputError(errors)
    return catalogue


# ---------------------------------------------------------------- validate and build


def check_out_of_date(sources: Sources, report: Report, texts: Sequence[Text] | None = None) -> list[Problem]:
    """Warn of each out-of-date text (an error with ``--strict``), from the model alone; gives those warnings.
    ``texts``: the sources' texts (:func:`texts_of`), where the caller has them already."""
    told = len(report.problems)
    confirmations = by_key(sources.current.confirmations)
    for text in texts if texts is not None else texts_of(sources):
        if not text.changed:
            continue  # the common case: nothing changed on one side alone
        for lang in sources.settings.languages:
            entry = state_of(text, lang, confirmations)
            if entry is not None and entry.state is State.OUT_OF_DATE:
                report.warn(text.where(lang), entry.out_of_date_message())
    return report.problems[told:]


def figures_unlike(sources: Sources, texts: Sequence[Text] | None = None) -> Iterator[tuple[Entry, str]]:
    """Each translation whose numbers are not its source's (``1 200`` against ``1,300``), with how they differ. The
    source is the first language of the settings that is filled (the one ``translations export`` translates from
    by default); a text out of date is left to that warning, one confirmed or updated for another reason is
    checked."""
    settings = sources.settings
    confirmations = by_key(sources.current.confirmations)
    for text in texts if texts is not None else texts_of(sources):
        filled = [lang for lang in settings.languages if text.now.get(lang)]
        if len(filled) < 2 or not any(DIGIT.search(value) for value in text.now.values()):
            continue
        entries = [state_of(text, lang, confirmations) for lang in filled]
        if any(entry is None or entry.state is State.OUT_OF_DATE for entry in entries):
            continue
        source = filled[0]
        for entry in entries[1:]:
            assert entry is not None
            lang = entry.lang
            found = disagreement(
                text.now[source], settings.locale.get(source) or source, text.now[lang], settings.locale.get(lang) or lang
            )
            if found is not None:
                yield entry, found.describe(text.column(source), text.column(lang))


def check_figures(sources: Sources, report: Report, texts: Sequence[Text] | None = None) -> None:
    """Warn of each translation whose numbers are not its source's (an error with ``--strict``)."""
    for entry, how in figures_unlike(sources, texts):
        report.warn(entry.text.where(entry.lang), f"{FIGURES}: {how}; {FIGURES_FIX}")


def in_step_now(
    sources: Sources, written: Collection[TextKey] = (), everything: bool = False, made: Sequence[Text] | None = None
) -> Record:
    """The record of texts in step as it should be now: each text seen in step (every language filled and up to
    date: none changed, or all) takes its fingerprints of now, and keeps its texts where the baseline's differ; one
    out of date or missing keeps what the record had, and so does one confirmed (its confirmation says it is in
    step, and lapses when the other language changes again); a text no longer in the workbooks leaves the record. A
    text ``written`` by the command (or with ``everything``, every text) is in step once every language is filled."""
    record: dict[TextKey, dict[str, str]] = {}
    texts: dict[TextKey, dict[str, str]] = {}
    for text in made if made is not None else texts_of(sources):
        filled = all(text.now.values())
        if filled and (everything or text.key in written or len(text.changed) in (0, len(text.now))):
            record[text.key] = text.in_step
            then = text.then or {}
            kept = {lang: value for lang, value in text.now.items() if then.get(lang) != value}
        elif text.since is not None:
            record[text.key] = dict(text.since)
            kept = dict(text.kept or {})
        else:
            continue
        if kept:
            texts[text.key] = kept
    return Record(record, texts)


def record_in_step(folder: Path, written: Iterable[TextKey] = (), everything: bool = False) -> None:
    """After a command wrote texts that agree (a translation imported, a harvest, a report imported): the
    workbooks read as they are now, the texts ``written`` (or with ``everything`` every text, as an issued report
    gives them) taken as in step, the other texts as ``validate`` would take them, the record rewritten. Without
    a baseline, only ``everything`` writes it (an unrecorded text could not be told out of date)."""
    report = Report()
    sources = collect_sources(folder, report, with_baseline=not everything)
    if sources is None or (sources.baseline is None and not everything):
        return
    write_record(folder, in_step_now(sources, set(written), everything), report)
