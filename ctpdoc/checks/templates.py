"""Template checks: a translator's Word template, read as text, linted before rendering.

Takes a template path; gives its paragraphs (body, headers, footers) as text
with their tags, and problems: tags Word split beyond repair, Jinja syntax
errors, names the context does not provide, each with the language, the place
(paragraph number) and the text around the tag. The names allowed are read
from the typed context (:class:`ctpdoc.document.context.TemplateContext`), never listed
by hand.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes
from lxml import etree

from ctpdoc.checks.names import check_names
from ctpdoc.checks.nesting import nesting_problem
from ctpdoc.checks.paragraphs import TemplateParagraph, jinja_source, read_paragraphs
from ctpdoc.checks.pending import check_pending_changes
from ctpdoc.checks.tagview import syntax_message
from ctpdoc.checks.template_package import package_problem
from ctpdoc.errors import Report
from ctpdoc.model import Location
from ctpdoc.package.ooxml import UnsafeXml

_DELIMITERS = ("{{", "}}", "{%", "%}")
BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"}


def check_template(
    path: Path, env: jinja2.Environment, report: Report
) -> tuple[list[TemplateParagraph], list[tuple[str, nodes.Template]]]:
    """Split tags, syntax and names; gives the paragraphs and each part (body, headers, footers) that parses, by label."""
    template = f"{path.parent.name}/{path.name}"
    if problem := package_problem(path):
        report.error(Location(template), problem)
        return [], []
    try:
        paragraphs = read_paragraphs(path)
        check_pending_changes(path, paragraphs, template, report)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, UnsafeXml, KeyError, OSError) as exc:
        report.error(Location(template), f"cannot be opened as a Word document ({exc}); save it again as .docx")
        return [], []
    check_split_tags(paragraphs, template, report)
    trees = []
    for part in dict.fromkeys(p.part for p in paragraphs):  # docxtpl renders each part on its own
        own = [p for p in paragraphs if p.part == part]
        source = jinja_source(own)
        if deep := nesting_problem(env, source):
            report.error(
                own[deep[0] - 1].place(template) if 0 < deep[0] <= len(own) else Location(template, own[0].label), deep[1]
            )
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


def check_split_tags(paragraphs: list[TemplateParagraph], template: str, report: Report) -> None:
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
