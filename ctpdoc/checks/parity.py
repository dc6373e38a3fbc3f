"""Parity between languages: every template prints the same variables, loops over the same rows and tests the
same conditions, part by part (body, each section's headers and footers, the document properties).

Takes each language's template; reports what one has and another lacks, with where the other uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from ctpdoc.checks.names import dotted
from ctpdoc.checks.paragraphs import TemplateParagraph
from ctpdoc.checks.templates import check_template
from ctpdoc.errors import Report
from ctpdoc.model import Location


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
    paragraphs: list[TemplateParagraph]
    signatures: dict[str, set[str]]  # part kind → signature

    @property
    def name(self) -> str:
        return f"{self.lang}/report.docx"

    def as_data(self) -> tuple[object, ...]:
        """Plain data (:mod:`ctpdoc.remembered` keeps it between runs); :meth:`from_data` gives it back."""
        return self.lang, [astuple(p) for p in self.paragraphs], self.signatures

    @classmethod
    def from_data(cls, data: tuple[Any, ...]) -> Parsed:
        lang, paragraphs, signatures = data
        return cls(lang, [TemplateParagraph(*p) for p in paragraphs], signatures)

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
