"""Stage 5, rendering: one language's context into its Word template.

The only module that imports docxtpl. It takes a template path and a
:class:`~ctpdoc.context.Context` and gives the finished ``.docx`` as bytes:
rendered in a sandbox with autoescape, rows marked, revisions numbered,
properties and zip entries fixed so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

import jinja2
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from lxml import etree

from .context import Context
from .errors import fail
from .model import Location
from .revisions import W, make_right_to_left, mark_rows, number_revisions, retag_language, set_default_language
from .sandbox import check_package, make_environment, template_errors
from .timing import Timings

TEMPLATE_NAME = "report.docx"


@dataclass(frozen=True)
class Rendered:
    lang: str
    data: bytes
    revisions: int


def template_path(folder: Path, lang: str) -> Path:
    return folder / lang / TEMPLATE_NAME


def available_languages(folder: Path) -> list[str]:
    """Languages with a template: ``templates/<lang>/report.docx``."""
    return sorted(p.parent.name for p in folder.glob(f"*/{TEMPLATE_NAME}"))


def render_document(template: Path, context: Context, timings: Timings | None = None) -> Rendered:
    timings = timings if timings is not None else Timings()
    with timings.stage("render"):
        document, revisions = render_template(template, context)
    with timings.stage("save"):
        data = save(document, zip_date(context))
    return Rendered(context.lang, data, revisions)


def render_template(template: Path, context: Context) -> tuple[Template, int]:
    """docxtpl's rendering, then what it cannot do: row marks, revision ids, language, properties.

    Gives the document, its body kept as text, and the number of revisions in it.
    """
    where = Location(f"{template.parent.name}/{template.name}")
    if not template.is_file():
        raise fail(where, f"no {context.lang} template; add {template} or drop --lang {context.lang}")
    check_package(template)
    document = load_template(template, where)
    env = make_environment(context.formats)
    with template_errors(template, env):
        document.render(context.values, jinja_env=env, autoescape=True)
    formats = context.formats
    body = document.body_xml
    check_body(body, where)
    body = retag_language(mark_rows(body, context.row_marks, context.revision), formats.tag)
    if formats.right_to_left:
        body = make_right_to_left(body)
    body, revisions = number_revisions(body)
    document.body_xml = body
    set_default_language(document.docx.styles.element, formats.tag, formats.right_to_left)
    for part in furniture(document):
        xml = retag_language(etree.tostring(part.element), formats.tag)
        part._element = parse_xml(make_right_to_left(xml) if formats.right_to_left else xml)
    stamp_properties(document, context)
    return document, revisions


class Template(DocxTemplate):
    """docxtpl, keeping the rendered body as text.

    docxtpl parses the rendered body into an lxml tree and moves it into the document, where lxml
    fixes namespaces node by node: at 10,000 rows that took 9 s, and the tree ten times the XML's
    size in memory. Here the body stays text from Jinja's output to the zip; docxtpl's table fixing
    still runs (on a tree) for templates whose column tags can change a table's columns.
    """

    _LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
    _LISTING_BYTES = re.compile(rb"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
    _COLUMN_TAGS = re.compile(r"\{%-?\s*(tc\s|colspan|hm|vm)")
    _DOCPR_ID = re.compile(rb'(<wp:docPr\b[^>]*?\sid=")(\d+)(")')
    _EMPTY_RUN = re.compile(r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space="preserve"></w:t></w:r>', re.DOTALL)
    body_xml = b""

    def build_xml(self, context: object, jinja_env: object = None) -> str:
        self.columns_may_change = bool(self._COLUMN_TAGS.search(self.get_xml()))  # seen before docxtpl strips the tags
        return super().build_xml(context, jinja_env)

    def fix_tables(self, xml: bytes) -> Any:
        if self.columns_may_change:
            return etree.tostring(super().fix_tables(xml.decode("utf-8")), encoding="utf-8")
        return xml

    def fix_docpr_ids(self, xml: bytes) -> None:
        """docxtpl renumbers the drawings' ids, which pictures repeated by a loop share."""

        def renumber(match: re.Match[bytes]) -> bytes:
            self.docx_ids_index += 1
            return match[1] + str(self.docx_ids_index).encode() + match[3]

        self.body_xml = self._DOCPR_ID.sub(renumber, xml)

    def map_tree(self, xml: bytes) -> None:
        """The body is written from ``body_xml`` when the document is saved (see ``save``)."""

    def render_xml_part(self, src_xml: str, part: object, context: Any, jinja_env: Any = None) -> Any:
        """docxtpl's, with the empty run it leaves each side of a ``{{r}}`` tag dropped; the body comes
        out as UTF-8 bytes, encoded slice by slice (Jinja's million pieces joined at once, then a
        string of twice the bytes, doubled the peak memory at 10,000 rows)."""
        src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        self.current_rendering_part = part
        template = jinja_env.from_string(src_xml) if jinja_env else jinja2.Template(src_xml)
        pieces = template.generate(context)
        chunks = []
        while chunk := "".join(itertools.islice(pieces, 20000)):
            chunks.append(self.finish_text(chunk))
        if part is not self.docx._part:
            return self.resolve_listing("".join(chunks))  # headers and footers: docxtpl goes on with them as text
        body = b"".join(c.encode("utf-8") for c in chunks)
        del chunks
        return self.resolve_listing(body.decode("utf-8")).encode("utf-8") if self._LISTING_BYTES.search(body) else body

    def finish_text(self, xml: str) -> str:
        """What docxtpl does to its output, on a slice of it: Jinja's pieces are whole, and what these
        replacements look for lies within the template's own text, so never across two pieces."""
        xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        if "{_" in xml or "_}" in xml:
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self._EMPTY_RUN.sub("", xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl turns tabs and line breaks typed in plain values into runs; ours are runs already."""
        return super().resolve_listing(xml) if self._LISTING.search(xml) else xml

    def document_xml(self) -> bytes:
        """``word/document.xml``: the template's document around the rendered body."""
        root = copy.copy(self.docx._element)
        root.replace(root.body, root.makeelement(f"{{{W}}}body"))
        head, tail = etree.tostring(root, encoding="utf-8").split(b"<w:body/>")
        return XML_DECLARATION + head + self.body_xml + tail


XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def load_template(path: Path, where: Location) -> Template:
    try:
        document = Template(str(path))
        document.init_docx()
        return document
    except Exception as exc:  # python-docx raises several types for damaged files
        raise fail(where, f"cannot be opened as a Word document ({exc}); save it again as .docx") from exc


_RUN_IN_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>[^<]*<(?!/w:t>)")


def check_body(xml: bytes, where: Location) -> None:
    """Well-formed, and no run inside a text: a field written ``{{ row.x }}`` instead of ``{{r row.x }}``."""
    if _RUN_IN_TEXT.search(xml):
        raise fail(where, "a table field is written {{ row.… }}; write it {{r row.… }} (with r) in Word")
    parser = expat.ParserCreate()
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise fail(
            where,
            f"the template gives broken Word XML ({expat.errors.messages[exc.code]}); a tag that opens in one "
            "paragraph or row and closes in another needs the {%p …%} or {%tr …%} form",
        ) from exc


def furniture(document: DocxTemplate) -> list[Any]:
    """The header and footer parts, as docxtpl left them."""
    return [rel.target_part for rel in document.docx.part.rels.values() if rel.reltype.endswith(("/header", "/footer"))]


def stamp_properties(document: DocxTemplate, context: Context) -> None:
    """Dates from the settings, never the clock: two builds give the same bytes."""
    properties = document.docx.core_properties
    issued = issue_datetime(context)
    properties.created = issued
    properties.modified = issued
    properties.last_printed = issued
    properties.revision = 1
    properties.language = context.formats.tag
    properties.last_modified_by = context.values["doc"]["author"]
    properties.keywords = ""


def issue_datetime(context: Context) -> dt.datetime:
    return dt.datetime.combine(context.issued, dt.time())


class FixedDateZip:
    """python-docx's physical package writer, with fixed entry dates: the same inputs, the same bytes."""

    def __init__(self, stream: io.BytesIO, stamp: tuple[int, int, int, int, int, int]) -> None:
        self.archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp

    def write(self, pack_uri: object, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)  # type: ignore[attr-defined]
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, blob)

    def close(self) -> None:
        self.archive.close()


def save(document: Template, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """What python-docx's save does (``OpcPackage.save``), into a zip whose dates are the issue date,
    with the body written from its text."""
    package = document.docx.part.package
    main = document.docx.part
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer: Any = FixedDateZip(buffer, stamp)  # the interface of python-docx's PhysPkgWriter
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in package.parts:
        writer.write(part.partname, document.document_xml() if part is main else part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buffer.getvalue()


def zip_date(context: Context) -> tuple[int, int, int, int, int, int]:
    issued = issue_datetime(context)
    return (max(issued.year, 1980), issued.month, issued.day, 0, 0, 0)
