"""Template checks: a translator's Word template, read as text, linted before rendering.

Takes a template path; gives its paragraphs (body, headers, footers) as text
with their tags, and problems: tags Word split beyond repair, Jinja syntax
errors, names the context does not provide, each with the language, the place
(paragraph number) and the text around the tag. The names allowed are read
from the typed context (:class:`ctpdoc.document.context.TemplateContext`), never listed
by hand.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes
from lxml import etree

from ctpdoc.checks.names import check_names
from ctpdoc.checks.pending import check_pending_changes
from ctpdoc.checks.tagview import as_rendered, spans, syntax_message
from ctpdoc.checks.template_package import nesting_problem, package_problem
from ctpdoc.errors import Report
from ctpdoc.model import Location
from ctpdoc.package.namespaces import qn

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# docxtpl's own tag prefixes ({%tr …%}, {{r …}}) and cell tags, turned into plain Jinja for checking.
_DOCXTPL_PREFIX = re.compile(r"(\{%-?|\{\{-?|\{#)(tr|tc|p|r)\s")
_CELL_TAGS = re.compile(r"\{%-?\s*(cellbg|colspan|vm|hm)\b(.*?)-?%\}")
_DELIMITERS = ("{{", "}}", "{%", "%}")
BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"}


@dataclass(frozen=True)
class Paragraph:
    part: str  # "document", "header1", "footer2", …: the file part, rendered on its own
    label: str  # "body", "section 1 header (default)", …: the same in every language's file
    number: int  # 1-based within its part
    text: str  # the paragraph's text, runs joined, one line, as the renderer reads it (quotes in tags straightened)
    runs: tuple[str, ...]  # its text in the stretches the renderer reads as one (tagview.spans)

    def place(self, template: str) -> Location:
        if self.part == "properties":
            return Location(template, self.label, excerpt(self.text))
        part = "" if self.part == "document" else f"{self.label} "
        return Location(template, f"{part}paragraph {self.number}", excerpt(self.text))


def excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def read_paragraphs(path: Path) -> list[Paragraph]:
    """Every paragraph of the body, headers and footers, in part order."""
    found = []
    with zipfile.ZipFile(path) as package:
        labels = part_labels(package)
        names = sorted((n for n in package.namelist() if _PARTS.match(n)), key=lambda n: (not n.endswith("document.xml"), n))
        for name in names:
            root = etree.fromstring(package.read(name), _PARSER)
            part = _PARTS.match(name)[1]  # type: ignore[index]
            for number, paragraph in enumerate(root.iter(qn("w:p")), start=1):
                runs = spans(paragraph)
                found.append(Paragraph(part, labels.get(part, part), number, as_rendered("".join(runs)), runs))
        found += property_paragraphs(package)
    return found


# The document properties docxtpl fills (File › Properties in Word), as one-line "paragraphs".
_PROPERTIES = ("title", "subject", "creator", "description", "identifier", "language")


def property_paragraphs(package: zipfile.ZipFile) -> list[Paragraph]:
    if "docProps/core.xml" not in package.namelist():
        return []
    root = etree.fromstring(package.read("docProps/core.xml"), _PARSER)
    values = {etree.QName(el).localname: (el.text or "") for el in root}
    return [
        Paragraph("properties", "document properties", number, values[name], (values[name],))
        for number, name in enumerate(_PROPERTIES, start=1)
        if name in values
    ]


def part_labels(package: zipfile.ZipFile) -> dict[str, str]:
    """Name headers and footers by the section that uses them: file names differ between languages."""
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"), _PARSER)
    targets = {rel.get("Id"): rel.get("Target", "").rsplit("/", 1)[-1].removesuffix(".xml") for rel in rels}
    labels: dict[str, str] = {"document": "body"}
    body = etree.fromstring(package.read("word/document.xml"), _PARSER)
    for number, section in enumerate(body.iter(qn("w:sectPr")), start=1):
        for reference in section:
            kind = etree.QName(reference).localname.removesuffix("Reference")
            if kind in ("header", "footer"):
                part = targets.get(reference.get(qn("r:id")), "")
                labels.setdefault(part, f"section {number} {kind} ({reference.get(qn('w:type'), 'default')})")
    return labels


def jinja_source(paragraphs: list[Paragraph]) -> str:
    """One line per paragraph, so a Jinja line number is a paragraph."""
    lines = []
    for paragraph in paragraphs:
        text = _CELL_TAGS.sub(lambda m: "{{ " + m[2] + " }}", paragraph.text)
        lines.append(_DOCXTPL_PREFIX.sub(lambda m: m[1] + " ", text))
    return "\n".join(lines)


def check_template(path: Path, env: jinja2.Environment, report: Report) -> tuple[list[Paragraph], list[tuple[str, nodes.Template]]]:
    """Split tags, syntax and names; gives the paragraphs and each part (body, headers, footers) that parses, by label."""
    template = f"{path.parent.name}/{path.name}"
    if problem := package_problem(path):
        report.error(Location(template), problem)
        return [], []
    try:
        paragraphs = read_paragraphs(path)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError) as exc:
        report.error(Location(template), f"cannot be opened as a Word document ({exc}); save it again as .docx")
        return [], []
    check_pending_changes(path, paragraphs, template, report)
    check_split_tags(paragraphs, template, report)
    trees = []
    for part in dict.fromkeys(p.part for p in paragraphs):  # docxtpl renders each part on its own
        own = [p for p in paragraphs if p.part == part]
        source = jinja_source(own)
        if deep := nesting_problem(env, source):
            report.error(own[deep[0] - 1].place(template) if 0 < deep[0] <= len(own) else Location(template, own[0].label), deep[1])
            continue
        try:
            tree = env.parse(source)
        except RecursionError:  # an expression nested hundreds deep, e.g. ((((…))))
            report.error(Location(template, own[0].label), "a tag is nested too deeply to read; simplify it")
            continue
        except jinja2.TemplateSyntaxError as exc:
            line = unclosed_block(env, source) if "end of template" in (exc.message or "") else exc.lineno
            where = own[line - 1].place(template) if line and 0 < line <= len(own) else Location(template, own[0].label)
            report.error(where, syntax_message(exc.message))
            continue
        try:
            check_names(tree, own, template, env, report)
        except RecursionError:
            report.error(Location(template, own[0].label), "a tag is nested too deeply to read; simplify it")
            continue
        trees.append((own[0].label, tree))
    return paragraphs, trees


def unclosed_block(env: jinja2.Environment, source: str) -> int | None:
    """The line of the innermost block left open (Jinja names only the end of the template)."""
    stack: list[int] = []
    tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    for (line, kind, _), (_, next_kind, name) in zip(tokens, tokens[1:] + [(0, "", "")], strict=True):
        if kind != "block_begin" or next_kind != "name":
            continue
        if name in BLOCKS:
            stack.append(line)
        elif name.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def check_split_tags(paragraphs: list[Paragraph], template: str, report: Report) -> None:
    """docxtpl mends a tag, or a delimiter ("{" and "{"), split across runs when only markup lies between
    the pieces; not when text lies between them (a field, a deleted text): that tag would print as it is."""
    for paragraph in paragraphs:
        for delimiter in _DELIMITERS:
            whole = paragraph.text.count(delimiter)
            kept = sum(run.count(delimiter) for run in paragraph.runs)
            if whole > kept:
                report.error(
                    paragraph.place(template),
                    f'a tag\'s "{delimiter}" has a field or other content between its two characters, so it would print '
                    "as it is; select the whole tag, delete it and type it again",
                )
                break



def dump(path: Path) -> Iterator[str]:
    """The template as text: one paragraph a line, headers and footers marked, for reviewing changes."""
    for paragraph in read_paragraphs(path):
        if paragraph.text.strip():
            prefix = "" if paragraph.part == "document" else f"[{paragraph.label}] "
            yield prefix + paragraph.text
