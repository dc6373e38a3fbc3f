"""Stage 4, the template context: what one language's template sees.

Takes the checked :class:`~ctpdoc.model.Sources` and a language; gives a
:class:`Context`: the typed values the template may use (written down once,
here, in :class:`TemplateContext` and the classes it names) and the marks the
renderer applies to table rows afterwards. Every value is formatted for the
language here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, TypedDict

from markupsafe import Markup

from ctpdoc.changes.diff import Change, ChangeKind, compare, diff_words
from ctpdoc.document.formats import Formats, original_mark
from ctpdoc.markup.rows import RowMark
from ctpdoc.markup.runs import Revision, Runs, escape
from ctpdoc.model import Activity, Op, Programme, Segment, Settings, Sources, Status

# Row shading by status (light tints of the document's blue, green and red).
STATUS_FILLS = {Status.ONGOING: "BDD7EE", Status.COMPLETED: "C6EFCE", Status.PENDING: "FFC7CE"}
BOOKMARK_BASE = 880000  # far above the ids Word gives a template's own bookmarks


class StatusLabels(TypedDict):
    """The status labels of the settings (Status completed, ongoing, pending), as Annex I shows them."""

    completed: Annotated[str, "Menée à bien: the label of a completed activity, e.g. in the Annex I legend"]
    ongoing: Annotated[str, "En cours: the label of an activity in progress"]
    pending: Annotated[str, "En attente: the label of a pending activity"]


class DocContext(TypedDict):
    """The document settings, formatted for the language."""

    reference: Annotated[str, "PC0720F1a: the reference of this language version"]
    short_reference: Annotated[str, "PC0720F1: the reference in the page headers"]
    sessions: Annotated[list[int], "the session numbers [247, 248]; print with |ordinal, and |runs in {{r …}} for a superscript: 247ᵉ/248ᵉ"]
    meeting_dates: Annotated[str, "5–8 mai 2025: the dates of the meeting"]
    meeting_month: Annotated[str, "mai: the month of the meeting"]
    place: Annotated[str, "Bruxelles: the place of issue"]
    issue_date: Annotated[str, "28 mars 2025: the date of issue"]
    agenda_item: Annotated[str, "V: the item on the agenda"]
    year: Annotated[str, "2025: the year of issue, for the copyright notice"]
    previous_reports: Annotated[list[str], "the months of the earlier progress reports; print with |listing: en avril 2023 et en avril 2024"]
    previous_report: Annotated[str, "avril 2024: the latest progress report"]
    programme_end: Annotated[str, "juin 2025: the month the current programme ends"]
    author: Annotated[str, "Secrétariat: who signs the tracked changes"]
    status: Annotated[StatusLabels, "the status labels of the settings"]
    tracked: Annotated[bool, "true in the tracked document (changes shown as tracked changes), false in the -clean one: {% if doc.tracked %}"]
    original: Annotated[str, "O. Fr.: the original language under the reference (from the setting Original language; empty without it)"]


class Counts(TypedDict):
    """Activities counted from the workbook (print with |number or |plural)."""

    total: Annotated[int, "Part I + Part II"]
    part1: Annotated[int, "time-bound activities"]
    part2: Annotated[int, "ongoing activities"]
    ongoing: Annotated[int, "Part I activities in progress (blue)"]
    completed: Annotated[int, "Part I activities completed (green)"]
    pending: Annotated[int, "Part I activities pending (red)"]


class Part1Row(TypedDict, total=False):
    """A time-bound activity; every field is Word runs: use {{r row.field }}."""

    no: Annotated[Runs, "the activity number, e.g. 1.4"]
    objective: Annotated[Runs, "the strategic objective code"]
    activity: Annotated[Runs, "the activity"]
    deliverable: Annotated[Runs, "the deliverable"]
    timeframe: Annotated[Runs, "the timeframe: a month (juin 2024) or years (2023-2025)"]
    lead: Annotated[Runs, "who leads it (CTP, Secrétariat)"]
    status: Annotated[Runs, "current programme only: the status label"]
    progress: Annotated[Runs, "current programme only: the progress made"]


class Part2Row(TypedDict, total=False):
    """An ongoing activity; every field is Word runs: use {{r row.field }}."""

    no: Annotated[Runs, "the activity number, e.g. 1.4"]
    objective: Annotated[Runs, "the strategic objective code"]
    activity: Annotated[Runs, "the activity"]
    progress: Annotated[Runs, "current programme only: the progress made"]


class ChangeSet(TypedDict):
    """Activities of one kind of change since the previous report (the baseline), in annex order."""

    count: Annotated[int, "how many, both parts; print with |plural, and test it: {% if current.changes.added.count %}…{% else %}No new activities…{% endif %}"]
    numbers: Annotated[list[str], "their numbers in annex order, e.g. ['2.52']; print with |listing: 1.44 and 2.52"]
    part1: Annotated[list[str], "the numbers in Part I (time-bound activities)"]
    part2: Annotated[list[str], "the numbers in Part II (ongoing activities)"]


class Changes(TypedDict):
    """What changed in the programme since the previous report, by kind: what the tracked annex shows. Empty
    (every count 0) for the draft programme, and where there is no baseline."""

    added: Annotated[ChangeSet, "activities added (inserted rows)"]
    removed: Annotated[ChangeSet, "activities removed (deleted rows)"]
    changed: Annotated[ChangeSet, "activities kept whose text, timeframe or status changed"]
    status_moves: Annotated[ChangeSet, "activities whose status changed (among the changed)"]


class ProgrammeContext(TypedDict):
    period: Annotated[str, "2022-2025: the period of the programme"]
    counts: Annotated[Counts, "activities counted from the workbook"]
    changes: Annotated[Changes, "what changed since the previous report, by kind"]
    part1: Annotated[list[Part1Row], "Part I rows (time-bound activities), for a {%tr for row in … %} loop"]
    part2: Annotated[list[Part2Row], "Part II rows (ongoing activities), for a {%tr for row in … %} loop"]


class TemplateContext(TypedDict):
    """Everything a template may name."""

    doc: Annotated[DocContext, "the document settings"]
    current: Annotated[ProgrammeContext, "the programme reported on, with status and progress"]
    draft: Annotated[ProgrammeContext, "the draft programme (no status, no progress)"]


@dataclass
class Context:
    """A language's template context plus what the renderer does after docxtpl."""

    lang: str
    formats: Formats
    values: TemplateContext
    issued: dt.date
    author: str  # who signs the revisions and last modified the document, as the settings give it
    row_marks: dict[str, RowMark] = field(default_factory=dict)
    revision: Revision | None = None


def build_context(sources: Sources, lang: str, tracked: bool = False, formatted: dict[int, dict[str, str]] | None = None) -> Context:
    """The context of ``lang``; ``tracked`` adds the changes since the baseline as revisions.

    ``formatted`` keeps each activity's text formatted for the language, to share between the
    tracked and the clean variant of one language.
    """
    settings = sources.settings
    formats = Formats(lang, settings.locale.get(lang) or lang)
    revision = Revision(settings.author[lang], f"{settings.issue_date.isoformat()}T00:00:00Z") if tracked else None
    builder = RowBuilder(lang, formats, revision, formatted if formatted is not None else {})
    changes = list(compare(sources.baseline if tracked else None, sources.current))
    since = changes if tracked else list(compare(sources.baseline, sources.current))  # the sentences say it in both variants
    values = TemplateContext(
        doc=doc_context(settings, lang, formats, tracked),
        current=programme_context(sources.current, builder, changes, settings, since),
        draft=programme_context(sources.draft, builder, list(compare(None, sources.draft)), None, []),
    )
    return Context(lang, formats, values, settings.issue_date, settings.author[lang], builder.marks, revision)


def doc_context(settings: Settings, lang: str, formats: Formats, tracked: bool = False) -> DocContext:
    reference = settings.file_reference(lang)
    months = [formats.month(d) for d in settings.previous_reports]
    return DocContext(
        reference=reference,
        short_reference=reference[:-1],
        sessions=list(settings.sessions),
        meeting_dates=formats.interval(settings.meeting_start, settings.meeting_end),
        meeting_month=formats.month_name(settings.meeting_start),
        place=data(formats.text(settings.place[lang])),
        issue_date=formats.date(settings.issue_date),
        agenda_item=data(settings.agenda_item),
        year=str(settings.issue_date.year),
        previous_reports=months,
        previous_report=months[-1] if months else "",
        programme_end=formats.month(settings.programme_end),
        author=data(settings.author[lang]),
        status=status_labels(settings, lang, formats),
        tracked=tracked,
        original=original_mark(settings.original_language),
    )


def data(text: str) -> str:
    """A setting's text as data: escaped here (autoescape leaves it alone), braces included, which docxtpl would
    otherwise turn from ``{_{`` into ``{{`` in the document."""
    return Markup(escape(text))


def status_labels(settings: Settings, lang: str, formats: Formats) -> StatusLabels:
    label = {status: data(formats.text(settings.status_labels[status][lang])) for status in Status}
    return StatusLabels(completed=label[Status.COMPLETED], ongoing=label[Status.ONGOING], pending=label[Status.PENDING])


def programme_context(
    programme: Programme, builder: RowBuilder, changes: list[Change], settings: Settings | None, since: list[Change]
) -> ProgrammeContext:
    labels = settings.status_labels if settings else {}
    return ProgrammeContext(
        period=builder.formats.text(programme.period),
        counts=count(programme),
        changes=changes_by_kind(since),
        part1=[builder.row(c, labels) for c in changes if c.part == 1],  # type: ignore[misc]
        part2=[builder.row(c, labels) for c in changes if c.part == 2],  # type: ignore[misc]
    )


def count(programme: Programme) -> Counts:
    return Counts(
        total=len(programme.part1) + len(programme.part2),
        part1=len(programme.part1),
        part2=len(programme.part2),
        ongoing=programme.count(Status.ONGOING),
        completed=programme.count(Status.COMPLETED),
        pending=programme.count(Status.PENDING),
    )


def changes_by_kind(changes: list[Change]) -> Changes:
    def change_set(chosen: list[Change]) -> ChangeSet:
        numbers = [c.activity.number for c in chosen]
        part1 = [c.activity.number for c in chosen if c.part == 1]
        return ChangeSet(count=len(numbers), numbers=numbers, part1=part1, part2=[n for n in numbers if n not in part1])

    def moved(c: Change) -> bool:
        return c.kind is ChangeKind.CHANGED and c.baseline is not None and c.current is not None and c.baseline.status is not c.current.status

    return Changes(
        added=change_set([c for c in changes if c.kind is ChangeKind.ADDED]),
        removed=change_set([c for c in changes if c.kind is ChangeKind.REMOVED]),
        changed=change_set([c for c in changes if c.kind is ChangeKind.CHANGED]),
        status_moves=change_set([c for c in changes if moved(c)]),
    )


class RowBuilder:
    """Turns each activity (and its change) into runs, and remembers its row's marks."""

    def __init__(self, lang: str, formats: Formats, revision: Revision | None, formatted: dict[int, dict[str, str]]) -> None:
        self.lang = lang
        self.formats = formats
        self.revision = revision
        self.formatted = formatted
        self.marks: dict[str, RowMark] = {}

    def row(self, change: Change, labels: Any) -> dict[str, Runs]:
        old = self.fields(change.baseline, labels) if change.baseline else {}
        new = self.fields(change.current, labels) if change.current else {}
        row = {name: self.runs(diff(change.kind, name, old.get(name, ""), new.get(name, ""))) for name in old | new}
        activity = change.activity
        op = {ChangeKind.ADDED: Op.INSERT, ChangeKind.REMOVED: Op.DELETE}.get(change.kind, Op.EQUAL)
        name = f"_ctpRow{len(self.marks) + 1}"
        self.marks[name] = RowMark(fill(activity), op, *recoloured(change))
        row["no"].bookmark = (name, BOOKMARK_BASE + len(self.marks))
        return row

    def fields(self, activity: Activity, labels: Any) -> dict[str, str]:
        if id(activity) not in self.formatted:
            self.formatted[id(activity)] = self.format_fields(activity, labels)
        return self.formatted[id(activity)]

    def format_fields(self, activity: Activity, labels: Any) -> dict[str, str]:
        text = self.formats.text
        lang = self.lang
        values = {"no": activity.number, "objective": activity.objective, "activity": text(activity.activity[lang])}
        if activity.deliverable:
            values["deliverable"] = text(activity.deliverable[lang])
        if activity.timeframe is not None:
            values["timeframe"] = self.formats.timeframe(activity.timeframe)
        if activity.lead:
            values["lead"] = text(activity.lead[lang])
        if activity.status is not None:
            values["status"] = text(labels[activity.status][lang])
        if activity.progress:
            values["progress"] = text(activity.progress[lang])
        return values

    def runs(self, segments: list[Segment]) -> Runs:
        return Runs(segments, self.formats.tag, self.revision, rtl=self.formats.right_to_left)


def fill(activity: Activity) -> str | None:
    return STATUS_FILLS.get(activity.status) if activity.status else None


def recoloured(change: Change) -> tuple[bool, str | None]:
    """Whether the row's status (and so its shading) changed, and its shading before."""
    if change.kind is not ChangeKind.CHANGED or change.baseline is None or change.current is None:
        return False, None
    return change.baseline.status is not change.current.status, fill(change.baseline)


def diff(kind: ChangeKind, name: str, old: str, new: str) -> list[Segment]:
    """The segments of one field: whole labels for a status, words for text."""
    if kind is ChangeKind.ADDED:
        return [Segment(Op.INSERT, new)]
    if kind is ChangeKind.REMOVED:
        return [Segment(Op.DELETE, old)]
    if name == "status" and old != new:
        return [Segment(Op.DELETE, old), Segment(Op.INSERT, new)]
    return diff_words(old, new)

