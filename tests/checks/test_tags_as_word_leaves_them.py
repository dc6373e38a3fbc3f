"""Tags as Word leaves them: the checks accept what the renderer mends, and refuse, by paragraph, what it cannot read.

Each paragraph below is written as Word writes it after an edit (runs split by a change of rsid, a
proofing mark, bold half-way, the _GoBack bookmark; AutoCorrect's quotes), into both templates.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ctpdoc.cli.main import cli
from tests.helpers.docxread import paragraphs, part, text
from tests.helpers.oracle import counts, rows
from tests.helpers.repo import SAMPLE_SOURCES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AGENDA_ITEM = next(str(r["Value"]) for r in rows(SAMPLE_SOURCES / "document.xlsx", "Document") if r["Setting"] == "Agenda item")
PART1 = counts(SAMPLE_SOURCES)["part1"]


def r(content: str, properties: str = "", rsid: str = "") -> str:
    attributes = f' w:rsidR="{rsid}"' if rsid else ""
    return (
        f'<w:r{attributes}>{f"<w:rPr>{properties}</w:rPr>" if properties else ""}<w:t xml:space="preserve">{content}</w:t></w:r>'
    )


FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
PROOF = '<w:proofErr w:type="spellStart"/>'
GO_BACK = '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'

MENDED = {
    "rsid changes split {{ and }}": r("Item {", rsid="00A1B2C3")
    + r("{ doc.agenda_item }", rsid="00D4E5F6")
    + r("}", rsid="0017A8B9"),
    "a proofing mark inside the name": r("Item {{ doc.agen")
    + PROOF
    + r("da_item")
    + '<w:proofErr w:type="spellEnd"/>'
    + r(" }}"),
    "bold half-way through {{": r("Item {") + r("{ doc.agenda_item }}", "<w:b/>"),
    "the _GoBack bookmark inside {{": r("Item {") + GO_BACK + r("{ doc.agenda_item }}"),
    "split {% and %}": r("Item {") + r("% if doc.agenda_item %}{{ doc.agenda_item }}{% endif %", "<w:i/>") + r("}"),
    "italic }}": r("Item {{ doc.agenda_item }") + r("}", "<w:i/>"),
}


def add_paragraph_xml(path: Path, runs: str) -> None:
    """Append a paragraph of raw runs to the body, before its section properties."""
    with zipfile.ZipFile(path) as package:
        entries = [(info, package.read(info.filename)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in entries:
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                body = root.find(f"{{{W}}}body")
                body.insert(len(body) - 1, etree.fromstring(f'<w:p xmlns:w="{W}">{runs}</w:p>'))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            package.writestr(info, data)


def add_to_both(sample: Path, runs: str) -> None:
    for lang in ("en", "fr"):
        add_paragraph_xml(sample / "templates" / lang / "report.docx", runs)


def build(runner, sample: Path):
    return runner.invoke(cli, ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"),
                               "--out", str(sample / "build"), "--changes", "accepted"])  # fmt: skip


def texts(path: Path) -> list[str]:
    return [text(p) for p in paragraphs(part(path))]


@pytest.mark.slow
@pytest.mark.parametrize("case", MENDED)
def test_what_docxtpl_mends_is_accepted_and_renders(runner, sample, case):
    add_to_both(sample, MENDED[case])
    check = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert check.exit_code == 0, check.output
    result = build(runner, sample)
    assert result.exit_code == 0, result.output
    for name in ("PC0720E1a-clean.docx", "PC0720F1a-clean.docx"):
        assert f"Item {AGENDA_ITEM}" in texts(sample / "build" / name)


@pytest.mark.slow
def test_autocorrect_curly_quotes_in_a_tag_are_read_straight(runner, sample):
    """“ ” as Word's AutoCorrect types them, with a proofing mark inside the tag too."""
    curly = (
        "{{ current.counts.part1|plural(one=“# activité”, " + "other=“# act" + "</w:t></w:r>" + PROOF + "<w:r><w:t>ivités”) }}"
    )
    add_to_both(sample, r(curly))
    result = build(runner, sample)
    assert result.exit_code == 0, result.output
    assert f"{PART1} activités" in texts(sample / "build" / "PC0720F1a-clean.docx")


@pytest.mark.slow
def test_guillemets_in_a_tag_are_named_with_their_paragraph(runner, sample):
    add_to_both(
        sample,
        r("Il y a {{ current.counts.part1|plural(one=«\u00a0# activité\u00a0», other=«\u00a0# activités\u00a0») }} en tout."),
    )
    for command in (["templates", "check"], ["validate", "--sources", str(sample / "source_sheets")]):
        result = runner.invoke(cli, [*command, "--templates", str(sample / "templates")])
        assert result.exit_code == 1
        assert re.search(
            r"^(Error: )?en/report.docx › paragraph \d+ › “Il y a \{\{ current.counts.part1\|plural\(one=«", result.output, re.M
        )
        assert 'a tag holds the quote «, which a tag cannot read; type straight quotes " inside tags' in result.output
        assert not re.search(r"\bat \d+", result.output), result.output
    assert build(runner, sample).exit_code == 1 and not (sample / "build").exists()


@pytest.mark.slow
def test_guillemets_inside_a_straight_quoted_text_are_fine(runner, sample):
    add_to_both(sample, r('{{ current.counts.part1|plural(one="«\u00a0#\u00a0»", other="«\u00a0#\u00a0»") }}'))
    result = build(runner, sample)
    assert result.exit_code == 0, result.output
    assert f"«\u00a0{PART1}\u00a0»" in texts(sample / "build" / "PC0720E1a-clean.docx")


def test_a_syntax_error_names_its_paragraph_never_an_offset(runner, sample):
    add_to_both(sample, r("Item {{ doc.agenda_item $ }}"))
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert result.exit_code == 1
    assert re.search(
        r"en/report.docx › paragraph \d+ › “Item \{\{ doc.agenda_item \$ \}\}”: template syntax error: unexpected character '\$'",
        result.output,
    )
    assert not re.search(r"\bat \d+", result.output), result.output


def test_a_delimiter_split_by_a_field_is_refused(runner, sample):
    """Text between the two braces (here a field's code): docxtpl cannot mend it, and the tag would print as typed."""
    add_to_both(sample, r("Item {") + FIELD + r("{ doc.agenda_item }}"))
    result = runner.invoke(cli, ["templates", "check", "--templates", str(sample / "templates")])
    assert result.exit_code == 1
    assert re.search(
        r'en/report.docx › paragraph \d+ › “Item \{\{ doc.agenda_item \}\}”: a tag\'s "\{\{" has a field or other content '
        r"between its two characters",
        result.output,
    )
