"""``ctpdoc init``: a report folder to start from, made from the sample the package carries.

Writes ``source_sheets/``, ``templates/<lang>/report.docx`` and the project file ``ctpdoc.toml``, from one of
three starting points (:class:`Start`):

- the PTC sample: its workbooks and its translators' templates, as the package carries them;
- ``empty``: the sample's ``document.xlsx`` to fill in, empty programme workbooks of the shape it declares, and
  starter templates (:mod:`ctpdoc.render.starter`), one per language of its settings, that follow any shape;
- ``example``: another working body's report, made up (the package's ``example/source_sheets``: three
  strategic objectives, four statuses, a Partners and an Output column, numbers such as SO1.2, no draft
  programme), with the starter templates.

Refuses a folder that holds anything unless forced, and even then never replaces a file: what exists is kept
and said so.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from ctpdoc.contract import contract_sheets
from ctpdoc.errors import CtpdocError, Report
from ctpdoc.model import Settings
from ctpdoc.package.writer import copy_of, write_new_file
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file, template_path
from ctpdoc.project import DEFAULT_FOLDERS, PROJECT_FILE, packaged, project_text
from ctpdoc.render.starter import starter_template
from ctpdoc.workbooks import new
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.sources import labels_of


@dataclass
class Initialised:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existed already (with --force): left as they were


class Start(enum.Enum):
    """What a new report folder starts from."""

    SAMPLE = "sample"  # the PTC's report, as the package carries it
    EMPTY = "empty"  # the sample's settings, empty programmes, starter templates
    EXAMPLE = "example"  # another working body's report (made up), starter templates


def init(folder: Path, start: Start = Start.SAMPLE, force: bool = False) -> Initialised:
    """Create the report folder ``folder`` from ``start`` (see the module's description)."""
    if folder.exists() and not folder.is_dir():
        raise CtpdocError(f"{folder}: is a file, not a folder; give the name of a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise CtpdocError(
            f"{folder}: is not empty; give a new or empty folder, or add --force to add the report folder's files "
            "beside what is there (no file is replaced)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{folder}: cannot create the folder ({exc.strerror}); choose another place") from exc
    done = Initialised()
    sources = folder / DEFAULT_FOLDERS["sources"]
    templates = folder / DEFAULT_FOLDERS["templates"]
    if start is not Start.SAMPLE and (sources / DOCUMENT_WORKBOOK).exists():
        settings_of(sources)  # the settings kept decide the workbooks and templates: wrong ones stop init before it writes
    if start is Start.SAMPLE:
        copy_tree(packaged("source_sheets"), sources, done)
        copy_tree(packaged("templates"), templates, done)
    elif start is Start.EMPTY:
        copy_file(packaged("source_sheets").joinpath(DOCUMENT_WORKBOOK), sources / DOCUMENT_WORKBOOK, done)
        settings = settings_of(sources)
        empty_programmes(sources, settings, done)
        starter_templates(templates, settings, done)
    else:
        copy_tree(packaged("example").joinpath(DEFAULT_FOLDERS["sources"]), sources, done)
        starter_templates(templates, settings_of(sources), done)
    write_new(folder / PROJECT_FILE, project_text().encode("utf-8"), done)
    return done


def settings_of(sources: Path) -> Settings:
    """The settings of the ``document.xlsx`` written (or kept, with --force: a user's own is read as it is)."""
    report = Report()
    settings = read_settings(sources / DOCUMENT_WORKBOOK, report)
    report.raise_if_errors()
    assert settings is not None
    return settings


def starter_templates(templates: Path, settings: Settings, done: Initialised) -> None:
    """A starter template per language of the settings (:mod:`ctpdoc.render.starter`)."""
    for lang in settings.languages:
        write_new(template_path(templates, lang), starter_template(lang), done)


def empty_programmes(sources: Path, settings: Settings, done: Initialised) -> None:
    """The programmes ``document.xlsx`` names, without rows: the current one (with Status and Progress, and
    its baseline, the same empty workbook) and the draft, if it names one."""
    wanted = [
        (sources / programme_file(settings.current_programme), False),
        (sources / settings.baseline, False),
        *([(sources / programme_file(settings.draft_programme), True)] if settings.draft_programme else []),
    ]
    for path, draft in wanted:
        if path.exists():
            done.kept.append(path)
            continue
        sheets = contract_sheets(settings.shape, not draft, settings.languages, labels_of(settings))
        new.new_workbook(path, sheets, False)  # as new-workbook writes it, in the settings' shape and labels
        done.written.append(path)


def copy_tree(source: Traversable, target: Path, done: Initialised) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "~$")):  # hidden files, Office's lock files
            continue
        if entry.is_dir():
            copy_tree(entry, target / entry.name, done)
        else:
            copy_file(entry, target / entry.name, done)


def copy_file(source: Traversable, target: Path, done: Initialised) -> None:
    write_new(target, source.read_bytes(), done)


def write_new(target: Path, data: bytes, done: Initialised) -> None:
    """Write a file that does not exist yet (through a temporary linked in: never through a link, never over a
    file, never half of one)."""
    if target.exists() or target.is_symlink():
        done.kept.append(target)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{target}: cannot be written ({exc.strerror}); choose another folder") from exc
    write_new_file(target, copy_of(data))
    done.written.append(target)
