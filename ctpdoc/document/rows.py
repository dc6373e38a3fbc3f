"""Stage 4, the template context's rows: each activity (and its change since the baseline) as a row of runs.

Takes one language's :class:`~ctpdoc.document.formats.Formats` and the shape; gives each row's values as
:class:`~ctpdoc.markup.runs.Runs` (its texts formatted for the language and, in the tracked variant, marked as
revisions) and remembers the row's marks (shading, status moved) for the renderer. What it formats and marks is
kept in a :class:`Made`, shared by the tracked and the clean variant of a language and by the review page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ctpdoc.changes.diff import Change, ChangeKind, diff_marks
from ctpdoc.document.formats import Formats
from ctpdoc.markup.rows import RowMark
from ctpdoc.markup.runs import Revision, Runs
from ctpdoc.model import Activity, Location, Op, Segment
from ctpdoc.shape import ColumnKind, Shape

BOOKMARK_BASE = 880000  # far above the ids Word gives a template's own bookmarks


@dataclass
class Made:
    """What one language's rows took to make, kept for whatever makes them again (the other variant of the
    document, the review page; in this process or, sent back, in another): each activity's texts formatted for the
    language, by where the activity was read, and the sentence marks of each text that changed."""

    fields: dict[Location, dict[str, str]] = field(default_factory=dict)
    marks: dict[tuple[str, str], list[Segment]] = field(default_factory=dict)  # (before, now) → segments


CHANGE_WORDS = {ChangeKind.ADDED: "added", ChangeKind.REMOVED: "removed", ChangeKind.CHANGED: "changed", ChangeKind.SAME: ""}


class RowBuilder:
    """Turns each activity (and its change) into runs, and remembers its row's marks."""

    def __init__(self, lang: str, formats: Formats, revision: Revision | None, made: Made, shape: Shape) -> None:
        self.lang = lang
        self.formats = formats
        self.revision = revision
        self.made = made
        self.shape = shape
        self.marks: dict[str, RowMark] = {}
        self.revised = False  # whether a row built so far carries a tracked change (an inserted or deleted text, row or status)
        self.columns = {part.key: shape.columns_of(part.key) for part in shape.parts}
        self.labels = shape.labels(lang)

    def row(self, change: Change) -> dict[str, Any]:
        old = self.fields(change.baseline, change.part) if change.baseline else {}
        new = self.fields(change.current, change.part) if change.current else {}
        segments = {name: self.diff(change.kind, name, old.get(name, ""), new.get(name, "")) for name in old | new}
        row: dict[str, Any] = {name: self.runs(pieces) for name, pieces in segments.items()}
        activity = change.activity
        op = {ChangeKind.ADDED: Op.INSERT, ChangeKind.REMOVED: Op.DELETE}.get(change.kind, Op.EQUAL)
        name = f"_ctpRow{len(self.marks) + 1}"
        self.marks[name] = RowMark(self.shape.colour(activity.status), op, *recoloured(change, self.shape))
        if self.revision is not None and (
            op is not Op.EQUAL or change.status_moved or any(s.op is not Op.EQUAL for p in segments.values() for s in p)
        ):
            self.revised = True
        row["no"].bookmark = (name, BOOKMARK_BASE + len(self.marks))
        row["change"] = CHANGE_WORDS[change.kind]
        return row

    def fields(self, activity: Activity, part: str) -> dict[str, str]:
        fields = self.made.fields.get(activity.location)
        if fields is None:
            fields = self.made.fields[activity.location] = self.format_fields(activity, part)
        return fields

    def diff(self, kind: ChangeKind, name: str, old: str, new: str) -> list[Segment]:
        """:func:`diff`, each changed text marked once (the review page asks again)."""
        return diff(kind, name, old, new, self.marked)

    def marked(self, old: str, new: str) -> list[Segment]:
        if old == new:
            return diff_marks(old, new)  # nothing to mark: no need to keep
        marks = self.made.marks.get((old, new))
        if marks is None:
            marks = self.made.marks[(old, new)] = diff_marks(old, new)
        return marks

    def format_fields(self, activity: Activity, part: str) -> dict[str, str]:
        text = self.formats.text
        lang = self.lang
        values = {"no": activity.number}
        for column in self.columns[part]:
            if column.kind is ColumnKind.STATUS:
                if activity.status is not None:
                    values["status"] = text(self.labels[activity.status])
                continue
            value = activity.values.get(column.name)
            if value is None:
                continue
            if isinstance(value, Mapping):
                values[column.tag] = text(value[lang])
            elif isinstance(value, str):
                values[column.tag] = value
            else:
                values[column.tag] = self.formats.timeframe(value)
        return values

    def runs(self, segments: list[Segment]) -> Runs:
        return Runs(segments, self.formats.tag, self.revision, rtl=self.formats.right_to_left)


def recoloured(change: Change, shape: Shape) -> tuple[bool, str | None]:
    """Whether the row's status (and so its shading) changed, and its shading before."""
    if not change.status_moved:
        return False, None
    assert change.baseline is not None
    return True, shape.colour(change.baseline.status)


def diff(
    kind: ChangeKind, name: str, old: str, new: str, marks: Callable[[str, str], list[Segment]] = diff_marks
) -> list[Segment]:
    """The segments of one field: whole labels for a status, ``marks`` (words and sentences) for text."""
    if kind is ChangeKind.ADDED:
        return [Segment(Op.INSERT, new)]
    if kind is ChangeKind.REMOVED:
        return [Segment(Op.DELETE, old)]
    if name == "status" and old != new:
        return [Segment(Op.DELETE, old), Segment(Op.INSERT, new)]
    return marks(old, new)
