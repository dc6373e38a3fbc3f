from lxml import etree

from ctpdoc.revisions import (
    Op,
    Revision,
    RowMark,
    Runs,
    Segment,
    W,
    escape,
    make_right_to_left,
    mark_rows,
    number_revisions,
    retag_language,
)

REVISION = Revision("Secrétariat", "2025-03-28T00:00:00Z")
NSDECL = f'xmlns:w="{W}"'


def parse(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:body {NSDECL}>{xml}</w:body>")


def test_escape_covers_xml_and_docxtpl_braces():
    assert escape('<a href="x">&{_{') == "&lt;a href=&quot;x&quot;&gt;&amp;&#123;_&#123;"


def test_runs_carry_language_breaks_and_tabs():
    xml = Runs([Segment(Op.EQUAL, "a\tb\nc")], "fr-FR").__html__()
    assert xml == (
        '<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">a</w:t><w:tab/>'
        '<w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c</w:t></w:r>'
    )


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
    assert "".join(root.itertext()) == "The new"
    assert root.find(f".//{{{W}}}ins") is None


def test_rows_get_shading_in_schema_order_and_row_marks():
    row = (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="1" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr><w:p>'
        '<w:bookmarkStart w:id="7" w:name="_ctpRow1"/><w:r><w:t>1.1</w:t></w:r><w:bookmarkEnd w:id="7"/>'
        "</w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    root = parse(mark_rows(row.encode(), {"_ctpRow1": RowMark("C6EFCE", Op.INSERT)}, REVISION).decode())
    first, second = root.findall(f".//{{{W}}}tcPr")
    assert [etree.QName(c).localname for c in first] == ["tcW", "shd", "vAlign"]
    assert [etree.QName(c).localname for c in second] == ["shd"]
    assert root.find(f".//{{{W}}}trPr/{{{W}}}ins") is not None
    assert root.find(f".//{{{W}}}tr")[0].tag == f"{{{W}}}trPr"
    assert root.find(f".//{{{W}}}bookmarkStart") is None and root.find(f".//{{{W}}}bookmarkEnd") is None


def test_row_marks_keep_existing_row_properties_and_shading():
    row = (
        '<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="FFFFFF"/></w:tcPr><w:p>'
        '<w:bookmarkStart w:id="8" w:name="_ctpRow2"/><w:r><w:t>1.2</w:t></w:r><w:bookmarkEnd w:id="8"/></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:p><w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkEnd w:id="1"/></w:p></w:tc></w:tr></w:tbl>'
    )
    root = parse(mark_rows(row.encode(), {"_ctpRow2": RowMark("FFC7CE", Op.DELETE)}, REVISION).decode())
    properties = root.find(f".//{{{W}}}trPr")
    assert [etree.QName(c).localname for c in properties] == ["cantSplit", "del"]
    assert [s.get(f"{{{W}}}fill") for s in root.iter(f"{{{W}}}shd")] == ["FFC7CE"]
    assert [b.get(f"{{{W}}}name") for b in root.iter(f"{{{W}}}bookmarkStart")] == ["_GoBack"]
    assert len(list(root.iter(f"{{{W}}}bookmarkEnd"))) == 1


def test_revision_ids_are_unique_and_avoid_other_ids():
    xml = (
        '<w:p><w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkEnd w:id="1"/>'
        '<w:ins w:id="0" w:author="a" w:date="d"/><w:del w:id="0" w:author="a" w:date="d"/>'
        '<w:r><w:delText>x</w:delText><w:rPr><w:insideH/></w:rPr></w:r></w:p>'
    )
    numbered, count = number_revisions(xml.encode())
    root = parse(numbered.decode())
    ids = [el.get(f"{{{W}}}id") for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert ids == ["2", "3"] and count == 2


def test_language_is_retagged_only_for_the_same_language():
    xml = '<w:r><w:rPr><w:lang w:val="fr-FR" w:eastAsia="en-US"/></w:rPr></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:r>'
    assert retag_language(xml.encode(), "fr-BE").decode() == xml.replace('w:val="fr-FR"', 'w:val="fr-BE"')


def test_right_to_left_paragraphs_and_tables_in_schema_order():
    xml = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="T"/><w:tblW w:w="0" w:type="auto"/></w:tblPr></w:tbl>'
        '<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="left"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p><w:p/><w:p><w:r/></w:p>'
    )
    root = parse(make_right_to_left(xml.encode()).decode())
    assert [etree.QName(c).localname for c in root.find(f".//{{{W}}}tblPr")] == ["tblStyle", "bidiVisual", "tblW"]
    paragraphs = root.findall(f"{{{W}}}p")
    assert [etree.QName(c).localname for c in paragraphs[0].find(f"{{{W}}}pPr")] == ["pStyle", "bidi", "jc"]
    assert all(p.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None for p in paragraphs)
