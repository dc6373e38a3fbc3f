"""The issue's "done when", end to end on a copy of the sample: the English progress of an activity changes,
validate names the French cell, the export holds just that unit for a CAT tool (translate-toolkit), the
translation imports with --apply, validate --strict is clean, and the French document shows the new text."""

from __future__ import annotations

import openpyxl
import pytest
from lxml import etree

from ctpdoc.cli.main import cli
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.docxread import accept, part, tables, text
from tests.helpers.xliff import NS, toolkit, validate_xliff

WP = "wp-2022-2025.xlsx"


@pytest.mark.slow
def test_the_translation_cycle_on_the_sample(runner, sample):
    sources, templates = sample / "source_sheets", sample / "templates"
    checked = read_sources(sources)
    assert checked.baseline is not None
    earlier = {a.number: a for a in checked.baseline.parts[0].activities}
    # An activity whose progress is the same as at the previous report, in both languages.
    activity = next(
        a
        for a in checked.current.parts[0].activities
        if a.number in earlier and a.texts("Progress") == earlier[a.number].texts("Progress") and a.texts("Progress")["en"]
    )
    row = int(activity.location.cell.removeprefix("row "))
    book = openpyxl.load_workbook(sources / WP)
    sheet = book["Part I"]
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    new_en = f"{activity.texts('Progress')['en']}\nUpdate, the PTC endorsed the text."
    sheet[f"{letters['Progress (EN)']}{row}"] = new_en
    book.save(sources / WP)
    fr_cell = f"{letters['Progress (FR)']}{row}"

    validated = runner.invoke(cli, ["validate", "--sources", str(sources), "--templates", str(templates)])
    assert validated.exit_code == 0, validated.output
    stale = [line for line in validated.output.splitlines() if "but Progress (FR) did not" in line]
    assert len(stale) == 1 and stale[0].startswith(  # the sample ships its record of texts in step
        f"{WP} › Part I › {fr_cell} ({activity.number}, Progress (FR)): warning: Progress (EN) changed since the texts were last "
        "in step (translations.toml) but Progress (FR) did not; update the translation, or confirm it"
    )

    exported = sample / "fr.xlf"
    result = runner.invoke(cli, ["translations", "export", "--sources", str(sources), "--to", "fr", "-o", str(exported)])
    assert result.exit_code == 0 and "1 text to translate into fr" in result.output, result.output
    validate_xliff(exported)
    translated = sample / "fr-translated.xlf"
    [unit] = toolkit(exported, translated)  # the CAT side opens it: just that unit, the old translation beside it
    assert unit["id"] == f"{WP}/Part I/{activity.number}/Progress (FR)" and unit["source"] == new_en
    assert (
        unit["alt"] == [[activity.texts("Progress")["en"], activity.texts("Progress")["fr"]]]
        and unit["target"] == activity.texts("Progress")["fr"]
    )
    new_fr = etree.parse(str(translated)).findtext(".//x:target", namespaces=NS)
    assert new_fr == "TT " + new_en  # what the CAT side wrote

    record = (sources / "translations.toml").read_text()
    imported = runner.invoke(cli, ["translations", "import", "--sources", str(sources), str(translated), "--apply"])
    assert imported.exit_code == 0, imported.output
    changed = set((sources / "translations.toml").read_text().splitlines()) - set(record.splitlines())
    assert {line.split(" = ")[0] for line in changed} == {f'"{activity.number} Progress"'}  # the import saw them in step
    strict = runner.invoke(cli, ["validate", "--strict", "--sources", str(sources), "--templates", str(templates)])
    assert strict.exit_code == 0, strict.output

    out = sample / "build"
    built = runner.invoke(
        cli, ["build", "--sources", str(sources), "--templates", str(templates), "--out", str(out), "--lang", "fr"]
    )
    assert built.exit_code == 0, built.output
    [document] = out.glob("*F*a.docx")  # the tracked French document, read with every change accepted
    accepted = text(accept(part(document)))
    assert accepted.count("TT ") == 1 and accepted.count("Update, the PTC endorsed the text.") == 1
    [row] = [
        cells for table in tables(accept(part(document))) for cells in table if any("Update, the PTC" in cell for cell in cells)
    ]
    assert row[0] == activity.number and row[-1].endswith(new_fr), row  # the status and, below it, the progress
