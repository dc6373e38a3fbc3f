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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ctpdoc.errors import Report as Problems
from ctpdoc.errors import quoted
from ctpdoc.model import Location
from ctpdoc.word.body import Body, Paragraph, Table, TableRow, hue_status
from ctpdoc.word.printed import activity_number, fold, fold_key, language_of

# The workbook column of each field (per language where it has one).
HEADERS = {"no": "No.", "objective": "Strategic objective", "activity": "Activity", "deliverable": "Deliverable",
           "timeframe": "Timeframe", "lead": "Lead", "status": "str", "progress": "Progress"}  # fmt: skip
PER_LANGUAGE = {"activity", "deliverable", "lead", "progress"}

# Header texts, folded (see ``fold_key``), in English and French, as ctpdoc's templates and hand-made reports write them.
COLUMN_NAMES: dict[str, str] = {
    **dict.fromkeys(("no", "no.", "n°", "nº", "n o", "number", "numero", "num", "#", "ref", "ref."), "no"),
    **dict.fromkeys(("strategic objective", "strategic objectives", "objective", "objectif strategique",
                     "objectifs strategiques", "objectif", "so", "os"), "objective"),  # fmt: skip
    **dict.fromkeys(("activity", "activities", "activite", "activites", "description"), "activity"),
    **dict.fromkeys(("deliverable", "deliverables", "output", "outputs", "produit attendu", "produits attendus",
                     "produit", "produits", "resultat attendu", "resultats attendus"), "deliverable"),  # fmt: skip
    **dict.fromkeys(("timeframe", "time frame", "timeline", "deadline", "calendrier", "echeance", "echeancier", "delai"), "timeframe"),
    **dict.fromkeys(("lead", "leader", "responsible", "responsibility", "pilote", "responsable", "chef de file"), "lead"),
    **dict.fromkeys(("status", "statut", "etat", "etat d'avancement", "situation"), "status"),
    **dict.fromkeys(("progress", "progress made", "progres", "progres realises", "avancement", "observations", "comments",
                     "commentaires"), "progress"),  # fmt: skip
}

# str labels every report may use, folded; a document's own labels are learnt from its rows (see ``learn_labels``).
KNOWN_LABELS: dict[str, str] = {
    **dict.fromkeys(("completed", "complete", "done", "menee a bien", "menees a bien", "achevee", "terminee", "realisee"), "completed"),
    **dict.fromkeys(("ongoing", "in progress", "en cours"), "ongoing"),
    **dict.fromkeys(("pending", "on hold", "en attente", "en suspens"), "pending"),
}
DEFAULT_LABELS: dict[str, dict[str, str]] = {
    "en": {"completed": "Completed", "ongoing": "Ongoing", "pending": "Pending"},
    "fr": {"completed": "Menée à bien", "ongoing": "En cours", "pending": "En attente"},
}

_ANNEX = re.compile(r"^annexe?\s+(?P<n>ii|i|2|1)\b")
_PART = re.compile(r"^(?:(?:part|partie)\s+(?P<n>ii|i|2|1|one|two)\b|(?P<word>premiere|first|deuxieme|seconde|second)\s+(?:partie|part)\b)")
_NUMBER = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,5}")  # an activity number, as the workbooks take it
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # ISO 639 (babel's "root" is no language)
_PERIOD = re.compile(r"\b(\d{4})\s*[-–—/]\s*(\d{4})\b")  # on folded text (a range's non-breaking hyphen read as "-")


# ---------------------------------------------------------------- what is read


@dataclass
class ReadRow:
    """One activity row of an annex table: its fields as text, the status read from label or colour."""

    number: str
    values: dict[str, str]  # field -> text (folded); "status" is the label, "progress" without it
    status: str | None
    where: Location  # file › Annex I › table 3 › 1.4

    def at(self, name: str) -> Location:
        return Location(self.where.file, self.where.sheet, f"{self.where.cell} › {HEADERS[name]}")


@dataclass
class ReadAnnex:
    number: int  # 1: the programme reported on; 2: the draft
    period: str | None
    parts: dict[int, list[ReadRow]] = field(default_factory=lambda: {1: [], 2: []})
    columns: dict[int, set[str]] = field(default_factory=lambda: {1: set(), 2: set()})  # fields found per part


@dataclass
class ReadReport:
    name: str
    lang: str
    locale: str  # e.g. fr_FR
    paragraphs: list[Paragraph]  # body paragraphs before the first annex (cover and sections)
    annexes: dict[int, ReadAnnex]
    authors: Counter[str]
    labels: dict[str, str]  # the labels this document prints, as printed


def roman(n: str) -> int:
    return {"i": 1, "1": 1, "one": 1, "first": 1, "premiere": 1, "ii": 2, "2": 2, "two": 2, "second": 2, "seconde": 2, "deuxieme": 2}[n]


def annex_heading(text: str) -> int | None:
    match = _ANNEX.match(fold_key(text))
    return roman(match["n"]) if match and len(text) < 200 else None


def part_heading(text: str) -> int | None:
    match = _PART.match(fold_key(text))
    if not match or len(text) > 200:
        return None
    return roman(match["n"] or match["word"])


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


def find_columns(table: Table, where: Location, problems: Problems) -> Columns | None:
    """The header row: the first whose cells name a number column and an activity column."""
    for index, row in enumerate(table.rows[:4]):
        known = {position: COLUMN_NAMES.get(fold_key(text)) for position, text, _ in grid(row)}
        found = [name for name in known.values() if name]
        if "no" not in found or "activity" not in found:
            continue
        twice = {name for name in found if found.count(name) > 1}
        if twice:
            names = ", ".join(f'"{t}"' for p, t, _ in grid(row) if known[p] in twice)
            problems.error(where, f"columns {names} cannot be told apart (each is {' / '.join(sorted(twice))}); rename one header")
            return None
        for position, text, _ in grid(row):
            if known[position] is None and text.strip():
                problems.warn(where, f'column "{fold(text)}" is not one the workbooks have; it was ignored')
        return Columns({p: name for p, name in known.items() if name}, index)
    return None


def learn_labels(tables: Iterable[tuple[Table, Columns]]) -> dict[str, str]:
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
                seen.setdefault(fold_key(first), Counter())[hue_status(row.fill)] += 1
    learnt: dict[str, str] = {}
    for label, statuses in seen.items():
        status = next(iter(statuses))
        if len(statuses) == 1 and status is not None and sum(statuses.values()) >= 2:
            learnt[label] = status
    return learnt


def read_row(
    row: TableRow, columns: Columns, labels: Mapping[str, str], with_status: bool, where: Location, problems: Problems
) -> ReadRow | None:
    cells = {position: (text, fill) for position, text, fill in grid(row)}
    values = {name: fold(cells.get(position, ("", None))[0]) for position, name in columns.fields.items()}
    number = activity_number(values.pop("no", ""))
    if not any(values.values()) and not number:
        return None
    place = Location(where.file, where.sheet, number or "row without a number")
    if not number:
        problems.error(place, f'a row has no number in column "{HEADERS["no"]}"; number it as in the other language')
        return None
    if not _NUMBER.fullmatch(number):
        place = Location(where.file, where.sheet, quoted(number, 20))
        problems.error(place, f"activity number {quoted(number, 20)} should be digits separated by dots, such as 1.4 or 2.10; correct it in the document")
        return None
    status = None
    if with_status:
        status = split_status(values, labels)
        status = status or hue_status(row.fill) or majority_hue(cells.values())
    elif "status" in values:  # Part II's "État d'avancement" column is its progress
        text = values.pop("status")
        values["progress"] = values.get("progress") or text
    return ReadRow(number, values, status, place)


def split_status(values: dict[str, str], labels: Mapping[str, str]) -> str | None:
    """The label that opens the status (or progress) cell, taken out of the progress; its status."""
    for name in ("status", "progress"):
        lines = values.get(name, "").split("\n")
        status = labels.get(fold_key(lines[0])) if lines[0] else None
        if status is not None:
            values["status"] = lines[0]
            rest = "\n".join(lines[1:]).strip("\n")
            if name == "status" and "progress" in values:
                values["progress"] = "\n".join(v for v in (rest, values["progress"]) if v)
            else:
                values["progress"] = rest
            return status
    if "status" in values and "progress" not in values:
        values["progress"] = values.pop("status")  # a status column holding progress only (status shown by colour)
    else:
        values.pop("status", None)
    return None


def majority_hue(cells: Iterable[tuple[str, str | None]]) -> str | None:
    hues = Counter(hue_status(fill) for _, fill in cells if fill)
    hues.pop(None, None)
    return hues.most_common(1)[0][0] if hues else None


# ---------------------------------------------------------------- the document


def read_report(body: Body, problems: Problems) -> ReadReport | None:
    """The annexes of one language version; ``None`` (with a problem) when it holds no annex table."""
    where = Location(body.name)
    found = language_of(body)
    if found is None:
        problems.error(where, "its language cannot be told (no w:lang and too few words); set the language in Word (Review › Language) and save")
        return None
    lang, locale = found
    if not _LANGUAGE.fullmatch(lang):
        problems.error(where, f"its language is {quoted(lang)}, not a language code of two or three letters (fr, en, fil); set the language in Word (Review › Language) and save")
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
            part = part_heading(block.text) or part
            if annex.period is None and not pending_tables_of(pending, annex) and (period := _PERIOD.search(fold(block.text))):
                annex.period = f"{period[1]}-{period[2]}"
            continue
        if annex is None:
            cover.append(Paragraph(0, "\n".join("\t".join(r.texts) for r in block.rows)))
            continue
        table_where = Location(body.name, f"Annex {'I' * annex.number} › table {block.index}")
        columns = find_columns(block, table_where, problems)
        if columns is not None:
            pending.append((annex, part, block, columns, table_where))
    if not pending:
        problems.error(where, "no annex table found: is it a progress report? (expected headings “Annex I” / “Annexe I” followed by tables whose headers include No. and Activity)")
        return None
    labels = {**KNOWN_LABELS, **learn_labels((table, columns) for _, _, table, columns, _ in pending)}
    for annex, part, table, columns, table_where in pending:
        read_table(annex, part, table, columns, labels, table_where, problems)
    return ReadReport(body.name, lang, locale, cover, annexes, body.authors, printed_labels(annexes, labels))


def pending_tables_of(pending: list[tuple[ReadAnnex, int | None, Table, Columns, Location]], annex: ReadAnnex) -> bool:
    return any(item[0] is annex for item in pending)


def read_table(
    annex: ReadAnnex, part: int | None, table: Table, columns: Columns, labels: Mapping[str, str], where: Location, problems: Problems
) -> None:
    inferred = 1 if columns.names & {"deliverable", "timeframe", "lead"} else 2
    current = part or inferred
    number_column = next(p for p, name in columns.fields.items() if name == "no")
    for row in table.rows[columns.row + 1 :]:
        number = next((text for position, text, _ in grid(row) if position == number_column), "")
        if not number[:1].isdigit() and COLUMN_NAMES.get(fold_key(number)) == "no":
            continue  # the header repeated on each page (its number cell says "No.")
        distinct = {t for t in row.texts if t.strip()}
        if len(distinct) == 1 and (heading := part_heading(distinct.pop())) is not None:
            current = heading  # a sub-heading row merged across the table: PART II – …
            continue
        read = read_row(row, columns, labels, annex.number == 1 and current == 1, where, problems)
        if read is not None and annex.number == 2:
            read.values.pop("progress", None)  # the draft has neither status nor progress
        if read is not None:
            annex.parts[current].append(read)
            annex.columns[current] |= columns.names


def printed_labels(annexes: Mapping[int, ReadAnnex], labels: Mapping[str, str]) -> dict[str, str]:
    """The label printed most often for each status (as printed, for document.xlsx)."""
    printed: dict[str, Counter[str]] = {}
    for annex in annexes.values():
        for row in annex.parts[1]:
            label = row.values.get("status", "")
            if row.status is not None and label and labels.get(fold_key(label)) is row.status:
                printed.setdefault(row.status, Counter())[label] += 1
    return {status: counts.most_common(1)[0][0] for status, counts in printed.items()}
