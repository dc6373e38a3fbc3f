"""The report folder: a folder holding ``ctpdoc.toml``, found as git finds its repository.

``ctpdoc init`` writes the project file; every command run in that folder or any folder below it
finds the nearest one upward (:func:`find_project`) and takes its folders (sources, templates,
output) from it, relative to the project file. The sample the wheel carries (``templates/`` and
``source_sheets/`` at the top of the repository, packed as ``ctpdoc/data/``) is found here too
(:func:`packaged`), by ``importlib.resources``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ctpdoc.errors import CtpdocError, command, shell_argument
from ctpdoc.inputs import read_toml

PROJECT_FILE = "ctpdoc.toml"
MAX_PROJECT_BYTES = 64 * 1024  # the file init writes is 300 bytes
TRUST_ENVIRONMENT = "CTPDOC_TRUST"  # the folders whose ctpdoc.toml is used whoever owns them, as --trust names them
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


def find_project(start: Path, trusted: Collection[Path] = ()) -> Project | None:
    """The nearest folder from ``start`` upward that holds ``ctpdoc.toml``; ``None`` if there is none. One found
    above ``start`` that another user could have placed is refused unless it is ``trusted`` (see :func:`check_owner`)."""
    here = start.absolute()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.exists() or candidate.is_symlink():
            if folder != here:
                check_owner(candidate, trusted)
            return read_project(candidate)
    return None


def user() -> int | None:
    """This process's user id; ``None`` where the system has none (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def check_owner(path: Path, trusted: Collection[Path]) -> None:
    """Refuse a project file found above the current folder that another user owns (or whose folder another user
    owns), or whose folder every user may write without the sticky bit's protection, as git refuses a repository
    another user owns (CVE-2022-24765): its folders would be that user's choice. The superuser's files are
    trusted; so is any folder named in ``trusted`` (``--trust``, ``CTPDOC_TRUST``; ``*`` for every folder)."""
    me = user()
    folder = path.parent
    if me is None or any(str(name) == "*" or same_folder(name, folder) for name in trusted):
        return
    try:
        found, holder = path.lstat(), folder.stat()
    except OSError:
        return  # gone meanwhile: read_project says so
    why = None
    for owned in (found, holder):
        if owned.st_uid not in (me, 0):
            why = f"belongs to {user_name(owned.st_uid)}, not to you"
            break
    else:
        if holder.st_mode & stat.S_IWOTH and not holder.st_mode & stat.S_ISVTX:
            why = "is in a folder every user may write (world-writable, without the sticky bit)"
    if why is not None:
        raise CtpdocError(
            f"{path}: {why}, so ctpdoc does not take it as the report folder of the folders below it; "
            f"if it is yours to use, name it: {command('--trust', str(folder))} … "
            f"(or {TRUST_ENVIRONMENT}={shell_argument(str(folder))}); "
            "else cd into your own report folder, or give --sources, --templates and --out"
        )


def same_folder(name: Path, folder: Path) -> bool:
    try:
        return name.resolve() == folder.resolve()
    except (OSError, RuntimeError):
        return False


def user_name(uid: int) -> str:
    try:
        import pwd

        return f"the user {pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"the user of uid {uid}"


def read_project(path: Path) -> Project:
    """Read a project file; an unreadable one is the user's mistake, told on one line."""
    data = read_toml(path, MAX_PROJECT_BYTES, f"correct it, or delete it and run `ctpdoc init --force` in {path.parent}")
    folders = data.get("folders", {})
    if not isinstance(folders, dict):
        raise CtpdocError(f'{path}: [folders] must be a table (sources = "source_sheets", …); correct it')
    chosen = {}
    for name, default in DEFAULT_FOLDERS.items():
        value = folders.get(name, default)
        if not isinstance(value, str) or not value.strip():
            raise CtpdocError(f'{path}: folders.{name} must be a folder name in quotes, e.g. {name} = "{default}"; correct it')
        if "\x00" in value:
            raise CtpdocError(f"{path}: folders.{name} holds a NUL character, which no folder name may hold; correct it")
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
    raise CtpdocError(
        f"the sample {name}/ is missing from this installation of ctpdoc; reinstall it (pip install --force-reinstall ctpdoc)"
    )
