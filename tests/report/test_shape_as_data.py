"""The report's shape as data: another working body's parts, columns and statuses declared in document.xlsx.

An Enforcement-Committee-like report (made up): three strategic objectives as parts, four statuses with their
own colours, a language-neutral "Partners" and a per-language "Output" column beyond the PTC's, numbers such
as SO1.10, no draft programme. Built, validated, listed and translated by the same ctpdoc as the PTC's.
"""

import datetime as dt
import zipfile

import pytest
from docx import Document
from lxml import etree

from ctpdoc.cli.main import cli
from ctpdoc.errors import Report
from ctpdoc.model import number_key
from ctpdoc.shape import ColumnKind, ptc_shape
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import SETTINGS, write_book
from tests.helpers.oracle import cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = ("en", "fr")
PARTS = [
    ["SO1", "Objective 1", "Strategic objective 1: intelligence", "Objectif stratégique 1 : renseignement"],
    ["SO2", "Objective 2", "Strategic objective 2: risk management", "Objectif stratégique 2 : gestion des risques"],
    ["SO3", "Objective 3", "Strategic objective 3: partnerships", "Objectif stratégique 3 : partenariats"],
]
COLUMNS = [
    ["Activity", "text", "yes", "all"],
    ["Output", "text", "yes", "SO1, SO2"],
    ["Partners", "text", "no", "all"],
    ["Timeframe", "month", "no", "SO1,SO2"],
    ["Status", "status", "no", "all"],
    ["Progress", "progress", "yes", "all"],
]
STATUSES = [
    ["not-started", "Not started", "Non commencée", "EDEDED", "no"],
    ["ongoing", "Under way", "En cours", "DDEBF7", "no"],
    ["done", "Done", "Réalisée", "E2EFDA", "yes"],
    ["dropped", "Dropped", "Abandonnée", "FCE4D6", "no"],
]
SHAPE_SHEETS = {
    "Parts": [["Part", "Sheet", "Title (EN)", "Title (FR)"], *PARTS],
    "Columns": [["Column", "Kind", "Per language", "Parts"], *COLUMNS],
    "Statuses": [["Status", "Label (EN)", "Label (FR)", "Colour", "Done"], *STATUSES],
}
HEADERS = {
    "SO1": [
        "No.",
        "Activity (EN)",
        "Activity (FR)",
        "Output (EN)",
        "Output (FR)",
        "Partners",
        "Timeframe",
        "Status",
        "Progress (EN)",
        "Progress (FR)",
    ],
    "SO2": [
        "No.",
        "Activity (EN)",
        "Activity (FR)",
        "Output (EN)",
        "Output (FR)",
        "Partners",
        "Timeframe",
        "Status",
        "Progress (EN)",
        "Progress (FR)",
    ],
    "SO3": ["No.", "Activity (EN)", "Activity (FR)", "Partners", "Status", "Progress (EN)", "Progress (FR)"],
}


def row(part, number, status="ongoing", partners="WCO, UNODC", progress=("Work goes on.", "Les travaux se poursuivent.")):
    texts = [f"Activity {number}", f"Activité {number}"]
    if part == "SO3":
        return [number, *texts, partners, status, *progress]
    return [number, *texts, f"Output {number}", f"Produit {number}", partners, dt.datetime(2025, 6, 30), status, *progress]


CURRENT = {
    "SO1": [row("SO1", "SO1.1"), row("SO1", "SO1.2", "done"), row("SO1", "SO1.10", "not-started")],
    "SO2": [row("SO2", "SO2.1", partners="WCO, INTERPOL, UNODC"), row("SO2", "SO2.3")],
    "SO3": [row("SO3", "SO3.1", "dropped")],
}
BASELINE = {
    "SO1": [row("SO1", "SO1.1", "not-started"), row("SO1", "SO1.2", "done"), row("SO1", "SO1.10", "not-started")],
    "SO2": [row("SO2", "SO2.1"), row("SO2", "SO2.2")],
    "SO3": [row("SO3", "SO3.1", "dropped")],
}


def settings_rows():
    """The factory's settings without the PTC's status rows or a draft programme."""
    return [list(s) for s in SETTINGS if not s[0].startswith("Status ") and s[0] != "Draft programme"]


def write_shape_sources(folder, shape_sheets=SHAPE_SHEETS, current=CURRENT, baseline=BASELINE):
    write_book(
        folder / "document.xlsx",
        {"Document": [["Setting", "Value", "Value (EN)", "Value (FR)", "Note"], *settings_rows()], **shape_sheets},
    )
    sheets = {f"Objective {key[-1]}": [HEADERS[key], *rows] for key, rows in current.items()}
    write_book(folder / "wp-2022-2025.xlsx", sheets)
    write_book(
        folder / "baseline" / "wp-2022-2025.xlsx",
        {f"Objective {key[-1]}": [HEADERS[key], *rows] for key, rows in baseline.items()},
    )
    return folder


def write_shape_template(path, lang):
    """A template that follows the shape: a paragraph per part with its counts, a table per part."""
    document = Document()
    document.add_paragraph(f"{{{{ doc.reference }}}} ({lang})")
    document.add_paragraph("{% for part in current.parts %}{{ part.title }}: {{ part.counts.total|number }}. {% endfor %}")
    document.add_paragraph(
        "Strategic objective 3 has {{ current.counts.done|number }} done and {{ current.counts.total|number }} in all."
    )
    document.add_paragraph("Annex I – Work programme {{ current.period }}")
    for number, key in enumerate(("SO1", "SO2", "SO3"), start=1):
        document.add_paragraph(f"{{{{ current.parts[{number - 1}].title }}}}")
        tags = [
            "no",
            "activity",
            *(["output"] if key != "SO3" else []),
            "partners",
            *(["timeframe"] if key != "SO3" else []),
            "status",
            "progress",
        ]
        table = document.add_table(rows=4, cols=len(tags))
        for cell, name in zip(table.rows[0].cells, tags, strict=True):
            cell.text = name
        table.rows[1].cells[0].text = f"{{%tr for row in current.part{number} %}}"
        for cell, name in zip(table.rows[2].cells, tags, strict=True):
            cell.paragraphs[0].add_run(f"{{{{r row.{name} }}}}")
        table.rows[3].cells[0].text = "{%tr endfor %}"
        document.add_paragraph("")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


@pytest.fixture
def body(tmp_path):
    write_shape_sources(tmp_path / "source_sheets")
    for lang in LANGS:
        write_shape_template(tmp_path / "templates" / lang / "report.docx", lang)
    return tmp_path


def folders(root):
    return ["--sources", str(root / "source_sheets"), "--templates", str(root / "templates")]


def test_the_declaration_is_read_into_the_shape(body):
    report = Report()
    settings = read_settings(body / "source_sheets" / "document.xlsx", report)
    assert not report.errors, report.errors
    shape = settings.shape
    assert [p.key for p in shape.parts] == ["SO1", "SO2", "SO3"]
    assert shape.part("SO3").titles["fr"] == "Objectif stratégique 3 : partenariats"
    assert [c.name for c in shape.columns_of("SO3")] == ["Activity", "Partners", "Status", "Progress"]
    assert [c.name for c in shape.columns_of("SO1", reported=False)] == ["Activity", "Output", "Partners", "Timeframe"]
    assert shape.status("done").done and shape.status("dropped").colour == "FCE4D6"
    assert shape.columns[2].kind is ColumnKind.TEXT and not shape.columns[2].per_language
    assert settings.draft_programme is None


def test_numbers_as_committees_write_them_sort_naturally_and_look_alikes_are_refused(body):
    sources = read_sources(body / "source_sheets")
    assert [a.number for a in sources.current.part("SO1")] == ["SO1.1", "SO1.2", "SO1.10"]
    assert sorted(["A.10", "A.2", "CB-07", "1.10", "1.2"], key=number_key) == ["1.2", "1.10", "A.2", "A.10", "CB-07"]
    assert sources.draft is None
    assert sources.current.part("SO2")[0].text("Partners") == "WCO, INTERPOL, UNODC"


@pytest.mark.parametrize("typed", ["SО1.4", "1..4", "SO1 .4", "1.4!"])  # a Cyrillic О, a doubled dot, a space, a mark
def test_look_alike_numbers_are_refused_with_their_cell(body, runner, typed):
    current = {**CURRENT, "SO1": [*CURRENT["SO1"][:2], row("SO1", typed)]}
    write_shape_sources(body / "source_sheets", current=current)
    result = runner.invoke(cli, ["validate", *folders(body)])
    assert result.exit_code == 1
    assert "wp-2022-2025.xlsx › Objective 1 › A4" in result.output and "activity number" in result.output


@pytest.mark.slow
def test_another_body_builds_with_every_change_tracked_in_its_colours(body, runner):
    result = runner.invoke(cli, ["build", *folders(body), "--out", str(body / "build")])
    assert result.exit_code == 0, result.output
    xml = etree.fromstring(zipfile.ZipFile(body / "build" / "PC0999E1a.docx").read("word/document.xml"))
    text = "".join(xml.itertext())
    assert (
        "Strategic objective 1: intelligence: 3. Strategic objective 2: risk management: 2." in text
    )  # counted now: SO2.2 removed
    rows = xml.findall(f".//{W}tr")
    fills = {"".join(r.itertext())[:6]: {s.get(f"{W}fill") for s in r.findall(f"{W}tc/{W}tcPr/{W}shd")} for r in rows}
    assert (
        fills["SO1.1A"] == {"DDEBF7"}
        and fills["SO1.2A"] == {"E2EFDA"}
        and fills["SO1.10"] == {"EDEDED"}
        and fills["SO3.1A"] == {"FCE4D6"}
    )
    # the status move of SO1.1 keeps its former colour, so that rejecting it restores it
    moved = next(r for r in rows if "".join(r.itertext()).startswith("SO1.1A"))
    assert {s.get(f"{W}fill") for c in moved.iter(f"{W}tcPrChange") for s in c.iter(f"{W}shd")} == {"EDEDED"}
    added = next(r for r in rows if "".join(r.itertext()).startswith("SO2.3"))
    removed = next(r for r in rows if "SO2.2" in "".join(r.itertext()))
    assert added.find(f"{W}trPr/{W}ins") is not None and removed.find(f"{W}trPr/{W}del") is not None
    edited = next(r for r in rows if "".join(r.itertext()).startswith("SO2.1"))
    assert (
        "".join(t.text for t in edited.iter(f"{W}insText", f"{W}t") if t.getparent().getparent().tag == f"{W}ins") == "INTERPOL, "
    )
    french = "".join(etree.fromstring(zipfile.ZipFile(body / "build" / "PC0999F1a.docx").read("word/document.xml")).itertext())
    assert "Objectif stratégique 3\u202f: partenariats" in french and "Réalisée" in french


@pytest.mark.slow
def test_a_part_s_number_in_the_text_is_not_a_typed_figure(body, runner):
    result = runner.invoke(cli, ["validate", "--strict", *folders(body)])
    assert result.exit_code == 0, result.output
    assert "figure 3 is typed" not in result.output


def test_the_template_check_knows_the_declared_columns(body, runner):
    replace = body / "templates" / "en" / "report.docx"
    document = Document(replace)
    document.add_paragraph("{% for row in current.part3 %}{{ row.output }}{% endfor %}")  # SO3 has no Output
    document.save(replace)
    result = runner.invoke(cli, ["templates", "check", *folders(body)])
    assert result.exit_code == 1
    assert 'unknown name "row.output"' in result.output and "partners" in result.output
    table = runner.invoke(cli, ["templates", "variables", "--sources", str(body / "source_sheets")])
    assert "`{{r row.partners }}`" in table.output and "current.part3" in table.output


@pytest.mark.slow
def test_changes_review_and_translations_follow_the_shape(body, runner):
    changes = runner.invoke(cli, ["changes", "--sources", str(body / "source_sheets"), "--lang", "en"])
    assert changes.exit_code == 0, changes.output
    assert "Objective 1 SO1.1:\n  status: Not started → Under way" in changes.output
    assert "Objective 2 SO2.1:\n  partners: WCO, {+INTERPOL, +}UNODC" in changes.output
    assert "Objective 2 SO2.2: removed" in changes.output and "Objective 2 SO2.3: added" in changes.output
    review = runner.invoke(cli, ["review", *folders(body), "--out", str(body / "build")])
    assert review.exit_code == 0, review.output
    page = (body / "build" / "review.html").read_text(encoding="utf-8")
    assert "Objective 3, strategic objective 3: partnerships" in page and ".s-not-started { background: #EDEDED; }" in page
    assert "Part I" not in page
    assert 'title="Partners">WCO, INTERPOL, UNODC<' in page  # the neutral column beside the number
    export = runner.invoke(
        cli,
        ["translations", "export", "--to", "fr", "--all", "--sources", str(body / "source_sheets"), "-o", str(body / "fr.xlf")],
    )
    assert export.exit_code == 0, export.output
    xliff = (body / "fr.xlf").read_text(encoding="utf-8")
    assert "Objective 1/SO1.10/Output (FR)" in xliff and "Partners" not in xliff  # a neutral column is not translated
    back = runner.invoke(
        cli, ["translations", "import", str(body / "fr.xlf"), "--sources", str(body / "source_sheets"), "--apply"]
    )
    assert back.exit_code == 0, back.output
    snapshot = runner.invoke(cli, ["snapshot", "--sources", str(body / "source_sheets"), "--force"])
    assert snapshot.exit_code == 0, snapshot.output
    assert cells(body / "source_sheets" / "baseline" / "wp-2022-2025.xlsx") == cells(body / "source_sheets" / "wp-2022-2025.xlsx")
    after = runner.invoke(cli, ["changes", "--sources", str(body / "source_sheets"), "--lang", "en"])
    assert (
        after.exit_code == 0
        and "6 activities compared: 0 changed (0 status moves), 0 added, 0 removed, 6 unchanged" in after.output
    ), after.output


def test_new_workbook_follows_the_declaration(body, runner):
    path = body / "source_sheets" / "wp-2025-2028.xlsx"
    result = runner.invoke(cli, ["new-workbook", str(path), "--sources", str(body / "source_sheets")])
    assert result.exit_code == 0, result.output
    import openpyxl

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Objective 1", "Objective 2", "Objective 3"]
    assert [c.value for c in book["Objective 3"][1]] == HEADERS["SO3"]
    choices = book["Objective 1"].data_validations.dataValidation
    assert any("Not started" in (v.formula1 or "") for v in choices)


@pytest.mark.parametrize(
    ("sheets", "where", "what"),
    [
        ({"Parts": [["Part", "Sheet", "Title (EN)", "Title (FR)"], ["I", "", "A", "B"]]}, "Parts › B2", "has no sheet"),
        (
            {"Columns": [["Column", "Kind", "Per language", "Parts"], ["Region", "text", "no", "SO4"]]},
            "Columns › D2",
            'part "SO4" is not declared',
        ),
        (
            {
                "Statuses": [
                    ["Status", "Label (EN)", "Label (FR)", "Colour", "Done"],
                    ["a", "Same", "Même", "FFFFFF", "no"],
                    ["b", "same", "Autre", "FFFFFF", "no"],
                ]
            },
            "Statuses › B3",
            'the label "same" is also the label of "a"',
        ),
        (
            {"Statuses": [["Status", "Label (EN)", "Label (FR)", "Colour", "Done"], ["a", "A", "A", "green", "no"]]},
            "Statuses › D2",
            "not a hex RGB colour",
        ),
        ({"Statuses": [["Status", "Label (EN)", "Label (FR)", "Colour", "Done"]]}, "Statuses", "no status is declared"),
        (
            {"Columns": [["Column", "Kind", "Per language", "Parts"], ["Region", "colour", "no", "all"]]},
            "Columns › B2",
            'kind "colour" is not one of',
        ),
        ({"Parts": [["Part", "Sheet", "Title (EN)"], ["I", "Part I", "A"]]}, "Parts › row 1", 'column "Title (FR)" is missing'),
    ],
    ids=[
        "part without sheet",
        "column in unknown part",
        "two statuses one label",
        "colour not hex",
        "status column no statuses",
        "unknown kind",
        "title missing",
    ],
)
def test_each_problem_of_the_declaration_names_its_sheet_and_cell(tmp_path, sheets, where, what):
    broken = {**SHAPE_SHEETS, **sheets}
    write_book(
        tmp_path / "document.xlsx",
        {"Document": [["Setting", "Value", "Value (EN)", "Value (FR)", "Note"], *settings_rows()], **broken},
    )
    report = Report()
    assert read_settings(tmp_path / "document.xlsx", report) is None
    assert any(f"document.xlsx › {where}" in str(p.location) + "" or where in str(p.location) for p in report.errors), (
        report.errors
    )
    assert any(what in p.message for p in report.errors), [p.message for p in report.errors]


def test_without_a_declaration_the_ptc_shape_is_kept(tmp_path):
    from tests.helpers.factory import write_sources

    write_sources(tmp_path)
    shape = read_sources(tmp_path).settings.shape
    assert not shape.declared
    assert shape.parts == ptc_shape().parts and shape.columns == ptc_shape().columns
    assert [s.labels["fr"] for s in shape.statuses] == ["Menée à bien", "En cours", "En attente"]


def test_the_sample_declares_the_ptc_shape(sample):
    shape = read_sources(sample / "source_sheets").settings.shape
    assert shape.declared
    default = ptc_shape({s.key: s.labels for s in shape.statuses})
    assert (shape.parts, shape.columns, shape.statuses) == (default.parts, default.columns, default.statuses)


def test_a_template_that_filters_or_groups_rows_keeps_a_removed_row(body):
    import jinja2

    from ctpdoc.document.context import build_context

    context = build_context(read_sources(body / "source_sheets"), "en", tracked=True)
    env = jinja2.Environment()
    kept = env.from_string(
        '{% for row in current.part2 if row.partners == "WCO, UNODC" %}{{ row.no }} {{ row.change }};{% endfor %}'
    )
    assert kept.render(context.values) == "SO2.2 removed;SO2.3 added;"
    grouped = env.from_string(
        '{% for g in current.part2|groupby("partners") %}{{ g.grouper }}: {{ g.list|length }}. {% endfor %}'
    )
    assert grouped.render(context.values) == "WCO, INTERPOL, UNODC: 1. WCO, UNODC: 2. "


@pytest.mark.slow
def test_import_gives_back_the_same_cells_with_the_declared_shape(body, runner):
    assert runner.invoke(cli, ["build", *folders(body), "--out", str(body / "build")]).exit_code == 0
    into = body / "imported"
    documents = [str(body / "build" / "PC0999E1a.docx"), str(body / "build" / "PC0999F1a.docx")]
    result = runner.invoke(
        cli, ["import", *documents, "--into", str(into), "--shape", str(body / "source_sheets" / "document.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert "Objective 1 3, Objective 2 2, Objective 3 1" in result.output
    assert cells(into / "wp-2022-2025.xlsx") == cells(body / "source_sheets" / "wp-2022-2025.xlsx")
    declared = cells(into / "document.xlsx")
    assert declared["Parts"] == SHAPE_SHEETS["Parts"] and declared["Statuses"] == SHAPE_SHEETS["Statuses"]
    assert [row[:2] for row in declared["Columns"]] == [row[:2] for row in SHAPE_SHEETS["Columns"]]


@pytest.mark.slow
def test_harvest_brings_an_edit_of_a_declared_column_back(body, runner):
    from tests.helpers.docxread import edit_document

    assert runner.invoke(cli, ["build", *folders(body), "--out", str(body / "build")]).exit_code == 0
    built = body / "build" / "PC0999E1a.docx"
    untouched = runner.invoke(cli, ["harvest", str(built), *folders(body)])
    assert untouched.exit_code == 0, untouched.output
    assert "no cell differs" in untouched.output
    edited = edit_document(built, body / "edited.docx", (">Output SO1.2<", ">Output SO1.2, revised<"), (">Dropped<", ">Done<"))
    result = runner.invoke(cli, ["harvest", str(edited), *folders(body), "--apply"])
    assert result.exit_code == 0, result.output
    assert (
        "Objective 1 › D3 (SO1.2, Output (EN))" in result.output
        and "Objective 3 › E2 (SO3.1, Status): dropped → done" in result.output
    )
    now = cells(body / "source_sheets" / "wp-2022-2025.xlsx")
    assert now["Objective 1"][2][3] == "Output SO1.2, revised" and now["Objective 3"][1][4] == "done"


def test_templates_dump_and_new_workbook_default_to_the_settings_languages(body, runner):
    dumped = runner.invoke(cli, ["templates", "dump", *folders(body)])
    assert dumped.exit_code == 0, dumped.output
    assert dumped.output.splitlines()[0] == "{{ doc.reference }} (en)"  # the settings' first language (no Original language)
    book = body / "source_sheets" / "wp-2030-2033.xlsx"
    assert runner.invoke(cli, ["new-workbook", str(book), "--sources", str(body / "source_sheets")]).exit_code == 0
    import openpyxl

    assert [c.value for c in openpyxl.load_workbook(book)["Objective 3"][1]][1:3] == ["Activity (EN)", "Activity (FR)"]
