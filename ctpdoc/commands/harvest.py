"""``ctpdoc harvest``: a report edited in Word in, the cells it changed out (and, on request, written back).

Takes a document ctpdoc built and someone then edited in Word (with Track Changes or typed
directly), the sources folder and the templates folder. Reads the document's annexes
(:mod:`ctpdoc.word.annexes`), compares each cell with what the workbooks give for the document's
language (formatted as the build formats it, then folded back), and gives one line per differing
cell, word by word, plus rows added or removed in Word (reported, never applied) and text outside
the annexes that differs from the template's rendering (for the translator, never written).
With ``apply`` the differing cells are written through :mod:`ctpdoc.workbooks.edit`, all workbooks together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.changes.diff import diff_words
from ctpdoc.commands.writing import writing
from ctpdoc.contract import WritableValue
from ctpdoc.document.context import build_context
from ctpdoc.document.formats import Formats
from ctpdoc.errors import CtpdocError, Report, counted, fail, quoted
from ctpdoc.model import Activity, Location, Op, Programme, Segment, Sources, YearRange
from ctpdoc.package.backups import Backups
from ctpdoc.paths import template_path
from ctpdoc.render.fill import render_document
from ctpdoc.shape import ColumnKind
from ctpdoc.translations.catalogue import record_in_step
from ctpdoc.word.annexes import ReadReport, ReadRow, annex_name, read_report
from ctpdoc.word.body import Paragraph, Revisions, read_docx
from ctpdoc.word.printed import fold, parse_printed_timeframe
from ctpdoc.workbooks import values
from ctpdoc.workbooks.edit import CellEdit, check_not_open, edited, write_edited
from ctpdoc.workbooks.sources import read_sources
from ctpdoc.workbooks.values import FIRST_YEAR, LAST_YEAR

CONTEXT_WORDS = 4  # unchanged words shown on each side of a change


@dataclass(frozen=True)
class Difference:
    """One cell of a workbook that the document changed."""

    workbook: Path
    edit: CellEdit
    line: str


def harvest(document: Path, sources_dir: Path, templates_dir: Path, changes: Revisions, apply: bool) -> list[str]:
    """The lines ``ctpdoc harvest`` prints; with ``apply``, the differing cells written back first (the sources
    folder held from the first read to the last write, see :mod:`ctpdoc.commands.writing`)."""
    if not apply:
        return compared(document, sources_dir, templates_dir, changes, None)
    with writing(sources_dir, "harvest --apply") as digests:
        return compared(document, sources_dir, templates_dir, changes, digests)


def compared(
    document: Path, sources_dir: Path, templates_dir: Path, changes: Revisions, digests: dict[str, str] | None
) -> list[str]:
    sources = read_sources(sources_dir, with_baseline=False)
    report = Report()
    read = read_report(read_docx(document, changes), report, sources.settings.shape)
    report.raise_if_errors()
    assert read is not None
    check_language(read, sources)
    check_periods(read, sources)
    check_duplicates(read)
    differences, notes = compare_annexes(read, sources, sources_dir)
    lines = [d.line for d in differences] + notes + list(template_text(read, document, sources, templates_dir, changes))
    if not differences:
        return [*lines, "no cell differs: the document's annexes match the workbooks"]
    if digests is None:
        verb = "differs" if len(differences) == 1 else "differ"
        return [*lines, f"{counted(len(differences), 'cell')} {verb}; run again with --apply to write them into the workbooks"]
    written = [*lines, *apply_differences(differences, digests)]
    record_in_step(sources_dir)  # a text harvested in one language only is out of date in the other
    return written


def check_duplicates(read: ReadReport) -> None:
    """Two rows of one activity in an annex part: which one to write cannot be told; refused, as import does."""
    report = Report()
    for number, annex in sorted(read.annexes.items()):
        for part, rows in sorted(annex.parts.items()):
            seen: set[str] = set()
            for row in rows:
                if row.number in seen:
                    sheet = read.vocabulary.shape.parts[part - 1].sheet
                    report.error(
                        row.where,
                        f'activity number "{row.number}" is used twice in {annex_name(number)}, {sheet}; remove or renumber '
                        "one of the rows",
                    )
                seen.add(row.number)
    report.raise_if_errors()


def check_language(read: ReadReport, sources: Sources) -> None:
    languages = sources.settings.languages
    if read.lang not in languages:
        raise fail(
            Location(read.name),
            f"is in {read.lang}, but the workbooks have no ({read.lang.upper()}) columns (their languages: "
            f"{', '.join(languages)}); "
            "harvest a document in one of those languages, or add the language's columns first",
        )


def programmes_of(sources: Sources) -> dict[int, Programme]:
    return {1: sources.current, **({2: sources.draft} if sources.draft else {})}


def check_periods(read: ReadReport, sources: Sources) -> None:
    """A document built from other workbooks (another period) cannot be compared cell by cell."""
    for number, annex in read.annexes.items():
        programme = programmes_of(sources).get(number)
        if programme is None:
            raise fail(
                Location(read.name, annex_name(number)),
                "is a draft programme but the settings name none; add the setting Draft programme",
            )
        expected = programme.period
        if annex.period and annex.period != expected:
            raise fail(
                Location(read.name, annex_name(number)),
                f"is the {annex.period} programme but the workbooks hold {expected}: "
                "the document was built from other workbooks; "
                "point --sources at the workbooks it was built from",
            )


# ---------------------------------------------------------------- the annexes, cell by cell


def compare_annexes(read: ReadReport, sources: Sources, sources_dir: Path) -> tuple[list[Difference], list[str]]:
    formats = Formats(read.lang, sources.settings.locale.get(read.lang) or read.lang)
    differences: list[Difference] = []
    notes: list[str] = []
    for number, annex in sorted(read.annexes.items()):
        programme = programmes_of(sources)[number]
        workbook = sources_dir / programme.location.file
        for part, spec in enumerate(sources.settings.shape.parts, start=1):
            activities = {a.number: a for a in programme.part(spec.key)}
            sheet = spec.sheet
            letters = dict(programme.letters.get(sheet, {}))  # read with the workbook: no second open
            seen = set()
            for row in annex.parts.get(part, []):
                seen.add(row.number)
                activity = activities.get(row.number)
                if activity is None:
                    notes.append(
                        f"{row.where}: row added in Word (not in {workbook.name} › {sheet}); not applied: add it to the "
                        "workbook by hand"
                    )
                    continue
                order = list(read.vocabulary.headers)
                for name in sorted(
                    (annex.columns.get(part, set()) | set(row.values)) - {"no"}, key=order.index
                ):  # progress may sit under Status
                    difference = compare_field(row, activity, name, read, formats, workbook, letters)
                    if difference is not None:
                        differences.append(difference)
            for missing in sorted(activities.keys() - seen, key=lambda n: activities[n].sort_key):
                where = activities[missing].location
                notes.append(
                    f"{where}: activity {missing} was removed in Word ({annex_name(number)}); not applied: remove the row by "
                    "hand if that is meant"
                )
    return differences, notes


def compare_field(
    row: ReadRow, activity: Activity, name: str, read: ReadReport, formats: Formats, workbook: Path, letters: dict[str, str]
) -> Difference | None:
    lang = read.lang
    vocabulary = read.vocabulary
    header = vocabulary.header(name, lang)
    column = vocabulary.headers[name]
    kind = next((c.kind for c in vocabulary.shape.columns if c.name == column), None)
    if header not in letters:
        return None
    cell = f"{letters[header]}{activity.location.cell.removeprefix('row ')}"
    where = f"{workbook.name} › {activity.location.sheet} › {cell} ({activity.number}, {header})"
    value: WritableValue
    if name == "status":
        if row.status is None or row.status == activity.status:
            return None
        before = activity.status or "-"
        value, line = row.status, f"{where}: {before} → {row.status}"
    elif kind is ColumnKind.MONTH:
        typed = row.values.get(name, "")
        found = parse_printed_timeframe(typed, read.locale)
        timeframe = activity.values.get(column)
        assert timeframe is None or isinstance(timeframe, (dt.date, YearRange))
        if found is None and typed and typed != (fold(formats.timeframe(timeframe)) if timeframe else ""):
            raise fail(
                row.at(name), f"timeframe {quoted(typed)} is neither a month nor years (2023-2025); correct it in the document"
            )
        if found is None or (timeframe is not None and same_timeframe(found, timeframe)):
            return None
        value = str(found) if isinstance(found, YearRange) else dt.datetime(found.year, found.month, found.day)
        if isinstance(found, YearRange) and not FIRST_YEAR <= found.first <= found.last <= LAST_YEAR:
            raise fail(
                row.at(name),
                f"timeframe {quoted(row.values.get(name, ''))} gives years outside {FIRST_YEAR}-{LAST_YEAR}; correct it in the "
                "document",
            )
        line = f"{where}: {formats.timeframe(timeframe) if timeframe else '-'} → {row.values.get(name, '')}"
    else:
        value_ = activity.values.get(column, "")
        old = value_.get(lang, "") if isinstance(value_, Mapping) else str(value_)
        new = row.values.get(name, "")
        if fold(formats.text(old)) == new:
            return None
        value, line = new or None, f"{where}: {context_diff(fold(old), new)}"
    wrong = values.problem(value)
    if wrong:
        raise fail(row.at(name), f"the {header} {wrong}")
    return Difference(workbook, CellEdit(activity.location.sheet, cell, value), line)


def same_timeframe(found: dt.date | YearRange, current: dt.date | YearRange | None) -> bool:
    """By month: the document shows a month, the workbook holds a day of it."""
    if isinstance(found, dt.date) and isinstance(current, dt.date):
        return (found.year, found.month) == (current.year, current.month)
    return found == current


def context_diff(old: str, new: str) -> str:
    """``… [-ancien-]{+nouveau+} …``: the changes with a few unchanged words around them."""
    segments = diff_words(old, new)
    marks = {Op.DELETE: "[-{}-]", Op.INSERT: "{{+{}+}}"}
    out: list[str] = []
    for i, segment in enumerate(segments):
        if segment.op is not Op.EQUAL:
            out.append(marks[segment.op].format(segment.text))
            continue
        out.append(trim(segment, first=i == 0, last=i == len(segments) - 1))
    return "".join(out).replace("\n", "⏎")


def trim(segment: Segment, first: bool, last: bool) -> str:
    words = segment.text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS + 1:
        return segment.text
    head = "" if first else " ".join(words[:CONTEXT_WORDS]) + " "
    tail = "" if last else " " + " ".join(words[-CONTEXT_WORDS:])
    return f"{head}…{tail}"


# ---------------------------------------------------------------- text outside the annexes


def template_text(read: ReadReport, document: Path, sources: Sources, templates_dir: Path, changes: Revisions) -> Iterator[str]:
    """Paragraphs before the annexes that differ from what the template renders: for the translator to port.

    The document is compared with the template's text of either variant, the tracked document's and the clean
    one's (they differ where a template tests ``doc.tracked``), and the closer one is told: a sentence only one
    variant has is the template's own, never an edit to port."""
    template = template_path(templates_dir, read.lang)
    if not template.is_file():
        yield f"{template}: not found; text outside the annexes was not compared (give --templates)"
        return
    name = f"{read.lang}/{template.name}"
    closest: list[tuple[int, str]] | None = None
    for tracked in (False, True):
        expected = rendered_paragraphs(template, document, sources, read.lang, tracked, changes)
        if expected is None:
            return
        found = list(paragraph_changes(expected, read.paragraphs, name))
        if closest is None or sum(cost for cost, _ in found) < sum(cost for cost, _ in closest):
            closest = found
        if not closest:
            break  # the document has the text of this variant: the other is not rendered
    yield from (line for _, line in closest or [])


def rendered_paragraphs(
    template: Path, document: Path, sources: Sources, lang: str, tracked: bool, changes: Revisions
) -> list[Paragraph] | None:
    """The paragraphs before the annexes of the template rendered from the workbooks, in the tracked document's
    wording or the clean one's (the annexes are the clean variant's in both: only the text around them is compared)."""
    context = build_context(sources, lang, tracked=False)
    context.values["doc"]["tracked"] = tracked
    rendered = render_document(template, context)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / document.name
            path.write_bytes(rendered.data)
            expected = read_report(read_docx(path, changes), Report(), sources.settings.shape)
    except OSError as exc:
        raise CtpdocError(
            f"{tempfile.gettempdir()}: cannot write the template's rendering to compare with ({exc.strerror}); free some space"
        ) from exc
    return expected.paragraphs if expected is not None else None


def paragraph_changes(expected: list[Paragraph], found: list[Paragraph], name: str) -> Iterator[tuple[int, str]]:
    """One line per paragraph that differs, named as the document numbers it (its printed number, else the numbered
    paragraph it follows), with its place in the template's rendering as a detail; each with its cost, the characters
    added or removed (the variant of the template the document is closer to is the one it was built from)."""
    before = [fold(p.text) for p in expected]
    after = [fold(p.text) for p in found]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            old = before[i1 + offset] if i1 + offset < i2 else ""
            new = after[j1 + offset] if j1 + offset < j2 else ""
            template_at = expected[min(i1 + offset, len(expected) - 1)].index if expected else 0
            if new:  # the paragraph as the document has it
                where = paragraph_name(found, j1 + offset)
            else:  # removed in Word: where the template's rendering has it
                where = paragraph_name(expected, i1 + offset)
            what = "removed in Word" if not new else "added in Word" if not old else context_diff(old, new)
            cost = sum(len(s.text) for s in diff_words(old, new) if s.op is not Op.EQUAL) if old and new else len(old or new)
            yield cost, f"{name} › {where} (the template's body paragraph {template_at}): template text to port: {what}"


def paragraph_name(paragraphs: list[Paragraph], at: int) -> str:
    """``paragraph 11`` for a paragraph the document numbers 11; ``below paragraph 13`` for one it does not number
    (a heading, a bullet), after the last numbered one; ``body paragraph 6`` before any."""
    paragraph = paragraphs[at]
    if paragraph.number is not None:
        return f"paragraph {paragraph.number}"
    numbered = next((p.number for p in reversed(paragraphs[:at]) if p.number is not None), None)
    return f"below paragraph {numbered}" if numbered is not None else f"body paragraph {paragraph.index}"


# ---------------------------------------------------------------- writing back


def apply_differences(differences: list[Difference], digests: dict[str, str]) -> Iterator[str]:
    """Every workbook edited, then all written together (with their backups): all of them or none."""
    workbooks: dict[Path, list[CellEdit]] = {}
    for difference in differences:
        workbooks.setdefault(difference.workbook, []).append(difference.edit)
    for workbook in workbooks:
        check_not_open(workbook)  # every refusal before the first write
    backups = Backups(next(iter(workbooks)).parent) if workbooks else None  # one dated folder for the command
    done = [
        edited(workbook, edits, read=digests.get(workbook.name, ""), backups=backups) for workbook, edits in workbooks.items()
    ]
    write_edited(done)
    for made in done:
        cells = counted(len(workbooks[made.path]), "cell")
        yield f"wrote {cells} into {made.path} (the previous version is kept as {made.backup})"
