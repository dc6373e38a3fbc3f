"""The README and the documentation pages: short, and every relative link resolves."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
    return subprocess.run(["make", "docs", f"BIN={Path(sys.executable).parent}"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)


def a_broken_link(docs: Path) -> None:
    with (docs / "cli.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the missing page](missing.md).\n")


def a_missing_anchor(docs: Path) -> None:
    with (docs / "cli.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the safety page's missing section](safety.md#no-such-section).\n")


def an_orphan_page(docs: Path) -> None:
    (docs / "orphan.md").write_text("# A page left out of the navigation\n", encoding="utf-8")


needs_mkdocs = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None or not shutil.which("make") or not (Path(sys.executable).parent / "python").exists(),
    reason="needs make and MkDocs (the dev extra: pip install -e '.[dev]')",
)


@needs_mkdocs
def test_make_docs_builds_the_real_pages(tmp_path):
    done = make_docs(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "cli.html").is_file()


@needs_mkdocs
@pytest.mark.parametrize(("plant", "said"), [
    (a_broken_link, "contains a link 'missing.md'"),
    (a_missing_anchor, "does not contain an anchor '#no-such-section'"),
    (an_orphan_page, "not included in the \"nav\" configuration:\n  - orphan.md"),
])
def test_make_docs_fails_on_any_warning(tmp_path, plant, said):
    done = make_docs(tmp_path, plant)
    assert done.returncode != 0, f"make docs passed with {plant.__name__}:\n{done.stdout}{done.stderr}"
    said_all = done.stdout + done.stderr
    assert said in said_all and "Aborted with 1 warnings in strict mode" in said_all, said_all


def test_ci_builds_the_docs():
    assert "\nmake docs\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "- run: make docs\n" in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
