"""``ctpdoc import`` on reports made without ctpdoc's templates: python-docx documents written as a
secretariat types them in Word, and a report LibreOffice converts from HTML.

Each differs from ctpdoc's output: columns in another order, one table per annex with part
sub-heading rows merged across it, headers repeated on each page, other shades of blue, green and
red, statuses shown by colour only, separate Status and Progress columns, ``1.4.`` numbers, and
tracked changes written as Word writes them (``w:rsid`` attributes, a deleted row, moved text).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import parse_xml

from ctpdoc.cli.main import cli
from tests.helpers.importcheck import differences, sheet_rows
from tests.helpers.repo import SAMPLE_SOURCES

CURRENT = "wp-2022-2025.xlsx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MARK = 'w:id="{id}" w:author="Jane Editor" w:date="2025-02-03T10:04:00Z"'


def paragraph(text: str, lang: str | None = None) -> str:
    """Lines of ``text`` split on "\\n" are paragraphs; "\\v" is a soft line break (Shift+Enter)."""
    props = f'<w:rPr><w:lang w:val="{lang}"/></w:rPr>' if lang else ""
    out = []
    for line in text.split("\n"):
        pieces = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in line.split("\v"))
        out.append(f'<w:p w:rsidR="00A1B2C3"><w:r w:rsidRPr="00D4E5F6">{props}{pieces}</w:r></w:p>')
    return "".join(out)


def cell(content: str, fill: str | None = None, span: int = 1, raw: bool = False) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    body = content if raw else paragraph(content)
    return f'<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/>{grid}{shade}</w:tcPr>{body}</w:tc>'


def row(cells: list[str], header: bool = False, mark: str = "") -> str:
    props = "<w:tblHeader/>" if header else ""
    return f'<w:tr w:rsidR="00A1B2C3"><w:trPr>{props}{mark}</w:trPr>{"".join(cells)}</w:tr>'


def table(rows: list[str], columns: int) -> str:
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(columns))
    return (
        f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def write_docx(path: Path, paragraphs_before: list[str], blocks: list[str]) -> Path:
    """A document as python-docx makes it (its default styles say en-US), with these blocks in the body."""
    document = Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(block if block.startswith("<w:tbl") else f"<w:p {W}>{block}</w:p>"))
    document.save(path)  # no w:lang on any run, and en-US in the defaults: the language comes from the words
    return path


def heading(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


# The activities of the hand-made pair: number -> (objective, activity fr/en, deliverable fr/en, timeframe fr/en,
# lead fr/en, status, progress fr/en)
PART1 = {
    "1.1": (
        "SO1",
        ("Réviser le guide « OEA »", "Revise the AEO guide"),
        ("Guide révisé", "Revised guide"),
        ("juin 2024", "June 2024"),
        ("CTP", "PTC"),
        "completed",
        ("Publié en mai 2024 ; diffusé aux Membres.", "Published in May 2024; sent to Members."),
    ),
    "1.2": (
        "SO2",
        ("Étude sur le transit", "Transit study"),
        ("Étude", "Study"),
        ("2023-2025", "2023-2025"),
        ("Secrétariat", "Secretariat"),
        "ongoing",
        ("Collecte des données\nAnalyse en cours", "Data collected\nAnalysis under way"),
    ),
    "1.10": (
        "SO1",
        ("Outil < & > en ligne", "Online < & > tool"),
        ("Outil", "Tool"),
        ("décembre 2025", "December 2025"),
        ("Membres", "Members"),
        "pending",
        ("Faute de financement !", "No funding yet!"),
    ),
}
PART2 = {
    "2.1": ("SO3", ("Promouvoir la CKR", "Promote the RKC"), ("Deux adhésions en 2024.", "Two accessions in 2024.")),
    "2.2": ("SO3", ("Appui au guichet unique", "Single Window support"), ("Ateliers : trois.", "Workshops: three.")),
}
FILLS = {"completed": "B6D7A8", "ongoing": "9FC5E8", "pending": "EA9999"}  # not ctpdoc's shades
LABELS = {"en": {"completed": "Completed", "ongoing": "Ongoing", "pending": "Pending"}}


def french_by_colour(path: Path) -> Path:
    """One table per annex, columns in another order, part sub-heading rows merged across, status by
    colour only (no label), the header repeated after a page break, 1.4. numbers, tracked changes as Word makes them."""
    head1 = ["Activité", "N°", "Pilote", "Calendrier", "Produit attendu", "Objectif stratégique", "État d’avancement"]
    header = row([cell(h) for h in head1], header=True)
    rows1 = [header, row([cell("PREMIÈRE PARTIE – ACTIVITÉS ENTREPRISES DANS UN DÉLAI SPÉCIFIQUE", span=7)])]
    for i, (number, (objective, activity, deliverable, timeframe, lead, status, progress)) in enumerate(PART1.items()):
        fill = FILLS[status]
        progress_cell = paragraph(progress[0])
        if number == "1.1":  # a tracked edit by a reviewer: "mai" replaced by "mai 2024" moved
            progress_cell = (
                '<w:p><w:r><w:t xml:space="preserve">Publié en </w:t></w:r>'
                f"<w:del {MARK.format(id=11)}><w:r><w:delText>avril</w:delText></w:r></w:del>"
                f"<w:ins {MARK.format(id=12)}><w:r><w:t>mai</w:t></w:r></w:ins>"
                '<w:r><w:t xml:space="preserve"> 2024 ; diffusé aux Membres.</w:t></w:r></w:p>'
            )
        cells = [cell(activity[0], fill), cell(f"{number}.", fill), cell(lead[0], fill), cell(timeframe[0], fill),
                 cell(deliverable[0], fill), cell(objective, fill), cell(progress_cell, fill, raw=True)]  # fmt: skip
        rows1.append(row(cells))
        if i == 1:
            rows1.append(header)  # Word repeats the header row on the next page
    deleted = [cell("Activité supprimée"), cell("1.9"), cell("CTP"), cell("2024"), cell("Rien"), cell("SO1"), cell("En cours")]
    rows1.append(row(deleted, mark=f"<w:del {MARK.format(id=13)}/>"))
    rows1.append(row([cell("SECONDE PARTIE – ACTIVITÉS PERMANENTES", span=7)]))
    for number, (objective, activity, progress) in PART2.items():
        rows1.append(row([cell(activity[0]), cell(number), cell(""), cell(""), cell(""), cell(objective), cell(progress[0])]))
    cover = ["ORGANISATION MONDIALE DES DOUANES", "COMITÉ TECHNIQUE PERMANENT", "- 250e/251e sessions -", "4-7 mai 2026",
             "PC0999F1a", "Bruxelles, le 27 mars 2026.",
             "RAPPORT DE SITUATION SUR LE PROGRAMME DE TRAVAIL 2022-2025 ET PROJET DE PROGRAMME 2025-2028",
             "(Point IV de l’ordre du jour)", "Le Comité est invité à prendre note des progrès et de la situation."]  # fmt: skip
    blocks = [heading("ANNEXE I – PROGRAMME DE TRAVAIL 2022-2025"), table(rows1, 7)]
    return write_docx(path, cover, blocks)


def english_with_labels(path: Path) -> Path:
    """Separate tables under part headings, a Status column apart from Progress, no shading,
    line breaks both soft (Shift+Enter) and hard, a run moved by a reviewer (w:moveFrom / w:moveTo)."""
    head1 = ["No.", "Strategic Objective", "Activity", "Deliverable", "Timeframe", "Lead", "Status", "Progress"]
    rows1 = [row([cell(h) for h in head1], header=True)]
    for number, (objective, activity, deliverable, timeframe, lead, status, progress) in PART1.items():
        progress_text = progress[1].replace("\n", "\v") if number == "1.2" else progress[1]  # a soft break this time
        cells = [cell(number), cell(objective), cell(activity[1]), cell(deliverable[1]), cell(timeframe[1]), cell(lead[1]),
                 cell(LABELS["en"][status]), cell(progress_text)]  # fmt: skip
        if number == "1.1":
            moved = (
                f'<w:p><w:moveFrom {MARK.format(id=21)}><w:r><w:t xml:space="preserve">Sent to Members. </w:t></w:r></w:moveFrom>'
                '<w:r><w:t xml:space="preserve">Published in May 2024;</w:t></w:r>'
                f'<w:moveTo {MARK.format(id=22)}><w:r><w:t xml:space="preserve"> sent to Members.</w:t></w:r></w:moveTo></w:p>'
            )
            cells[-1] = cell(moved, raw=True)
        rows1.append(row(cells))
    rows2 = [row([cell(h) for h in ("No.", "Strategic Objective", "Activity", "Budget (CHF)", "Progress")], header=True)]
    rows2 += [row([cell(n), cell(o), cell(a[1]), cell("12,000"), cell(p[1])]) for n, (o, a, p) in PART2.items()]
    cover = [
        "WORLD CUSTOMS ORGANIZATION",
        "PERMANENT TECHNICAL COMMITTEE",
        "- 250th/251st Sessions -",
        "4-7 May 2026",
        "PC0999E1a",
        "Brussels, 27 March 2026.",
        "PROGRESS REPORT ON THE WORK PROGRAMME 2022-2025 AND DRAFT WORK PROGRAMME 2025-2028",
        "(Item IV on the Agenda)",
        "The Committee is invited to take note of the progress made and of the status of the work.",
    ]
    blocks = [
        heading("Annex I"),
        heading("Revised PTC Work Programme 2022-2025 — status"),
        heading("Part I – Time-bound activities"),
        table(rows1, 8),
        heading("Part II – Ongoing activities"),
        table(rows2, 5),
    ]
    return write_docx(path, cover, blocks)


def expected_part1(langs: tuple[str, ...]) -> dict[str, dict]:
    out = {}
    for number, (objective, activity, deliverable, timeframe, lead, status, progress) in PART1.items():
        months = {"juin 2024": (2024, 6), "décembre 2025": (2025, 12)}
        values = {
            "No.": number,
            "Strategic objective": objective,
            "Timeframe": months.get(timeframe[0], timeframe[0]),
            "Status": status_of(status),
        }
        for lang in langs:
            i = 0 if lang == "fr" else 1
            values |= {f"Activity ({lang.upper()})": activity[i], f"Deliverable ({lang.upper()})": deliverable[i],
                       f"Lead ({lang.upper()})": lead[i], f"Progress ({lang.upper()})": progress[i]}  # fmt: skip
        out[number] = values
    return out


def status_of(key: str):
    return key


def expected_part2(langs: tuple[str, ...]) -> dict[str, dict]:
    out = {}
    for number, (objective, activity, progress) in PART2.items():
        values = {"No.": number, "Strategic objective": objective}
        for lang in langs:
            i = 0 if lang == "fr" else 1
            values |= {f"Activity ({lang.upper()})": activity[i], f"Progress ({lang.upper()})": progress[i]}
        out[number] = values
    return out


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_hand_made_pair_imports_to_the_expected_workbook(tmp_path):
    fr = french_by_colour(tmp_path / "rapport-fr.docx")
    en = english_with_labels(tmp_path / "report-en.docx")
    code, output = invoke("import", str(fr), str(en), "--into", str(tmp_path / "out"))
    assert code == 0, output
    workbook = tmp_path / "out" / "wp-2022-2025.xlsx"
    assert sheet_rows(workbook, "Part I") == expected_part1(("en", "fr"))
    assert sheet_rows(workbook, "Part II") == expected_part2(("en", "fr"))
    assert "Part I 3, Part II 2" in output
    assert (
        'report-en.docx › Annex I › table 2: warning: column "Budget (CHF)" is not one the workbooks have; it was ignored'
        in output
    )
    document = sheet_rows(tmp_path / "out" / "document.xlsx", "Document")
    assert document["Reference"]["Value"] == "PC0999" and document["Sessions"]["Value"] == "250/251"
    assert document["Issue date"]["Value"] == dt.datetime(2026, 3, 27) and document["Agenda item"]["Value"] == "IV"
    assert document["Place"]["Value (FR)"] == "Bruxelles" and document["Author"]["Value (EN)"] == "Jane Editor"


def test_rejecting_a_hand_made_reports_changes_restores_the_deleted_row_and_text(tmp_path):
    fr = french_by_colour(tmp_path / "rapport-fr.docx")
    code, output = invoke("import", str(fr), "--into", str(tmp_path / "out"), "--changes", "reject")
    assert code == 0, output
    part1 = sheet_rows(tmp_path / "out" / "wp-2022-2025.xlsx", "Part I")
    assert part1["1.1"]["Progress (FR)"] == "Publié en avril 2024 ; diffusé aux Membres."
    assert part1["1.9"]["Status"] == status_of("ongoing")  # the deleted row is back; its label says its status


def html_report(folder: Path) -> Path:
    """An English report as a web page, converted to .docx by LibreOffice: <br> breaks, bgcolor rows, other column order."""

    def tr(cells: list[str], colour: str = "", tag: str = "td") -> str:
        bg = f' bgcolor="#{colour}"' if colour else ""
        return f"<tr{bg}>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"

    shades = {"completed": "D9EAD3", "ongoing": "CFE2F3", "pending": "F4CCCC"}
    rows1 = [tr(["Status", "No.", "Activity", "Deliverable", "Lead", "Timeframe", "Strategic objective"], tag="th")]
    for number, (objective, activity, deliverable, timeframe, lead, status, progress) in PART1.items():
        status_cell = escape(LABELS["en"][status]) + "<br>" + escape(progress[1]).replace("\n", "<br>")
        rows1.append(
            tr(
                [status_cell, number, escape(activity[1]), escape(deliverable[1]), escape(lead[1]), timeframe[1], objective],
                shades[status],
            )
        )
    rows2 = [tr(["No.", "Strategic objective", "Activity", "Progress"], tag="th")]
    rows2 += [tr([n, o, escape(a[1]), escape(p[1])]) for n, (o, a, p) in PART2.items()]
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>PTC report</title></head><body>
<p>WORLD CUSTOMS ORGANIZATION</p><p>PC0999E1a</p><p>Brussels, 27 March 2026.</p>
<p>PROGRESS REPORT ON THE WORK PROGRAMME 2022-2025 AND DRAFT WORK PROGRAMME 2025-2028</p>
<p>The Committee is invited to take note of the progress made in the implementation of the programme
and of the status of the work.</p>
<h1>Annex I</h1><h2>Part I – Time-bound activities</h2><table border="1">{"".join(rows1)}</table>
<h2>Part II – Ongoing activities</h2><table border="1">{"".join(rows2)}</table></body></html>"""
    source = folder / "report.html"
    source.write_text(html, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory, built):
    """One LibreOffice run: the HTML report converted to .docx, and the sample's tracked documents re-saved
    (as an editor using LibreOffice would save them: its own XML, its own tracked-change markup)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = [
        html_report(folder),
        *(shutil.copy(built / f"{name}.docx", folder / f"{name}.docx") for name in ("PC0720F1a", "PC0720E1a")),
    ]
    profile = f"-env:UserInstallation=file://{folder}/profile"
    subprocess.run(
        [
            soffice,
            profile,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / "out"


@pytest.mark.slow
def test_a_report_libreoffice_made_from_html_imports(libreoffice, tmp_path):
    code, output = invoke("import", str(libreoffice / "report.docx"), "--into", str(tmp_path / "out"))
    assert code == 0, output
    workbook = tmp_path / "out" / "wp-2022-2025.xlsx"
    assert sheet_rows(workbook, "Part I") == expected_part1(("en",))
    assert sheet_rows(workbook, "Part II") == expected_part2(("en",))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "expected"), [("accept", SAMPLE_SOURCES / CURRENT), ("reject", SAMPLE_SOURCES / "baseline" / CURRENT)]
)
def test_the_sample_resaved_by_libreoffice_imports_to_the_sample(libreoffice, tmp_path, changes, expected):
    documents = [str(libreoffice / f"{name}.docx") for name in ("PC0720F1a", "PC0720E1a")]
    code, output = invoke("import", *documents, "--into", str(tmp_path / "out"), "--changes", changes)
    assert code == 0, output
    assert differences(expected, tmp_path / "out" / CURRENT) == []
