"""Sentence-level marks, as an editor marks a rewritten sentence.

Takes the segments of the word diff (:func:`ctpdoc.changes.diff.diff_words`: runs of changes as one deletion
then one insertion, the semantic clean-up done) and gives them with every *rewritten* sentence marked as one
deletion of its old wording and one insertion of its new: "~~Un~~Deux des trois chapitres ~~a~~ont été
~~rédigé~~rédigés" becomes "~~Un des trois chapitres a été rédigé~~Deux des trois chapitres ont été rédigés".

The sentences and their clauses are cut in the text both versions share (an unchanged stretch), after a
sentence's end (``. ! ? ; …``, or a line break) or a clause's (``,`` or ``:``) followed by a space or a change.
A sentence is rewritten when its edits touch :data:`PLACES` places or more, or when one edit changes more than
:data:`SHARE` of its words; a sentence whose one edit is a single word (or figure) out and in never is. What a
rewritten sentence's marks cover is its edited clauses, from the first to the last, whole: a clause the edits
left alone before or after them stays unmarked, and the sentence's final punctuation too, unless a change
touches it. The rule reads no word of any language, so the marks of one edit agree in every language, however
each language's grammar spreads it (Annex I row 2.11: three places in English, one in French that changes most
of the sentence).

One pass over the segments, each unchanged stretch searched once: linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ctpdoc.model import Op, Segment

PLACES = 2  # edits in this many places of one sentence or more: the sentence is rewritten
SHARE = 0.5  # one edit changing more than this share of a sentence's words: the sentence is rewritten

_CLOSERS = "\"'’”»)\\]"
# The end of a sentence or of a clause in an unchanged stretch: the mark (any closing quote or bracket after it),
# then spaces, or the stretch's end. Group ``stop`` marks a sentence's end.
_BOUNDARY = re.compile(rf"(?P<stop>[.!?;…]+[{_CLOSERS}]*(?:\s+|\Z)|\n\s*)|[,:][{_CLOSERS}]*(?:\s+|\Z)")
_WORD = re.compile(r"\w+(?:[-.,'’\u2011]\w+)*")  # a word or figure: "e-commerce", "l’étude", "1,200" and "2.1" count one


@dataclass
class _Clause:
    """The segments of one clause (unchanged stretches cut at its ends) and the unchanged text that ends it."""

    pieces: list[Segment] = field(default_factory=list)
    end: str = ""  # the punctuation and spaces after the clause ("" for the text's last)
    stops: bool = False  # whether ``end`` ends a sentence

    @property
    def places(self) -> int:
        """The runs of changes in the clause that show (a change of spaces alone is no place an editor marks)."""
        count, run = 0, ""
        for piece in [*self.pieces, Segment(Op.EQUAL, "")]:
            if piece.op is not Op.EQUAL:
                run += piece.text
                continue
            count += bool(run.strip())
            run = ""
        return count


def mark_sentences(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with every rewritten sentence's edited clauses as one deletion and one insertion."""
    out: list[Segment] = []
    for sentence in sentences(clauses(segments)):
        if rewritten(sentence):
            out += marked(sentence)
        else:
            for clause in sentence:
                out += clause.pieces
                if clause.end:
                    out.append(Segment(Op.EQUAL, clause.end))
    return out


def clauses(segments: Sequence[Segment]) -> list[_Clause]:
    """The segments cut into clauses at the ends found in their unchanged stretches."""
    found = [_Clause()]
    for index, segment in enumerate(segments):
        if segment.op is not Op.EQUAL:
            found[-1].pieces.append(segment)
            continue
        text, start = segment.text, 0
        for match in _BOUNDARY.finditer(segment.text):
            if match.end() == len(text) and not match.group()[-1].isspace() and not spaced(segments, index + 1):
                continue  # "v2.[-1-]{+2+}": a mark the next change carries on from ends nothing
            at = match.start()
            while at > start and text[at - 1].isspace():
                at -= 1  # the spaces French puts before a colon or a semicolon end the clause too
            if at > start:
                found[-1].pieces.append(Segment(Op.EQUAL, text[start:at]))
            found[-1].end, found[-1].stops = text[at : match.end()], match.group("stop") is not None
            found.append(_Clause())
            start = match.end()
        if start < len(text):
            found[-1].pieces.append(Segment(Op.EQUAL, text[start:]))
    return found


def spaced(segments: Sequence[Segment], index: int) -> bool:
    """Whether the changes from ``index`` on (up to the next unchanged stretch) each start with a space, or none follow."""
    while index < len(segments) and segments[index].op is not Op.EQUAL:
        if not segments[index].text[:1].isspace():
            return False
        index += 1
    return True


def sentences(found: list[_Clause]) -> Iterator[list[_Clause]]:
    sentence: list[_Clause] = []
    for clause in found:
        sentence.append(clause)
        if clause.stops:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def words(text: str) -> int:
    return len(_WORD.findall(text))


def rewritten(sentence: list[_Clause]) -> bool:
    """Whether the sentence's edits touch several places, or one edit (more than a word) most of its words."""
    places = sum(clause.places for clause in sentence)
    if places >= PLACES:
        return True
    if places == 0:
        return False
    pieces = [piece for clause in sentence for piece in clause.pieces]
    deleted = sum(words(s.text) for s in pieces if s.op is Op.DELETE)
    inserted = sum(words(s.text) for s in pieces if s.op is Op.INSERT)
    if deleted <= 1 and inserted <= 1:
        return False  # a single word or figure out, in, or replaced stays that word or figure
    ends = sum(words(clause.end) for clause in sentence)
    then = sum(words(s.text) for s in pieces if s.op is not Op.INSERT) + ends
    now = sum(words(s.text) for s in pieces if s.op is not Op.DELETE) + ends
    return max(deleted, inserted) > SHARE * max(then, now)


def marked(sentence: list[_Clause]) -> list[Segment]:
    """A rewritten sentence: its clauses before the first edited one and after the last as they are, the
    edited ones (and any between) as one deletion and one insertion, the last one's end unchanged."""
    edited = [i for i, clause in enumerate(sentence) if any(piece.op is not Op.EQUAL for piece in clause.pieces)]
    first, last = edited[0], edited[-1]
    out: list[Segment] = []
    for clause in sentence[:first]:
        out += [*clause.pieces, Segment(Op.EQUAL, clause.end)]
    middle = [piece for clause in sentence[first:last] for piece in (*clause.pieces, Segment(Op.EQUAL, clause.end))]
    middle += sentence[last].pieces
    old, new = ("".join(s.text for s in middle if s.op is not skipped) for skipped in (Op.INSERT, Op.DELETE))
    out += replaced(old, new)
    out.append(Segment(Op.EQUAL, sentence[last].end))
    for clause in sentence[last + 1 :]:
        out += [*clause.pieces, Segment(Op.EQUAL, clause.end)]
    return [s for s in out if s.text]


def replaced(old: str, new: str) -> list[Segment]:
    """``old`` deleted and ``new`` inserted, the spaces both start with and both end with left unchanged."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head] and old[head].isspace():
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail] and old[-1 - tail].isspace():
        tail += 1
    return [Segment(Op.EQUAL, old[:head]), Segment(Op.DELETE, old[head : len(old) - tail]),
            Segment(Op.INSERT, new[head : len(new) - tail]), Segment(Op.EQUAL, old[len(old) - tail :])]  # fmt: skip
