"""Adding a language is data, not code: (XX) columns, a settings column, a template."""

import openpyxl
import pytest
from docx import Document

from ctpdoc.cli.main import cli
from tests.helpers.docxread import NS, accept, part, tables
from tests.helpers.factory import write_template

SETTINGS = {
    "es": {"Language letter": "S", "Locale": "es_ES", "Place": "Bruselas", "Author": "Secretaría",
           "Status completed": "Finalizada", "Status ongoing": "En curso", "Status pending": "Pendiente"},
    "ar": {"Language letter": "A", "Locale": "ar", "Place": "بروكسل", "Author": "الأمانة",
           "Status completed": "منجز", "Status ongoing": "جارٍ", "Status pending": "معلّق"},
}  # fmt: skip
PARAGRAPHS = {
    "es": [
        "{{ doc.reference }} — {{ doc.place }}, {{ doc.issue_date }}",
        "Sesiones {{ doc.sessions|ordinal(other='#.ª') }}; informes {{ doc.previous_reports|listing('de #') }}",
        "{{ current.counts.ongoing|plural(one='# actividad está en curso', other='# actividades están en curso') }}",
    ],
    "ar": [
        "{{ doc.reference }} — {{ doc.place }}، {{ doc.issue_date }}",
        "{{ current.counts.ongoing|plural(zero='لا أنشطة جارية', one='نشاط واحد جارٍ', two='نشاطان جاريان', few='# أنشطة "
        "جارية', many='# نشاطًا جاريًا', other='# نشاط جارٍ') }}",
    ],
}
FIELDS = ["no", "activity", "status", "progress"]
W = f"{{{NS['w']}}}"


def add_language(sample, lang):
    """What a drafter and a translator do to add a language: columns, settings, a template."""
    folder = sample / "source_sheets"
    for name in ("wp-2022-2025.xlsx", "baseline/wp-2022-2025.xlsx", "wp-2025-2028.xlsx"):
        book = openpyxl.load_workbook(folder / name)
        for sheet in book.worksheets:
            header = [c.value for c in sheet[1]]
            for column, title in enumerate(header, start=1):
                if title and title.endswith("(EN)"):
                    new = sheet.max_column + 1
                    sheet.cell(row=1, column=new, value=title.replace("(EN)", f"({lang.upper()})"))
                    for row in range(2, sheet.max_row + 1):
                        value = sheet.cell(row=row, column=column).value
                        sheet.cell(row=row, column=new, value=f"[{lang}] {value}" if value else value)
        book.save(folder / name)
    book = openpyxl.load_workbook(folder / "document.xlsx")
    sheet = book["Document"]
    new = sheet.max_column + 1
    sheet.cell(row=1, column=new, value=f"Value ({lang.upper()})")
    for row in range(2, sheet.max_row + 1):
        name = sheet.cell(row=row, column=1).value
        if name in SETTINGS[lang]:
            sheet.cell(row=row, column=new, value=SETTINGS[lang][name])
    # the shape's titles and labels in the new language (the sample declares them in Parts and Statuses)
    for name, label, text in (
        ("Parts", "Title", lambda row: f"[{lang}] {row[2]}"),
        ("Statuses", "Label", lambda row: SETTINGS[lang][f"Status {row[0]}"]),
    ):
        sheet = book[name]
        new = sheet.max_column + 1
        sheet.cell(row=1, column=new, value=f"{label} ({lang.upper()})")
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row=row, column=new, value=text([c.value for c in sheet[row]]))
    book.save(folder / "document.xlsx")
    write_template(sample / "templates" / lang / "report.docx", PARAGRAPHS[lang], FIELDS)


def build(runner, sample, lang):
    out = sample / "build"
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(out),
            "--lang",
            lang,
        ],
    )
    assert result.exit_code == 0, result.output
    return out / f"PC0720{SETTINGS[lang]['Language letter']}1a.docx"


@pytest.mark.slow
def test_a_spanish_document_from_data_alone(runner, sample):
    add_language(sample, "es")
    path = build(runner, sample, "es")
    texts = [p.text for p in Document(path).paragraphs]
    assert texts[0] == "PC0720S1a — Bruselas, 28 de marzo de 2025"
    assert texts[1] == "Sesiones 247.ª/248.ª; informes de abril de 2023 y de abril de 2024"
    assert texts[2] == "6 actividades están en curso"
    rows = tables(accept(part(path)))[0][1:]
    assert all(row[1].startswith("[es] ") for row in rows)
    assert {row[2] for row in rows} == {"Finalizada", "En curso", "Pendiente"}
    assert part(path, "word/styles.xml").find(".//w:docDefaults//w:lang", NS).get(W + "val") == "es-ES"


@pytest.mark.slow
def test_the_other_languages_still_build_beside_it(runner, sample):
    add_language(sample, "es")
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "build"),
            "--changes",
            "accepted",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (sample / "build").glob("*.docx")) == [
        "PC0720E1a-clean.docx",
        "PC0720F1a-clean.docx",
        "PC0720S1a-clean.docx",
    ]


@pytest.mark.slow
def test_an_arabic_document_reads_right_to_left(runner, sample):
    add_language(sample, "ar")
    path = build(runner, sample, "ar")
    root = part(path)
    paragraphs = root.xpath("//w:body//w:p", namespaces=NS)
    assert paragraphs and all(p.find("w:pPr/w:bidi", NS) is not None for p in paragraphs)
    assert all(t.find("w:tblPr/w:bidiVisual", NS) is not None for t in root.iter(W + "tbl"))
    data = [r for r in root.xpath("//w:tbl//w:r[w:rPr/w:lang]", namespaces=NS)]
    assert data and all(
        r.find("w:rPr/w:rtl", NS) is not None and r.find("w:rPr/w:lang", NS).get(W + "bidi") == "ar" for r in data
    )
    texts = [p.text for p in Document(path).paragraphs]
    assert texts[1] == "6 أنشطة جارية"  # CLDR: 6 is "few" in Arabic
    from tests.helpers.repo import validate_ooxml

    validate_ooxml(path)


@pytest.mark.parametrize("lang", ["es"])
def test_templates_check_compares_all_languages(runner, sample, lang):
    add_language(sample, lang)
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert result.exit_code == 1  # the small test template lacks most of what en and fr print
    assert f"{lang}/report.docx › body: has no variable doc.meeting_dates, which en/report.docx has" in result.output
