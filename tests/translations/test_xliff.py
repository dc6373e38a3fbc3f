"""XLIFF 1.2 for CAT tools: the export (schema-valid, read by translate-toolkit as Pootle and Weblate read it),
the import back into the cells, and every bad file refused in one line with the workbook untouched."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.utils import get_column_letter

from ctpdoc.cli.main import cli
from ctpdoc.contract import CONFIRMATIONS_SHEET
from ctpdoc.translations.catalogue import read_catalogue
from ctpdoc.translations.texts import State
from ctpdoc.translations.xliff import LISTED
from ctpdoc.workbooks.edit import cells
from tests.helpers.factory import PART1, PART2, backups_of, part1_row, part2_row, write_sources
from tests.helpers.xliff import NS, SYSTEM_PYTHON, export, set_target, toolkit, translate, units, validate_xliff

WP = "wp-2022-2025.xlsx"
NEW_EN = "Work resumed in 2025.\nThe draft went to Members."
OLD = part1_row("1.1")


def letter(header: str, headers: list[str] = PART1) -> str:
    return get_column_letter(headers.index(header) + 1)


def unit_id(number: str, column: str, sheet: str = "Part I", workbook: str = WP) -> str:
    return f"{workbook}/{sheet}/{number}/{column}"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """In French: 1.1's progress out of date (the English changed, on two lines); 1.10's deliverable missing;
    1.11, added since the baseline, without French progress. In English: 2.1's activity out of date."""
    new = part1_row("1.11", progress=("Started in 2025.", None))
    part1 = [part1_row("1.1", progress=(NEW_EN, OLD[-1])), part1_row("1.2", "completed"), part1_row("1.10", "pending"), new]
    part1[2][PART1.index("Deliverable (FR)")] = None
    part2 = [part2_row("2.1"), part2_row("2.2")]
    part2[0][PART2.index("Activity (FR)")] = "Permanente 2.1, reformulée"
    baseline1 = [part1_row("1.1"), part1_row("1.2", "completed"), part1_row("1.10", "pending")]
    return write_sources(
        tmp_path / "source_sheets", part1=part1, part2=part2, baseline1=baseline1, baseline2=[part2_row("2.1"), part2_row("2.2")]
    )


def invoke(runner, *args: str):
    return runner.invoke(cli, list(args))


# ---------------------------------------------------------------- export


def test_export_holds_just_the_texts_to_translate_and_is_valid_xliff_1_2(runner, sources):
    path = export(runner, sources, "--to", "fr")
    validate_xliff(path)
    found = units(path)
    draft = unit_id("1.10", "Deliverable (FR)", workbook="wp-2025-2028.xlsx")  # the draft programme has the same gap
    assert set(found) == {
        unit_id("1.1", "Progress (FR)"),
        unit_id("1.10", "Deliverable (FR)"),
        unit_id("1.11", "Progress (FR)"),
        draft,
    }
    files = {
        f.get("original"): (f.get("source-language"), f.get("target-language"))
        for f in etree.parse(str(path)).iterfind("x:file", NS)
    }
    assert files == {WP: ("en", "fr"), "wp-2025-2028.xlsx": ("en", "fr")}
    assert found[draft].find("x:target", NS).get("state") == "new" and found[draft].find("x:alt-trans", NS) is None
    stale = found[unit_id("1.1", "Progress (FR)")]
    assert stale.findtext("x:source", namespaces=NS) == NEW_EN  # the line break kept, as a newline
    assert stale.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert stale.find("x:target", NS).text == OLD[-1] and stale.find("x:target", NS).get("state") == "needs-review-translation"
    assert stale.findtext("x:alt-trans/x:source", namespaces=NS) == OLD[-2]
    assert stale.findtext("x:alt-trans/x:target", namespaces=NS) == OLD[-1]
    notes = [n.text for n in stale.iterfind("x:note", NS)]
    assert notes[0].startswith("1.1: Activity 1.1") and "Progress (EN) changed since the previous report" in notes[1]
    missing = found[unit_id("1.10", "Deliverable (FR)")]
    assert missing.find("x:target", NS).get("state") == "needs-translation" and not missing.find("x:target", NS).text
    assert found[unit_id("1.11", "Progress (FR)")].find("x:target", NS).get("state") == "new"  # nothing earlier to start from


def test_the_default_source_is_the_language_that_changed(runner, sources):
    path = export(runner, sources, "--to", "en")
    validate_xliff(path)
    [file] = etree.parse(str(path)).iterfind("x:file", NS)
    assert file.get("source-language") == "fr"
    [unit] = units(path).values()
    assert unit.get("id") == unit_id("2.1", "Activity (EN)", "Part II")
    assert unit.findtext("x:source", namespaces=NS) == "Permanente 2.1, reformulée"
    assert unit.findtext("x:alt-trans/x:source", namespaces=NS) == "Permanente 2.1"


def test_all_exports_every_text_with_truthful_states(runner, sources):
    path = export(runner, sources, "--to", "fr", "--all")
    validate_xliff(path)
    entries = read_catalogue(sources).entries("fr")
    states = [u.find("x:target", NS).get("state") for u in units(path).values()]
    assert len(states) == len(entries)
    assert states.count("translated") == sum(1 for e in entries if e.state is State.UP_TO_DATE)
    files = {(f.get("original"), f.get("source-language")) for f in etree.parse(str(path)).iterfind("x:file", NS)}
    assert files == {(WP, "en"), ("wp-2025-2028.xlsx", "en")}


def test_nothing_to_translate_writes_no_file(runner, tmp_path):
    folder = write_sources(tmp_path / "s")
    result = invoke(runner, "translations", "export", "--sources", str(folder), "--to", "fr", "-o", str(tmp_path / "x.xlf"))
    assert result.exit_code == 0 and "nothing to translate into fr" in result.output and not (tmp_path / "x.xlf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "de"], "de is not a language of the settings (en, fr)"),
        (["--to", "fr", "--from", "fr"], "is the language translated into"),
        (["--to", "fr", "-o", "nowhere/fr.xlf"], "the folder nowhere does not exist"),
        (["--to", "fr", "-o", "fr.docx"], "should end in .xlf"),
    ],
)
def test_export_options_are_checked(runner, sources, args, message, monkeypatch):
    monkeypatch.chdir(sources.parent)
    result = invoke(runner, "translations", "export", "--sources", str(sources), *args)
    assert result.exit_code == 1 and message in result.output and not list(sources.parent.glob("*.xlf"))


# ---------------------------------------------------------------- import


def test_import_shows_the_changes_then_writes_them_with_apply(runner, sources):
    data = (sources / WP).read_bytes()
    path = translate(export(runner, sources, "--to", "fr"), set_target("FR {source}"))
    shown = invoke(runner, "translations", "import", "--sources", str(sources), str(path))
    assert shown.exit_code == 0, shown.output
    cell = f"{letter('Progress (FR)')}2"
    assert (
        f"{WP} › Part I › {cell} (1.1, Progress (FR)): [-{OLD[-1]}-]{{+FR Work resumed in 2025. ⏎ The draft went to Members.+}}"
        in shown.output
    )
    assert "4 cells would change" in shown.output and (sources / WP).read_bytes() == data
    applied = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert applied.exit_code == 0, applied.output
    assert f"wrote 3 cells into {WP}" in applied.output and "wrote 1 cell into wp-2025-2028.xlsx" in applied.output
    written = cells(sources / WP, "Part I")
    assert written[cell] == "FR " + NEW_EN  # two lines in the cell
    assert written[f"{letter('Deliverable (FR)')}4"] == "FR A guide"
    assert cells(backups_of(sources / WP)[-1], "Part I")[cell] == OLD[-1]
    assert {e.state for e in read_catalogue(sources).entries("fr")} == {State.UP_TO_DATE}


def test_a_translation_reviewed_and_kept_is_confirmed(runner, sources):
    def keep(unit: etree._Element) -> None:
        if unit.get("id") == unit_id("1.1", "Progress (FR)"):
            unit.find("x:target", NS).set("state", "translated")  # reviewed, unchanged
        else:
            set_target("FR {source}")(unit)

    path = translate(export(runner, sources, "--to", "fr"), keep)
    result = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert result.exit_code == 0, result.output
    assert "(1.1, Progress (FR)): kept as it was, reviewed in the CAT tool: will be confirmed" in result.output
    assert openpyxl.load_workbook(sources / WP)[CONFIRMATIONS_SHEET]["C2"].value == "Progress (FR)"
    assert {e.state for e in read_catalogue(sources).entries("fr")} == {State.UP_TO_DATE, State.CONFIRMED}


def test_an_untouched_export_says_which_units_are_still_untranslated_or_to_review(runner, sources):
    path = export(runner, sources, "--to", "fr")
    data = {name: (sources / name).read_bytes() for name in (WP, "wp-2025-2028.xlsx")}
    entries = read_catalogue(sources).entries("fr")
    missing = [e.text.where("fr") for e in entries if e.state is State.MISSING]
    stale = [e.text.where("fr") for e in entries if e.state is State.OUT_OF_DATE]
    shown = invoke(runner, "translations", "import", "--sources", str(sources), str(path))
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert f"{len(missing)} units untranslated, their cells left as they are:" in lines
    assert (
        f"{len(stale)} unit still to review, its earlier translation kept and not marked reviewed (still out of date):" in lines
    )
    assert {f"  {where}" for where in missing + stale} <= set(lines)
    assert lines[-1] == (
        f"0 cells would change, 0 translations be confirmed ({len(missing)} untranslated, {len(stale)} still to review, "
        "0 left as they were); run again with --apply to write them"
    )
    applied = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert applied.exit_code == 0, applied.output
    assert f"nothing written ({len(missing)} untranslated, {len(stale)} still to review, 0 left as they were)" in applied.output
    assert {name: (sources / name).read_bytes() for name in data} == data


def test_a_partly_translated_file_writes_what_is_translated_and_lists_the_rest(runner, sources):
    done = unit_id("1.10", "Deliverable (FR)")
    path = translate(
        export(runner, sources, "--to", "fr", "--all"), lambda u: set_target("FR {source}")(u) if u.get("id") == done else None
    )
    result = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert result.exit_code == 0, result.output
    assert cells(sources / WP, "Part I")[f"{letter('Deliverable (FR)')}4"] == "FR A guide"
    entries = read_catalogue(sources).entries("fr")
    up_to_date = sum(1 for e in entries if e.state is State.UP_TO_DATE) - 1  # the one just written
    assert f"{up_to_date} units left as they were (the cells' texts already):" in result.output
    listed = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(listed) <= 3 * LISTED and f"  … and {up_to_date - LISTED} more" in listed  # bounded, with a count


@pytest.mark.parametrize("open_one", [WP, "wp-2025-2028.xlsx"])
def test_import_writes_no_workbook_while_one_of_them_is_open(runner, sources, open_one):
    path = translate(export(runner, sources, "--to", "fr"), set_target("FR {source}"))
    (sources / f".~lock.{open_one}#").write_text("")
    data = {name: (sources / name).read_bytes() for name in (WP, "wp-2025-2028.xlsx")}
    result = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert result.exit_code == 1 and f"{open_one}: is open in Excel or LibreOffice" in result.output
    assert {name: (sources / name).read_bytes() for name in data} == data


# ---------------------------------------------------------------- a real CAT-side reader: translate-toolkit


def test_translate_toolkit_reads_the_export_and_its_translation_imports(runner, sources):
    path = export(runner, sources, "--to", "fr")
    read = {u["id"]: u for u in toolkit(path, sources.parent / "translated.xlf")}
    stale = read[unit_id("1.1", "Progress (FR)")]
    assert stale["source"] == NEW_EN and stale["target"] == OLD[-1] and stale["state"] == "needs-review-translation"
    assert stale["alt"] == [[OLD[-2], OLD[-1]]] and "1.1: Activity 1.1" in str(stale["notes"])
    assert read[unit_id("1.10", "Deliverable (FR)")]["state"] == "needs-translation"
    result = invoke(
        runner, "translations", "import", "--sources", str(sources), str(sources.parent / "translated.xlf"), "--apply"
    )
    assert result.exit_code == 0, result.output
    assert cells(sources / WP, "Part I")[f"{letter('Progress (FR)')}2"] == "TT " + NEW_EN  # the line break survived the CAT side


TRANSLATE_PO = """
import sys
from translate.storage import po
store = po.pofile.parsefile(sys.argv[1])
for unit in store.units:
    if sys.argv[2] in unit.getlocations():
        unit.target = "PO " + unit.source
        unit.markfuzzy(False)
with open(sys.argv[1], "wb") as out:
    out.write(bytes(store))
"""


def round_trip(exported: Path, translated_id: str | None = None) -> Path:
    """``xliff2po`` then ``po2xliff -t`` (the export as template), as a translator working in PO does; with
    ``translated_id``, that unit's entry translated in the PO file between the two."""
    if not (Path("/usr/bin/xliff2po").exists() and Path("/usr/bin/po2xliff").exists()):
        pytest.skip(
            "translate-toolkit's xliff2po and po2xliff are not installed (apt-get install translate-toolkit, as .ci/run does)"
        )
    po_file, back = exported.with_suffix(".po"), exported.with_name("back.xlf")
    subprocess.run(["/usr/bin/xliff2po", "--progress=none", str(exported), str(po_file)], capture_output=True, check=True)
    if translated_id is not None:
        subprocess.run([SYSTEM_PYTHON, "-c", TRANSLATE_PO, str(po_file), translated_id], capture_output=True, check=True)
    subprocess.run(
        ["/usr/bin/po2xliff", "--progress=none", "-t", str(exported), str(po_file), str(back)], capture_output=True, check=True
    )
    return back


@pytest.mark.slow
def test_a_round_trip_through_po_says_what_is_untranslated_and_imports_what_was_translated(runner, sources):
    exported = export(runner, sources, "--to", "fr")
    direct = invoke(runner, "translations", "import", "--sources", str(sources), str(exported))
    untouched = invoke(runner, "translations", "import", "--sources", str(sources), str(round_trip(exported)))
    assert untouched.exit_code == 0, untouched.output
    assert untouched.output == direct.output and "3 units untranslated, their cells left as they are:" in untouched.output
    done = unit_id("1.10", "Deliverable (FR)")
    translated = invoke(runner, "translations", "import", "--sources", str(sources), str(round_trip(exported, done)), "--apply")
    assert translated.exit_code == 0, translated.output
    assert cells(sources / WP, "Part I")[f"{letter('Deliverable (FR)')}4"] == "PO A guide"
    assert "2 units untranslated, their cells left as they are:" in translated.output


# ---------------------------------------------------------------- bad files

BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="wp-2022-2025.xlsx" source-language="en"
target-language="fr" datatype="plaintext"><body><trans-unit id="x"><source>&f;</source></trans-unit></body></file></xliff>"""
XXE = (
    BOMB.split("<xliff")[0].split("<!DOCTYPE")[0]
    + '<!DOCTYPE xliff [<!ENTITY f SYSTEM "file:///etc/passwd">]>\n<xliff'
    + BOMB.split("<xliff", 1)[1]
)
XLIFF2 = """<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
<file id="f"><unit id="u"><segment><source>a</source><target>b</target></segment></unit></file></xliff>"""


def many_units(text: str) -> str:
    body = "".join(f'<trans-unit id="u{i}"><source>s</source><target>t</target></trans-unit>' for i in range(100_000))
    return text.replace("<body>", "<body>" + body, 1)


def replace_target(unit_number: str, build: Callable[[etree._Element], None]) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        root = etree.fromstring(text.encode())
        for unit in root.iterfind(".//x:trans-unit", NS):
            if unit.get("id").startswith(f"{WP}/Part I/{unit_number}/"):
                build(unit.find("x:target", NS))
        return etree.tostring(root, encoding="unicode")

    return mutate


def markup(target: etree._Element) -> None:
    target.text = "Les "
    bold = etree.SubElement(target, "{urn:oasis:names:tc:xliff:document:1.2}g", id="1")
    bold.text = "travaux"


def duplicate(text: str) -> str:
    root = etree.fromstring(text.encode())
    unit = root.find(".//x:trans-unit", NS)
    unit.addnext(etree.fromstring(etree.tostring(unit)))
    return etree.tostring(root, encoding="unicode")


BAD: dict[str, tuple[Callable[[str], str], str]] = {
    "malformed": (lambda t: t[: len(t) // 2], "out.xlf: is not well-formed XML (line"),
    "not XLIFF": (lambda t: "<html><body>Translated</body></html>", "out.xlf: is not an XLIFF file (its root element is <html>)"),
    "XLIFF 2.0": (lambda t: XLIFF2, "out.xlf: is XLIFF 2.0; ctpdoc reads XLIFF 1.2"),
    "entity bomb": (lambda t: BOMB, 'out.xlf: declares a DTD or XML entities (an "XML bomb"'),
    "external entity": (lambda t: XXE, 'out.xlf: declares a DTD or XML entities (an "XML bomb"'),
    "100,000 units": (many_units, "translation units, more than the"),
    "control characters": (
        replace_target("1.10", lambda t: setattr(t, "text", "Un guide\x7f\x9b")),
        "(1.10, Deliverable (FR)): the translation holds control characters",
    ),
    "markup": (replace_target("1.10", markup), "(1.10, Deliverable (FR)): the translation holds markup (<g>)"),
    "duplicate ids": (duplicate, f"out.xlf › unit {unit_id('1.1', 'Progress (FR)')}: appears twice in the file"),
    "unknown id": (
        lambda t: t.replace(f"{WP}/Part I/1.10/", f"{WP}/Part I/9.99/"),
        f"out.xlf › unit {unit_id('9.99', 'Deliverable (FR)')}: names no translated text of {WP}",
    ),
    "another workbook": (
        lambda t: t.replace(f'original="{WP}"', 'original="wp-2019-2022.xlsx"'),
        "out.xlf: is for wp-2019-2022.xlsx, not for a workbook of",
    ),
    "wrong language": (
        lambda t: t.replace('target-language="fr"', 'target-language="de"'),
        "goes into Progress (FR) but the file translates en into de",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_gets_one_line_and_leaves_the_workbook_as_it_was(runner, sources, case):
    mutate, message = BAD[case]
    path = translate(export(runner, sources, "--to", "fr"), set_target("FR {source}"))
    path.write_text(mutate(path.read_text(encoding="utf-8")), encoding="utf-8")
    data = (sources / WP).read_bytes()
    result = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    if case != "wrong language":  # every unit of that file is wrong in the same way
        assert "1 problem found" in result.output or result.output.count("\n") == 1
    assert (sources / WP).read_bytes() == data and not backups_of(sources / WP)


def test_a_text_changed_since_the_export_is_refused(runner, sources):
    path = translate(export(runner, sources, "--to", "fr"), set_target("FR {source}"))
    book = openpyxl.load_workbook(sources / WP)
    book["Part I"][f"{letter('Progress (EN)')}2"] = "Rewritten after the export."
    book.save(sources / WP)
    data = (sources / WP).read_bytes()
    result = invoke(runner, "translations", "import", "--sources", str(sources), str(path), "--apply")
    assert result.exit_code == 1
    assert (
        f"{WP} › Part I › {letter('Progress (FR)')}2 (1.1, Progress (FR)): the file translates “Work resumed in 2025. ⏎ The "
        f"draft went to Members.” "
        "but Progress (EN) now reads “Rewritten after the export.”: the text changed since the export; export again"
        in result.output
    )
    assert (sources / WP).read_bytes() == data and not backups_of(sources / WP)
