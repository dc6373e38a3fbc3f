"""The report folder: a folder holding ``ctpdoc.toml``, found as git finds its repository.

``ctpdoc init`` writes the project file; every command run in that folder or any folder below it
finds the nearest one upward (:func:`find_project`) and takes its folders (sources, templates,
output) from it, relative to the project file. The sample the wheel carries (``templates/`` and
``source_sheets/`` at the top of the repository, packed as ``ctpdoc/data/``) is found here too
(:func:`packaged`), by ``importlib.resources``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ctpdoc.errors import CtpdocError

PROJECT_FILE = "ctpdoc.toml"
# The folders a report folder records, and their names when the project file does not give them.
DEFAULT_FOLDERS = {"sources": "source_sheets", "templates": "templates", "out": "build"}


@dataclass(frozen=True)
class Project:
    """A report folder: where its project file is and the folders it records (absolute)."""

    root: Path
    sources: Path
    templates: Path
    out: Path

    def folder(self, name: str) -> Path:
        return {"sources": self.sources, "templates": self.templates, "out": self.out}[name]


def find_project(start: Path) -> Project | None:
    """The nearest folder from ``start`` upward that holds ``ctpdoc.toml``; ``None`` if there is none."""
    here = start.absolute()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return read_project(candidate)
    return None


def read_project(path: Path) -> Project:
    """Read a project file; an unreadable one is the user's mistake, told on one line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CtpdocError(f"{path}: cannot be read ({exc}); restore it, or run `ctpdoc init --force` in {path.parent}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CtpdocError(f"{path}: is not a valid project file ({exc}); correct it, or run `ctpdoc init --force` in {path.parent}") from exc
    folders = data.get("folders", {})
    if not isinstance(folders, dict):
        raise CtpdocError(f"{path}: [folders] must be a table (sources = \"source_sheets\", …); correct it")
    chosen = {}
    for name, default in DEFAULT_FOLDERS.items():
        value = folders.get(name, default)
        if not isinstance(value, str) or not value.strip():
            raise CtpdocError(f"{path}: folders.{name} must be a folder name in quotes, e.g. {name} = \"{default}\"; correct it")
        chosen[name] = path.parent / value
    return Project(path.parent, chosen["sources"], chosen["templates"], chosen["out"])


def project_text(folders: dict[str, str] | None = None) -> str:
    """The project file ``ctpdoc init`` writes."""
    chosen = {**DEFAULT_FOLDERS, **(folders or {})}
    lines = [
        "# A ctpdoc report folder: ctpdoc run here, or in any folder below, uses these folders",
        "# (relative to this file). The options --sources, --templates and --out override them.",
        "[folders]",
        *(f'{name} = "{value}"' for name, value in chosen.items()),
    ]
    return "\n".join(lines) + "\n"


def packaged(name: str) -> Traversable:
    """A folder of the sample the package carries (``templates``, ``source_sheets``).

    In an installed wheel it is ``ctpdoc/data/<name>``; in a clone of the repository (an editable
    install, or ``python -m ctpdoc``), the same folder at the top of the repository."""
    data = resources.files("ctpdoc").joinpath("data", name)
    if data.is_dir():
        return data
    clone = resources.files("ctpdoc").joinpath("..", name)
    if clone.is_dir():
        return clone
    raise CtpdocError(f"the sample {name}/ is missing from this installation of ctpdoc; reinstall it (pip install --force-reinstall ctpdoc)")
