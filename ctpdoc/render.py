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
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import nsmap as docx_namespaces
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from lxml import etree

from .context import Context
from .errors import fail
from .model import Location
from .revisions import W, count_revisions, make_right_to_left, mark_rows, number_revisions, set_language
from .templates import make_environment
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
        document = render_template(template, context)
        root = document.docx.element
        revisions = count_revisions(root)
    with timings.stage("save"):
        data = save(document, zip_date(context))
    return Rendered(context.lang, data, revisions)


def render_template(template: Path, context: Context) -> DocxTemplate:
    """docxtpl's rendering, then what it cannot do: row marks, revision ids, language, properties."""
    where = Location(f"{template.parent.name}/{template.name}")
    if not template.is_file():
        raise fail(where, f"no {context.lang} template; add {template} or drop --lang {context.lang}")
    document = load_template(template, where)
    try:
        document.render(context.values, jinja_env=make_environment(context.formats), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise fail(where, f"template syntax error: {exc.message}; check the tags around it in Word") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise fail(where, f"template refused by the sandbox: {exc}") from exc
    except jinja2.UndefinedError as exc:
        raise fail(where, f"unknown name in a tag: {exc.message}; see the README's list of variables") from exc
    except (TypeError, ValueError) as exc:
        raise fail(where, f"a tag cannot be filled: {exc}") from exc
    root = document.docx.element
    check_rich_tags(root, where)
    mark_rows(root, context.row_marks, context.revision)
    parts = [root, *furniture(document)]
    set_language(document.docx.styles.element, parts, context.formats.tag, context.formats.right_to_left)
    if context.formats.right_to_left:
        make_right_to_left(parts)
    number_revisions(root)
    stamp_properties(document, context)
    return document


class Template(DocxTemplate):
    """docxtpl, without the two steps that grow faster than the document (measured at 10,000 rows)."""

    _LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")

    # Tags that change a table's columns: only then does docxtpl's fix_tables have work to do.
    _COLUMN_TAGS = re.compile(r"\{%-?\s*(tc\s|colspan|hm|vm)")

    def build_xml(self, context: object, jinja_env: object = None) -> str:
        self.columns_may_change = bool(self._COLUMN_TAGS.search(self.get_xml()))  # seen before docxtpl strips the tags
        return super().build_xml(context, jinja_env)

    def fix_tables(self, xml: str) -> etree._Element:
        """docxtpl parses the rendered body on its own, then moves it into the document, where lxml
        fixes namespaces node by node (9 s at 10,000 rows). Parsing the whole document once, with
        python-docx's parser, is linear; docxtpl's own step runs only where columns can change."""
        if self.columns_may_change:
            return super().fix_tables(xml)
        head, tail = self.document_around_body()
        return parse_xml(head + xml + tail).body

    def map_tree(self, tree: etree._Element) -> None:
        document = tree.getparent()
        if document is None:  # docxtpl's own fix_tables ran: splice its body into the document's text
            head, tail = self.document_around_body()
            document = parse_xml(head + etree.tostring(tree, encoding="unicode") + tail)
        self.docx._part._element = document
        self.docx._element = document
        self.docx._Document__body = None  # python-docx's cached proxy of the old body

    def fix_docpr_ids(self, tree: etree._Element) -> None:
        """docxtpl's, through lxml's own xpath (python-docx's elements take no namespaces argument)."""
        for element in etree._Element.xpath(tree, "//wp:docPr", namespaces=docx_namespaces):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def document_around_body(self) -> tuple[str, str]:
        """The document's XML before and after its body."""
        root = copy.copy(self.docx._element)
        root.replace(root.body, root.makeelement(f"{{{W}}}body"))
        head, tail = etree.tostring(root, encoding="unicode").split("<w:body/>")
        return head, tail

    _EMPTY_RUN = re.compile(r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space="preserve"></w:t></w:r>', re.DOTALL)

    def render_xml_part(self, src_xml: str, part: object, context: object, jinja_env: object = None) -> str:
        """docxtpl leaves an empty run on each side of a ``{{r …}}`` tag: dropped while still text."""
        return self._EMPTY_RUN.sub("", super().render_xml_part(src_xml, part, context, jinja_env))

    def resolve_listing(self, xml: str) -> str:
        """docxtpl turns tabs and line breaks typed in plain values into runs; ours are runs already."""
        return super().resolve_listing(xml) if self._LISTING.search(xml) else xml


def load_template(path: Path, where: Location) -> DocxTemplate:
    try:
        document = Template(str(path))
        document.init_docx()
        return document
    except Exception as exc:  # python-docx raises several types for damaged files
        raise fail(where, f"cannot be opened as a Word document ({exc}); save it again as .docx") from exc


_TEXT_WITH_MARKUP = etree.XPath("//w:t[*]", namespaces={"w": W})


def check_rich_tags(root: etree._Element, where: Location) -> None:
    """A run field written ``{{ row.x }}`` instead of ``{{r row.x }}`` puts its runs inside a w:t."""
    if _TEXT_WITH_MARKUP(root):
        raise fail(where, "a table field is written {{ row.… }}; write it {{r row.… }} (with r) in Word")


def furniture(document: DocxTemplate) -> list[etree._Element]:
    """The header and footer parts, as docxtpl left them."""
    return [rel.target_part.element for rel in document.docx.part.rels.values() if rel.reltype.endswith(("/header", "/footer"))]


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


def save(document: DocxTemplate, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """What python-docx's save does (``OpcPackage.save``), into a zip whose dates are the issue date."""
    package = document.docx.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer: Any = FixedDateZip(buffer, stamp)  # the interface of python-docx's PhysPkgWriter
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return buffer.getvalue()


def zip_date(context: Context) -> tuple[int, int, int, int, int, int]:
    issued = issue_datetime(context)
    return (max(issued.year, 1980), issued.month, issued.day, 0, 0, 0)
