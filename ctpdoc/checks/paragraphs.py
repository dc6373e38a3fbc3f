"""A template read as paragraphs of text: what the checks and the renderer's error messages point at.

Takes a template path; gives every paragraph of its body, headers, footers
and document properties as one line of text, with its part, a label that is
the same in every language's file, and its number, and the Jinja source the
checks compile (one line a paragraph, so a Jinja line number is a paragraph).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ctpdoc.checks.tagview import as_rendered, spans
from ctpdoc.model import Location
from ctpdoc.package.namespaces import qn
from ctpdoc.package.ooxml import parse_xml

_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# docxtpl's own tag prefixes ({%tr …%}, {{r …}}) and cell tags, turned into plain Jinja for checking.
_DOCXTPL_PREFIX = re.compile(r"(\{%-?|\{\{-?|\{#)(tr|tc|p|r)\s")
_CELL_TAGS = re.compile(r"\{%-?\s*(cellbg|colspan|vm|hm)\b(.*?)-?%\}")


@dataclass(frozen=True)
class TemplateParagraph:
    part: str  # "document", "header1", "footer2", …: the file part, rendered on its own
    label: str  # "body", "section 1 header (default)", …: the same in every language's file
    number: int  # 1-based within its part
    text: str  # the paragraph's text, runs joined, one line, as the renderer reads it (quotes in tags straightened)
    runs: tuple[str, ...]  # its text in the stretches the renderer reads as one (tagview.spans)
    shown: str = ""  # how every command names it: "paragraph 22" (tables' paragraphs not counted), "table 2, paragraph 3"

    def place(self, template: str) -> Location:
        if self.part == "properties":
            return Location(template, self.label, excerpt(self.text))
        part = "" if self.part == "document" else f"{self.label} "
        return Location(template, f"{part}{self.shown or f'paragraph {self.number}'}", excerpt(self.text))


def excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def read_paragraphs(path: Path) -> list[TemplateParagraph]:
    """Every paragraph of the body, headers and footers, in part order."""
    found = []
    with zipfile.ZipFile(path) as package:
        labels = part_labels(package)
        names = sorted((n for n in package.namelist() if _PARTS.match(n)), key=lambda n: (not n.endswith("document.xml"), n))
        for name in names:
            root = parse_xml(package.read(name), name)
            part = _PARTS.match(name)[1]  # type: ignore[index]
            shown = shown_names(root)
            for number, paragraph in enumerate(root.iter(qn("w:p")), start=1):
                runs = spans(paragraph)
                found.append(
                    TemplateParagraph(part, labels.get(part, part), number, as_rendered("".join(runs)), runs, shown[number - 1])
                )
        found += property_paragraphs(package)
    return found


def shown_names(root: etree._Element) -> list[str]:
    """Each paragraph's name as every command gives it (``harvest`` reads the built document the same way): the
    paragraphs outside tables numbered in order, tables' paragraphs by their table (in order) and their place in it."""
    names = []
    outside = 0
    tables: dict[etree._Element, int] = {}
    within: dict[etree._Element, int] = {}
    for paragraph in root.iter(qn("w:p")):
        outer = None
        for ancestor in paragraph.iterancestors(qn("w:tbl")):
            outer = ancestor  # the outermost table holding it
        if outer is None:
            outside += 1
            names.append(f"paragraph {outside}")
            continue
        table = tables.setdefault(outer, len(tables) + 1)
        within[outer] = within.get(outer, 0) + 1
        names.append(f"table {table}, paragraph {within[outer]}")
    return names


# The document properties docxtpl fills (File › Properties in Word), as one-line "paragraphs".
_PROPERTIES = ("title", "subject", "creator", "description", "identifier", "language")


def property_paragraphs(package: zipfile.ZipFile) -> list[TemplateParagraph]:
    if "docProps/core.xml" not in package.namelist():
        return []
    root = parse_xml(package.read("docProps/core.xml"), "docProps/core.xml")
    values = {etree.QName(el).localname: (el.text or "") for el in root}
    return [
        TemplateParagraph("properties", "document properties", number, values[name], (values[name],))
        for number, name in enumerate(_PROPERTIES, start=1)
        if name in values
    ]


def part_labels(package: zipfile.ZipFile) -> dict[str, str]:
    """Name headers and footers by the section that uses them: file names differ between languages."""
    rels = parse_xml(package.read("word/_rels/document.xml.rels"), "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "").rsplit("/", 1)[-1].removesuffix(".xml") for rel in rels}
    labels: dict[str, str] = {"document": "body"}
    body = parse_xml(package.read("word/document.xml"), "word/document.xml")
    for number, section in enumerate(body.iter(qn("w:sectPr")), start=1):
        for reference in section:
            kind = etree.QName(reference).localname.removesuffix("Reference")
            if kind in ("header", "footer"):
                part = targets.get(reference.get(qn("r:id")), "")
                labels.setdefault(part, f"section {number} {kind} ({reference.get(qn('w:type'), 'default')})")
    return labels


def jinja_source(paragraphs: list[TemplateParagraph]) -> str:
    """One line per paragraph, so a Jinja line number is a paragraph."""
    lines = []
    for paragraph in paragraphs:
        text = _CELL_TAGS.sub(lambda m: "{{ " + m[2] + " }}", paragraph.text)
        lines.append(_DOCXTPL_PREFIX.sub(lambda m: m[1] + " ", text))
    return "\n".join(lines)
