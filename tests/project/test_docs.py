"""The README and the documentation pages: short, and every relative link resolves."""

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT

LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def test_the_readme_is_short():
    assert len((ROOT / "README.md").read_bytes()) < 12 * 1024


def test_every_link_of_the_readme_resolves():
    links = LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert links, "the README links to the documentation pages"
    for target, _anchor in links:
        if "://" not in target:
            assert (ROOT / target).is_file(), target


def test_every_page_is_in_the_site_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f": {page.name}" in config, f"{page.name} is missing from mkdocs.yml's nav"


def make_docs(tmp_path: Path, plant=None) -> subprocess.CompletedProcess[str]:
    """`make docs` as the Makefile has it, on a copy of the pages and mkdocs.yml, with this interpreter's MkDocs."""
    for name in ("Makefile", "pyproject.toml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / ".venv").mkdir()
    stamp = tmp_path / ".venv" / ".installed"  # the Makefile's stamp, newer than pyproject.toml: nothing to install
    stamp.touch()
    later = (tmp_path / "pyproject.toml").stat().st_mtime + 60
    os.utime(stamp, (later, later))
    if plant:
        plant(tmp_path / "docs")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        ["make", "docs", f"BIN={Path(sys.executable).parent}"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300
    )


def a_broken_link(docs: Path) -> None:
    with (docs / "cli.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the missing page](missing.md).\n")


def a_missing_anchor(docs: Path) -> None:
    with (docs / "cli.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the safety page's missing section](safety.md#no-such-section).\n")


def an_orphan_page(docs: Path) -> None:
    (docs / "orphan.md").write_text("# A page left out of the navigation\n", encoding="utf-8")


needs_mkdocs = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None
    or not shutil.which("make")
    or not (Path(sys.executable).parent / "python").exists(),
    reason="needs make and MkDocs (the dev extra: pip install -e '.[dev]')",
)


@pytest.mark.slow
@needs_mkdocs
def test_make_docs_builds_the_real_pages(tmp_path):
    done = make_docs(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "cli.html").is_file()


@pytest.mark.slow
@needs_mkdocs
@pytest.mark.parametrize(
    ("plant", "said"),
    [
        (a_broken_link, "contains a link 'missing.md'"),
        (a_missing_anchor, "does not contain an anchor '#no-such-section'"),
        (an_orphan_page, 'not included in the "nav" configuration:\n  - orphan.md'),
    ],
)
def test_make_docs_fails_on_any_warning(tmp_path, plant, said):
    done = make_docs(tmp_path, plant)
    assert done.returncode != 0, f"make docs passed with {plant.__name__}:\n{done.stdout}{done.stderr}"
    said_all = done.stdout + done.stderr
    assert said in said_all and "Aborted with 1 warnings in strict mode" in said_all, said_all


def test_ci_builds_the_docs():
    assert "\nmake docs\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "- run: make docs\n" in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")


# What the pages and the README state about the sources: every path they name exists, every figure of tests holds.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PACKAGE_PATH = re.compile(r"(?<![\w./-])ctpdoc/[\w./-]*")  # ctpdoc/…, anywhere in the text
SPAN = re.compile(r"`([^`\s]+)`")  # a path in code spans: a subpackage's module, or a folder at the top
SUBPACKAGES = {p.name for p in (ROOT / "ctpdoc").iterdir() if (p / "__init__.py").is_file()}
TOP = {"tests", "tools", "constraints", ".ci", ".github", "docs", "example"}
TESTS_FIGURE = re.compile(r"\bsome ([\d,]+) tests\b")
TOLERANCE = 0.10  # "some N tests": within 10 % of what pytest collects


def wheel_only(path: str) -> bool:
    """ctpdoc/data/… exists only in the wheel, where pyproject.toml's force-include puts the sample."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    targets = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"].values()
    return path.rstrip("/") == "ctpdoc/data" or any(path.rstrip("/") == t or path.startswith(f"{t}/") for t in targets)


def defines(module: Path, name: str) -> bool:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    return False


def named_paths(text: str) -> list[tuple[str, str | None]]:
    """(path from the repository's top, the name after `:` if any) for every path the text names."""
    found: list[tuple[str, str | None]] = [(m.group().rstrip("."), None) for m in PACKAGE_PATH.finditer(text)]
    for span in SPAN.findall(text):
        path, _, name = span.partition(":")
        first = path.split("/")[0]
        if "/" not in path or not re.fullmatch(r"[\w./-]+", path) or (name and not name.isidentifier()):
            continue
        if first in SUBPACKAGES:
            found.append((f"ctpdoc/{path}", name or None))
        elif first in TOP:
            found.append((path, name or None))
    return list(dict.fromkeys(found))


def untrue_paths(text: str) -> list[str]:
    untrue = []
    for path, name in named_paths(text):
        if wheel_only(path):
            continue
        if not (ROOT / path).exists():
            untrue.append(f"{path} does not exist")
        elif name and not defines(ROOT / path, name):
            untrue.append(f"{path} does not define {name}")
    return untrue


def test_every_path_the_docs_name_exists():
    untrue = [f"{page.name}: {said}" for page in PAGES for said in untrue_paths(page.read_text(encoding="utf-8"))]
    assert not untrue, "\n".join(untrue)


def test_the_path_check_sees_a_path_that_is_not_there():
    assert untrue_paths("read by `ctpdoc/sandbox.py`, then `render/fill.py`") == ["ctpdoc/sandbox.py does not exist"]
    assert untrue_paths("`changes/nowhere.py` and `commands/build.py:build`") == ["ctpdoc/changes/nowhere.py does not exist"]
    assert untrue_paths("`cli/main.py:nothing_here`") == ["ctpdoc/cli/main.py does not define nothing_here"]
    assert untrue_paths("`tools/no_such_tool.py` and `tests/no_such_test.py`") == [
        "tools/no_such_tool.py does not exist",
        "tests/no_such_test.py does not exist",
    ]
    assert untrue_paths("packed as `ctpdoc/data/` (ctpdoc/data/templates)") == []


def untrue_figures(text: str, collected: int) -> list[str]:
    untrue = []
    for figure in TESTS_FIGURE.findall(text):
        stated = int(figure.replace(",", ""))
        if abs(stated - collected) > TOLERANCE * collected:
            untrue.append(f"says some {figure} tests; pytest collects {collected}")
    return untrue


@pytest.mark.slow
def test_every_figure_of_tests_the_docs_state_holds(suite):
    collected = suite.collected
    texts = {page.name: page.read_text(encoding="utf-8") for page in PAGES}
    assert any(TESTS_FIGURE.search(text) for text in texts.values()), "docs/developing.md states how many tests there are"
    untrue = [f"{name}: {said}" for name, text in texts.items() for said in untrue_figures(text, collected)]
    assert not untrue, "\n".join(untrue)
    assert untrue_figures("some 560 tests", collected), "the check lets a figure 20 % off pass"


def test_a_figure_of_tests_must_be_stated_in_words_the_check_reads():
    """A figure the check cannot read is not checked: every "N tests" in the pages says "some N tests"."""
    loose = [
        f"{page.name}: {m.group()}"
        for page in PAGES
        for m in re.finditer(r"(?<!some )\b[\d,]{2,} tests\b", page.read_text(encoding="utf-8"))
    ]
    assert not loose, loose


def test_every_tool_is_named_in_the_developers_page():
    """tools/ holds what is run again and again, each file said in docs/developing.md; a one-off script is a commit."""
    page = (ROOT / "docs" / "developing.md").read_text(encoding="utf-8")
    tools = [p for p in (ROOT / "tools").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert tools, "tools/ holds bench.py, layers.py…"
    unnamed = [p.relative_to(ROOT).as_posix() for p in tools if p.name not in page]
    assert not unnamed, f"not named in docs/developing.md (a one-off script does not belong in tools/): {unnamed}"
