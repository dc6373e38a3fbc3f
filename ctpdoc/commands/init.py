"""``ctpdoc init``: a report folder to start from, made from the sample the package carries.

Writes ``source_sheets/`` (the sample workbooks, or with ``empty`` the sample's ``document.xlsx`` and
empty programme workbooks of the contract), ``templates/<lang>/report.docx`` and the project file
``ctpdoc.toml``. Refuses a folder that holds anything unless forced, and even then never replaces a
file: what exists is kept and said so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from ctpdoc.commands.drafters import create_workbook
from ctpdoc.errors import CtpdocError, Report
from ctpdoc.model import Settings
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.project import DEFAULT_FOLDERS, PROJECT_FILE, packaged, project_text
from ctpdoc.workbooks.settings import read_settings

LANGUAGES = ("en", "fr")  # the languages of the contract's text columns in empty workbooks


@dataclass
class Initialised:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existed already (with --force): left as they were


def init(folder: Path, empty: bool = False, force: bool = False) -> Initialised:
    """Create the report folder ``folder`` (see the module's description)."""
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
    if empty and (sources / DOCUMENT_WORKBOOK).exists():
        settings_of(sources)  # the settings kept decide the empty workbooks: wrong ones stop init before it writes
    copy_tree(packaged("templates"), templates, done)
    if empty:
        copy_file(packaged("source_sheets").joinpath(DOCUMENT_WORKBOOK), sources / DOCUMENT_WORKBOOK, done)
        empty_programmes(sources, done)
    else:
        copy_tree(packaged("source_sheets"), sources, done)
    write_new(folder / PROJECT_FILE, project_text().encode("utf-8"), done)
    return done


def empty_programmes(sources: Path, done: Initialised) -> None:
    """The programmes ``document.xlsx`` names, without rows: the current one (with Status and Progress, and
    its baseline, the same empty workbook) and the draft."""
    settings = settings_of(sources)
    wanted = [
        (sources / programme_file(settings.current_programme), False),
        (sources / settings.baseline, False),
        (sources / programme_file(settings.draft_programme), True),
    ]
    for path, draft in wanted:
        if path.exists():
            done.kept.append(path)
            continue
        create_workbook(path, draft, LANGUAGES, False, sources)
        done.written.append(path)


def settings_of(sources: Path) -> Settings:
    report = Report()
    settings = read_settings(sources / DOCUMENT_WORKBOOK, report)
    report.raise_if_errors()
    assert settings is not None
    return settings


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
    """Write a file that does not exist yet (exclusively: never through a link, never over a file)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as stream:
            stream.write(data)
    except FileExistsError:
        done.kept.append(target)
        return
    except OSError as exc:
        raise CtpdocError(f"{target}: cannot be written ({exc.strerror}); choose another folder") from exc
    done.written.append(target)
