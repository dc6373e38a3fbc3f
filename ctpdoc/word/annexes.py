"""The annexes of a report read back: a :class:`~ctpdoc.word.body.Body` in, activities as text out.

Takes the body of one language version (ctpdoc's output or a report made by hand) and gives its
:class:`Report`: the language, the cover's lines, and for Annex I (the programme reported on) and
Annex II (the draft) the rows of Part I and Part II as field texts, each with the place it was
read (file › annex › table › No. › column). Annexes are found by their headings, parts by a
heading paragraph or a sub-heading row merged across the table, columns by their header text
in either language (case, accents, line breaks ignored; any order). Values stay text here, folded
for French typography; :mod:`ctpdoc.commands.importer` and :mod:`ctpdoc.commands.harvest` turn them into cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ctpdoc.errors import Report as Problems
from ctpdoc.errors import quoted
from ctpdoc.model import Location
from ctpdoc.shape import NUMBER_COLUMN, Shape, StatusSpec, ptc_shape
from ctpdoc.word.body import Body, Paragraph, Table, TableRow, hue_status
from ctpdoc.word.printed import activity_number, fold, fold_key, language_of
from ctpdoc.word.vocabulary import Vocabulary, column_tag, vocabulary

PTC_SHAPE = ptc_shape()  # what a document is read with when no shape is given
_ANNEX = re.compile(r"^annexe?\s+(?P<n>ii|i|2|1)\b")
_PART = re.compile(
    r"^(?:(?:part|partie|parte|teil)\s+(?P<n>[ivx]+|\d{1,2}|one|two|three|four|five)\b|"
    r"(?P<word>premiere|first|deuxieme|seconde|second|troisieme|third)\s+(?:partie|part)\b)"
)
_NUMBER = re.compile(r"[A-Za-z0-9]{1,8}(?:[.-][A-Za-z0-9]{1,8}){0,5}")  # an activity number, as the workbooks take it
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # ISO 639 (babel's "root" is no language)
_PERIOD = re.compile(r"\b(\d{4})\s*[-–—/]\s*(\d{4})\b")  # on folded text (a range's non-breaking hyphen read as "-")


# ---------------------------------------------------------------- what is read


@dataclass
class ReadRow:
    """One activity row of an annex table: its fields as text, the status read from label or colour."""

    number: str
    values: dict[str, str]  # column tag -> text (folded); "status" is the label, the progress without it
    status: str | None  # a status key
    where: Location  # file › Annex I › table 3 › 1.4
    headers: Mapping[str, str] = field(default_factory=dict)  # column tag -> workbook header, for messages

    def at(self, name: str) -> Location:
        return Location(self.where.file, self.where.sheet, f"{self.where.cell} › {self.headers.get(name, name)}")


@dataclass
class ReadAnnex:
    number: int  # 1: the programme reported on; 2: the draft
    period: str | None
    parts: dict[int, list[ReadRow]] = field(default_factory=dict)  # by the part's place in the shape, from 1
    columns: dict[int, set[str]] = field(default_factory=dict)  # column tags found per part


@dataclass
class ReadReport:
    name: str
    lang: str
    locale: str  # e.g. fr_FR
    paragraphs: list[Paragraph]  # body paragraphs before the first annex (cover and sections)
    annexes: dict[int, ReadAnnex]
    authors: Counter[str]
    labels: dict[str, str]  # status key -> the label this document prints for it, as printed
    vocabulary: Vocabulary


WORDS = {"one": 1, "first": 1, "premiere": 1, "two": 2, "second": 2, "seconde": 2, "deuxieme": 2, "three": 3, "third": 3,
         "troisieme": 3, "four": 4, "five": 5}  # fmt: skip
ROMAN = {"i": 1, "v": 5, "x": 10}


def roman(n: str) -> int:
    """1 for "I", "1", "one", "première"; 4 for "IV"."""
    if n.isdigit():
        return int(n)
    if n in WORDS:
        return WORDS[n]
    values = [ROMAN[c] for c in n]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def annex_heading(text: str) -> int | None:
    match = _ANNEX.match(fold_key(text))
    return roman(match["n"]) if match and len(text) < 200 else None


def part_heading(text: str, shape: Shape) -> int | None:
    """The part (its place, from 1) a heading names: by its sheet's name ("Part I", "Objective 2") or its title in any
    language, at the start or after a separator, else "Part II", "Partie 2", "second part"."""
    if len(text) > 200:
        return None
    key = fold_key(text)
    for number, part in sorted(enumerate(shape.parts, start=1), key=lambda p: -len(p[1].sheet)):
        if re.match(re.escape(fold_key(part.sheet)) + r"(?!\w)", key):
            return number
    for number, part in enumerate(shape.parts, start=1):
        for title in part.titles.values():
            folded = fold_key(title)
            if len(folded) >= 6 and re.match(r"(?:.{0,40}?[-–—:.]\s*)?" + re.escape(folded) + r"(?!\w)", key):
                return number
    match = _PART.match(key)
    if not match:
        return None
    number = roman(match["n"] or match["word"])
    return number if 0 < number <= len(shape.parts) else None


# ---------------------------------------------------------------- tables


@dataclass
class Columns:
    """The fields of an annex table by grid column, from its header row."""

    fields: dict[int, str]  # grid column -> field
    row: int  # index of the header row in the table

    @property
    def names(self) -> set[str]:
        return set(self.fields.values())


def grid(row: TableRow) -> list[tuple[int, str, str | None]]:
    """(grid column, text, fill) of each cell, a merged cell covering its span."""
    out = []
    column = 0
    for cell in row.cells:
        out.append((column, cell.text, cell.fill))
        column += cell.span
    return out


def find_columns(
    table: Table, vocabulary: Vocabulary, part: int | None, reported: bool, where: Location, problems: Problems
) -> Columns | None:
    """The header row: the first whose cells name the number and, by their headers or their place, the columns of a
    part (headers a template wrote in its own language are matched by place against the part's declared columns)."""
    for index, row in enumerate(table.rows[:4]):
        cells = grid(row)
        known = {position: vocabulary.columns.get(fold_key(text)) for position, text, _ in cells}
        if known.get(0) != "no" and "no" not in known.values():
            continue
        known = by_place(cells, known, vocabulary, part, reported) or known
        found = [name for name in known.values() if name]
        if len(found) < 2:
            continue
        twice = {name for name in found if found.count(name) > 1}
        if twice:
            names = ", ".join(f'"{t}"' for p, t, _ in cells if known[p] in twice)
            problems.error(
                where, f"columns {names} cannot be told apart (each is {' / '.join(sorted(twice))}); rename one header"
            )
            return None
        for position, text, _ in cells:
            if known[position] is None and text.strip():
                problems.warn(where, f'column "{fold(text)}" is not one the workbooks have; it was ignored')
        return Columns({p: name for p, name in known.items() if name}, index)
    return None


def by_place(
    cells: list[tuple[int, str, str | None]],
    known: dict[int, str | None],
    vocabulary: Vocabulary,
    part: int | None,
    reported: bool,
) -> dict[int, str | None] | None:
    """The header cells read by their place, when they are exactly "No." and a part's columns (the part the heading
    named first) and no header read by name says otherwise; ``None`` when no part fits."""
    if not cells or known.get(cells[0][0]) != "no":
        return None
    candidates = range(1, len(vocabulary.shape.parts) + 1)
    for number in sorted(candidates, key=lambda n: n != part):
        tags = ["no", *vocabulary.tags(number, reported)]
        if len(tags) != len(cells):
            continue
        placed = {position: tag for (position, _, _), tag in zip(cells, tags, strict=True)}
        if all(known[p] in (None, placed[p]) for p in placed):
            return dict(placed)
    return None


def learn_labels(tables: Iterable[tuple[Table, Columns]], statuses: Sequence[StatusSpec]) -> dict[str, str]:
    """A document's own status labels: a short first line of the status cell that opens rows of one colour
    (at least two), besides the labels every report uses."""
    seen: dict[str, Counter[str | None]] = {}
    for table, columns in tables:
        column = next((p for p, name in columns.fields.items() if name == "status"), None)
        if column is None:
            continue
        for row in table.rows[columns.row + 1 :]:
            cells = {p: t for p, t, _ in grid(row)}
            first = fold(cells.get(column, "")).split("\n")[0]
            if first and len(first) <= 40:
                seen.setdefault(fold_key(first), Counter())[hue_status(row.fill, statuses)] += 1
    learnt: dict[str, str] = {}
    for label, hues in seen.items():
        status = next(iter(hues))
        if len(hues) == 1 and status is not None and sum(hues.values()) >= 2:
            learnt[label] = status
    return learnt


def read_row(
    row: TableRow,
    columns: Columns,
    vocabulary: Vocabulary,
    part: int,
    reported: bool,
    labels: Mapping[str, str],
    where: Location,
    problems: Problems,
) -> ReadRow | None:
    cells = {position: (text, fill) for position, text, fill in grid(row)}
    values = {name: fold(cells.get(position, ("", None))[0]) for position, name in columns.fields.items()}
    number = activity_number(values.pop("no", ""))
    if not any(values.values()) and not number:
        return None
    place = Location(where.file, where.sheet, number or "row without a number")
    if not number:
        problems.error(place, f'a row has no number in column "{NUMBER_COLUMN}"; number it as in the other language')
        return None
    if not _NUMBER.fullmatch(number):
        place = Location(where.file, where.sheet, quoted(number, 20))
        problems.error(
            place,
            f"activity number {quoted(number, 20)} should be letters and digits separated by dots or dashes, "
            "such as 1.4 or SO1.2; correct it in the document",
        )
        return None
    status = None
    progress = vocabulary.progress(part)
    statuses = vocabulary.shape.statuses
    if reported and vocabulary.has_status(part):
        status = split_status(values, labels, progress)
        status = status or hue_status(row.fill, statuses) or majority_hue(cells.values(), statuses)
    elif "status" in values:  # a part without status: its "État d'avancement" column is its progress
        text = values.pop("status")
        if progress:
            values[progress] = values.get(progress) or text
    return ReadRow(number, values, status, place, vocabulary.headers)


def split_status(values: dict[str, str], labels: Mapping[str, str], progress: str | None) -> str | None:
    """The label that opens the status (or progress) cell, taken out of the progress; its status."""
    for name in ("status", progress):
        if name is None:
            continue
        lines = values.get(name, "").split("\n")
        status = labels.get(fold_key(lines[0])) if lines[0] else None
        if status is not None:
            values["status"] = lines[0]
            rest = "\n".join(lines[1:]).strip("\n")
            if progress is None:
                pass
            elif name == "status" and progress in values:
                values[progress] = "\n".join(v for v in (rest, values[progress]) if v)
            else:
                values[progress] = rest
            return status
    if "status" in values and progress is not None and progress not in values:
        values[progress] = values.pop("status")  # a status column holding progress only (status shown by colour)
    else:
        values.pop("status", None)
    return None


def majority_hue(cells: Iterable[tuple[str, str | None]], statuses: Sequence[StatusSpec]) -> str | None:
    hues = Counter(hue_status(fill, statuses) for _, fill in cells if fill)
    hues.pop(None, None)
    return hues.most_common(1)[0][0] if hues else None


# ---------------------------------------------------------------- the document


def annex_name(number: int) -> str:
    """``Annex I``, ``Annex II``: how the messages name an annex (the document's own heading may say more)."""
    return f"Annex {'I' * number}"


def read_report(body: Body, problems: Problems, shape: Shape | None = None) -> ReadReport | None:
    """The annexes of one language version, read with the report's ``shape`` (the PTC's by default); ``None`` (with a
    problem) when it holds no annex table."""
    vocabulary_ = vocabulary(shape or PTC_SHAPE)
    where = Location(body.name)
    found = language_of(body)
    if found is None:
        problems.error(
            where,
            "its language cannot be told (no w:lang and too few words); set the language in Word (Review › Language) and save",
        )
        return None
    lang, locale = found
    if not _LANGUAGE.fullmatch(lang):
        problems.error(
            where,
            f"its language is {quoted(lang)}, not a language code of two or three letters (fr, en, fil); "
            "set the language in Word (Review › Language) and save",
        )
        return None
    annexes: dict[int, ReadAnnex] = {}
    cover: list[Paragraph] = []
    pending: list[tuple[ReadAnnex, int | None, Table, Columns, Location]] = []
    annex: ReadAnnex | None = None
    part: int | None = None
    for block in body.blocks:
        if isinstance(block, Paragraph):
            number = annex_heading(block.text)
            if number is not None:
                annex = annexes.setdefault(number, ReadAnnex(number, None))
                part = None
            elif annex is None:
                cover.append(block)
                continue
            part = part_heading(block.text, vocabulary_.shape) or part
            if annex.period is None and not pending_tables_of(pending, annex) and (period := _PERIOD.search(fold(block.text))):
                annex.period = f"{period[1]}-{period[2]}"
            continue
        if annex is None:
            cover.append(Paragraph(0, "\n".join("\t".join(r.texts) for r in block.rows)))
            continue
        table_where = Location(body.name, f"{annex_name(annex.number)} › table {block.index}")
        columns = find_columns(block, vocabulary_, part, annex.number == 1, table_where, problems)
        if columns is not None:
            pending.append((annex, part, block, columns, table_where))
    if not pending:
        problems.error(
            where,
            "no annex table found: is it a progress report? "
            "(expected headings “Annex I” / “Annexe I” followed by tables whose headers include No. and Activity)",
        )
        return None
    statuses = vocabulary_.shape.statuses
    labels = {**vocabulary_.labels, **learn_labels(((table, columns) for _, _, table, columns, _ in pending), statuses)}
    for annex, part, table, columns, table_where in pending:
        read_table(annex, part, table, columns, vocabulary_, labels, table_where, problems)
    return ReadReport(body.name, lang, locale, cover, annexes, body.authors, printed_labels(annexes, labels), vocabulary_)


def pending_tables_of(pending: list[tuple[ReadAnnex, int | None, Table, Columns, Location]], annex: ReadAnnex) -> bool:
    return any(item[0] is annex for item in pending)


def read_table(
    annex: ReadAnnex,
    part: int | None,
    table: Table,
    columns: Columns,
    vocabulary: Vocabulary,
    labels: Mapping[str, str],
    where: Location,
    problems: Problems,
) -> None:
    reported = annex.number == 1
    current = part or likeliest_part(columns, vocabulary, reported)
    number_column = next(p for p, name in columns.fields.items() if name == "no")
    dropped = {column_tag(c) for c in vocabulary.shape.columns if c.reported_only} - {"status"} if not reported else set()
    for row in table.rows[columns.row + 1 :]:
        number = next((text for position, text, _ in grid(row) if position == number_column), "")
        if not number[:1].isdigit() and vocabulary.columns.get(fold_key(number)) == "no":
            continue  # the header repeated on each page (its number cell says "No.")
        distinct = {t for t in row.texts if t.strip()}
        if len(distinct) == 1 and (heading := part_heading(distinct.pop(), vocabulary.shape)) is not None:
            current = heading  # a sub-heading row merged across the table: PART II – …
            continue
        read = read_row(row, columns, vocabulary, current, reported, labels, where, problems)
        if read is not None:
            for tag in dropped:
                read.values.pop(tag, None)  # the draft has neither status nor progress
            annex.parts.setdefault(current, []).append(read)
            annex.columns.setdefault(current, set()).update(columns.names)


def likeliest_part(columns: Columns, vocabulary: Vocabulary, reported: bool) -> int:
    """The part whose declared columns a table has most of (the first on a tie): for a table under no part heading."""
    names = columns.names - {"no"}
    scores = [(len(names & set(vocabulary.tags(n, reported))) - len(names - set(vocabulary.tags(n, reported))), -n)
              for n in range(1, len(vocabulary.shape.parts) + 1)]  # fmt: skip
    return -max(scores)[1]


def printed_labels(annexes: Mapping[int, ReadAnnex], labels: Mapping[str, str]) -> dict[str, str]:
    """The label printed most often for each status (as printed, for document.xlsx)."""
    printed: dict[str, Counter[str]] = {}
    for annex in annexes.values():
        for rows in annex.parts.values():
            for row in rows:
                label = row.values.get("status", "")
                if row.status is not None and label and labels.get(fold_key(label)) == row.status:
                    printed.setdefault(row.status, Counter())[label] += 1
    return {status: counts.most_common(1)[0][0] for status, counts in printed.items()}
