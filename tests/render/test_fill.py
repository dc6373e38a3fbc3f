import pytest

from ctpdoc.document.context import build_context
from ctpdoc.document.sandbox import LimitedTemplate
from ctpdoc.errors import InputError
from ctpdoc.markup import runs
from ctpdoc.render import fill as filling
from ctpdoc.render import stream
from ctpdoc.render.fill import EMPTY_RUN, render_document
from ctpdoc.shape import PTC_STATUS_COLOURS
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.docxread import accept, part, reject, tables, text
from tests.helpers.factory import part1_row, part2_row, replace_in_runs, write_sources, write_template

STATUS_FILLS = {key: colour for key, colour, _ in PTC_STATUS_COLOURS}

FIELDS = ["no", "activity", "status", "progress"]


@pytest.fixture
def sources(tmp_path):
    baseline = [
        part1_row("1.1", "pending", ("Work started.", "Travaux commencés.")),
        part1_row("1.2", "completed"),
        part1_row("1.5", "pending"),
    ]
    return read_sources(write_sources(tmp_path / "src", baseline1=baseline, baseline2=[part2_row("2.1")]))


def render(tmp_path, sources, lang="en", paragraphs=("{{ doc.reference }}",), tracked=False, fields=FIELDS):
    template = write_template(tmp_path / "tpl" / lang / "report.docx", list(paragraphs), fields)
    rendered = render_document(template, build_context(sources, lang, tracked))
    out = tmp_path / f"{lang}.docx"
    out.write_bytes(rendered.data)
    return out, rendered


def test_hostile_cell_text_is_shown_literally(tmp_path):
    hostile = 'R&D <b>bold</b> "quoted" {{ doc.reference }} {% if x %} {_{ }_} {#c#}'
    folder = write_sources(tmp_path / "src", part1=[part1_row("1.1", progress=(hostile, hostile))])
    out, _ = render(tmp_path, read_sources(folder))
    assert tables(part(out))[0][1][3] == hostile


def test_line_break_in_a_cell_is_a_line_break(tmp_path):
    folder = write_sources(tmp_path / "src", part1=[part1_row("1.1", progress=("One.\nTwo.", "Un.\nDeux."))])
    out, _ = render(tmp_path, read_sources(folder), lang="fr")
    cell = part(out).xpath(
        "//w:tbl/w:tr[2]/w:tc[4]", namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    )[0]
    assert text(cell) == "Un.\nDeux."
    assert len(cell.findall(".//{*}br")) == 1


def test_rows_are_shaded_by_status(tmp_path, sources):
    out, _ = render(tmp_path, sources)
    fills = [
        {shd.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") for shd in row.iter("{*}shd")}
        for row in part(out).iter("{*}tr")
    ][1:]
    by_status = [STATUS_FILLS[a.status] for a in sources.current.parts[0].activities]
    assert fills == [{fill} for fill in by_status]
    assert by_status == [STATUS_FILLS["ongoing"], STATUS_FILLS["completed"], STATUS_FILLS["pending"]]


def test_no_bookmarks_or_empty_runs_left(tmp_path, sources):
    out, _ = render(tmp_path, sources)
    root = part(out)
    assert not list(root.iter("{*}bookmarkStart"))
    assert not [
        r
        for r in root.iter("{*}r")
        if [c.tag for c in r] == ["{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"] and not r[0].text
    ]


def test_docxtpls_empty_runs_go_before_it_parses_the_body(tmp_path, sources, monkeypatch):
    """docxtpl leaves an empty run each side of a {{r …}} tag, in exactly the form EMPTY_RUN names (if it
    changes, this fails: the runs would then be found only after parsing, at a cost in memory and time); they are
    taken out of the output as it is joined, with docxtpl's line feeds before paragraphs, so that docxtpl's own pass
    over the whole text finds nothing to copy."""
    tidied: list[str] = []
    monkeypatch.setattr(filling, "tidy", lambda chunk: tidied.append(chunk) or before_tidy(chunk))
    rendered: list[str] = []
    before = LimitedTemplate.render

    def keep(self, *args, **kwargs):
        rendered.append(before(self, *args, **kwargs))
        return rendered[-1]

    monkeypatch.setattr(LimitedTemplate, "render", keep)
    parsed: list[str] = []
    parse = stream.StreamedBody.parse
    monkeypatch.setattr(stream.StreamedBody, "parse", lambda self, text: parsed.append(text) or parse(self, text))
    removed = []
    monkeypatch.setattr(stream, "drop_empty_runs", lambda root: removed.append(len(runs._EMPTY_RUNS(root))))
    render(tmp_path, sources)
    assert sum(chunk.count(EMPTY_RUN) for chunk in tidied) >= 2 * len(FIELDS)  # two per cell of each activity row
    assert sum(chunk.count("\n<w:p") for chunk in tidied) > 10
    body = max(rendered, key=len)
    assert EMPTY_RUN not in body and "\n<w:p" not in body
    assert parsed and parsed[0] is body  # docxtpl's passes over the text copied nothing
    assert len(removed) > 1 and not any(removed)  # none were left for the tree: the body's nor a row's


before_tidy = filling.tidy


def test_tracked_changes_accept_to_current_and_reject_to_baseline(tmp_path, sources):
    out, rendered = render(tmp_path, sources, tracked=True)
    root = part(out)
    assert rendered.revisions > 0
    now = tables(accept(root))[0][1:]
    then = tables(reject(root))[0][1:]
    assert now == [
        [a.number, a.texts("Activity")["en"], sources.settings.shape.status(a.status).labels["en"], a.texts("Progress")["en"]]
        for a in sources.current.parts[0].activities
    ]
    assert then == [
        [a.number, a.texts("Activity")["en"], sources.settings.shape.status(a.status).labels["en"], a.texts("Progress")["en"]]
        for a in sources.baseline.parts[0].activities
    ]
    ids = [
        el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id")
        for el in root.xpath("//*[local-name()='ins' or local-name()='del']")
    ]
    assert len(ids) == len(set(ids))
    text_changes = root.xpath(
        "//*[local-name()='ins' or local-name()='del'][not(parent::*[local-name()='trPr' or local-name()='rPr'])]"
    )
    assert rendered.revisions == len(text_changes)  # as a Review pane lists them: row and paragraph marks go with the text


def test_untracked_render_has_no_revisions(tmp_path, sources):
    out, rendered = render(tmp_path, sources, tracked=False)
    assert rendered.revisions == 0
    assert not part(out).xpath("//*[local-name()='ins' or local-name()='del']")


def test_same_inputs_same_bytes(tmp_path, sources):
    first = render(tmp_path, sources, tracked=True)[1].data
    second = render(tmp_path, sources, tracked=True)[1].data
    assert first == second


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "refused by the sandbox"),
        ("{{ cycler.__init__.__globals__ }}", "refused by the sandbox"),
        ("{{ doc.referense }}", "unknown name in a tag: 'dict object' has no attribute 'referense'"),
        ("{% if doc.reference %}no end", "template syntax error"),
        ("{{ current.counts.part1|plural(many='#') }}", 'give the form "other"'),
    ],
)
def test_template_mistakes_are_one_line_errors(tmp_path, sources, paragraph, message):
    with pytest.raises(InputError) as caught:
        render(tmp_path, sources, paragraphs=(paragraph,))
    assert message in str(caught.value)
    assert str(caught.value).startswith("en/report.docx › paragraph 1 › ")  # the paragraph of the tag


def test_a_run_field_without_r_is_caught(tmp_path, sources):
    template = write_template(tmp_path / "tpl" / "en" / "report.docx", ["{{ doc.reference }}"], ["no"])
    replace_in_runs(template, "{{r row.no }}", "{{ row.activity }}")
    with pytest.raises(InputError, match=r"write it \{\{r row"):
        render_document(template, build_context(sources, "en"))


def test_column_loops_still_get_docxtpl_table_fixing(tmp_path, sources):
    """A {%tc %} loop changes a table's columns: docxtpl's own fix_tables must still run."""
    from docx import Document

    from tests.helpers.repo import validate_ooxml

    template = tmp_path / "tpl" / "en" / "report.docx"
    template.parent.mkdir(parents=True)
    document = Document()
    table = document.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text = "{%tc for month in doc.previous_reports %}"
    table.rows[0].cells[1].text = "{{ month }}"
    table.rows[0].cells[2].text = "{%tc endfor %}"
    document.save(template)
    out = tmp_path / "out.docx"
    out.write_bytes(render_document(template, build_context(sources, "en")).data)
    assert tables(part(out))[0] == [["April\u00a02023", "April\u00a02024"]]  # a month keeps its year (no-break space)
    grid = part(out).findall(".//{*}tblGrid/{*}gridCol")
    assert len(grid) == 2
    validate_ooxml(out)


LISTED = (
    '<w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
    '<w:t xml:space="preserve">one\ttwo\nthree\afour\ffive</w:t></w:r></w:p></w:body>'
)


@pytest.mark.parametrize("xml", [LISTED, LISTED.replace("\t", " ").replace("\n", " ").replace("\a", " ").replace("\f", " ")])
def test_the_listing_pass_gives_docxtpls_result_and_is_skipped_where_nothing_is_listed(xml, monkeypatch, tmp_path):
    """ReportTemplate leans on docxtpl's ``resolve_listing``: docxtpl still calls it while rendering, and it gives
    docxtpl's own result, with tabs, line feeds, bells and form feeds and without (then without running it)."""
    import docx
    from docxtpl import DocxTemplate

    path = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ x }}")
    document.save(str(path))
    template = filling.ReportTemplate(str(path))
    assert template.resolve_listing(xml) == DocxTemplate.resolve_listing(template, xml)
    ran = []
    real = DocxTemplate.resolve_listing
    monkeypatch.setattr(DocxTemplate, "resolve_listing", lambda self, x: ran.append(x) or real(self, x))
    template.resolve_listing(xml)
    assert bool(ran) == ("\t" in xml)
    called = []
    monkeypatch.setattr(filling.ReportTemplate, "resolve_listing", lambda self, x: called.append(x) or x)
    filling.ReportTemplate(str(path)).render({"x": "a"}, autoescape=True)
    assert called, "docxtpl no longer calls resolve_listing: ReportTemplate's fast path is dead code"


def test_each_part_is_patched_once_as_docxtpl_patches_it(monkeypatch, tmp_path, sources, fresh_memory):
    """ReportTemplate leans on docxtpl's ``patch_xml``: docxtpl still calls it for every part it renders, the result is
    docxtpl's own, and the tracked and the clean document of a language patch each part once between them; at the next
    run (a new process) nothing is patched anew, unless docxtpl's version changed."""
    import docxtpl
    from docxtpl import DocxTemplate

    monkeypatch.setattr(filling, "_PATCHED", {})
    asked, patched = [], []
    real = DocxTemplate.patch_xml
    monkeypatch.setattr(DocxTemplate, "patch_xml", lambda self, x: patched.append(x) or real(self, x))
    ours = filling.ReportTemplate.patch_xml
    monkeypatch.setattr(filling.ReportTemplate, "patch_xml", lambda self, x: asked.append(x) or ours(self, x))
    render(tmp_path, sources, tracked=True)
    first = len(asked)
    assert first and len(patched) == len(set(asked)), "docxtpl no longer calls patch_xml: the cache is dead code"
    render(tmp_path, sources, tracked=False)
    assert len(asked) == 2 * first and len(patched) == len(set(asked))  # the second document patched nothing anew
    assert all(filling._PATCHED[x] == real(None, x) for x in set(asked))
    monkeypatch.setattr(filling, "_PATCHED", {})  # the next run
    patched.clear()
    first_bytes = render(tmp_path, sources, tracked=True)[1].data
    assert not patched, "patched again, though remembered"
    monkeypatch.setattr(filling, "_PATCHED", {})
    monkeypatch.setattr(docxtpl, "__version__", "0.99.0")
    assert render(tmp_path, sources, tracked=True)[1].data == first_bytes and patched
