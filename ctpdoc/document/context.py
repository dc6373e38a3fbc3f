"""Stage 4, the template context: what one language's template sees.

Takes the checked :class:`~ctpdoc.model.Sources` and a language; gives a
:class:`Context`: the typed values the template may use (written down once,
here, in :class:`TemplateContext` and the classes it names) and the marks the
renderer applies to table rows afterwards. Every value is formatted for the
language here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, TypedDict

from markupsafe import Markup

from ctpdoc.changes.diff import Change, ChangeKind, compare
from ctpdoc.document.formats import Formats, original_mark
from ctpdoc.document.rows import Made, RowBuilder
from ctpdoc.markup.rows import RowMark
from ctpdoc.markup.runs import Revision, Runs, escape
from ctpdoc.model import Activity, Programme, Settings, Sources
from ctpdoc.shape import ColumnKind, Shape

_TypedDict: Any = TypedDict  # the functional form, for the types a shape declares (mypy takes literals only)


class DocContext(TypedDict):
    """The document settings, formatted for the language (``status`` is added per shape: see :func:`context_type`)."""

    reference: Annotated[str, "PC0720F1a: the reference of this language version"]
    short_reference: Annotated[str, "PC0720F1: the reference in the page headers"]
    sessions: Annotated[
        list[int], "the session numbers [247, 248]; print with |ordinal, and |runs in {{r …}} for a superscript: 247ᵉ/248ᵉ"
    ]
    meeting_dates: Annotated[str, "5–8 mai 2025: the dates of the meeting"]
    meeting_month: Annotated[str, "mai: the month of the meeting"]
    place: Annotated[str, "Bruxelles: the place of issue"]
    issue_date: Annotated[str, "28 mars 2025: the date of issue"]
    agenda_item: Annotated[str, "V: the item on the agenda"]
    year: Annotated[str, "2025: the year of issue, for the copyright notice"]
    previous_reports: Annotated[
        list[str], "the months of the earlier progress reports; print with |listing: en avril 2023 et en avril 2024"
    ]
    previous_report: Annotated[str, "avril 2024: the latest progress report"]
    programme_end: Annotated[str, "juin 2025: the month the current programme ends"]
    author: Annotated[str, "Secrétariat: who signs the tracked changes"]
    tracked: Annotated[
        bool,
        "true in the tracked document when it shows changes as tracked changes, "
        "false in the -clean one and where nothing changed: {% if doc.tracked %}",
    ]
    original: Annotated[
        str, "O. Fr.: the original language under the reference (from the setting Original language; empty without it)"
    ]


@functools.cache
def context_type(shape_key: ShapeKey) -> Any:
    """The typed context of templates for one shape: the names a template may use, as TypedDicts made from the
    shape's parts, columns and statuses (for the template checks and the variables table)."""
    parts, columns, statuses = shape_key
    note = Annotated
    status_note = {key: note[str, f"{label}: the label of the status {key}"] for key, label in statuses}
    labels = _TypedDict("StatusLabels", status_note)
    numbered = {f"part{i}": (key, title) for i, (key, title, _) in enumerate(parts, start=1)}
    counted = {key: note[int, f"activities with the status {label}"] for key, label in statuses}
    counts = _TypedDict("Counts", {
        "total": note[int, "activities, every part"],
        **{name: note[int, f"activities of part {key} ({title})"] for name, (key, title) in numbered.items()},
        **counted,
        "done": note[int, "activities whose status counts as done"],
    })  # fmt: skip
    change_set = _TypedDict("ChangeSet", {
        "count": note[int, "how many, every part; print with |plural, and test it: "
                           "{% if current.changes.added.count %}…{% endif %}"],
        "numbers": note[list[str], "their numbers in annex order, e.g. ['2.52']; print with |listing: 1.44 and 2.52"],
        **{name: note[list[str], f"the numbers in part {key} ({title})"] for name, (key, title) in numbered.items()},
    })  # fmt: skip
    changes = _TypedDict("Changes", {
        "added": note[change_set, "activities added (inserted rows)"],
        "removed": note[change_set, "activities removed (deleted rows)"],
        "changed": note[change_set, "activities kept whose text, timeframe or status changed"],
        "status_moves": note[change_set, "activities whose status changed (among the changed)"],
    })  # fmt: skip
    fixed = {
        "no": note[Runs, "the activity number, e.g. 1.4 or SO1.2"],
        "change": note[str, "how the row changed since the previous report: added, removed, changed, or empty"],
    }
    column_notes = {
        tag: note[Runs, f"the column {name}{' (per language)' if per_language else ''}: {kind}"]
        for tag, name, kind, per_language, _ in columns
    }
    status_column = {"status": note[Runs, "the status label (programme reported on only)"]}

    def row_type(name: str, key: str | None) -> Any:
        chosen = {
            tag: hint
            for (tag, _, _, _, keys), hint in zip(columns, column_notes.values(), strict=True)
            if key is None or keys is None or key in keys
        }
        has_status = any(has for k, _, has in parts if key is None or k == key)
        return _TypedDict(name, {**fixed, **(status_column if has_status else {}), **chosen}, total=False)

    any_row = row_type("Row", None)
    column = _TypedDict(
        "ColumnContext",
        {"tag": note[str, "the column's name on a row: row[column.tag]"], "name": note[str, "its header, as declared"]},
    )
    part_counts = _TypedDict(
        "PartCounts", {"total": note[int, "activities of the part"], **counted, "done": counts.__annotations__["done"]}
    )
    part = _TypedDict("PartContext", {
        "key": note[str, "the part's key (I, SO1)"],
        "title": note[str, "the part's title in this language"],
        "number": note[int, "its place among the parts: 1, 2, …"],
        "has_status": note[bool, "whether its rows have a status"],
        "columns": note[list_of(column), "its columns after No., in order, each with its tag and name: {{r row[column.tag] }}"],
        "rows": note[list_of(any_row), "its rows in annex order, for a {%tr for row in part.rows %} loop"],
        "counts": note[part_counts, "its activities counted, in all and per status"],
    })  # fmt: skip
    programme = _TypedDict("ProgrammeContext", {
        "period": note[str, "2022-2025: the period of the programme"],
        "present": note[bool, "false for a draft programme the settings do not name: {% if draft.present %}"],
        "counts": note[counts, "activities counted from the workbook"],
        "changes": note[changes, "what changed since the previous report, by kind"],
        "parts": note[list_of(part), "the parts in order, each with its key, title, rows and counts: "
                                     "{% for part in current.parts %}"],
        **{name: note[list_of(row_type(f"Part{i}Row", key)),
                      f"the rows of part {key} ({title}), for a {{%tr for row in … %}} loop"]
           for i, (name, (key, title)) in enumerate(numbered.items(), start=1)},
    })  # fmt: skip
    doc = _TypedDict(
        "Doc",
        {**typing.get_type_hints(DocContext, include_extras=True), "status": note[labels, "the status labels, by status key"]},
    )
    return _TypedDict("TemplateContext", {
        "doc": note[doc, "the document settings"],
        "current": note[programme, "the programme reported on, with status and progress"],
        "draft": note[programme, "the draft programme (no status, no progress)"],
    })  # fmt: skip


def list_of(kind: Any) -> Any:
    return types.GenericAlias(list, (kind,))


ShapeKey = tuple[
    tuple[tuple[str, str, bool], ...],  # parts: key, English (or first) title, whether it has a status
    tuple[tuple[str, str, str, bool, tuple[str, ...] | None], ...],  # columns: tag, name, kind, per language, parts
    tuple[tuple[str, str], ...],  # statuses: key, English (or first) label
]


def shape_key(shape: Shape) -> ShapeKey:
    """What of a shape the typed context depends on, hashable (the context types are made once per shape)."""

    def first(texts: Mapping[str, str]) -> str:
        return texts.get("en") or next(iter(texts.values()), "")

    return (
        tuple((p.key, first(p.titles), shape.has_status(p.key)) for p in shape.parts),
        tuple((c.tag, c.name, c.kind.value, c.per_language, c.parts) for c in shape.columns if c.kind is not ColumnKind.STATUS),
        tuple((s.key, first(s.labels)) for s in shape.statuses),
    )


def template_context_type(shape: Shape) -> Any:
    return context_type(shape_key(shape))


@dataclass
class Context:
    """A language's template context plus what the renderer does after docxtpl."""

    lang: str
    formats: Formats
    values: dict[str, Any]  # typed for templates by context_type(shape_key(shape))
    issued: dt.date
    author: str  # who signs the revisions and last modified the document, as the settings give it
    row_marks: dict[str, RowMark] = field(default_factory=dict)
    revision: Revision | None = None


def build_context(sources: Sources, lang: str, tracked: bool = False, made: Made | None = None) -> Context:
    """The context of ``lang``; ``tracked`` adds the changes since the baseline as revisions.

    ``made`` keeps each activity's texts formatted for the language and the marks of those that changed, to share
    between the tracked and the clean variant of one language and with the review page.
    """
    settings = sources.settings
    shape = settings.shape
    formats = Formats(lang, settings.locale.get(lang) or lang)
    revision = Revision(settings.author[lang], f"{settings.issue_date.isoformat()}T00:00:00Z") if tracked else None
    builder = RowBuilder(lang, formats, revision, made if made is not None else Made(), shape)
    changes = list(compare(sources.baseline if tracked else None, sources.current, shape))
    since = (
        changes if tracked else list(compare(sources.baseline, sources.current, shape))
    )  # the sentences say it in both variants
    draft = sources.draft
    current = programme_context(sources.current, builder, changes, since)
    values = {
        "doc": doc_context(settings, lang, formats, builder.revised, sources.previous_reports),  # no tracked change: says none
        "current": current,
        "draft": programme_context(draft, builder, list(compare(None, draft, shape)) if draft else [], [], reported=False),
    }
    return Context(lang, formats, values, settings.issue_date, settings.author[lang], builder.marks, revision)


def doc_context(
    settings: Settings, lang: str, formats: Formats, tracked: bool = False, previous: tuple[dt.date, ...] | None = None
) -> dict[str, Any]:
    """``tracked``: the document carries tracked changes; ``previous``: the earlier reports, the last the baseline's
    (:attr:`~ctpdoc.model.Sources.previous_reports`; the settings' alone when not given)."""
    reference = settings.file_reference(lang)
    months = [formats.month(d) for d in (settings.previous_reports if previous is None else previous)]
    return {
        **DocContext(
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
            tracked=tracked,
            original=original_mark(settings.original_language),
        ),
        "status": {key: data(formats.text(label)) for key, label in settings.shape.labels(lang).items()},
    }


def data(text: str) -> str:
    """A setting's text as data: escaped here (autoescape leaves it alone), braces included, which docxtpl would
    otherwise turn from ``{_{`` into ``{{`` in the document."""
    return Markup(escape(text))


def programme_context(
    programme: Programme | None, builder: RowBuilder, changes: list[Change], since: list[Change], reported: bool = True
) -> dict[str, Any]:
    shape = builder.shape
    rows: dict[str, list[dict[str, Any]]] = {part.key: [] for part in shape.parts}
    for change in changes:
        rows[change.part].append(builder.row(change))
    parts = [
        {
            "key": part.key,
            "title": data(builder.formats.text(part.titles.get(builder.lang, ""))),
            "number": number,
            "has_status": reported and shape.has_status(part.key),
            "columns": [
                {"tag": "status" if c.kind is ColumnKind.STATUS else c.tag, "name": c.name}
                for c in shape.columns_of(part.key, reported)
            ],
            "rows": rows[part.key],
            "counts": part_counts(programme.part(part.key) if programme else (), shape),
        }
        for number, part in enumerate(shape.parts, start=1)
    ]
    return {
        "period": builder.formats.text(programme.period) if programme else "",
        "present": programme is not None,
        "counts": count(programme, shape),
        "changes": changes_by_kind(since, shape),
        "parts": parts,
        **{f"part{number}": rows[part.key] for number, part in enumerate(shape.parts, start=1)},
    }


Counts = dict[str, int]


def count(programme: Programme | None, shape: Shape) -> Counts:
    """``total``, ``part1``… by the parts' places, each status's key, and ``done``."""
    counts = part_counts(programme.activities if programme else (), shape)
    for number, part in enumerate(shape.parts, start=1):
        counts[f"part{number}"] = len(programme.part(part.key)) if programme else 0
    return counts


def part_counts(activities: Sequence[Activity], shape: Shape) -> Counts:
    by_status = Counter(a.status for a in activities)
    counts = {"total": len(activities), **{status.key: by_status[status.key] for status in shape.statuses}}
    counts["done"] = sum(by_status[status.key] for status in shape.statuses if status.done)
    return counts


def changes_by_kind(changes: list[Change], shape: Shape) -> dict[str, dict[str, Any]]:
    def change_set(chosen: list[Change]) -> dict[str, Any]:
        by_part = {
            f"part{number}": [c.activity.number for c in chosen if c.part == part.key]
            for number, part in enumerate(shape.parts, start=1)
        }
        return {"count": len(chosen), "numbers": [c.activity.number for c in chosen], **by_part}

    return {
        "added": change_set([c for c in changes if c.kind is ChangeKind.ADDED]),
        "removed": change_set([c for c in changes if c.kind is ChangeKind.REMOVED]),
        "changed": change_set([c for c in changes if c.kind is ChangeKind.CHANGED]),
        "status_moves": change_set([c for c in changes if c.status_moved]),
    }
