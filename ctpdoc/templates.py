"""Template checks: a translator's Word template, read as text, linted before rendering.

Takes a template path; gives its paragraphs (body, headers, footers) as text
with their tags, and problems: tags Word split beyond repair, Jinja syntax
errors, names the context does not provide, each with the language, the place
(paragraph number) and the text around the tag. The names allowed are read
from the typed context (:class:`ctpdoc.context.TemplateContext`), never listed
by hand.
"""

from __future__ import annotations

import difflib
import re
import typing
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree

from .context import TemplateContext
from .errors import Report
from .model import Location
from .pending import check_pending_changes
from .revisions import Runs
from .sandbox import nesting_problem, package_problem
from .tagview import as_rendered, spans, syntax_message

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# docxtpl's own tag prefixes ({%tr …%}, {{r …}}) and cell tags, turned into plain Jinja for checking.
_DOCXTPL_PREFIX = re.compile(r"(\{%-?|\{\{-?|\{#)(tr|tc|p|r)\s")
_CELL_TAGS = re.compile(r"\{%-?\s*(cellbg|colspan|vm|hm)\b(.*?)-?%\}")
_DELIMITERS = ("{{", "}}", "{%", "%}")
BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"}
JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"}


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
            for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
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
    for number, section in enumerate(body.iter(f"{W}sectPr"), start=1):
        for reference in section:
            kind = etree.QName(reference).localname.removesuffix("Reference")
            if kind in ("header", "footer"):
                part = targets.get(reference.get(f"{{{R}}}id"), "")
                labels.setdefault(part, f"section {number} {kind} ({reference.get(f'{W}type', 'default')})")
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


# ---------------------------------------------------------------- names against the typed context


def check_names(tree: nodes.Template, paragraphs: list[Paragraph], template: str, env: jinja2.Environment, report: Report) -> None:
    for lineno, message in NameChecker(env).problems(tree):
        where = paragraphs[lineno - 1].place(template) if 0 < lineno <= len(paragraphs) else Location(template)
        report.error(where, message)


class NameChecker:
    """Walks a Jinja AST, resolving every name and attribute against the context's types."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.found: list[tuple[int, str]] = []

    def problems(self, tree: nodes.Template) -> list[tuple[int, str]]:
        self.visit(tree, {})
        return self.found

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            self.resolve(node.iter, scope)
            inner = dict(scope)
            element = element_type(self.resolve(node.iter, scope, report=False))
            bind(node.target, element, inner)
            inner["loop"] = Any
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Macro):  # its name, and its arguments inside it
            scope[node.name] = Any
            inner = {**scope, **{arg.name: Any for arg in node.args}, "varargs": Any, "kwargs": Any, "caller": Any}
            for child in (*node.defaults, *node.body):
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            bind(node.target, self.resolve(node.node, scope, report=False), scope)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.resolve(node, scope)
            return
        if isinstance(node, nodes.Filter) and node.name not in self.env.filters:
            self.found.append((node.lineno, f'unknown filter "{node.name}"{suggest(node.name, self.env.filters)}'))
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Any], report: bool = True) -> Any:
        """The type a name or attribute chain has; records a problem when it has none."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            hints = typing.get_type_hints(TemplateContext)
            if node.name in hints:
                return hints[node.name]
            if node.name in JINJA_GLOBALS:
                return Any
            if report:
                self.found.append((node.lineno, f'unknown name "{node.name}"{suggest(node.name, [*hints, *scope])}; the names are {", ".join(hints)}'))
            return None
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, self.resolve(node.node, scope, report), node.attr, report)
        if isinstance(node, nodes.Getitem):
            owner = self.resolve(node.node, scope, report)
            self.visit(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node, owner, node.arg.value, report)
            return element_type(owner) if typing.get_origin(owner) is list else owner
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return Any

    def attribute(self, node: nodes.Node, owner: Any, name: str, report: bool) -> Any:
        if name.startswith("_"):
            if report:
                self.found.append((node.lineno, f'"{dotted(node)}" reaches for Python internals, which templates may not use'))
            return None
        if owner is None or owner is Any:
            return owner
        if typing.is_typeddict(owner):
            hints = typing.get_type_hints(owner)
            if name in hints:
                return hints[name]
            if report:
                what = dotted(node)
                self.found.append((node.lineno, f'unknown name "{what}"{suggest(name, hints)}; it has {", ".join(hints)}'))
            return None
        if owner is Runs:
            if report:
                self.found.append((node.lineno, f'"{dotted(node)}" has no "{name}"'))
            return None
        return Any  # str, int, list: their own methods


def dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{dotted(node.node)}.{node.arg.value}"
    return "…"


def element_type(owner: Any) -> Any:
    if typing.get_origin(owner) is list:
        return typing.get_args(owner)[0]
    return Any


def bind(target: nodes.Node, value: Any, scope: dict[str, Any]) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = value
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            bind(item, Any, scope)


def suggest(name: str, choices: Any) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""



# ---------------------------------------------------------------- parity between languages


def signature(tree: nodes.Template) -> set[str]:
    """What a template prints, loops over and tests, as comparable strings."""
    found: set[str] = set()
    for loop in tree.find_all(nodes.For):
        found.add(f"loop over {dotted(loop.iter)}")
    for condition in tree.find_all(nodes.If):
        found.add(f"condition on {', '.join(sorted(set(chains(condition.test))))}")
    for output in tree.find_all(nodes.Output):
        for node in output.nodes:
            if not isinstance(node, nodes.TemplateData):
                found.update(f"variable {name}" for name in chains(node))
    return found


def chains(node: nodes.Node) -> Iterator[str]:
    """The longest dotted names in an expression: ``current.counts.ongoing``, ``row.activity``."""
    if isinstance(node, (nodes.Name, nodes.Getattr)) and dotted(node) != "…":
        yield dotted(node)
        return
    for child in node.iter_child_nodes():
        yield from chains(child)


@dataclass(frozen=True)
class Parsed:
    """One language's template, parsed part by part."""

    lang: str
    paragraphs: list[Paragraph]
    signatures: dict[str, set[str]]  # part kind → signature

    @property
    def name(self) -> str:
        return f"{self.lang}/report.docx"

    def where_used(self, item: str) -> Location:
        name = item.split(" ", 2)[-1].split(", ")[0]
        for paragraph in self.paragraphs:
            if name.split(".")[-1] in paragraph.text and name.split(".")[0] in paragraph.text:
                return paragraph.place(self.name)
        return Location(self.name)


def parse_parts(path: Path, lang: str, env: jinja2.Environment, report: Report) -> Parsed | None:
    problems = len(report.problems)
    paragraphs, trees = check_template(path, env, report)
    if len(report.problems) > problems:
        return None  # parity means little until the template itself is right
    signatures: dict[str, set[str]] = {}
    for label, tree in trees:
        signatures.setdefault(label, set()).update(signature(tree))
    return Parsed(lang, paragraphs, signatures)


def check_parity(templates: list[Parsed], report: Report) -> None:
    """Every language prints the same variables, loops and conditions, part by part."""
    for kind in sorted({k for t in templates for k in t.signatures}):
        for template in templates:
            own = template.signatures.get(kind, set())
            for other in templates:
                for item in sorted(other.signatures.get(kind, set()) - own):
                    used = other.where_used(item)
                    report.error(
                        Location(template.name, kind),
                        f"has no {item}, which {other.name} has ({used}); translate that part too, or remove it from both",
                    )


def dump(path: Path) -> Iterator[str]:
    """The template as text: one paragraph a line, headers and footers marked, for reviewing changes."""
    for paragraph in read_paragraphs(path):
        if paragraph.text.strip():
            prefix = "" if paragraph.part == "document" else f"[{paragraph.label}] "
            yield prefix + paragraph.text


# ---------------------------------------------------------------- the variables, for the README


def describe_variables() -> Iterator[str]:
    """A Markdown table of every name a template may use, from the typed context."""
    yield "| tag | what it is |"
    yield "|---|---|"
    yield from describe(TemplateContext, "")


def describe(kind: Any, prefix: str) -> Iterator[str]:
    hints = typing.get_type_hints(kind, include_extras=True)
    for name, hint in hints.items():
        base, note = typing.get_args(hint) if typing.get_origin(hint) is typing.Annotated else (hint, "")
        note = note.replace("|", "\\|")
        path = f"{prefix}{name}"
        if typing.is_typeddict(base):
            yield from describe(base, f"{path}.")
        elif typing.get_origin(base) is list and typing.is_typeddict(typing.get_args(base)[0]):
            yield f"| `{{%tr for row in {path} %}}` | {note} |"
            for field, field_hint in typing.get_type_hints(typing.get_args(base)[0], include_extras=True).items():
                yield f"| `{{{{r row.{field} }}}}` | {typing.get_args(field_hint)[1].replace('|', chr(92) + '|')} |"
        else:
            yield f"| `{{{{ {path} }}}}` | {note} |"
