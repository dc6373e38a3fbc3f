"""Reading a .docx back (ctpdoc.word.body): tracked changes accepted or rejected, breaks, shading by hue."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from ctpdoc.word.body import Revisions, Table, hue_status, read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MARK = 'w:author="Ed" w:date="2025-01-01T00:00:00Z"'


def one_cell(tmp_path: Path, paragraphs: str) -> Path:
    document = Document()
    table = (f'<w:tbl {W}><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
             f'<w:shd w:val="clear" w:color="auto" w:fill="A4C2F4"/></w:tcPr>{paragraphs}</w:tc></w:tr></w:tbl>')  # fmt: skip
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(table))
    document.save(tmp_path / "cell.docx")
    return tmp_path / "cell.docx"


def cell(path: Path, changes: Revisions) -> str:
    table = next(b for b in read_docx(path, changes).blocks if isinstance(b, Table))
    assert table.rows[0].fill == "A4C2F4"
    return table.rows[0].cells[0].text


def test_breaks_and_revisions_in_a_cell(tmp_path):
    path = one_cell(
        tmp_path,
        (
            '<w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:br w:type="page"/><w:tab/><w:t>x</w:t></w:r></w:p>'
            f'<w:p><w:pPr><w:rPr><w:del w:id="1" {MARK}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">kept </w:t></w:r>'
            f'<w:del w:id="2" {MARK}><w:r><w:delText>old</w:delText></w:r></w:del><w:ins w:id="3" '
            f"{MARK}><w:r><w:t>new</w:t></w:r></w:ins></w:p>"
            "<w:p><w:r><w:t>joined</w:t></w:r></w:p>"
        ),
    )
    # accepted: the deleted paragraph mark joins "kept new" to the next paragraph; a page break is no line break
    assert cell(path, Revisions.ACCEPT) == "one\ntwo\tx\nkept newjoined"
    assert cell(path, Revisions.REJECT) == "one\ntwo\tx\nkept old\njoined"


@pytest.mark.parametrize(("fill", "status"), [
    ("BDD7EE", "ongoing"), ("9FC5E8", "ongoing"), ("0000FF", "ongoing"),
    ("C6EFCE", "completed"), ("B6D7A8", "completed"), ("00B050", "completed"),
    ("FFC7CE", "pending"), ("EA9999", "pending"), ("FF0000", "pending"),
    ("FFFFFF", None), ("D9D9D9", None), ("FFFF00", None), (None, None),
])  # fmt: skip
def test_any_shade_of_blue_green_or_red_is_a_status(fill, status):
    assert hue_status(fill) == status


def test_paragraphs_are_numbered_as_word_numbers_them():
    """Word's numbers: a style's list through w:basedOn, a paragraph's own w:numPr (numId 0: none), two w:num of one
    list counted together, a w:startOverride restarting them, bullets and deeper levels given no number."""
    from lxml import etree

    from ctpdoc.word.numbering import paragraph_numbers

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = etree.fromstring(
        f'<w:styles {w}><w:style w:type="paragraph" w:styleId="Numbered"><w:pPr><w:numPr><w:numId '
        f'w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="Numbered"/></w:style></w:styles>'
    )
    numbering = etree.fromstring(
        f'<w:numbering {w}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt '
        f'w:val="decimal"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride '
        'w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num></w:numbering>'
    )

    def paragraph(style: str = "", num: str = "", level: str = "") -> etree._Element:
        own = (
            f"<w:numPr>{f'<w:ilvl w:val={level!r}/>' if level else ''}{f'<w:numId w:val={num!r}/>' if num else ''}</w:numPr>"
            if num or level
            else ""
        )
        return etree.fromstring(f"<w:p {w}><w:pPr>{f'<w:pStyle w:val={style!r}/>' if style else ''}{own}</w:pPr></w:p>")

    paragraphs = [
        paragraph(),  # a heading: no number
        paragraph("Numbered"),  # 3: the level starts at 3
        paragraph("Mine"),  # 4: based on Numbered
        paragraph("Numbered", level="1"),  # a deeper level: no number of its own here
        paragraph("Numbered", num="0"),  # numbering taken off
        paragraph(num="2"),  # 5: another w:num of the same list goes on counting
        paragraph(num="4"),  # a bullet
        paragraph(num="3"),  # 1: restarted
        paragraph("Numbered"),  # 2
    ]
    assert paragraph_numbers(styles, numbering, paragraphs) == [None, 3, 4, None, None, 5, None, 1, 2]
    assert paragraph_numbers(styles, None, paragraphs) == [None] * len(paragraphs)
