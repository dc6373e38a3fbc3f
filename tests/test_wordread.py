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
    path = one_cell(tmp_path, (
        '<w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:br w:type="page"/><w:tab/><w:t>x</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr><w:del w:id="1" {MARK}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">kept </w:t></w:r>'
        f'<w:del w:id="2" {MARK}><w:r><w:delText>old</w:delText></w:r></w:del><w:ins w:id="3" {MARK}><w:r><w:t>new</w:t></w:r></w:ins></w:p>'
        '<w:p><w:r><w:t>joined</w:t></w:r></w:p>'
    ))  # fmt: skip
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
