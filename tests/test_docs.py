"""The README and the documentation pages: short, and every relative link resolves."""

import re
from pathlib import Path

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
