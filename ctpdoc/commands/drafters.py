"""The smaller commands: the changes listing, template checks and dumps, new workbooks, snapshots.

Each takes the folders the CLI names and gives what the CLI prints; ``build.py`` keeps the build.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ctpdoc.changes.diff import compare, describe
from ctpdoc.checks.parity import check_parity, parse_parts
from ctpdoc.checks.template_package import check_package
from ctpdoc.checks.templates import dump
from ctpdoc.contract import contract_sheets
from ctpdoc.document.formats import Formats
from ctpdoc.document.sandbox import make_environment
from ctpdoc.errors import CtpdocError, Report, fail
from ctpdoc.model import Location, Status
from ctpdoc.paths import DOCUMENT_WORKBOOK, available_languages, programme_file, template_path
from ctpdoc.workbooks import writer
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.sources import inside, labels_of, read_sources


def list_changes(sources_dir: Path, lang: str) -> list[str]:
    """The review listing of ``ctpdoc changes``."""
    sources = read_sources(sources_dir)
    if lang not in sources.settings.language_letter:
        raise fail(Location("document.xlsx", "Document"), f'no "Value ({lang.upper()})" column for language {lang}; choose one of {", ".join(sources.settings.languages)}')
    changes = list(compare(sources.baseline, sources.current))
    return list(describe(changes, lang, sources.settings.status_labels))


def check_templates(templates_dir: Path) -> list[str]:
    """``ctpdoc templates check``: lint each language's template, then their parity."""
    report = Report()
    languages = available_languages(templates_dir)
    if not languages:
        raise fail(Location(str(templates_dir)), "no template found; expected <lang>/report.docx; check --templates")
    parsed = [parse_parts(template_path(templates_dir, lang), lang, make_environment(Formats(lang, lang)), report) for lang in languages]
    check_parity([p for p in parsed if p is not None], report)
    report.raise_if_errors()
    return languages


def dump_template(templates_dir: Path, what: str) -> Iterator[str]:
    path = Path(what) if what.endswith(".docx") or Path(what).is_file() else template_path(templates_dir, what)
    if not path.is_file():
        raise fail(Location(str(path)), "no such template; give a language that has templates/<lang>/report.docx, or a .docx path")
    check_package(path)  # a .docx given to git's textconv could be anything
    try:
        yield from dump(path)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise fail(Location(str(path)), f"cannot be read as a Word document ({exc})") from exc


def new_workbook(path: Path, draft: bool, languages: tuple[str, ...], force: bool, sources_dir: Path) -> None:
    """An empty programme workbook; its Status drop-down lists the labels of the settings in ``sources_dir``
    (the status keys alone where there are no settings to read)."""
    words = [s.value for s in Status]
    if (sources_dir / DOCUMENT_WORKBOOK).is_file():
        report = Report()
        settings = read_settings(sources_dir / DOCUMENT_WORKBOOK, report)
        if settings is not None:
            words = labels_of(settings)
    writer.new_workbook(path, contract_sheets(not draft, languages, words), force)


def snapshot(sources_dir: Path, force: bool) -> tuple[Path, Path]:
    """Copy the reported programme's workbook to the baseline named in the settings (within ``sources_dir``)."""
    report = Report()
    settings = read_settings(sources_dir / DOCUMENT_WORKBOOK, report)
    report.raise_if_errors()
    assert settings is not None
    source = sources_dir / programme_file(settings.current_programme)
    target = sources_dir / settings.baseline
    if not inside(target, sources_dir):
        raise fail(
            Location(DOCUMENT_WORKBOOK, "Document"),
            f'the "Baseline" setting ({settings.baseline}) leads outside {sources_dir}; give a path within it',
        )
    if not source.is_file():
        raise fail(Location(source.name), f"workbook not found in {sources_dir}; nothing to snapshot")
    if target.exists() and not force:
        raise fail(
            Location(settings.baseline),
            "already exists: it is the previous report's snapshot; add --force once the new report is issued",
        )
    if not target.parent.is_dir() and not force:
        raise fail(Location(settings.baseline), f"its folder {target.parent.name}/ does not exist; create it, or add --force")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{target.parent}: cannot create the folder ({exc.strerror})") from exc
    data = source.read_bytes()
    writer.write_file_atomically(target, lambda temporary: temporary.write_bytes(data))
    return source, target
