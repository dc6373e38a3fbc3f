"""The Word markup writer: runs for the tags, then the rendered tree finished (rows, ids, language, direction)."""

import copy

import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ctpdoc.markup import elements
from ctpdoc.markup.language import make_right_to_left, retag_language
from ctpdoc.markup.numbering import count_revisions, number_revisions
from ctpdoc.markup.ranges import join_ranges_in
from ctpdoc.markup.rows import RowMark, mark_rows
from ctpdoc.markup.runs import Revision, Runs, escape
from ctpdoc.model import Op, Segment
from ctpdoc.package.namespaces import W, qn

REVISION = Revision("Secrétariat", "2025-03-28T00:00:00Z")
NSDECL = f'xmlns:w="{W}"'


def parse(xml: str) -> etree._Element:
    """As python-docx holds a part: its oxml element classes, whose helpers keep the schema's order."""
    return parse_xml(f"<w:body {NSDECL}>{xml}</w:body>")


def names(element: etree._Element) -> list[str]:
    return [etree.QName(c).localname for c in element]


def test_escape_covers_xml_and_docxtpl_braces():
    assert escape('<a href="x">&{_{') == "&lt;a href=&quot;x&quot;&gt;&amp;&#123;_&#123;"


def test_runs_carry_language_breaks_and_tabs():
    xml = Runs([Segment(Op.EQUAL, "a\tb\nc")], "fr-FR").__html__()
    assert xml == ('<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>')


@pytest.mark.parametrize(
    ("text", "kept"),
    [("one two", False), ("The ", True), (" new", True), ("a  b", True), ("\u00a0x", True), ("é", False)],
)
def test_only_text_whose_spaces_would_be_lost_says_xml_space_preserve(text, kept):
    """XML readers may drop spaces at the ends of a text and fold doubled ones; Word writes ``xml:space`` only
    where that matters, and so do these runs (on every run it costs memory at every size)."""
    root = parse(f"<w:p>{Runs([Segment(Op.EQUAL, text)], 'fr-FR').__html__()}</w:p>")
    (t,) = root.iter(qn("w:t"))
    assert t.text == text
    assert (t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve") is kept


def test_tracked_runs_use_ins_and_deltext():
    runs = Runs([Segment(Op.EQUAL, "The "), Segment(Op.DELETE, "old"), Segment(Op.INSERT, "new")], "en-GB", REVISION)
    root = parse(f"<w:p>{runs.__html__()}</w:p>")
    deleted = root.find(f".//{{{W}}}del")
    assert deleted.get(f"{{{W}}}author") == "Secrétariat"
    assert deleted.get(f"{{{W}}}date") == "2025-03-28T00:00:00Z"
    assert deleted.find(f".//{{{W}}}delText").text == "old"
    assert root.find(f".//{{{W}}}ins//{{{W}}}t").text == "new"
    assert str(runs) == "The new"


def test_untracked_runs_show_the_current_text_only():
    runs = Runs([Segment(Op.EQUAL, "The "), Segment(Op.DELETE, "old"), Segment(Op.INSERT, "new")], "en-GB")
    root = parse(f"<w:p>{runs.__html__()}</w:p>")
    assert "".join(t.text for t in root.iter(qn("w:t"))) == "The new"
    assert root.find(f".//{{{W}}}ins") is None


def test_rows_get_shading_in_schema_order_and_row_marks():
    row = (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="1" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr><w:p>'
        '<w:bookmarkStart w:id="7" w:name="_ctpRow1"/><w:r><w:t>1.1</w:t></w:r><w:bookmarkEnd w:id="7"/>'
        "</w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    root = parse(row)
    mark_rows(root, {"_ctpRow1": RowMark("C6EFCE", Op.INSERT)}, REVISION)
    first, second = root.iter(qn("w:tcPr"))
    assert names(first) == ["tcW", "shd", "vAlign"]
    assert names(second) == ["shd"]
    assert root.find(f".//{qn('w:trPr')}/{qn('w:ins')}") is not None
    assert root.find(f".//{qn('w:tr')}")[0].tag == qn("w:trPr")
    assert root.find(f".//{qn('w:bookmarkStart')}") is None and root.find(f".//{qn('w:bookmarkEnd')}") is None


def test_inserted_and_deleted_rows_mark_every_paragraph_mark():
    """Word marks the paragraph marks of a whole inserted or deleted row; LibreOffice's Accept All needs them
    to remove a deleted row instead of leaving it empty."""
    row = (
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:bookmarkStart w:id="7" w:name="_ctpRow1"/>'
        "<w:r><w:t>1.1</w:t></w:r><w:bookmarkEnd "
        'w:id="7"/></w:p></w:tc><w:tc><w:p/><w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p>'
        "</w:tc></w:tr></w:tbl>"
    )
    root = parse(row)
    mark_rows(root, {"_ctpRow1": RowMark(None, Op.DELETE)}, REVISION)
    paragraphs = list(root.iter(qn("w:p")))
    assert [names(p.find(qn("w:pPr")).find(qn("w:rPr")))[0] for p in paragraphs] == ["del"] * 3
    assert names(paragraphs[0].find(qn("w:pPr"))) == ["jc", "rPr"]
    assert names(paragraphs[2].find(qn("w:pPr")).find(qn("w:rPr"))) == ["del", "b"]


def test_revisions_are_counted_as_a_review_pane_lists_them():
    """One per stretch: a deleted label and the deleted text below it in one cell, joined by a deleted paragraph
    mark, are one change; unchanged text, a change of the other kind or another cell start a new one."""
    deleted = '<w:del w:id="0" w:author="a" w:date="d"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    inserted = '<w:ins w:id="0" w:author="a" w:date="d"><w:r><w:t>{}</w:t></w:r></w:ins>'
    mark = '<w:pPr><w:rPr><w:del w:id="0" w:author="a" w:date="d"/></w:rPr></w:pPr>'
    xml = (
        f'<w:tbl><w:tr><w:trPr><w:del w:id="0" w:author="a" w:date="d"/></w:trPr>'
        f"<w:tc><w:p>{mark}{deleted.format('1.43')}</w:p></w:tc>"
        f"<w:tc><w:p>{mark}{deleted.format('Pending')}</w:p><w:p>{mark}{deleted.format('Work has not started.')}</w:p></w:tc>"
        f"</w:tr></w:tbl>"
        f"<w:p><w:r><w:t>Six </w:t></w:r>{deleted.format('two')}{inserted.format('four')}<w:r><w:t> and </w:t></w:r>"
        f"{inserted.format('more')}</w:p>"
    )
    assert count_revisions(parse(xml)) == 2 + 3


def test_a_table_nested_in_an_annex_row_keeps_its_own_cells():
    """The row marked is the one holding the bookmark; a table nested in one of its cells is not shaded."""
    nested = '<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="FFFFFF"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
    row = (
        '<w:tbl><w:tr><w:tc><w:p><w:bookmarkStart w:id="7" w:name="_ctpRow1"/><w:r><w:t>1.1</w:t></w:r>'
        f'<w:bookmarkEnd w:id="7"/></w:p></w:tc><w:tc>{nested}<w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>'
    )
    root = parse(row)
    mark_rows(root, {"_ctpRow1": RowMark("BDD7EE", Op.EQUAL)}, REVISION)
    outer = root.find(qn("w:tbl"))
    annex_row = outer.find(qn("w:tr"))
    assert [c.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) for c in annex_row.iterchildren(qn("w:tc"))] == [
        "BDD7EE"
    ] * 3
    inner_cell = annex_row.find(f"{qn('w:tc')}/{qn('w:tbl')}/{qn('w:tr')}/{qn('w:tc')}")
    assert inner_cell.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "FFFFFF"


def test_row_marks_keep_existing_row_properties_and_shading():
    row = (
        '<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="FFFFFF"/></w:tcPr><w:p>'
        '<w:bookmarkStart w:id="8" w:name="_ctpRow2"/><w:r><w:t>1.2</w:t></w:r><w:bookmarkEnd w:id="8"/></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:p><w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkEnd w:id="1"/></w:p></w:tc></w:tr></w:tbl>'
    )
    root = parse(row)
    mark_rows(root, {"_ctpRow2": RowMark("FFC7CE", Op.DELETE)}, REVISION)
    assert names(root.find(f".//{qn('w:trPr')}")) == ["cantSplit", "del"]
    assert [s.get(qn("w:fill")) for s in root.iter(qn("w:shd"))] == ["FFC7CE"]
    assert [b.get(qn("w:name")) for b in root.iter(qn("w:bookmarkStart"))] == ["_GoBack"]
    assert len(list(root.iter(qn("w:bookmarkEnd")))) == 1


def test_revision_ids_are_unique_and_avoid_other_ids():
    xml = (
        '<w:p><w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkEnd w:id="1"/>'
        '<w:ins w:id="0" w:author="a" w:date="d"/><w:del w:id="0" w:author="a" w:date="d"/>'
        "<w:r><w:delText>x</w:delText></w:r></w:p>"
    )
    root = parse(xml)
    number_revisions(root)
    assert [el.get(qn("w:id")) for el in root.iter(qn("w:ins"), qn("w:del"))] == ["2", "3"]


def test_language_is_retagged_only_for_the_same_language():
    xml = '<w:r><w:rPr><w:lang w:val="fr-FR" w:eastAsia="en-US"/></w:rPr></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:r>'
    root = parse(xml)
    retag_language(root, "fr-BE")
    assert [(el.get(qn("w:val")), el.get(qn("w:eastAsia"))) for el in root.iter(qn("w:lang"))] == [
        ("fr-BE", "en-US"),
        ("en-GB", None),
    ]


def test_right_to_left_paragraphs_and_tables_in_schema_order():
    xml = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="T"/><w:tblW w:w="0" w:type="auto"/></w:tblPr></w:tbl>'
        '<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="left"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p><w:p/><w:p><w:r/></w:p>'
    )
    root = parse(xml)
    make_right_to_left(root)
    assert names(root.find(f".//{qn('w:tblPr')}")) == ["tblStyle", "bidiVisual", "tblW"]
    paragraphs = root.findall(qn("w:p"))
    assert names(paragraphs[0].find(qn("w:pPr"))) == ["pStyle", "bidi", "jc"]
    assert all(p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None for p in paragraphs)


def test_right_to_left_with_a_formatting_change_touches_the_paragraphs_own_properties():
    """A w:pPrChange holds the paragraph's former w:pPr: w:bidi goes into the paragraph's own, before the change."""
    xml = (
        '<w:p><w:pPr><w:jc w:val="left"/><w:pPrChange w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
        '<w:pPr><w:jc w:val="right"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    )
    root = parse(xml)
    make_right_to_left(root)
    own = root.find(f"{qn('w:p')}/{qn('w:pPr')}")
    assert names(own) == ["bidi", "jc", "pPrChange"]
    assert names(own.find(f"{qn('w:pPrChange')}/{qn('w:pPr')}")) == ["jc"]


# ---------------------------------------------------------------- property: the finished tree equals a reference

AFTER_SHD = {"noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"}
CELL_PROPERTIES = ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "vAlign", "hideMark"]


def reference_row(cell_properties, mark):
    """What a marked row must be, built with plain lxml from the schema's rules, independently of ctpdoc."""
    w = lambda tag: etree.QName(W, tag).text  # noqa: E731
    row = etree.Element(w("tr"), nsmap={"w": W})
    if mark.op is not Op.EQUAL:
        etree.SubElement(etree.SubElement(row, w("trPr")), w("ins" if mark.op is Op.INSERT else "del"))
    for properties in cell_properties:
        cell = etree.SubElement(row, w("tc"))
        kept = [p for p in properties if p != "shd"]
        if mark.fill:
            at = next((i for i, p in enumerate(kept) if p in AFTER_SHD), len(kept))
            kept = kept[:at] + ["shd"] + kept[at:]
        else:
            kept = list(properties)
        if kept:
            tcpr = etree.SubElement(cell, w("tcPr"))
            for name in kept:
                etree.SubElement(tcpr, w(name))
        paragraph = etree.SubElement(cell, w("p"))
        if mark.op is not Op.EQUAL:
            etree.SubElement(
                etree.SubElement(etree.SubElement(paragraph, w("pPr")), w("rPr")), w("ins" if mark.op is Op.INSERT else "del")
            )
    return row


def shape(element):
    return (etree.QName(element).localname, [shape(c) for c in element])


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.lists(st.sampled_from(CELL_PROPERTIES), unique=True).map(lambda ps: sorted(ps, key=CELL_PROPERTIES.index)),
        min_size=1,
        max_size=5,
    ),
    fill=st.sampled_from([None, "BDD7EE", "C6EFCE", "FFC7CE"]),
    op=st.sampled_from(list(Op)),
)
def test_marked_rows_equal_a_reference_built_with_lxml(cells, fill, op):
    mark = RowMark(fill, op)
    cell_xml = "".join(
        f"<w:tc>{'<w:tcPr>' + ''.join(f'<w:{p}/>' for p in ps) + '</w:tcPr>' if ps else ''}<w:p>"
        + ('<w:bookmarkStart w:id="9" w:name="_ctpRow1"/><w:bookmarkEnd w:id="9"/>' if i == 0 else "")
        + "</w:p></w:tc>"
        for i, ps in enumerate(cells)
    )
    root = parse(f"<w:tbl><w:tr>{cell_xml}</w:tr></w:tbl>")
    mark_rows(root, {"_ctpRow1": mark}, REVISION)
    row = copy.deepcopy(root.find(f"{qn('w:tbl')}/{qn('w:tr')}"))
    assert shape(row) == shape(reference_row(cells, mark))
    assert {s.get(qn("w:fill")) for s in row.iter(qn("w:shd"))} <= {fill}


def test_a_recoloured_row_keeps_its_former_shading_in_each_cell_s_tcprchange():
    """Schema order (CT_TcPr): the new w:shd among the cell's properties, the w:tcPrChange last, holding the
    properties as they were with the former shading; a row with no former colour keeps none."""
    cell = '<w:tc><w:tcPr><w:tcW w:w="850" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr><w:p>{}</w:p></w:tc>'
    bookmark = '<w:bookmarkStart w:id="9" w:name="_ctpRow{n}"/><w:bookmarkEnd w:id="9"/>'
    root = parse(f"<w:tbl><w:tr>{cell.format(bookmark.format(n=1))}{cell.format('')}</w:tr>"
                 f"<w:tr>{cell.format(bookmark.format(n=2))}</w:tr></w:tbl>")  # fmt: skip
    marks = {
        "_ctpRow1": RowMark("C6EFCE", recoloured=True, previous_fill="BDD7EE"),
        "_ctpRow2": RowMark("FFC7CE", recoloured=True),
    }
    mark_rows(root, marks, REVISION)
    first, second = root.iter(qn("w:tr"))
    for properties in first.iter(qn("w:tcPr")):
        if properties.getparent().tag == qn("w:tcPrChange"):
            continue
        assert [etree.QName(c).localname for c in properties] == ["tcW", "shd", "vAlign", "tcPrChange"]
        assert properties.find(qn("w:shd")).get(qn("w:fill")) == "C6EFCE"
        former = properties.find(f"{qn('w:tcPrChange')}/{qn('w:tcPr')}")
        assert [etree.QName(c).localname for c in former] == ["tcW", "shd", "vAlign"]
        assert former.find(qn("w:shd")).get(qn("w:fill")) == "BDD7EE"
        assert properties.find(qn("w:tcPrChange")).get(qn("w:author")) == REVISION.author
    former = second.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:tcPrChange')}/{qn('w:tcPr')}")
    assert former is not None and former.find(qn("w:shd")) is None
    untracked = parse(f"<w:tbl><w:tr>{cell.format(bookmark.format(n=1))}</w:tr></w:tbl>")
    mark_rows(untracked, {"_ctpRow1": marks["_ctpRow1"]}, None)  # the clean document: the colour only
    assert untracked.find(f".//{qn('w:tcPrChange')}") is None


def test_template_year_ranges_are_joined_in_text_and_deleted_text():
    root = parse(
        "<w:body><w:p><w:r><w:t>plan 2022-2023 ; 5 – 8 mai</w:t></w:r>"
        '<w:del w:id="1" w:author="a" '
        'w:date="2025-01-01T00:00:00Z"><w:r><w:delText>2019-2022</w:delText></w:r></w:del></w:p></w:body>'
    )
    join_ranges_in(root)
    assert [t.text for t in root.iter(qn("w:t"), qn("w:delText"))] == [
        "plan 2022\u20112023 ; 5\u2060–\u20608 mai",
        "2019\u20112022",
    ]


def test_children_are_added_in_the_schemas_order():
    """Properties first in their row (after w:tblPrEx), a child before the first one the schema puts after it."""
    row = parse("<w:tr><w:tblPrEx/><w:tc><w:p/></w:tc></w:tr>")[0]
    row_properties = elements.properties(row, "w:trPr")
    assert names(row) == ["tblPrEx", "trPr", "tc"] and elements.properties(row, "w:trPr") is row_properties
    cell = elements.properties(row.find(qn("w:tc")), "w:tcPr")
    cell.append(elements.element(cell, "w:vAlign", {"w:val": "top"}))
    elements.add_before(cell, elements.element(cell, "w:shd", {"w:fill": "FFFFFF"}), elements.successors("w:noWrap", "w:vAlign"))
    elements.add_before(cell, elements.element(cell, "w:hideMark"), elements.successors("w:tcPrChange"))
    assert names(cell) == ["shd", "vAlign", "hideMark"] and cell[0].get(qn("w:fill")) == "FFFFFF"
