"""Stage 5, rendering: one language's context into its Word template.

The only module that imports docxtpl. It takes a template path and a
:class:`~ctpdoc.context.Context` and gives the finished ``.docx`` as bytes:
rendered in a sandbox with autoescape, rows marked, revisions numbered,
properties and zip entries fixed so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
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
        data = deterministic_zip(save(document), context)
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
    drop_empty_runs(root)
    mark_rows(root, context.row_marks, context.revision)
    parts = [root, *furniture(document)]
    set_language(document.docx.styles.element, parts, context.formats.tag, context.formats.right_to_left)
    if context.formats.right_to_left:
        make_right_to_left(parts)
    number_revisions(root)
    stamp_properties(document, context)
    return document


def load_template(path: Path, where: Location) -> DocxTemplate:
    try:
        document = DocxTemplate(str(path))
        document.init_docx()
        return document
    except Exception as exc:  # python-docx raises several types for damaged files
        raise fail(where, f"cannot be opened as a Word document ({exc}); save it again as .docx") from exc


_RUN_IN_TEXT = re.compile(r"<w:r[ >]")


def check_rich_tags(root: etree._Element, where: Location) -> None:
    """A run field written ``{{ row.x }}`` instead of ``{{r row.x }}`` ends up inside text."""
    for text in root.iter(f"{{{W}}}t"):
        if len(text) or (text.text and _RUN_IN_TEXT.search(text.text)):
            raise fail(where, "a table field is written {{ row.… }}; write it {{r row.… }} (with r) in Word")


def drop_empty_runs(root: etree._Element) -> None:
    """docxtpl leaves an empty run on each side of a ``{{r …}}`` tag."""
    for run in list(root.iter(f"{{{W}}}r")):
        children = [c for c in run if c.tag != f"{{{W}}}rPr"]
        if len(children) == 1 and children[0].tag == f"{{{W}}}t" and not children[0].text:
            run.getparent().remove(run)


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


def save(document: DocxTemplate) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def deterministic_zip(data: bytes, context: Context) -> bytes:
    """Rewrite the package with fixed entry dates (python-docx stamps the clock)."""
    issued = issue_datetime(context)
    stamp = (max(issued.year, 1980), issued.month, issued.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()

