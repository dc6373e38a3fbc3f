"""Every document knows its language: style defaults, the runs of workbook text, the properties."""

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from tests.helpers.docxread import NS, part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = {"fr": ("PC0720F1a", "fr-FR"), "en": ("PC0720E1a", "en-GB")}


def default_language(path):
    return part(path, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")


def data_runs(path):
    """Runs in the annex tables' data rows (every row after a table's header row)."""
    root = part(path)
    return [
        r
        for t in root.iter(f"{W}tbl")
        for row in list(t.iter(f"{W}tr"))[1:]
        for r in row.iter(f"{W}r")
        if r.xpath(".//w:t|.//w:delText", namespaces=NS)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_styles_runs_and_properties_carry_the_language(built, lang):
    reference, tag = LANGS[lang]
    path = built / f"{reference}.docx"
    assert default_language(path) == tag
    runs = [r for r in data_runs(path) if r.xpath("ancestor::w:tbl[1]//w:tr[1]//w:t[.='No.' or .='N°']", namespaces=NS)]
    assert len(runs) > 500
    assert {r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in runs} == {tag}
    core = part(path, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.find(f"{dc}language").text == tag
    assert core.find(f"{dc}title").text.startswith({"fr": "Rapport de situation", "en": "Progress report"}[lang])
    assert core.find(f"{dc}creator").text == {"fr": "Organisation mondiale des douanes", "en": "World Customs Organization"}[lang]
    assert "2025" in core.find(f"{dc}title").text


@pytest.mark.slow
def test_the_locale_of_the_settings_wins(runner, sample):
    path = sample / "source_sheets" / "document.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Document"].iter_rows(min_row=2):
        if row[0].value == "Locale":
            row[3].value = "fr_BE"
    book.save(path)
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
            "fr",
        ],
    )
    assert result.exit_code == 0, result.output
    document = out / "PC0720F1a.docx"
    assert default_language(document) == "fr-BE"
    languages = {
        el.get(f"{W}val") for name in ("word/document.xml", "word/styles.xml") for el in part(document, name).iter(f"{W}lang")
    }
    # every French run takes the settings' locale; the cover's English lines keep their own language (issue #20)
    assert {tag for tag in languages if tag.startswith("fr")} == {"fr-BE"}
    assert languages - {"fr-BE"} <= {"en-GB"}
