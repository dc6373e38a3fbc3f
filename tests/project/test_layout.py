"""The tests are arranged as the package is: a folder per stage of ctpdoc/, three across the stages, a package each
(so that two stages may hold modules of the same name); no test module imports another, and nothing edits
``sys.path`` to find the helpers (tests/helpers, imported as ``tests.helpers``)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT

ACROSS = {"report", "hostile", "project"}  # across the stages: the built documents, hostile inputs, the project
SHARED = {"helpers"}  # what the tests share; conftest.py files hold the shared fixtures
NOT_TESTS = {"data", "windowslike", "__pycache__"}  # the seed's text; Python as Windows has it


def stages(package: Path) -> set[str]:
    return {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}


def imported(path: Path, top: Path) -> list[str]:
    """Every module the file at ``path`` imports (and every name it imports from one, as a module might be),
    relative imports resolved against its package from the repository's ``top``."""
    parts = path.relative_to(top).with_suffix("").parts
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(parts[: len(parts) - node.level]) if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            names += [module, *(f"{module}.{alias.name}" for alias in node.names)]
    return names


def edits_sys_path(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id == "sys"
        for node in ast.walk(tree)
    )


def problems(top: Path) -> list[str]:
    """What breaks the arrangement in the repository at ``top`` (its tests/ and ctpdoc/)."""
    tests, found = top / "tests", []
    known = stages(top / "ctpdoc")
    folders = {p.name for p in tests.iterdir() if p.is_dir()} - NOT_TESTS
    for name in sorted(folders - known - ACROSS - SHARED):
        found.append(f"tests/{name}/ is neither a stage of ctpdoc/ nor one of {sorted(ACROSS | SHARED)}")
    for name in sorted(known - folders):
        found.append(f"ctpdoc/{name}/ has no tests/{name}/")
    for folder in [tests, *(tests / name for name in sorted(folders))]:
        if not (folder / "__init__.py").is_file():
            found.append(f"{folder.relative_to(top).as_posix()}/ has no __init__.py")
    found += [
        f"{p.relative_to(top).as_posix()} is a test module outside a stage's folder" for p in sorted(tests.glob("test_*.py"))
    ]
    for path in sorted(tests.rglob("*.py")):
        if NOT_TESTS & set(path.relative_to(tests).parts):
            continue
        shown = path.relative_to(top).as_posix()
        for module in imported(path, top):
            last = module.rsplit(".", 1)[-1]
            if last.startswith("test_") or last == "conftest":
                found.append(f"{shown} imports {module}: share it in tests/helpers or a conftest.py")
        if path.name == "conftest.py" and edits_sys_path(path):
            found.append(f"{shown} edits sys.path: import the helpers as tests.helpers")
    return found


@pytest.mark.slow
def test_the_tests_are_arranged_as_the_package_is():
    assert problems(ROOT) == []


def planted(tmp_path: Path) -> Path:
    """A copy of the repository's tests/ and of ctpdoc/'s folders (their __init__.py), to break."""
    shutil.copytree(ROOT / "tests", tmp_path / "tests", ignore=shutil.ignore_patterns("__pycache__", "data", "windowslike"))
    for stage in stages(ROOT / "ctpdoc"):
        (tmp_path / "ctpdoc" / stage).mkdir(parents=True)
        (tmp_path / "ctpdoc" / stage / "__init__.py").touch()
    assert problems(tmp_path) == []
    return tmp_path


@pytest.mark.slow
def test_a_test_module_importing_another_fails(tmp_path):
    top = planted(tmp_path)
    (top / "tests" / "review" / "test_planted.py").write_text("from tests.markup.test_revisions import TAG\n")
    (top / "tests" / "markup" / "test_planted.py").write_text("from .test_revisions import TAG\nfrom ..conftest import x\n")
    assert problems(top) == [
        "tests/markup/test_planted.py imports tests.markup.test_revisions: share it in tests/helpers or a conftest.py",
        "tests/markup/test_planted.py imports tests.conftest: share it in tests/helpers or a conftest.py",
        "tests/review/test_planted.py imports tests.markup.test_revisions: share it in tests/helpers or a conftest.py",
    ]


@pytest.mark.slow
def test_a_conftest_editing_sys_path_fails(tmp_path):
    top = planted(tmp_path)
    conftest = top / "tests" / "conftest.py"
    conftest.write_text(conftest.read_text(encoding="utf-8") + "\nsys.path.insert(0, 'tests')\n", encoding="utf-8")
    assert problems(top) == ["tests/conftest.py edits sys.path: import the helpers as tests.helpers"]


@pytest.mark.slow
def test_a_module_outside_the_stages_or_a_folder_without_init_fails(tmp_path):
    top = planted(tmp_path)
    (top / "tests" / "test_flat.py").write_text("def test_x():\n    pass\n")
    (top / "tests" / "issue27").mkdir()
    (top / "tests" / "issue27" / "test_item7.py").write_text("def test_x():\n    pass\n")
    (top / "tests" / "word" / "__init__.py").unlink()
    (top / "ctpdoc" / "newstage").mkdir()
    (top / "ctpdoc" / "newstage" / "__init__.py").touch()
    assert problems(top) == [
        "tests/issue27/ is neither a stage of ctpdoc/ nor one of ['helpers', 'hostile', 'project', 'report']",
        "ctpdoc/newstage/ has no tests/newstage/",
        "tests/issue27/ has no __init__.py",
        "tests/word/ has no __init__.py",
        "tests/test_flat.py is a test module outside a stage's folder",
    ]
