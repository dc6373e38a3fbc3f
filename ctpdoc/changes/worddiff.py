"""Bounded alignment of two token lists, for the word diff of :mod:`ctpdoc.changes.diff`.

Takes the tokens of an old and a new text; gives difflib-style opcodes
(``equal``/``replace``/``delete``/``insert`` with their ranges). Small inputs
go to ``difflib.SequenceMatcher`` as before. Its cost grows with the product of
the two lengths (8 s for two changed cells of 32,767 characters), so past
:data:`MAX_WORK` the texts are first trimmed of their common start and end,
then aligned on the words that occur once in each (patience diff: a longest
increasing subsequence, n·log n), and only the gaps between those anchors
that are small enough are diffed word by word; a gap still too large is shown
as replaced. The result is always a correct diff (joining it gives both
texts); only its word-level detail is coarser for very long, much-changed texts.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Sequence

# Token pairs SequenceMatcher may compare for one gap: a few milliseconds.
MAX_WORK = 250_000

Opcode = tuple[str, int, int, int, int]  # (tag, i1, i2, j1, j2)


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """The edit from ``a`` to ``b``, as ``SequenceMatcher.get_opcodes`` gives it, in bounded time."""
    if len(a) * len(b) <= MAX_WORK:
        return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    return to_opcodes(matching_blocks(a, b), len(a), len(b))


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Runs of equal tokens ``(i, j, size)``, increasing in both lists."""
    blocks: list[tuple[int, int, int]] = []
    pending = [(0, len(a), 0, len(b))]  # a stack, not recursion: gaps can nest deeply
    while pending:
        a1, a2, b1, b2 = pending.pop()
        start = 0
        while a1 + start < a2 and b1 + start < b2 and a[a1 + start] == b[b1 + start]:
            start += 1
        end = 0
        while a2 - end > a1 + start and b2 - end > b1 + start and a[a2 - end - 1] == b[b2 - end - 1]:
            end += 1
        if start:
            blocks.append((a1, b1, start))
        if end:
            blocks.append((a2 - end, b2 - end, end))
        a1, b1, a2, b2 = a1 + start, b1 + start, a2 - end, b2 - end
        if a1 == a2 or b1 == b2:
            continue
        if (a2 - a1) * (b2 - b1) <= MAX_WORK:
            matcher = difflib.SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False)
            blocks += [(a1 + i, b1 + j, n) for i, j, n in matcher.get_matching_blocks() if n]
            continue
        anchors = unique_anchors(a, a1, a2, b, b1, b2)
        if not anchors:
            continue  # nothing to align on: the gap is shown as replaced
        previous_i, previous_j = a1, b1
        for i, j in anchors:
            blocks.append((i, j, 1))
            pending.append((previous_i, i, previous_j, j))
            previous_i, previous_j = i + 1, j + 1
        pending.append((previous_i, a2, previous_j, b2))
    return merged(sorted(blocks))


def unique_anchors(a: Sequence[str], a1: int, a2: int, b: Sequence[str], b1: int, b2: int) -> list[tuple[int, int]]:
    """Positions of tokens occurring once in each range, the longest run of them in the same order."""
    count_a = Counter(a[a1:a2])
    count_b = Counter(b[b1:b2])
    where_b = {b[j]: j for j in range(b1, b2) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(a1, a2) if count_a[a[i]] == 1 and a[i] in where_b]
    # Longest increasing subsequence of the b positions, in a order (patience sorting).
    tails: list[int] = []  # the b position ending the best run of each length
    tail_index: list[int] = []
    parent: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        parent.append(tail_index[length - 1] if length else -1)
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = parent[index]
    return chain[::-1]


def merged(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + n)
        else:
            out.append((i, j, n))
    return out


def to_opcodes(blocks: list[tuple[int, int, int]], length_a: int, length_b: int) -> list[Opcode]:
    """difflib's conversion of matching blocks to opcodes."""
    found: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*blocks, (length_a, length_b, 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            found.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            found.append(("equal", ai, i, bj, j))
    return found
