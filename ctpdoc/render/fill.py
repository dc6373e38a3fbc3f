"""Stage 5, rendering: one language's context into its Word template, through docxtpl's public API.

The only module that imports docxtpl. It takes a template path and a
:class:`~ctpdoc.document.context.Context` and gives the finished ``.docx`` as bytes:
``DocxTemplate.render`` in a sandboxed, autoescaping environment; then the
document's tree, as python-docx holds it, finished by :mod:`ctpdoc.markup` (row marks,
revision ids, lead-ins kept with their lists, ranges and compounds that never break, language, direction) and its
core properties set from the settings; saved with ``DocxTemplate.save``, and the zip rewritten with the
issue date on every entry so that the same inputs give the same bytes (its application properties naming ctpdoc).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from xml.parsers import expat

import docxtpl
from docxtpl import DocxTemplate
from lxml import etree

from ctpdoc.checks.template_package import check_package
from ctpdoc.document.context import Context
from ctpdoc.document.sandbox import LimitedEnvironment, LimitedTemplate, make_environment
from ctpdoc.errors import fail
from ctpdoc.markup.language import set_default_language
from ctpdoc.markup.numbering import count_revisions, number_revisions
from ctpdoc.model import Location
from ctpdoc.package.remembered import remembered
from ctpdoc.render.stream import Finishing, StreamedBody, Unstreamable, finish_part, finish_text, splice
from ctpdoc.render.template_errors import template_errors
from ctpdoc.timing import Timings


@dataclass(frozen=True)
class Rendered:
    lang: str
    data: bytes
    revisions: int  # as the reader's Review pane lists them


STREAM_ROWS = True  # the body's table rows finished and written one at a time (ctpdoc.render.stream)


def render_document(template: Path, context: Context, timings: Timings | None = None) -> Rendered:
    """The finished document; its body's table rows streamed (:data:`STREAM_ROWS`: the same bytes as the whole tree
    finished at once, in a fraction of the memory)."""
    timings = timings if timings is not None else Timings()
    where = Location(f"{template.parent.name}/{template.name}")
    with timings.stage("render"):
        document = fill(template, context, where, STREAM_ROWS)
        revisions = finish(document, context, where)
    with timings.stage("save"):
        data = save(document, zip_date(context))
    return Rendered(context.lang, data, revisions)


def finishing_of(context: Context, where: Location) -> Finishing:
    formats = context.formats
    return Finishing(context.row_marks, context.revision, formats.tag, formats.right_to_left, where)


def fill(template: Path, context: Context, where: Location, stream: bool = False) -> ReportTemplate:
    """docxtpl's rendering, in the sandbox; every template mistake becomes one line naming the template."""
    if not template.is_file():
        raise fail(where, f"no {context.lang} template; add {template} or drop --lang {context.lang}")
    check_package(template)
    document = open_template(template, where)
    if stream:
        document.streamed = StreamedBody(finishing_of(context, where))
    env = make_environment(context.formats)
    env.template_class = WellFormedTemplate
    try:
        with template_errors(template, env):
            document.render(context.values, jinja_env=env, autoescape=True)
    except BrokenXml as exc:
        raise fail(
            where,
            f"the template gives broken Word XML ({exc}); a tag that opens in one paragraph or row and closes in another "
            "needs the {%p …%} or {%tr …%} form",
        ) from exc
    return document


CHUNK = 1 << 20


class BrokenXml(Exception):
    """What a template part rendered to is not well-formed XML (not a Jinja error: the tags ran)."""


# What docxtpl leaves each side of a {{r …}} tag: a run holding nothing. Two per table cell, they were a third of
# the elements docxtpl then parses (memory and time at every size), so they go before it parses them; the few
# that carry formatting from the template are dropped after (markup.runs.drop_empty_runs).
EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'


class WellFormedTemplate(LimitedTemplate):
    """The sandbox's template, also checking that each part it renders is well-formed XML.

    docxtpl parses the rendered body with lxml's recovering parser, which would quietly drop what does
    not fit; expat here says so instead. Document properties are rendered as plain text, not XML.
    The output is tidied as it is joined (:func:`tidy`), not after.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        assert isinstance(environment, LimitedEnvironment)
        environment.tidy = tidy
        try:
            text = super().render(*args, **kwargs)
        finally:
            environment.tidy = None
        if text.startswith("<"):
            parser = expat.ParserCreate()
            try:
                for start in range(0, len(text), CHUNK):  # fed in slices: no second copy of a large body at once
                    parser.Parse(text[start : start + CHUNK], False)
                parser.Parse("", True)
            except expat.ExpatError as exc:
                raise BrokenXml(expat.errors.messages[exc.code]) from exc
        return text


# docxtpl puts a line feed before each paragraph of a part's source (for the line numbers of its errors) and takes it
# out of the output (DocxTemplate.render_xml_part); taken out here first, its pass finds nothing and copies nothing.
_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")


def tidy(chunk: str) -> str:
    """A stretch of a part's output without the empty runs docxtpl leaves around ``{{r …}}`` tags (:data:`EMPTY_RUN`)
    and without docxtpl's line feeds before paragraphs: each stretch is as docxtpl and :func:`finish` would leave it,
    without a pass over the whole text to copy it."""
    return _PARAGRAPH_LINE.sub(r"<w:p\1", chunk.replace(EMPTY_RUN, ""))


class ReportTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, its body parsed row by row, skipping its listing pass where there is nothing to list.

    docxtpl parses the rendered body in ``fix_tables``, which also fixes the tables' grids; with :attr:`streamed`
    set, :class:`~ctpdoc.render.stream.StreamedBody` parses it instead, finishing and putting aside each table row
    as it comes, and fixing the grids as docxtpl does; a body it cannot take that way goes to docxtpl's own.

    After rendering a part, docxtpl turns each tab, line feed, bell and form feed inside a text into Word's tab,
    line break, new paragraph or page break (``resolve_listing``), three nested regular expressions over every
    paragraph, run and text: a quarter of rendering the sample. The context writes none of these characters (its
    line breaks are ``<w:br/>`` already), so the pass changes nothing; it runs still wherever one of them is in
    the part. ``resolve_listing`` is docxtpl's method, not a documented hook: tests/render/test_fill.py checks that
    docxtpl still calls it and that this gives its result, with and without those characters; docxtpl is pinned
    below 1 in pyproject.toml."""

    streamed: StreamedBody | None = None

    def fix_tables(self, xml: str) -> etree._Element:
        if self.streamed is not None:
            try:
                return self.streamed.parse(xml)
            except (Unstreamable, etree.XMLSyntaxError):
                self.streamed = None
        return super().fix_tables(xml)

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's rewriting of a part's tags for Jinja, once per part: the tracked and the clean document of a
        language patch the same parts (a tenth of rendering a document at 200 activities), and a template left as it
        was is not patched again at the next run (kept with what else ctpdoc remembers, under docxtpl's version).
        ``patch_xml`` is docxtpl's method, a function of the text alone; tests/render/test_fill.py checks that
        docxtpl still calls it and that this gives its result."""
        patched = _PATCHED.get(src_xml)
        if patched is None:
            key = f"{docxtpl.__version__}|".encode() + src_xml.encode("utf-8", "surrogatepass")
            patched = remembered("patched-part", key, lambda: cast(str, super(ReportTemplate, self).patch_xml(src_xml)), kept=64)
            if len(_PATCHED) >= _PATCHED_KEPT:
                _PATCHED.pop(next(iter(_PATCHED)))
            _PATCHED[src_xml] = patched
        return patched

    def resolve_listing(self, xml: str) -> str:
        if not _LISTED.search(xml):
            return xml
        return cast(str, super().resolve_listing(xml))


_LISTED = re.compile("[\t\n\a\f]")
_PATCHED: dict[str, str] = {}
_PATCHED_KEPT = 32  # template parts: a few languages' bodies, headers and footers


def open_template(path: Path, where: Location) -> ReportTemplate:
    try:
        document = ReportTemplate(str(path))
        document.init_docx()
        return document
    except Exception as exc:  # python-docx raises several types for damaged files
        raise fail(where, f"cannot be opened as a Word document ({exc}); save it again as .docx") from exc


def finish(document: ReportTemplate, context: Context, where: Location) -> int:
    """Row marks, revision ids, language and direction, properties; gives the number of tracked changes. Rows the
    body streamed are finished, numbered and counted already."""
    formats = context.formats
    finishing = finishing_of(context, where)
    body = document.docx.element.body
    finish_part(body, finishing, body=True)
    for root in furniture(document):
        finish_text(root, finishing)
    streamed = document.streamed
    if streamed is None:
        number_revisions(body)
    set_default_language(document.docx.styles.element, formats.tag, formats.right_to_left)
    stamp_properties(document, context)
    return count_revisions(body) + (streamed.revisions if streamed is not None else 0)


def furniture(document: DocxTemplate) -> Iterator[etree._Element]:
    """The header and footer parts' trees, as docxtpl left them."""
    for rel in document.docx.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            yield rel.target_part.element


def stamp_properties(document: DocxTemplate, context: Context) -> None:
    """Dates from the settings, never the clock: two builds give the same bytes."""
    properties = document.docx.core_properties
    issued = issue_datetime(context)
    properties.created = issued
    properties.modified = issued
    properties.last_printed = issued
    properties.revision = 1
    properties.language = context.formats.tag
    properties.last_modified_by = context.author
    properties.keywords = ""


def issue_datetime(context: Context) -> dt.datetime:
    return dt.datetime.combine(context.issued, dt.time())


ZipDate = tuple[int, int, int, int, int, int]


def save(document: ReportTemplate, stamp: ZipDate) -> bytes:
    """docxtpl's save, then the zip written again entry by entry with one date: zipfile stamps each
    entry with the clock, and a document must not change when nothing in its inputs did. Rows the body
    streamed go back into the main part in their placeholders' places."""
    saved = io.BytesIO()
    document.save(saved)
    streamed = document.streamed
    if streamed is None or not streamed.rows:
        return restamp(saved.getvalue(), stamp)
    main = document.docx.part.partname.membername
    return restamp(saved.getvalue(), stamp, {main: lambda data: splice(data, streamed.rows)})


# The application properties name ctpdoc, whatever program last saved the template ("Microsoft Macintosh Word",
# "Normal.dotm"), and carry none of its statistics (pages, words), which the template's are not.
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>ctpdoc</Application>'
    b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def restamp(data: bytes, stamp: ZipDate, rewrite: dict[str, Callable[[bytes], Iterable[bytes]]] | None = None) -> bytes:
    """The zip written again, every entry dated ``stamp``; ``rewrite``: an entry's content given in pieces from its
    saved content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if rewrite and entry.filename in rewrite:
                with target.open(info, "w") as writing:
                    for piece in rewrite[entry.filename](source.read(entry)):
                        writing.write(piece)
                continue
            target.writestr(info, APP_PROPERTIES if entry.filename == "docProps/app.xml" else source.read(entry))
    return out.getvalue()


def zip_date(context: Context) -> ZipDate:
    issued = issue_datetime(context)
    return (max(issued.year, 1980), issued.month, issued.day, 0, 0, 0)
