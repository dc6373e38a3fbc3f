"""Stage 3, comparing: what changed between the baseline and the current programme.

Takes two :class:`~ctpdoc.model.Programme` (the snapshot of the previous
report and the workbook now) and the report's shape, and gives, per activity, the change: added,
removed, or the fields whose text differs, as word-level segments.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ctpdoc.changes.semantic import cleanup_semantic
from ctpdoc.changes.sentences import mark_sentences
from ctpdoc.changes.worddiff import opcodes
from ctpdoc.errors import counted
from ctpdoc.model import Activity, Op, Programme, Segment
from ctpdoc.shape import ColumnKind, Shape

# Words, runs of spaces, and single other characters: a diff never splits a word.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def diff_words(old: str, new: str) -> list[Segment]:
    """Word-level diff: joining equal+insert gives ``new``, equal+delete gives ``old``.

    A rewritten phrase comes out as one deletion and one insertion (the short words it happened to share
    with the old text folded in, :mod:`ctpdoc.changes.semantic`); a small edit keeps its word-level marks."""
    if old == new:
        return [Segment(Op.EQUAL, new)] if new else []
    a, b = tokens(old), tokens(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):  # difflib's, bounded in time for long texts
        if tag == "equal":
            raw.append(Segment(Op.EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment(Op.DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return cleanup_semantic(merge(absorb_gaps(raw)))


def diff_marks(old: str, new: str) -> list[Segment]:
    """The marks the documents carry: :func:`diff_words` with every rewritten sentence (edits in several places,
    or most of its words changed) as one deletion and one insertion (:mod:`ctpdoc.changes.sentences`); a
    single-word or single-figure edit stays that word or figure."""
    words = diff_words(old, new)
    if old == new:  # most fields of a row: nothing to mark (a tenth of the sample's build went marking them)
        return words
    return cleanup_semantic(merge(absorb_gaps(mark_sentences(words))))


def absorb_gaps(segments: list[Segment]) -> list[Segment]:
    """A lone space or punctuation mark kept between two changes reads better changed too."""
    out: list[Segment] = []
    for i, segment in enumerate(segments):
        between = 0 < i < len(segments) - 1 and segments[i - 1].op is not Op.EQUAL and segments[i + 1].op is not Op.EQUAL
        if segment.op is Op.EQUAL and between and is_gap(segment.text):
            out += [Segment(Op.DELETE, segment.text), Segment(Op.INSERT, segment.text)]
        else:
            out.append(segment)
    return out


def is_gap(text: str) -> bool:
    return len(text) <= 2 and not any(c.isalnum() for c in text)


def merge(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, all deleted text first, then all inserted text."""
    out: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(Segment(Op.DELETE, "".join(deleted)))
        if inserted:
            out.append(Segment(Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for segment in segments:
        if segment.op is Op.DELETE:
            deleted.append(segment.text)
        elif segment.op is Op.INSERT:
            inserted.append(segment.text)
        else:
            flush()
            if out and out[-1].op is Op.EQUAL:
                out[-1] = Segment(Op.EQUAL, out[-1].text + segment.text)
            else:
                out.append(segment)
    flush()
    return out


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    """One activity of the current programme (or of the baseline, if removed) and its change, in its part."""

    part: str  # the part's key
    kind: ChangeKind
    current: Activity | None
    baseline: Activity | None

    @property
    def activity(self) -> Activity:
        activity = self.current or self.baseline
        assert activity is not None
        return activity

    @property
    def status_moved(self) -> bool:
        """A kept activity whose status changed since the baseline."""
        return (
            self.kind is ChangeKind.CHANGED
            and self.baseline is not None
            and self.current is not None
            and self.baseline.status != self.current.status
        )


def compare(baseline: Programme | None, current: Programme, shape: Shape) -> Iterator[Change]:
    """Every activity of every part in annex order, matched by number."""
    for part in current.parts:
        if baseline is None:
            yield from (Change(part.key, ChangeKind.SAME, a, a) for a in part.activities)
            continue
        title = shape.title_column(part.key)
        yield from compare_part(part.key, baseline.part(part.key), part.activities, title.name if title else "")


def compare_part(part: str, then: tuple[Activity, ...], now: tuple[Activity, ...], title: str) -> Iterator[Change]:
    old = {a.number: a for a in then}
    new = {a.number: a for a in now}
    numbers = sorted(old.keys() | new.keys(), key=lambda n: (old.get(n) or new[n]).sort_key)
    for number in numbers:
        before, after = old.get(number), new.get(number)
        if before is None:
            yield Change(part, ChangeKind.ADDED, after, None)
        elif after is None:
            yield Change(part, ChangeKind.REMOVED, None, before)
        elif is_reused(before, after, title):  # another activity under the old number: the old one removed, a new one added
            yield Change(part, ChangeKind.REMOVED, None, before)
            yield Change(part, ChangeKind.ADDED, after, None)
        else:
            kind = ChangeKind.SAME if same_content(before, after) else ChangeKind.CHANGED
            yield Change(part, kind, after, before)


REUSED_BELOW = 0.4  # words shared, as difflib's ratio: under this in every language, the text is another activity's


def is_reused(before: Activity, after: Activity, title: str) -> bool:
    """Whether a number kept now describes a different activity: the text that names it (the part's first
    per-language text column, ``title``) changed beyond a reasonable edit (most of its words replaced) in every
    language."""
    then, now = before.texts(title), after.texts(title)
    if then == now:
        return False  # the common case: the activity's text as it was
    languages = [lang for lang in now if then.get(lang) and now.get(lang)]
    if not languages:
        return False

    def words(text: str) -> list[str]:
        return [t.casefold() for t in tokens(text) if t.strip() and t[0].isalnum()]

    return all(
        difflib.SequenceMatcher(None, words(then[lang]), words(now[lang]), autojunk=False).ratio() < REUSED_BELOW
        for lang in languages
    )


def reused_numbers(baseline: Programme, current: Programme, shape: Shape) -> Iterator[Activity]:
    """The activities of ``current`` whose number the baseline gave to a different activity."""
    earlier = {a.number: a for a in baseline.activities}
    for part in current.parts:
        title = shape.title_column(part.key)
        for activity in part.activities:
            before = earlier.get(activity.number)
            if before is not None and title is not None and is_reused(before, activity, title.name):
                yield activity


def same_content(a: Activity, b: Activity) -> bool:
    return a.status == b.status and a.values == b.values


# ---------------------------------------------------------------- the review listing


def inline(segments: list[Segment]) -> str:
    """wdiff notation: ``[-deleted-]{+inserted+}``."""
    marks = {Op.EQUAL: "{}", Op.DELETE: "[-{}-]", Op.INSERT: "{{+{}+}}"}
    return "".join(marks[s.op].format(s.text) for s in segments)


def shown(value: object, lang: str) -> str:
    """A value as the listing shows it: a language's text, or the neutral value."""
    if isinstance(value, Mapping):
        return str(value.get(lang, ""))
    return "" if value is None else str(value)


def describe_changes(changes: list[Change], lang: str, shape: Shape) -> Iterator[str]:
    """Lines for the secretariat's review: activity by activity, then the totals."""
    labels = shape.labels(lang)

    def label(activity: Activity) -> str:
        return labels[activity.status] if activity.status else "-"

    removed = {c.activity.number for c in changes if c.kind is ChangeKind.REMOVED}
    for change in changes:
        if change.kind is ChangeKind.SAME:
            continue
        head = f"{shape.part(change.part).sheet} {change.activity.number}"
        title = shape.title_column(change.part)
        if change.kind is not ChangeKind.CHANGED:
            yield f"{head}: {change.kind.value} ({change.activity.texts(title.name).get(lang, '') if title else ''})"
            if change.kind is ChangeKind.ADDED and change.activity.number in removed:
                yield f"  {change.activity.number} now describes a different activity; give a new activity a new number"
            continue
        assert change.baseline is not None and change.current is not None
        yield f"{head}:"
        if change.status_moved:
            yield f"  status: {label(change.baseline)} → {label(change.current)}"
        for column in shape.columns_of(change.part):
            if column.kind is ColumnKind.STATUS:
                continue
            old, new = shown(change.baseline.values.get(column.name), lang), shown(change.current.values.get(column.name), lang)
            if old == new:
                continue
            if column.kind is ColumnKind.MONTH:
                yield f"  {column.tag}: {old} → {new}"
            else:
                yield f"  {column.tag}: {inline(diff_marks(old, new))}"
    yield totals(changes, shape)


def totals(changes: list[Change], shape: Shape) -> str:
    counts = {kind: sum(1 for c in changes if c.kind is kind) for kind in ChangeKind}
    moves = sum(1 for c in changes if c.status_moved)
    per_part = ", ".join(
        f"{part.sheet}: {sum(1 for c in changes if c.part == part.key and c.kind is not ChangeKind.SAME)}" for part in shape.parts
    )
    return (
        f"{counted(len(changes), 'activity', 'activities')} compared: {counts[ChangeKind.CHANGED]} changed "
        f"({counted(moves, 'status move')}), {counts[ChangeKind.ADDED]} added, {counts[ChangeKind.REMOVED]} removed, "
        f"{counts[ChangeKind.SAME]} unchanged; changed, added or removed per part: {per_part}"
    )
