"""The translators' tools: ``templates check``, ``dump`` and ``variables``.

Each takes the folders the CLI names and gives the lines the CLI prints.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ctpdoc.checks.parity import check_parity, parse_parts
from ctpdoc.checks.template_package import check_package
from ctpdoc.checks.templates import dump
from ctpdoc.document.context import template_context_type
from ctpdoc.document.formats import Formats
from ctpdoc.document.sandbox import make_environment
from ctpdoc.document.variables import describe_variables
from ctpdoc.errors import Report, fail
from ctpdoc.inputs import irregular
from ctpdoc.model import Location
from ctpdoc.paths import DOCUMENT_WORKBOOK, available_languages, template_path
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.sources import shape_in


def check_templates(templates_dir: Path, sources_dir: Path) -> list[str]:
    """``ctpdoc templates check``: lint each language's template against the report's shape, then their parity."""
    context_type = template_context_type(shape_in(sources_dir))
    report = Report()
    languages = available_languages(templates_dir)
    if not languages:
        raise fail(Location(str(templates_dir)), "no template found; expected <lang>/report.docx; check --templates")
    parsed = [
        parse_parts(
            template_path(templates_dir, lang), lang, make_environment(Formats(lang, lang), context_type=context_type), report
        )
        for lang in languages
    ]
    check_parity([p for p in parsed if p is not None], report)
    report.raise_if_errors()
    return languages


def variables_table(sources_dir: Path) -> Iterator[str]:
    """``ctpdoc templates variables``: the names a template of the report's shape may use (Markdown)."""
    return describe_variables(shape_in(sources_dir))


def default_language(templates_dir: Path, sources_dir: Path) -> str:
    """The template ``templates dump`` shows unasked: the settings' original language, else their first, that has a
    template; else the first template's (a folder without settings)."""
    available = available_languages(templates_dir)
    wanted: list[str] = []
    if (sources_dir / DOCUMENT_WORKBOOK).is_file():
        settings = read_settings(sources_dir / DOCUMENT_WORKBOOK, Report())
        if settings is not None:
            wanted = [*([settings.original_language] if settings.original_language else []), *settings.languages]
    chosen = next((lang for lang in wanted if lang in available), None) or next(iter(available), None)
    if chosen is None:
        raise fail(
            Location(str(templates_dir)),
            "no template found; expected <lang>/report.docx; check --templates, or give a .docx path",
        )
    return chosen


def dump_template(templates_dir: Path, what: str) -> Iterator[str]:
    path = Path(what) if what.endswith(".docx") or Path(what).is_file() else template_path(templates_dir, what)
    if not path.is_file():
        raise fail(
            Location(str(path)),
            irregular(path) or "no such template; give a language that has templates/<lang>/report.docx, or a .docx path",
        )
    check_package(path)  # a .docx given to git's textconv could be anything
    try:
        yield from dump(path)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise fail(Location(str(path)), f"cannot be read as a Word document ({exc})") from exc
