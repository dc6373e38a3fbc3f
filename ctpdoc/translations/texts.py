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
from ctpdoc.model import Activity, Confirmation, InStep, Location, Op, Programme, Sources, TextKey, fingerprint
from ctpdoc.shape import EMPTY_TEXTS
from ctpdoc.workbooks.record import RECORD_FILE

# Per-language fields of an activity: the model's attribute and the header's field name.
QUOTE_LENGTH = 60  # characters of a text quoted in a one-line message
CONTEXT = 24  # characters kept either side of a change when a message shows where two texts differ
_ROW = re.compile(r"^row (\d+)$")


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
            f"update the translation, or confirm it ({command('translations', 'confirm', f'{self.text.sheet}!{self.text.cell(self.lang)}')})"
        )
        lapsed = f"; its confirmation of {self.confirmation.date or 'an earlier day'} lapsed" if self.confirmation else ""
        return f"{message}{lapsed}; {'; '.join(self.where_they_differ(others))}"

    def where_they_differ(self, others: list[str]) -> Iterator[str]:
        """Each other language's change: word by word against the baseline when that is the change since the texts
        were last in step (the record keeps fingerprints, not texts), else its text now, both ends shown."""
        then = self.text.then or {}
        for lang in others:
            old, new = then.get(lang, ""), self.text.now[lang]
            since = self.text.since
            if old and old != new and (since is None or since.get(lang) == fingerprint(old)):
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
    return f"“{flattened[:QUOTE_LENGTH - 1]}…”"


def excerpt(old: str, new: str) -> str:
    """Where two texts differ, in one line: each change as ``[-deleted-]{+inserted+}`` with a few words of the
    text around it, the unchanged stretches between shortened to “…”, wherever in the text the change lies."""
    parts: list[str] = []
    segments = diff_words(old, new)
    for i, segment in enumerate(segments):
        text = flat(segment.text) if "\n" in segment.text else segment.text
        if segment.op is Op.DELETE:
            parts.append(f"[-{text}-]")
        elif segment.op is Op.INSERT:
            parts.append(f"{{+{text}+}}")
        else:
            head = text[:CONTEXT] if i > 0 else ""
            tail = text[-CONTEXT:] if i < len(segments) - 1 else ""
            parts.append(text if len(text) <= 2 * CONTEXT + 1 else f"{head}…{tail}")
    return f"“{''.join(parts)}”"


# ---------------------------------------------------------------- texts and their states


def row_of(activity: Activity) -> int:
    match = _ROW.match(activity.location.cell)
    assert match, activity.location
    return int(match[1])


def texts_of(sources: Sources) -> tuple[Text, ...]:
    """Every per-language text of both programmes: the reported one's against its baseline, the draft's against
    the record alone."""
    return (
        *programme_texts(sources.current, sources.baseline, sources.in_step),
        *(programme_texts(sources.draft, None, sources.in_step) if sources.draft else ()),
    )


def programme_texts(programme: Programme, baseline: Programme | None, in_step: InStep) -> Iterator[Text]:
    """Every per-language text of a programme, in annex order, with its baseline text and its record."""
    earlier = {a.number: a for a in baseline.activities} if baseline is not None else {}
    for activity in programme.activities:
        before = earlier.get(activity.number)
        sheet = activity.location.sheet
        headers = programme.letters.get(sheet, {})
        texts = [(name, value) for name, value in activity.values.items() if isinstance(value, Mapping)]  # the per-language columns
        title = texts[0][1] if texts else EMPTY_TEXTS
        for name, now in texts:
            letters = {lang: headers.get(f"{name} ({lang.upper()})", "?") for lang in now}
            then = before.texts(name) if before is not None else None
            since = in_step.get((programme.location.file, activity.number, name))
            yield Text(programme.location.file, sheet, activity.number, name, row_of(activity), letters, now, then, title, since)


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
