"""The body's table rows finished and written one at a time (ctpdoc/render/stream.py): the same bytes as the whole
tree finished at once, on the sample, on another working body's report (whose starter templates add and drop table
columns with {%tc …%}), on a template with its own bookmarks, and where a body has to go whole; the rows are not
held as a tree."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import pytest
from docx import Document
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ctpdoc.cli.main import cli
from ctpdoc.document.context import build_context
from ctpdoc.model import Location
from ctpdoc.render import fill, stream
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import write_synthetic_sources
from tests.helpers.repo import SAMPLE_SOURCES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def spied(monkeypatch):
    """How each document's body was parsed: streamed (the number of rows put aside) or whole (None)."""
    seen: list[int | None] = []
    before = fill.ReportTemplate.fix_tables

    def spy(self, xml):
        tree = before(self, xml)
        seen.append(sum(map(len, self.streamed.rows)) if self.streamed is not None else None)
        return tree

    monkeypatch.setattr(fill.ReportTemplate, "fix_tables", spy)
    return seen


def both_ways(runner, monkeypatch, tmp_path, *args):
    """The documents `build` writes with the rows streamed, and with the whole tree (docxtpl's parse), by name."""
    out = {}
    for streamed in (True, False):
        monkeypatch.setattr(fill, "STREAM_ROWS", streamed)
        folder = tmp_path / f"build-{streamed}"
        result = runner.invoke(cli, ["build", *args, "--jobs", "1", "--out", str(folder)])
        assert result.exit_code == 0, result.output
        out[streamed] = {p.name: p.read_bytes() for p in sorted(folder.glob("*.docx"))}
    assert len(out[True]) == 4
    return out[True], out[False]


def test_the_sample_streamed_is_the_whole_tree_finished(runner, monkeypatch, tmp_path, spied):
    streamed, whole = both_ways(runner, monkeypatch, tmp_path, "--sources", str(SAMPLE_SOURCES))
    assert streamed == whole
    assert len(spied) == 8 and all(spied[:4]) and spied[4:] == [None] * 4  # rows were put aside, then none


@pytest.mark.slow
def test_three_hundred_activities_streamed_are_the_whole_tree_finished(runner, monkeypatch, tmp_path, spied):
    sources = write_synthetic_sources(tmp_path / "src", 300, SAMPLE_SOURCES / "document.xlsx")
    streamed, whole = both_ways(runner, monkeypatch, tmp_path, "--sources", str(sources))
    assert streamed == whole
    assert min(spied[:4]) > 300


def test_another_bodys_report_streamed_is_the_whole_tree_finished(runner, monkeypatch, tmp_path, spied):
    """The example's starter templates loop over the declared columns ({%tc for column in part.columns %}): the
    grids docxtpl fixes are fixed alike."""
    assert runner.invoke(cli, ["init", str(tmp_path / "example"), "--example"]).exit_code == 0
    folders = ["--sources", str(tmp_path / "example" / "source_sheets"), "--templates", str(tmp_path / "example" / "templates")]
    streamed, whole = both_ways(runner, monkeypatch, tmp_path, *folders)
    assert streamed == whole
    assert all(spied[:4])
    template = zipfile.ZipFile(tmp_path / "example" / "templates" / "en" / "report.docx").read("word/document.xml")
    document = zipfile.ZipFile(io.BytesIO(next(iter(streamed.values())))).read("word/document.xml")
    assert grids(document) != grids(template)  # the grids changed: the test covers their fix


def grids(xml: bytes) -> list[int]:
    return [len(grid.findall(f"{{{W}}}gridCol")) for grid in etree.fromstring(xml).iter(f"{{{W}}}tblGrid")]


def patch_document(path, change):
    """The template's word/document.xml changed in place (the zip written again)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(info, change(data) if info.filename == "word/document.xml" else data)


def first_body_paragraph_gets(sample, xml: bytes) -> None:
    for lang in ("en", "fr"):
        patch_document(
            sample / "templates" / lang / "report.docx", lambda data: re.sub(rb"(<w:p[ >])", lambda m: xml + m[1], data, count=1)
        )


def test_the_templates_bookmarks_keep_their_ids_clear_of_revisions(runner, monkeypatch, tmp_path, sample, spied):
    """Revision ids are numbered in the document's order, clear of the ids the template's bookmarks hold (taken from
    the rendered text before the rows come)."""
    bookmarks = b"".join(
        b'<w:p><w:bookmarkStart w:id="%d" w:name="mark%d"/><w:bookmarkEnd w:id="%d"/></w:p>' % (n, n, n) for n in (1, 3, 40)
    )
    first_body_paragraph_gets(sample, bookmarks)
    streamed, whole = both_ways(
        runner, monkeypatch, tmp_path, "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")
    )
    assert streamed == whole and all(spied[:4])
    tracked = next(data for name, data in streamed.items() if "clean" not in name)
    ids = re.findall(rb'<w:(?:ins|del) w:id="(\d+)"', zipfile.ZipFile(io.BytesIO(tracked)).read("word/document.xml"))
    assert len(ids) > 40 and {b"1", b"3", b"40"}.isdisjoint(ids) and len(set(ids)) == len(ids)


def test_a_tracked_formatting_change_in_the_template_goes_whole(monkeypatch, sample, spied):
    """`build` refuses a template holding tracked changes; rendered all the same (ctpdoc's API), a formatting change
    outside the rows, which the empty runs around a tag may copy and drop, sends the body to docxtpl whole."""
    change = (
        b'<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="T" w:date="2025-01-01T00:00:00Z"><w:rPr/></w:rPrChange>'
        b"</w:rPr><w:t>Bold now.</w:t></w:r></w:p>"
    )
    first_body_paragraph_gets(sample, change)
    context = build_context(read_sources(sample / "source_sheets"), "en", True)
    out = {}
    for streamed in (True, False):
        monkeypatch.setattr(fill, "STREAM_ROWS", streamed)
        out[streamed] = fill.render_document(sample / "templates" / "en" / "report.docx", context).data
    assert out[True] == out[False]
    assert spied == [None, None]


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_a_picture_in_a_table_row_goes_whole(runner, monkeypatch, tmp_path, sample, spied):
    """docxtpl numbers the pictures of the whole body: a body with one in a row is parsed whole."""
    for lang in ("en", "fr"):
        path = sample / "templates" / lang / "report.docx"
        document = Document(str(path))
        document.tables[-1].rows[0].cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(png()))
        document.save(str(path))
    streamed, whole = both_ways(
        runner, monkeypatch, tmp_path, "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")
    )
    assert streamed == whole
    assert None in spied[:4]


def test_the_rows_are_not_held_as_a_tree(tmp_path):
    """Rendered with its rows streamed, the body that python-docx holds has a placeholder where each stretch of rows
    was; the rows wait as bytes."""
    sources = read_sources(write_synthetic_sources(tmp_path / "src", 300, SAMPLE_SOURCES / "document.xlsx"))
    template = SAMPLE_SOURCES.parent / "templates" / "en" / "report.docx"
    document = fill.fill(template, build_context(sources, "en", True), Location("en/report.docx"), stream=True)
    body = document.docx.element.body
    assert document.streamed is not None and sum(map(len, document.streamed.rows)) > 300
    assert not list(body.iter(f"{{{W}}}tr"))  # not one row is left in the tree
    assert len(list(body.iter(stream.PLACEHOLDER))) == len(document.streamed.rows)


# docxtpl's fix_tables against fix_grid: tables whose rows have more cells than the grid, fewer, and cells spanning.
cell = st.integers(min_value=1, max_value=3).map(
    lambda n: f'<w:tc><w:tcPr><w:gridSpan w:val="{n}"/></w:tcPr></w:tc>' if n > 1 else "<w:tc/>"
)
row = st.lists(cell, min_size=0, max_size=6).map(lambda cells: "<w:tr>" + "".join(cells) + "</w:tr>")
table = st.tuples(st.lists(st.integers(min_value=100, max_value=3000), min_size=1, max_size=6), st.lists(row, max_size=5)).map(
    lambda t: (
        "<w:tbl><w:tblPr/><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in t[0])
        + "</w:tblGrid>"
        + "".join(t[1])
        + "</w:tbl>"
    )
)


@settings(max_examples=200, deadline=None)
@given(st.lists(table, min_size=1, max_size=3))
def test_grids_are_fixed_as_docxtpl_fixes_them(tables):
    xml = f'<w:document xmlns:w="{W}"><w:body>{"".join(tables)}</w:body></w:document>'
    theirs = DocxTemplate.fix_tables(None, xml)
    ours = etree.fromstring(xml)
    stream.fix_grids(ours, {})
    assert etree.tostring(ours) == etree.tostring(theirs)
