"""A translated text and its state: one per-language field of one activity, in each language.

- **missing**: empty while another language is filled;
- **out of date**: since the texts were last seen in step (the record, ``translations.toml``, or
  without one the baseline: the previous report's snapshot) it changed in another language and
  not in this one;
- **confirmed**: out of date, but someone confirmed the translation still says the same;
- **up to date**: everything else.

Takes the model alone (:class:`~ctpdoc.model.Programme` keeps each sheet's column letters and
the confirmations); opens no workbook.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from ctpdoc.changes.diff import diff_words
from ctpdoc.errors import command
from ctpdoc.model import Activity, Confirmation, InStep, Location, Op, Programme, Segment, Sources, TextKey, fingerprint
from ctpdoc.shape import EMPTY_TEXTS
from ctpdoc.workbooks.record import RECORD_FILE

# Per-language fields of an activity: the model's attribute and the header's field name.
QUOTE_LENGTH = 60  # characters of a text quoted in a one-line message
CONTEXT = 5  # words kept either side of a change when a message shows where two texts differ
_ROW = re.compile(r"^row (\d+)$")
_TRAILING_WORD = re.compile(r"\S+$")
_LEADING_WORD = re.compile(r"^\S+")


class State(enum.Enum):
    UP_TO_DATE = "up to date"
    MISSING = "missing"
    OUT_OF_DATE = "out of date"
    CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Text:
    """One per-language field of one activity (``1.3``'s ``Progress``), with its cells and texts."""

    workbook: str
    sheet: str
    number: str
    field: str
    row: int
    letters: Mapping[str, str]
    now: Mapping[str, str]
    then: Mapping[str, str] | None  # at the baseline; None in the draft programme or for an activity added since
    title: Mapping[str, str]  # the activity's own text, for context
    since: Mapping[str, str] | None = None  # each language's fingerprint when last seen in step (the record), if recorded
    kept: Mapping[str, str] | None = None  # the texts the record keeps as they were in step (where the baseline's differ)

    def column(self, lang: str) -> str:
        return f"{self.field} ({lang.upper()})"

    def cell(self, lang: str) -> str:
        return f"{self.letters[lang]}{self.row}"

    def where(self, lang: str) -> Location:
        """``wp-2022-2025.xlsx › Part I › K5 (1.3, Progress (FR))``."""
        return Location(self.workbook, self.sheet, f"{self.cell(lang)} ({self.number}, {self.column(lang)})")

    def cell_location(self, lang: str) -> Location:
        return Location(self.workbook, self.sheet, self.cell(lang))

    @cached_property
    def changed(self) -> list[str]:
        """The languages whose text differs from when the texts were last in step (the record's, else the
        baseline's; none without either); a text emptied is missing, not a change the others should follow."""
        if self.since is not None:
            return [lang for lang, text in self.now.items() if text and self.in_step[lang] != self.since.get(lang)]
        if self.then is None:
            return []
        return [lang for lang, text in self.now.items() if text and text != self.then.get(lang, "")]

    @cached_property
    def in_step(self) -> dict[str, str]:
        """What the record keeps of this text now: each language's fingerprint."""
        return {lang: fingerprint(text) for lang, text in self.now.items()}

    def was(self, lang: str) -> str | None:
        """``lang``'s text when the texts were last in step: the record's, else the baseline's (``None`` when neither
        holds it: the record keeps only a fingerprint, and the baseline has another text)."""
        then = (self.then or {}).get(lang)
        if self.since is None:
            return then
        for text in ((self.kept or {}).get(lang), then):
            if text is not None and self.since.get(lang) == fingerprint(text):
                return text
        return None

    @property
    def last_in_step(self) -> str:
        """Since when its changes count: the record's last sight of it in step, else the previous report."""
        return "since the texts were last in step" if self.since is not None else "since the previous report"

    def fingerprint(self, lang: str) -> str:
        """Of every other language's text now: a confirmation of ``lang`` holds while it matches."""
        return fingerprint("\x1f".join(f"{other}\x1e{self.now[other]}" for other in sorted(self.now) if other != lang))

    @property
    def key(self) -> TextKey:
        return (self.workbook, self.number, self.field)


@dataclass(frozen=True)
class Entry:
    """A text in one language, and its state there."""

    text: Text
    lang: str
    state: State
    confirmation: Confirmation | None = None  # the one that holds, or the one that lapsed (for an out-of-date text)

    @property
    def others(self) -> list[str]:
        """The languages it should follow: those that changed (out of date) or are filled (missing)."""
        if self.state in (State.OUT_OF_DATE, State.CONFIRMED):
            return [lang for lang in self.text.changed if lang != self.lang]
        return [lang for lang, value in self.text.now.items() if value and lang != self.lang]

    def columns(self, languages: Iterable[str]) -> str:
        return ", ".join(self.text.column(lang) for lang in languages)

    def out_of_date_message(self) -> str:
        """The warning of ``validate`` and ``build``: what changed, since when, and where the texts differ."""
        others = self.others
        verb = "changed" if len(others) == 1 else "all changed"
        since = f"{self.text.last_in_step} ({RECORD_FILE})" if self.text.since is not None else self.text.last_in_step
        message = (
            f"{self.columns(others)} {verb} {since} but {self.text.column(self.lang)} did not; "
            "update the translation, or confirm it "
            f"({command('translations', 'confirm', f'{self.text.sheet}!{self.text.cell(self.lang)}')})"
        )
        lapsed = f"; its confirmation of {self.confirmation.date or 'an earlier day'} lapsed" if self.confirmation else ""
        return f"{message}{lapsed}; {'; '.join(self.where_they_differ(others))}"

    def where_they_differ(self, others: list[str]) -> Iterator[str]:
        """Each other language's change since the texts were last in step, word by word (the words changed with a few
        words either side); its text now, both ends shown, when that text is not known (a record of an earlier
        ctpdoc kept fingerprints alone)."""
        for lang in others:
            old, new = self.text.was(lang), self.text.now[lang]
            if old and old != new:
                yield f"{self.text.column(lang)} then → now: {excerpt(old, new)}"
            else:
                yield f"{self.text.column(lang)} now reads {quote(new, ends=True)}"

    def describe(self) -> str:
        """A line of ``translations status``."""
        if self.state is State.MISSING:
            verb = "is" if len(self.others) == 1 else "are"
            return f"missing: {self.columns(self.others)} {verb} filled but {self.text.column(self.lang)} is empty"
        if self.state is State.CONFIRMED:
            assert self.confirmation is not None
            day = self.confirmation.date or "an earlier day"
            return f"confirmed on {day}: still right for {self.columns(self.others)} as it reads now"
        if self.state is State.OUT_OF_DATE:
            return f"out of date: {self.out_of_date_message()}"
        return "up to date"


def flat(text: str) -> str:
    return " ⏎ ".join(line.strip() for line in text.splitlines())


def quote(text: str, ends: bool = False) -> str:
    """A text in one line, shortened: “Work began in 2023 ⏎ Second line…” (with ``ends``, its start and its end:
    “Work began in … the second line.”)."""
    flattened = flat(text) if text else "(empty)"
    if len(flattened) <= QUOTE_LENGTH:
        return f"“{flattened}”"
    if ends:
        half = QUOTE_LENGTH // 2
        return f"“{flattened[:half]}…{flattened[-half:]}”"
    return f"“{flattened[: QUOTE_LENGTH - 1]}…”"


def excerpt(old: str, new: str) -> str:
    """Where two texts differ, in one line: each change as ``[-deleted-]{+inserted+}``, whole words (``more than
    [-1,200-]{+1,300+} participants``), with a few words of the text around it (:data:`CONTEXT`), the unchanged
    stretches between shortened to “…”, wherever in the text the change lies."""
    pieces = whole_words(diff_words(old, new))
    parts: list[str] = []
    for i, piece in enumerate(pieces):
        if isinstance(piece, tuple):
            deleted, inserted = (flat(side) if "\n" in side else side for side in piece)
            parts.append((f"[-{deleted}-]" if deleted else "") + (f"{{+{inserted}+}}" if inserted else ""))
            continue
        text = flat(piece) if "\n" in piece else piece
        words = re.split(r"(\s+)", text)  # words and the spaces between them
        if len(words) <= 4 * CONTEXT + 1:
            parts.append(text)
            continue
        head = "".join(words[: 2 * CONTEXT + 1]).rstrip() + " …" if i > 0 else "…"  # after a change
        tail = " " + "".join(words[-2 * CONTEXT - 1 :]).lstrip() if i < len(pieces) - 1 else ""  # before one
        parts.append(head + tail)
    return f"“{''.join(parts)}”"


def whole_words(segments: Iterable[Segment]) -> list[str | tuple[str, str]]:
    """The diff as unchanged texts and changes ``(deleted, inserted)``, each change widened to the whole words it
    falls in (the diff splits ``1,200`` into ``1``, ``,`` and ``200``)."""
    pieces: list[str | tuple[str, str]] = []
    for segment in segments:
        last = pieces[-1] if pieces else None
        if segment.op is Op.EQUAL:
            pieces.append(segment.text)
        elif isinstance(last, tuple):
            pieces[-1] = (last[0] + segment.text, last[1]) if segment.op is Op.DELETE else (last[0], last[1] + segment.text)
        else:
            pieces.append((segment.text, "") if segment.op is Op.DELETE else ("", segment.text))
    for i, piece in enumerate(pieces):
        if not isinstance(piece, tuple):
            continue
        before, after = pieces[i - 1] if i > 0 else "", pieces[i + 1] if i + 1 < len(pieces) else ""
        sides = [side for side in piece if side]
        inside_start = all(not side[0].isspace() for side in sides)  # the change begins inside a word
        inside_end = all(not side[-1].isspace() for side in sides)
        start = _TRAILING_WORD.search(before) if isinstance(before, str) and inside_start else None
        end = _LEADING_WORD.match(after) if isinstance(after, str) and inside_end else None
        head, tail = start[0] if start else "", end[0] if end else ""
        if start:
            pieces[i - 1] = start.string[: start.start()]
        if end:
            pieces[i + 1] = end.string[end.end() :]
        pieces[i] = (head + piece[0] + tail, head + piece[1] + tail)
    return [piece for piece in pieces if piece]


# ---------------------------------------------------------------- texts and their states


def row_of(activity: Activity) -> int:
    match = _ROW.match(activity.location.cell)
    assert match, activity.location
    return int(match[1])


def texts_of(sources: Sources) -> tuple[Text, ...]:
    """Every per-language text of both programmes: the reported one's against its baseline, the draft's against
    the record alone."""
    return (
        *programme_texts(sources.current, sources.baseline, sources.in_step, sources.in_step_texts),
        *(programme_texts(sources.draft, None, sources.in_step, sources.in_step_texts) if sources.draft else ()),
    )


def programme_texts(
    programme: Programme, baseline: Programme | None, in_step: InStep, kept: InStep | None = None
) -> Iterator[Text]:
    """Every per-language text of a programme, in annex order, with its baseline text and its record."""
    earlier = {a.number: a for a in baseline.activities} if baseline is not None else {}
    for activity in programme.activities:
        before = earlier.get(activity.number)
        sheet = activity.location.sheet
        headers = programme.letters.get(sheet, {})
        texts = [
            (name, value) for name, value in activity.values.items() if isinstance(value, Mapping)
        ]  # the per-language columns
        title = texts[0][1] if texts else EMPTY_TEXTS
        for name, now in texts:
            letters = {lang: headers.get(f"{name} ({lang.upper()})", "?") for lang in now}
            then = before.texts(name) if before is not None else None
            key = (programme.location.file, activity.number, name)
            since = in_step.get(key)
            was = (kept or {}).get(key)
            yield Text(
                programme.location.file, sheet, activity.number, name, row_of(activity), letters, now, then, title, since, was
            )


def state_of(text: Text, lang: str, confirmations: Mapping[tuple[str, str, str], Confirmation]) -> Entry | None:
    """The state of ``text`` in ``lang``; ``None`` when every language is empty (nothing to translate)."""
    if not text.now.get(lang):
        if any(text.now.values()):
            return Entry(text, lang, State.MISSING)
        return None
    changed = text.changed
    if changed and lang not in changed:
        confirmation = confirmations.get((text.number, text.sheet, text.column(lang)))
        if confirmation is not None and confirmation.fingerprint == text.fingerprint(lang):
            return Entry(text, lang, State.CONFIRMED, confirmation)
        return Entry(text, lang, State.OUT_OF_DATE, confirmation)
    return Entry(text, lang, State.UP_TO_DATE)


def by_key(confirmations: Iterable[Confirmation]) -> dict[tuple[str, str, str], Confirmation]:
    return {(c.number, c.sheet, c.column): c for c in confirmations}
