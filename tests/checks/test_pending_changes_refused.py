"""A template saved with tracked changes still pending is refused by templates check, validate and build."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ctpdoc.checks.pending import REVISION_KINDS, find_revisions
from ctpdoc.cli.main import cli
from tests.helpers.repo import SAMPLE_TEMPLATES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ATTRS = f'xmlns:w="{W}" w:id="901" w:author="Traducteur" w:date="2025-03-01T10:00:00Z"'
FR = "fr/report.docx"
AGENDA = "{{ doc.agenda_item }}"
WHAT_TO_DO = (
    "; in Word, Review › Accept › Accept All Changes (or Reject › Reject All Changes); "
    "in LibreOffice, Edit › Track Changes › Accept All (or Reject All); then save"
)


def edit_part(path: Path, part: str, edit) -> None:
    """Rewrite one part of a .docx with ``edit(root)``, the other entries as they were."""
    with zipfile.ZipFile(path) as package:
        entries = [(info, package.read(info.filename)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in entries:
            if info.filename == part:
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            package.writestr(info, data)


def paragraph_with(root, text: str):
    return next(p for p in root.iter(f"{{{W}}}p") if text in "".join(p.itertext()))


def el(xml: str):
    return etree.fromstring(xml)


def the_three(runner, folder: Path):
    """templates check, validate and build on the same folder."""
    templates = str(folder / "templates")
    sources = str(folder / "source_sheets")
    return {
        "templates check": runner.invoke(cli, ["templates", "check", "--templates", templates]),
        "validate": runner.invoke(cli, ["validate", "--sources", sources, "--templates", templates]),
        "build": runner.invoke(cli, ["build", "--sources", sources, "--templates", templates, "--out", str(folder / "build")]),
    }


# ---------------------------------------------------------------- revisions as Word writes them


def word_insertion(root) -> None:
    """A translator typed a word with Track Changes on: the run inside w:ins."""
    paragraph_with(root, AGENDA).append(el(f'<w:ins {ATTRS}><w:r><w:t xml:space="preserve"> (révisé)</w:t></w:r></w:ins>'))


def word_deletion(root) -> None:
    paragraph_with(root, AGENDA).append(el(f"<w:del {ATTRS}><w:r><w:delText>ancien</w:delText></w:r></w:del>"))


def word_move(root) -> None:
    paragraph = paragraph_with(root, AGENDA)
    paragraph.append(el(f'<w:moveFromRangeStart {ATTRS} w:name="move1"/>'))
    paragraph.append(el(f"<w:moveFrom {ATTRS}><w:r><w:t>texte</w:t></w:r></w:moveFrom>"))
    paragraph.append(el(f'<w:moveFromRangeEnd xmlns:w="{W}" w:id="901"/>'))


def word_bold(root) -> None:
    """Formatting changed with Track Changes on: the old run properties in w:rPrChange, last in w:rPr."""
    run = paragraph_with(root, AGENDA).find("w:r", NS)
    properties = run.find("w:rPr", NS)
    if properties is None:
        properties = etree.SubElement(run, f"{{{W}}}rPr")
        run.insert(0, properties)
    properties.append(el(f'<w:b xmlns:w="{W}"/>'))
    properties.append(el(f"<w:rPrChange {ATTRS}><w:rPr/></w:rPrChange>"))


def word_paragraph_mark(root) -> None:
    """A paragraph split with Track Changes on: its mark inserted (w:pPr/w:rPr/w:ins)."""
    properties = paragraph_with(root, AGENDA).find("w:pPr", NS)
    properties.append(el(f'<w:rPr xmlns:w="{W}"><w:ins {ATTRS}/></w:rPr>'))


def word_row_deleted(root) -> None:
    """A table row deleted with Track Changes on: w:trPr/w:del (the first row of the annex's Part I)."""
    row = paragraph_with(root, "{%tr for row in current.part1 %}").getparent().getparent()
    row.insert(0, el(f'<w:trPr xmlns:w="{W}"><w:del {ATTRS}/></w:trPr>'))


def word_cell_formatting(root) -> None:
    cell = paragraph_with(root, "{%tr for row in current.part1 %}").getparent()
    cell.find("w:tcPr", NS).append(el(f"<w:tcPrChange {ATTRS}><w:tcPr/></w:tcPrChange>"))


def word_section(root) -> None:
    section = root.find("w:body/w:sectPr", NS)
    section.append(el(f"<w:sectPrChange {ATTRS}><w:sectPr/></w:sectPrChange>"))


WORD_EDITS = {
    "insertion": (word_insertion, AGENDA),
    "deletion": (word_deletion, AGENDA),
    "move": (word_move, AGENDA),
    "formatting change": (word_bold, AGENDA),
    "paragraph mark": (word_paragraph_mark, AGENDA),
    "deleted row": (word_row_deleted, "{%tr for row in current.part1 %}"),
    "cell formatting": (word_cell_formatting, "{%tr for row in current.part1 %}"),
    "section formatting": (word_section, ""),
}


@pytest.mark.slow
@pytest.mark.parametrize("edit", WORD_EDITS)
def test_a_pending_revision_is_refused_by_all_three_commands(runner, sample, edit):
    change, text = WORD_EDITS[edit]
    edit_part(sample / "templates" / "fr" / "report.docx", "word/document.xml", change)
    for command, result in the_three(runner, sample).items():
        assert result.exit_code == 1, (command, result.output)
        line = next(line for line in result.output.splitlines() if "tracked change" in line).removeprefix("Error: ")
        assert re.match(rf"{FR} › (table \d+, )?paragraph ", line), line
        assert text in line, line
        assert "by Traducteur" in line and WHAT_TO_DO in line, line
    assert not (sample / "build").exists()


@pytest.mark.parametrize("kind", sorted(REVISION_KINDS))
def test_every_revision_element_of_the_standard_is_found(tmp_path, kind):
    """Each element of ECMA-376 §17.13.5, in the body, a header and a footer, with its place and author."""
    template = tmp_path / "report.docx"
    shutil.copy(SAMPLE_TEMPLATES / "en" / "report.docx", template)
    parts = ["word/document.xml", header_or_footer(template, "header"), header_or_footer(template, "footer")]

    def add(root):
        next(root.iter(f"{{{W}}}p")).append(el(f"<w:{kind} {ATTRS}/>"))

    for name in parts:
        edit_part(template, name, add)
    found = find_revisions(template)
    assert sorted((p.part, p.paragraph, p.kind, p.author) for p in found) == sorted(
        (Path(name).stem, 1, REVISION_KINDS[kind], "Traducteur") for name in parts
    )


@pytest.mark.parametrize("where", ["header", "footer"])
def test_a_change_in_a_header_or_footer_is_named_by_its_section(runner, sample, where):
    template = sample / "templates" / "en" / "report.docx"

    def add(root):
        next(root.iter(f"{{{W}}}p")).append(el(f"<w:cellMerge {ATTRS}/>"))

    edit_part(template, header_or_footer(template, where), add)
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert result.exit_code == 1
    message = r"holds 1 tracked change not yet accepted or rejected \(1 table cell change by Traducteur\)"
    assert re.search(
        rf"^(?:Error: )?en/report.docx › section 1 {where} \(\w+\) paragraph 1\b.*: {message}", result.output, re.M
    ), result.output


def header_or_footer(template: Path, kind: str) -> str:
    with zipfile.ZipFile(template) as package:
        return sorted(n for n in package.namelist() if re.fullmatch(rf"word/{kind}\d*\.xml", n))[0]


def test_several_changes_are_one_line_with_their_kinds_and_authors(runner, sample):
    path = sample / "templates" / "fr" / "report.docx"
    edit_part(path, "word/document.xml", word_insertion)
    edit_part(path, "word/document.xml", word_deletion)
    edit_part(path, "word/document.xml", word_bold)
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    lines = [line for line in result.output.splitlines() if "tracked change" in line]
    assert len(lines) == 1
    assert (
        "holds 3 tracked changes not yet accepted or rejected (1 formatting change, 1 insertion, 1 deletion by Traducteur)"
        in lines[0]
    )


# ---------------------------------------------------------------- a template edited in LibreOffice with Track Changes on


@pytest.fixture(scope="module")
def recorded(office, tmp_path_factory):
    """The French template edited in LibreOffice as "Traducteur" with Edit › Track Changes › Record on, saved as .docx."""
    folder = tmp_path_factory.mktemp("recorded")
    target = folder / "report.docx"
    shutil.copy(SAMPLE_TEMPLATES / "fr" / "report.docx", folder / "original.docx")
    seen = office.open(
        folder / "original.docx", save_as=target, record_as="Traducteur",
        replace=(("Objet du document", "Objet de ce document"),), bold=("RÉSUMÉ",),
    )  # fmt: skip
    assert {r["author"] for r in seen.redlines} == {"Traducteur"}
    return target


@pytest.mark.slow
def test_a_template_with_changes_recorded_by_libreoffice_is_refused(runner, sample, recorded):
    shutil.copy(recorded, sample / "templates" / "fr" / "report.docx")
    for command, result in the_three(runner, sample).items():
        assert result.exit_code == 1, (command, result.output)
        line = next(line for line in result.output.splitlines() if "tracked change" in line).removeprefix("Error: ")
        assert re.match(
            rf"{FR} › (table \d+, )?paragraph \d+ › “RÉSUMÉ”: holds \d+ tracked changes not yet accepted or rejected "
            rf"\(.*insertion.* by Traducteur\)",
            line,
        ), line
        assert "deletion" in line and "formatting change" in line and WHAT_TO_DO in line
    assert not (sample / "build").exists()


@pytest.mark.slow
def test_once_accepted_in_libreoffice_the_template_passes(runner, sample, recorded, office):
    accepted = sample / "templates" / "fr" / "report.docx"
    office.open(recorded, action="accept", save_as=accepted)
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert "tracked change" not in result.output, result.output
