"""The semantic clean-up of a word diff, as an editor marks a rewritten phrase.

Takes the segments of :func:`ctpdoc.changes.diff.diff_words` (each run of changes already one deletion
then one insertion) and gives them with the short unchanged words that only happened to match inside a
rewritten phrase folded into its changes: "~~and further work~~but … It is ~~planned~~proposed" becomes
one deletion and one insertion, while a one-word edit in a sentence stays one word.

The rule is diff-match-patch's ``diff_cleanupSemantic`` (Neil Fraser, "Diff Strategies", 2006): an
equality no longer (in characters) than the changes on *both* of its sides is folded into them, and
folding repeats backwards while the grown change swallows the equality before it. The first and the last
equality never fold (nothing changes on their outer side). diff-match-patch does it by inserting into a
list and rescanning, which can be quadratic on a long cell; here a stack of spans over the segments does
it in one pass, linear in their number (a 32,767-character cell stays in milliseconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ctpdoc.model import Op, Segment


@dataclass
class _Span:
    """Segments ``start``…``end`` (exclusive): one equality, or a run of changes with its lengths."""

    start: int
    end: int
    changed: bool
    deleted: int = 0  # characters the run deletes, equalities folded into it included
    inserted: int = 0

    @property
    def weight(self) -> int:
        return max(self.deleted, self.inserted)


def cleanup_semantic(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with every equality shorter than the changes around it folded into them."""
    stack: list[_Span] = []
    for index, segment in enumerate(segments):
        length = len(segment.text)
        if segment.op is Op.EQUAL:
            stack.append(_Span(index, index + 1, changed=False, deleted=length, inserted=length))
            continue
        if stack and stack[-1].changed:
            stack[-1].end = index + 1
        else:
            stack.append(_Span(index, index + 1, changed=True))
        top = stack[-1]
        if segment.op is Op.DELETE:
            top.deleted += length
        else:
            top.inserted += length
        merge_short_equalities(stack)
    return [piece for span in stack for piece in rejoin(segments, span)]


def merge_short_equalities(stack: list[_Span]) -> None:
    """While the equality below the top change is no longer than the changes on both sides, merge the three."""
    while len(stack) >= 3 and stack[-1].changed and not stack[-2].changed and stack[-3].changed:
        before, equal, after = stack[-3], stack[-2], stack[-1]
        length = equal.deleted
        if length > before.weight or length > after.weight:
            return
        before.end = after.end
        before.deleted += length + after.deleted
        before.inserted += length + after.inserted
        del stack[-2:]


def rejoin(segments: Sequence[Segment], span: _Span) -> list[Segment]:
    """A span as segments: an equality as it was; a run of changes as one deletion then one insertion."""
    pieces = segments[span.start : span.end]
    if not span.changed:
        return list(pieces)
    deleted = "".join(s.text for s in pieces if s.op is not Op.INSERT)
    inserted = "".join(s.text for s in pieces if s.op is not Op.DELETE)
    return [Segment(op, text) for op, text in ((Op.DELETE, deleted), (Op.INSERT, inserted)) if text]
