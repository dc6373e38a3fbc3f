"""What the review page shows, worked out from the model by the document's own code.

Takes the checked :class:`~ctpdoc.model.Sources`, the sources folder and the
validation warnings; gives a :class:`Review`: the counts (the document
context's :func:`~ctpdoc.document.context.count`), what moved since the
previous report (:func:`~ctpdoc.changes.diff.compare`), and every activity of
both programmes with its texts in each language, formatted and word-diffed
exactly as the tracked documents are (:class:`~ctpdoc.document.context.RowBuilder`
and :func:`~ctpdoc.document.context.diff`), each with the cell it comes from.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ctpdoc.changes.diff import Change, ChangeKind, compare
from ctpdoc.document.context import Counts, count
from ctpdoc.document.formats import Formats
from ctpdoc.document.rows import Made, RowBuilder
from ctpdoc.errors import Problem, Report
from ctpdoc.model import Location, Op, Programme, Segment, Sources
from ctpdoc.review.history import HistoryPoint, read_history
from ctpdoc.shape import ColumnKind, Shape
from ctpdoc.translations.catalogue import check_out_of_date

_CELL = re.compile(r"^(?:([A-Z]{1,3})(\d+)|row (\d+))\b")


@dataclass(frozen=True)
class FieldView:
    """One text of an activity in one language: its word diff and its cell."""

    name: str
    label: str
    segments: list[Segment]
    cell: str
    out_of_date: str = ""  # the warning, when the translation is out of date

    @functools.cached_property
    def changed(self) -> bool:  # asked three times per text by the page
        segments = self.segments
        if len(segments) == 1:  # the common case: one unchanged text
            return segments[0].op is not Op.EQUAL
        return any(s.op is not Op.EQUAL for s in segments)


@dataclass
class RowView:
    """One activity of either programme, as a row of the page."""

    anchor: str
    programme: str  # "current" or "draft"
    part: str  # the part's key
    part_number: int  # its place among the parts, from 1
    number: str
    neutral: list[tuple[str, str]]  # the language-neutral text columns: (header, value)
    kind: ChangeKind
    status: str | None
    previous_status: str | None
    status_segments: dict[str, list[Segment]]
    texts: dict[str, list[FieldView]]
    where: Location
    warnings: list[str] = field(default_factory=list)

    @property
    def location(self) -> str:
        return str(self.where)

    @property
    def changed(self) -> bool:
        return self.kind is not ChangeKind.SAME

    @property
    def out_of_date(self) -> bool:
        return any(f.out_of_date for fields in self.texts.values() for f in fields)

    def split(self, lang: str) -> tuple[list[FieldView], list[FieldView]]:
        """The texts of ``lang`` that changed, and those that did not."""
        texts = self.texts[lang]
        return [f for f in texts if f.changed], [f for f in texts if not f.changed]

    @property
    def filter_part(self) -> str:
        return f"{self.programme[0]}{self.part_number}"


@dataclass(frozen=True)
class Moves:
    """What moved between the previous report (the baseline) and now, every part together."""

    completed: int  # activities done now (a status that counts as done) that were not at the previous report
    added: int
    removed: int
    changed: int  # activities whose text or status changed
    status_moves: list[tuple[str | None, str | None, int]]  # (from, to, activities), status keys

    @property
    def moved(self) -> int:
        return sum(n for _, _, n in self.status_moves)


@dataclass(frozen=True)
class Review:
    reference: str
    file_references: dict[str, str]
    sessions: str  # 247th/248th
    issue_date: str
    baseline: str  # the baseline's file
    baseline_date: str  # the month of the previous report
    languages: tuple[str, ...]
    shape: Shape
    status_labels: dict[str, dict[str, str]]  # status key → language → label, in the declared order
    colours: dict[str, str]  # status key → #RRGGBB
    current_period: str
    draft_period: str
    now: Counts
    previous: Counts
    draft: Counts
    moves: Moves
    history: list[HistoryPoint]
    history_notes: list[str]
    rows: list[RowView]
    warnings: list[str]  # validation warnings tied to no activity


def build_review(
    folder: Path,
    sources: Sources,
    warnings: Sequence[Problem],
    out_of_date: Sequence[Problem] | None = None,
    made: Mapping[str, Made] | None = None,
) -> Review:
    """Everything the page shows; ``warnings`` are the validation report's, and ``out_of_date`` those of them that
    tell a text out of date (as ``validate`` found them; checked here when not given); ``made``: the texts the
    documents formatted and marked, by language, where they were just made."""
    settings = sources.settings
    assert sources.baseline is not None, "the review compares with the baseline"
    english = Formats("en", settings.locale.get("en") or "en")
    shape = settings.shape
    changes = list(compare(sources.baseline, sources.current, shape))
    stale = stale_texts(out_of_date if out_of_date is not None else check_out_of_date(sources, Report()))
    rows = list(rows_of(sources, changes, stale, made or {}))
    loose = attach_warnings(rows, [w for w in warnings if w not in set(stale.values())])
    previous = sources.previous_reports[-1] if sources.previous_reports else None  # the baseline's own report
    history, notes = read_history(folder, sources, english)
    return Review(
        reference=settings.reference,
        file_references={lang: settings.file_reference(lang) for lang in settings.languages},
        sessions=english.ordinal(settings.sessions, one="#st", two="#nd", few="#rd", other="#th"),
        issue_date=english.date(settings.issue_date),
        baseline=settings.baseline,
        baseline_date=english.month(previous) if previous else "",
        languages=settings.languages,
        shape=shape,
        status_labels={status.key: dict(status.labels) for status in shape.statuses},
        colours={status.key: f"#{status.colour}" for status in shape.statuses},
        current_period=sources.current.period,
        draft_period=sources.draft.period if sources.draft else "",
        now=count(sources.current, shape),
        previous=count(sources.baseline, shape),
        draft=count(sources.draft, shape),
        moves=moves(changes, shape),
        history=history,
        history_notes=notes,
        rows=rows,
        warnings=[str(w) for w in loose],
    )


def moves(changes: Iterable[Change], shape: Shape) -> Moves:
    completed = added = removed = changed = 0
    done = {status.key for status in shape.statuses if status.done}
    statuses: Counter[tuple[str | None, str | None]] = Counter()
    for change in changes:
        if change.kind is ChangeKind.ADDED:
            added += 1
        elif change.kind is ChangeKind.REMOVED:
            removed += 1
        elif change.kind is ChangeKind.CHANGED:
            changed += 1
            assert change.baseline is not None and change.current is not None
            if change.status_moved:
                statuses[(change.baseline.status, change.current.status)] += 1
        before = change.baseline.status if change.baseline and change.kind is not ChangeKind.ADDED else None
        if change.current and change.current.status in done and before not in done:
            completed += 1
    order: dict[str | None, int] = {status: i for i, status in enumerate((*(s.key for s in shape.statuses), None))}
    listed = sorted(statuses.items(), key=lambda item: (order[item[0][0]], order[item[0][1]]))
    return Moves(completed, added, removed, changed, [(a, b, n) for (a, b), n in listed])


def stale_texts(out_of_date: Iterable[Problem]) -> dict[tuple[str, str, str], Problem]:
    """The out-of-date translations (the catalogue's own check, as ``validate`` runs it), by file, sheet and cell."""
    found = {}
    for problem in out_of_date:
        match = _CELL.match(problem.location.cell)
        if match and match[1]:
            found[(problem.location.file, problem.location.sheet, f"{match[1]}{match[2]}")] = problem
    return found


def rows_of(
    sources: Sources, changes: list[Change], stale: Mapping[tuple[str, str, str], Problem], made: Mapping[str, Made]
) -> Iterable[RowView]:
    settings = sources.settings
    formatters = {lang: Formats(lang, settings.locale.get(lang) or lang) for lang in settings.languages}
    shape = settings.shape
    programmes = [(sources.current, changes, "current")]
    if sources.draft is not None:
        programmes.append((sources.draft, list(compare(None, sources.draft, shape)), "draft"))
    for programme, its_changes, name in programmes:
        letters = {sheet: dict(programme.letters.get(sheet, {})) for sheet in shape.sheets}  # read with the workbook
        builders = {
            lang: RowBuilder(lang, formatters[lang], None, made.get(lang) or Made(), shape) for lang in settings.languages
        }
        for change in its_changes:
            yield row_view(change, name, programme, builders, letters, stale)


def row_view(
    change: Change,
    programme_name: str,
    programme: Programme,
    builders: Mapping[str, RowBuilder],
    letters: Mapping[str, Mapping[str, str]],
    stale: Mapping[tuple[str, str, str], Problem],
) -> RowView:
    activity = change.activity
    texts: dict[str, list[FieldView]] = {}
    status_segments: dict[str, list[Segment]] = {}
    first = next(iter(builders.values()))
    shape = first.shape
    columns = first.columns[change.part]  # the part's columns, worked out once by the builder
    shown = [c for c in columns if c.per_language or c.kind is ColumnKind.MONTH]  # the texts a row shows per language
    neutral = [c for c in columns if not c.per_language and c.kind is ColumnKind.TEXT]
    for lang, builder in builders.items():
        old = builder.fields(change.baseline, change.part) if change.baseline else {}
        new = builder.fields(change.current, change.part) if change.current else {}
        views = []
        for column in shown:
            name = column.tag
            if name in old or name in new:
                cell = cell_of(change, programme, letters, column.header(lang), lang)
                problem = stale.get((programme.location.file, activity.location.sheet, cell.rsplit(" › ", 1)[-1]))
                segments = builder.diff(change.kind, name, old.get(name, ""), new.get(name, ""))
                views.append(FieldView(name, column.name, segments, cell, problem.message if problem else ""))
        texts[lang] = views
        if "status" in old or "status" in new:
            status_segments[lang] = builder.diff(change.kind, "status", old.get("status", ""), new.get("status", ""))
    prefix = "a" if programme_name == "current" else "d"
    return RowView(
        anchor=f"{prefix}-{activity.number}",
        programme=programme_name,
        part=change.part,
        part_number=[p.key for p in shape.parts].index(change.part) + 1,
        number=activity.number,
        neutral=[(c.name, activity.text(c.name)) for c in neutral],
        kind=change.kind,
        status=change.current.status if change.current else None,
        previous_status=change.baseline.status if change.baseline and change.kind is not ChangeKind.ADDED else None,
        status_segments=status_segments,
        texts=texts,
        where=activity.location,
    )


def cell_of(change: Change, programme: Programme, letters: Mapping[str, Mapping[str, str]], header: str, lang: str) -> str:
    """``wp-2022-2025.xlsx › Part I › K12``: where the text is typed (the baseline's row for a removed activity)."""
    activity = change.activity
    if change.current is None:
        return str(activity.location)
    letter = letters.get(activity.location.sheet, {}).get(header)
    match = _CELL.match(activity.location.cell)
    if letter is None or match is None or not match[3]:
        return str(activity.location)
    return str(Location(programme.location.file, activity.location.sheet, f"{letter}{match[3]}"))


def attach_warnings(rows: list[RowView], warnings: Iterable[Problem]) -> list[Problem]:
    """Each warning on the row of its cell; gives those tied to no activity."""
    by_row: dict[tuple[str, str, int], RowView] = {}
    for row in rows:
        if row.kind is ChangeKind.REMOVED:
            continue
        match = _CELL.match(row.where.cell)
        if match and match[3]:
            by_row[(row.where.file, row.where.sheet, int(match[3]))] = row
    loose: list[Problem] = []
    for warning in warnings:
        match = _CELL.match(warning.location.cell)
        number = int(match[2] or match[3]) if match else 0
        on = by_row.get((warning.location.file, warning.location.sheet, number))
        if on is None:
            loose.append(warning)
        else:
            on.warnings.append(f"{warning.location}: {warning.message}")
    return loose
