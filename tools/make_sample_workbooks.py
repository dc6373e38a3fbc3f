"""Write ctpdoc's sample source workbooks from tools/sample_data.py.

Writes, under source_sheets/ (or the directory given as first argument):

- wp-2022-2025.xlsx            the programme reported on (status, progress)
- baseline/wp-2022-2025.xlsx   the same as it stood at the April 2024 report
- wp-2025-2028.xlsx            the draft programme
- document.xlsx                the document settings

then reads them back and prints a verification summary. The baseline is
derived from the current data by undoing ``CHANGES_SINCE_BASELINE``, so the
two workbooks cannot disagree by accident. Files are byte-for-byte
reproducible: fixed document properties and fixed zip timestamps.

Usage: python tools/make_sample_workbooks.py [OUTPUT_DIR]
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

sys.dont_write_bytecode = True  # leave no __pycache__ beside the data
sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_data as data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

CURRENT_PART_I = [
    "No.", "Strategic objective", "Activity (EN)", "Activity (FR)",
    "Deliverable (EN)", "Deliverable (FR)", "Timeframe", "Lead (EN)", "Lead (FR)",
    "Status", "Progress (EN)", "Progress (FR)",
]
CURRENT_PART_II = [
    "No.", "Strategic objective", "Activity (EN)", "Activity (FR)",
    "Progress (EN)", "Progress (FR)",
]
DRAFT_PART_I = CURRENT_PART_I[:9]
DRAFT_PART_II = CURRENT_PART_II[:4]
DOCUMENT_COLUMNS = ["Setting", "Value", "Value (EN)", "Value (FR)", "Note"]

STATUS_WORDS = {
    "completed": "completed", "ongoing": "ongoing", "pending": "pending",
    "menée à bien": "completed", "en cours": "ongoing", "en attente": "pending",
}
STATUS_CHOICES = "completed,ongoing,pending,menée à bien,en cours,en attente"
EXPECTED = {
    "current": {"Part I": 42, "Part II": 52},
    "draft": {"Part I": 21, "Part II": 48},
    "status": {"ongoing": 6, "completed": 19, "pending": 17},
}

WIDTHS = {
    "No.": 8, "Strategic objective": 11, "Timeframe": 12, "Status": 14,
    "Lead (EN)": 22, "Lead (FR)": 22, "Deliverable (EN)": 45, "Deliverable (FR)": 45,
    "Setting": 22, "Value": 28, "Value (EN)": 16, "Value (FR)": 16, "Note": 70,
}
WIDE = 58  # activity and progress texts
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
CELL_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
TIMEFRAME_FORMAT = "mmm yyyy"
SETTING_DATE_FORMAT = "yyyy-mm-dd"
ZIP_TIMESTAMP = (2025, 3, 1, 0, 0, 0)


# --------------------------------------------------------------------------
# The document settings
# --------------------------------------------------------------------------
def document_settings() -> list[tuple[str, object, str | None, str | None, str]]:
    """(Setting, Value, Value (EN), Value (FR), Note), in sheet order."""
    return [
        ("Reference", "PC0720", None, None,
         "Document reference without language letter and version; each language version reads e.g. PC0720E1a / PC0720F1a."),
        ("Version", "1a", None, None,
         "Version suffix of the reference: 1a for the first issue."),
        ("Language letter", None, "E", "F",
         "Letter inserted in the reference for each language version."),
        ("Locale", None, "en_GB", "fr_FR",
         "Locale used to write dates and numbers in each language version."),
        ("Sessions", "247/248", None, None,
         "Numbers of the PTC sessions, printed on the cover as 247th/248th Sessions and 247e/248e sessions."),
        ("Meeting start", date(2025, 5, 5), None, None, "First day of the meeting."),
        ("Meeting end", date(2025, 5, 8), None, None, "Last day of the meeting."),
        ("Place", None, "Brussels", "Bruxelles", "Place of issue, printed before the issue date."),
        ("Issue date", date(2025, 3, 28), None, None, "Date of issue printed on the cover."),
        ("Agenda item", "V", None, None, "Agenda item, as a Roman numeral."),
        ("Current programme", "2022-2025", None, None,
         "Period of the programme reported on; its workbook is wp-2022-2025.xlsx."),
        ("Draft programme", "2025-2028", None, None,
         "Period of the draft programme; its workbook is wp-2025-2028.xlsx."),
        ("Previous report", date(2023, 4, 1), None, None,
         "Month of an earlier progress report; one row per report, in date order."),
        ("Previous report", date(2024, 4, 1), None, None,
         "Month of the last progress report; tracked changes show what changed since then."),
        ("Programme end", date(2025, 6, 30), None, None, "Month in which the current programme ends."),
        ("Baseline", "baseline/wp-2022-2025.xlsx", None, None,
         "Copy of the current programme workbook as it stood at the last progress report, relative to source_sheets/."),
        ("Author", None, "Secretariat", "Secrétariat", "Author name shown on tracked changes."),
        ("Status completed", None, "Completed", "Menée à bien", "Status label printed for completed activities (green)."),
        ("Status ongoing", None, "Ongoing", "En cours", "Status label printed for ongoing activities (blue)."),
        ("Status pending", None, "Pending", "En attente", "Status label printed for pending activities (red)."),
    ]


# --------------------------------------------------------------------------
# The baseline: the current data with the changes since April 2024 undone
# --------------------------------------------------------------------------
def derive_baseline(current: list[data.Row], part: str) -> list[data.Row]:
    """Undo the part's changes, drop added activities, restore removed ones."""
    rows = {str(row["No."]): dict(row) for row in current}
    changes = data.CHANGES_SINCE_BASELINE[part]
    for change in (c for c in changes if isinstance(c, data.SentenceAdded)):
        undo_added_sentence(rows[change.no], change)
    for change in (c for c in changes if isinstance(c, data.Reworded)):
        undo_rewording(rows[change.no], change)
    for change in (c for c in changes if isinstance(c, data.StatusWas)):
        rows[change.no]["Status"] = change.status
    for no in data.ADDED_SINCE_BASELINE[part]:
        del rows[no]
    for row in data.REMOVED_SINCE_BASELINE[part]:
        assert row["No."] not in rows, f"{part} {row['No.']}: removed activity still current"
        rows[str(row["No."])] = dict(row)
    return sorted(rows.values(), key=lambda row: number_key(str(row["No."])))


def undo_added_sentence(row: data.Row, change: data.SentenceAdded) -> None:
    for language, sentence in (("EN", change.en), ("FR", change.fr)):
        column = f"Progress ({language})"
        text = str(row[column])
        for separator in (" ", "\n"):
            if text.endswith(separator + sentence):
                row[column] = text[: -len(separator + sentence)]
                break
        else:
            raise AssertionError(f"{change.no} {column}: does not end with the added sentence")


def undo_rewording(row: data.Row, change: data.Reworded) -> None:
    for language, (was, now) in (("EN", change.en), ("FR", change.fr)):
        column = f"Progress ({language})"
        text = str(row[column])
        assert text.count(now) == 1, f"{change.no} {column}: {now!r} found {text.count(now)} times"
        row[column] = text.replace(now, was)


def number_key(no: str) -> tuple[int, ...]:
    return tuple(int(part) for part in no.split("."))


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def new_workbook(created: datetime, title: str) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "WCO Secretariat"
    workbook.properties.lastModifiedBy = "WCO Secretariat"
    workbook.properties.title = title
    workbook.properties.created = created
    workbook.properties.modified = created
    return workbook


def write_sheet(workbook: Workbook, name: str, columns: list[str], rows: list[data.Row]) -> Worksheet:
    sheet = workbook.create_sheet(name)
    sheet.append(columns)
    for row in rows:
        unknown = set(row) - set(columns)
        assert not unknown, f"{name} {row['No.']}: no column for {sorted(unknown)}"
        sheet.append([row.get(column) for column in columns])
    format_sheet(sheet, columns)
    return sheet


def format_sheet(sheet: Worksheet, columns: list[str]) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, WIDE)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = CELL_ALIGNMENT
            if isinstance(cell.value, (date, datetime)):
                is_setting = columns[0] == "Setting"
                cell.number_format = SETTING_DATE_FORMAT if is_setting else TIMEFRAME_FORMAT
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    if "No." in columns:  # keep "1.10" a text, not the number 1.1
        for cell in sheet["A"][1:]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def add_status_dropdown(sheet: Worksheet, columns: list[str]) -> None:
    letter = get_column_letter(columns.index("Status") + 1)
    validation = DataValidation(
        type="list", formula1=f'"{STATUS_CHOICES}"', allow_blank=True,
        showErrorMessage=True, errorTitle="Status",
        error="Choose completed, ongoing or pending (or menée à bien, en cours, en attente).",
        showInputMessage=True, promptTitle="Status",
        prompt="completed, ongoing or pending",
    )
    validation.add(f"{letter}2:{letter}1000")
    sheet.add_data_validation(validation)


def write_programme(path: Path, part_i: list[data.Row], part_ii: list[data.Row],
                    with_status: bool, created: datetime, title: str) -> None:
    workbook = new_workbook(created, title)
    columns_i = CURRENT_PART_I if with_status else DRAFT_PART_I
    columns_ii = CURRENT_PART_II if with_status else DRAFT_PART_II
    sheet = write_sheet(workbook, "Part I", columns_i, part_i)
    if with_status:
        add_status_dropdown(sheet, columns_i)
    write_sheet(workbook, "Part II", columns_ii, part_ii)
    save_reproducibly(workbook, path)


def write_document(path: Path, created: datetime) -> None:
    workbook = new_workbook(created, "ctpdoc document settings")
    rows = [dict(zip(DOCUMENT_COLUMNS, setting)) for setting in document_settings()]
    sheet = workbook.create_sheet("Document")
    sheet.append(DOCUMENT_COLUMNS)
    for row in rows:
        sheet.append([row[column] for column in DOCUMENT_COLUMNS])
    format_sheet(sheet, DOCUMENT_COLUMNS)
    save_reproducibly(workbook, path)


def save_reproducibly(workbook: Workbook, path: Path) -> None:
    """Save without openpyxl's "modified = now" and with fixed zip dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))


# --------------------------------------------------------------------------
# Verification: read the files back
# --------------------------------------------------------------------------
def read_sheet(path: Path, name: str) -> tuple[list[str], list[dict[str, object]]]:
    sheet = load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(value) for value in rows[0]]
    return header, [dict(zip(header, row)) for row in rows[1:] if any(v is not None for v in row)]


def check_rows(label: str, header: list[str], rows: list[dict[str, object]], problems: list[str]) -> None:
    numbers = [str(row["No."]) for row in rows]
    if len(set(numbers)) != len(numbers):
        problems.append(f"{label}: duplicate numbers")
    for row in rows:
        for column in header:
            value = row[column]
            if column.endswith("(EN)") and (not value or not row[column.replace("(EN)", "(FR)")]):
                problems.append(f"{label} {row['No.']}: {column} or its (FR) twin is empty")
            if isinstance(value, str) and (value != value.strip() or "  " in value or "'" in value
                                           or "\u00a0" in value or "\u202f" in value):
                problems.append(f"{label} {row['No.']}: {column} has stray spaces or a straight apostrophe")
        if not isinstance(row["No."], str):
            problems.append(f"{label}: No. {row['No.']!r} is not text")


def compare(baseline: list[dict[str, object]], current: list[dict[str, object]]) -> dict[str, object]:
    old = {row["No."]: row for row in baseline}
    new = {row["No."]: row for row in current}
    common = [no for no in new if no in old]
    differing = [no for no in common if old[no] != new[no]]
    moves = [f"{no} {STATUS_WORDS[old[no]['Status']]}→{STATUS_WORDS[new[no]['Status']]}"
             for no in common if "Status" in new[no]
             and STATUS_WORDS[old[no]["Status"]] != STATUS_WORDS[new[no]["Status"]]]
    return {
        "differing": differing,
        "moves": moves,
        "added": [no for no in new if no not in old],
        "removed": [no for no in old if no not in new],
    }


def verify(out: Path) -> bool:
    problems: list[str] = []
    current, baseline, draft = (out / "wp-2022-2025.xlsx", out / "baseline" / "wp-2022-2025.xlsx",
                                out / "wp-2025-2028.xlsx")
    sheets = {}
    for label, path, kind in (("current", current, "current"), ("baseline", baseline, None),
                              ("draft", draft, "draft")):
        for part in ("Part I", "Part II"):
            header, rows = read_sheet(path, part)
            sheets[label, part] = rows
            check_rows(f"{label} {part}", header, rows, problems)
            if kind:
                expected = EXPECTED[kind][part]
                print(f"{path.relative_to(out.parent)} › {part}: {len(rows)} activities "
                      f"({rows[0]['No.']} … {rows[-1]['No.']}), expected {expected}")
                if len(rows) != expected:
                    problems.append(f"{label} {part}: {len(rows)} rows, expected {expected}")
    statuses = Counter(STATUS_WORDS[str(row["Status"])] for row in sheets["current", "Part I"])
    french = [row["No."] for row in sheets["current", "Part I"] if row["Status"] not in EXPECTED["status"]]
    print(f"current Part I status: {dict(statuses)}; French status words in {french}")
    if dict(statuses) != EXPECTED["status"]:
        problems.append(f"status counts {dict(statuses)}")
    texts = [str(v) for rows in (sheets["current", "Part I"], sheets["current", "Part II"])
             for row in rows for k, v in row.items() if k.startswith("Progress")]
    breaks = sum("\n" in text for text in texts)
    escapes = sum(any(c in text for c in "<>&") for text in texts)
    print(f"current progress cells with a line break: {breaks}; with < > or &: {escapes}")
    if breaks < 5 or escapes < 1:
        problems.append("too few line breaks or XML-escaped characters")
    timeframes = [row["Timeframe"] for row in sheets["draft", "Part I"]]
    years = [t.year if isinstance(t, datetime) else int(y) for t in timeframes
             for y in ([t] if isinstance(t, datetime) else str(t).split("-"))]
    if not all(2025 <= year <= 2028 for year in years):
        problems.append("draft timeframes outside 2025-2028")
    for part, minimum in (("Part I", 12), ("Part II", 12)):
        result = compare(sheets["baseline", part], sheets["current", part])
        print(f"baseline → current, {part}: {len(result['differing'])} rows differ {result['differing']}")
        print(f"    status moves ({len(result['moves'])}): {result['moves']}")
        print(f"    added: {result['added']}; removed: {result['removed']}")
        if len(result["differing"]) < minimum:
            problems.append(f"{part}: only {len(result['differing'])} rows differ")
        if part == "Part I" and len(result["moves"]) < 5:
            problems.append("fewer than 5 status moves")
    document_header, settings = read_sheet(out / "document.xlsx", "Document")
    print(f"document.xlsx › Document: {document_header}; {len(settings)} settings: "
          f"{[row['Setting'] for row in settings]}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return not problems


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "source_sheets"
    now, then = datetime(2025, 3, 1), datetime(2024, 3, 1)
    write_programme(out / "wp-2022-2025.xlsx", data.CURRENT_PART_I, data.CURRENT_PART_II, True, now,
                    "PTC Work Programme 2022-2025")
    write_programme(out / "baseline" / "wp-2022-2025.xlsx",
                    derive_baseline(data.CURRENT_PART_I, "Part I"),
                    derive_baseline(data.CURRENT_PART_II, "Part II"), True, then,
                    "PTC Work Programme 2022-2025 (as at the April 2024 progress report)")
    write_programme(out / "wp-2025-2028.xlsx", data.DRAFT_PART_I, data.DRAFT_PART_II, False, now,
                    "Draft PTC Work Programme 2025-2028")
    write_document(out / "document.xlsx", now)
    return 0 if verify(out) else 1


if __name__ == "__main__":
    sys.exit(main())
