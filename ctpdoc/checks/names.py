"""Names in a template's tags, resolved against the typed context (:class:`ctpdoc.document.context.TemplateContext`).

Takes a parsed template part and its paragraphs; reports every name, attribute or filter the context does
not provide, with the paragraph and a suggestion. The names allowed are read from the context's types,
never listed by hand.
"""

from __future__ import annotations

import difflib
import functools
import typing
from typing import Any

import jinja2
from jinja2 import nodes

from ctpdoc.checks.paragraphs import TemplateParagraph
from ctpdoc.document.context import template_context_type
from ctpdoc.errors import Report
from ctpdoc.markup.runs import Runs
from ctpdoc.model import Location
from ctpdoc.shape import ptc_shape

JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"}


def check_names(
    tree: nodes.Template, paragraphs: list[TemplateParagraph], template: str, env: jinja2.Environment, report: Report
) -> None:
    for lineno, message in NameChecker(env).problems(tree):
        where = paragraphs[lineno - 1].place(template) if 0 < lineno <= len(paragraphs) else Location(template)
        report.error(where, message)


class NameChecker:
    """Walks a Jinja AST, resolving every name and attribute against the context's types."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.found: list[tuple[int, str]] = []
        # the environment's context type (made for the report's shape by make_environment), else the PTC's
        self.context: Any = getattr(env, "context_type", None) or template_context_type(ptc_shape())

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
            hints = hints_of(self.context)
            if node.name in hints:
                return hints[node.name]
            if node.name in JINJA_GLOBALS:
                return Any
            if report:
                self.found.append(
                    (
                        node.lineno,
                        f'unknown name "{node.name}"{suggest(node.name, [*hints, *scope])}; the names are {", ".join(hints)}',
                    )
                )
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
            hints = hints_of(owner)
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


@functools.cache
def hints_of(kind: type) -> dict[str, Any]:
    """A context type's fields and their types, resolved once (``typing.get_type_hints`` evaluates every
    annotation anew on each call, and a template asks for the same few types hundreds of times)."""
    return typing.get_type_hints(kind)


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
