"""The second report in the box: `ctpdoc init --example` writes another working body's report (made up, the
Enforcement Committee's), and every command runs on it as on the PTC sample.

Its shape (example/source_sheets/document.xlsx): three strategic objectives as parts, four statuses with their
own colours, a neutral Partners and a per-language Output column beyond the PTC's, numbers such as SO1.10, no
draft programme; its baseline differs by a removed row (SO2.3), an added row (SO3.4), status moves (SO1.2:
under way → completed) and an edit of the neutral column (SO2.1's partners).
"""

from __future__ import annotations

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from ctpdoc.render.starter import starter_template
from ctpdoc.shape import ColumnKind, ptc_shape
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.docxread import NS, accept, part, q, reject, row_fills, tables, text
from tests.helpers.oracle import cells
from tests.helpers.repo import ROOT, validate_ooxml
from tests.helpers.xliff import set_target, translate, units, validate_xliff

EXAMPLE = ROOT / "example" / "source_sheets"
WP = "wp-2024-2026.xlsx"
DOCUMENTS = {"en": "EC0455E1a.docx", "fr": "EC0455F1a.docx"}
COLOURS = {"not-started": "EDEDED", "under-way": "DDEBF7", "completed": "E2EFDA", "deferred": "FFF2CC"}


@pytest.fixture
def example(tmp_path, runner):
    """A report folder made by `ctpdoc init --example`."""
    result = runner.invoke(cli, ["init", str(tmp_path / "example"), "--example"])
    assert result.exit_code == 0, result.output
    return tmp_path / "example"


def folders(root):
    return ["--sources", str(root / "source_sheets"), "--templates", str(root / "templates")]


def build(runner, root, *args):
    result = runner.invoke(cli, ["build", *folders(root), "--out", str(root / "build"), *args])
    assert result.exit_code == 0, result.output
    return {lang: root / "build" / name for lang, name in DOCUMENTS.items()}


def files_of(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_example_is_another_working_body_s_report():
    sources = read_sources(EXAMPLE)
    shape = sources.settings.shape
    ptc = {c.name for c in ptc_shape().columns}
    assert shape.declared and len(shape.parts) >= 3
    assert {s.key: s.colour for s in shape.statuses} == COLOURS and sum(s.done for s in shape.statuses) == 1
    extra = [c for c in shape.columns if c.name not in ptc]
    assert any(c.per_language and c.kind is ColumnKind.TEXT for c in extra) and any(
        not c.per_language and c.kind is ColumnKind.TEXT for c in extra
    )
    numbers = [a.number for a in sources.current.activities]
    assert not any(n.replace(".", "").isdigit() for n in numbers) and "SO1.10" in numbers
    assert sources.draft is None and sources.settings.draft_programme is None
    assert all(path.stat().st_size < 20_000 for path in EXAMPLE.rglob("*.xlsx"))  # small


def test_init_example_writes_it_with_the_starter_templates(example, runner):
    assert files_of(example) == ["ctpdoc.toml", "source_sheets/baseline/wp-2024-2026.xlsx", "source_sheets/document.xlsx",
                                 f"source_sheets/{WP}", "templates/en/report.docx", "templates/fr/report.docx"]  # fmt: skip
    for name in files_of(EXAMPLE):
        assert (example / "source_sheets" / name).read_bytes() == (EXAMPLE / name).read_bytes()
    for lang in DOCUMENTS:
        assert text(part(example / "templates" / lang / "report.docx")) == text(starter(lang, example))
    both = runner.invoke(cli, ["init", str(example.parent / "other"), "--example", "--empty"])
    assert both.exit_code == 2 and "--empty and --example are two different starts" in both.output


def starter(lang, where):
    path = where / f"starter-{lang}.docx"
    path.write_bytes(starter_template(lang))
    return part(path)


@pytest.mark.slow
def test_validate_strict_and_the_template_check_pass(example, runner):
    for command in (["validate", "--strict"], ["templates", "check"]):
        result = runner.invoke(cli, [*command, *folders(example)])
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.slow
def test_build_tracks_every_change_in_the_declared_colours(example, runner):
    documents = build(runner, example, "--strict")
    assert files_of(example / "build") == sorted(
        [*DOCUMENTS.values(), "EC0455E1a-clean.docx", "EC0455F1a-clean.docx", "review.html"]
    )
    for lang, path in documents.items():
        root = part(path)
        body = text(root)
        assert ("Strategic objective 3: capacity building and partnerships" if lang == "en"
                else "Objectif stratégique 3\u202f: renforcement des capacités et partenariats") in body  # fmt: skip
        assert "Annex II" not in body and "Annexe II" not in body
        assert [cells[0] for table in tables(root) for cells in table[1:]] == [
            "SO1.1", "SO1.2", "SO1.3", "SO1.10", "SO2.1", "SO2.2", "SO2.3", "SO2.4", "SO3.1", "SO3.2", "SO3.4"]  # fmt: skip
        fills = row_fills(accept(root))
        assert fills["SO1.1"] == {COLOURS["under-way"]} and fills["SO1.3"] == {COLOURS["not-started"]}
        assert fills["SO1.2"] == {COLOURS["completed"]} and fills["SO2.2"] == {COLOURS["deferred"]}
        assert row_fills(reject(root))["SO1.2"] == {COLOURS["under-way"]}  # the status move's former colour comes back
        rows = {r.xpath("string(w:tc[1])", namespaces=NS): r for r in root.iter(q("tr"))}
        assert (
            rows["SO2.3"].find(f"{q('trPr')}/{q('del')}") is not None
            and rows["SO3.4"].find(f"{q('trPr')}/{q('ins')}") is not None
        )
        partners = rows["SO2.1"].xpath("w:tc[4]", namespaces=NS)[0]  # No., Activity, Output, Partners
        assert [t.text for i in partners.iter(q("ins")) for t in i.iter(q("t"))] == [", UNODC"]
    validate_ooxml(*documents.values())  # last: it skips where the validator is not beside the project


def test_changes_and_review_follow_the_example(example, runner):
    changes = runner.invoke(cli, ["changes", "--sources", str(example / "source_sheets"), "--lang", "en"])
    assert changes.exit_code == 0, changes.output
    assert "Objective 1 SO1.2:\n  status: Under way → Completed" in changes.output
    assert "Objective 2 SO2.1:\n  status: Under way → Completed\n  partners: WCO, INTERPOL{+, UNODC+}" in changes.output
    assert "Objective 2 SO2.3: removed" in changes.output and "Objective 3 SO3.4: added" in changes.output
    review = runner.invoke(cli, ["review", *folders(example), "--out", str(example / "build")])
    assert review.exit_code == 0, review.output
    page = (example / "build" / "review.html").read_text(encoding="utf-8")
    assert "strategic objective 2: enforcement operations" in page and ".s-deferred { background: #FFF2CC; }" in page
    assert "Part I" not in page


@pytest.mark.slow
def test_a_translation_goes_out_as_xliff_and_comes_back_into_its_cell(example, runner):
    sources = example / "source_sheets"
    exported = example / "fr.xlf"
    result = runner.invoke(cli, ["translations", "export", "--to", "fr", "--all", "--sources", str(sources), "-o", str(exported)])
    assert result.exit_code == 0, result.output
    found = units(exported)
    unit = f"{WP}/Objective 1/SO1.10/Output (FR)"
    assert unit in found and not any("Partners" in key for key in found)  # the neutral column is not translated
    translate(
        exported,
        lambda u: set_target("Rapport 2025 sur le commerce illicite, édition révisée")(u) if u.get("id") == unit else None,
    )
    imported = runner.invoke(cli, ["translations", "import", "--sources", str(sources), str(exported), "--apply"])
    assert imported.exit_code == 0, imported.output
    sheet = openpyxl.load_workbook(sources / WP)["Objective 1"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "SO1.10")
    assert row[headers.index("Output (FR)")].value == "Rapport 2025 sur le commerce illicite, édition révisée"
    french = build(runner, example, "--lang", "fr")["fr"]
    assert "Rapport 2025 sur le commerce illicite, édition révisée" in text(accept(part(french)))
    validate_xliff(exported)  # last: it skips where the validator is not beside the project


def test_snapshot_makes_the_current_programme_the_baseline(example, runner):
    sources = example / "source_sheets"
    result = runner.invoke(cli, ["snapshot", "--sources", str(sources), "--force"])
    assert result.exit_code == 0, result.output
    assert (sources / "baseline" / WP).read_bytes() == (sources / WP).read_bytes()
    assert [p.name for p in (sources / "baseline" / "history").rglob("*.xlsx")] == [WP]  # the one it replaced, kept
    changes = runner.invoke(cli, ["changes", "--sources", str(sources)])
    assert changes.exit_code == 0 and "0 changed" in changes.output.splitlines()[-1], changes.output


def test_new_workbook_follows_the_example_s_declaration(example, runner):
    path = example / "source_sheets" / "wp-2027-2029.xlsx"
    result = runner.invoke(cli, ["new-workbook", str(path), "--sources", str(example / "source_sheets")])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Objective 1", "Objective 2", "Objective 3"]
    assert [c.value for c in book["Objective 3"][1]] == [
        "No.",
        "Activity (EN)",
        "Activity (FR)",
        "Partners",
        "Timeframe",
        "Status",
        "Progress (EN)",
        "Progress (FR)",
    ]


@pytest.mark.slow
def test_import_gives_back_the_same_cells(example, runner):
    documents = build(runner, example)
    into = example / "imported"
    result = runner.invoke(
        cli,
        [
            "import",
            *map(str, documents.values()),
            "--into",
            str(into),
            "--shape",
            str(example / "source_sheets" / "document.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    original, imported = cells(example / "source_sheets" / WP), cells(into / WP)
    assert {name: original[name] for name in ("Objective 1", "Objective 2", "Objective 3")} == {
        name: imported[name] for name in ("Objective 1", "Objective 2", "Objective 3")
    }


@pytest.mark.slow
def test_harvest_finds_nothing_to_change_in_the_document_as_built(example, runner):
    documents = build(runner, example)
    before = (example / "source_sheets" / WP).read_bytes()
    result = runner.invoke(cli, ["harvest", str(documents["en"]), *folders(example), "--apply"])
    assert result.exit_code == 0, result.output
    assert (example / "source_sheets" / WP).read_bytes() == before
