"""The variables a template may use, as the Markdown table of the README (``ctpdoc templates variables``).

Read from the typed context's annotations (:class:`ctpdoc.document.context.TemplateContext`); a test keeps the README equal.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from ctpdoc.document.context import template_context_type
from ctpdoc.markup.runs import Runs
from ctpdoc.shape import Shape


def describe_variables(shape: Shape) -> Iterator[str]:
    """A Markdown table of every name a template of the report's ``shape`` may use, from the typed context."""
    yield "| tag | what it is |"
    yield "|---|---|"
    yield from describe_fields(template_context_type(shape), "")


def describe_fields(kind: Any, prefix: str) -> Iterator[str]:
    hints = typing.get_type_hints(kind, include_extras=True)
    for name, hint in hints.items():
        base, note = typing.get_args(hint) if typing.get_origin(hint) is typing.Annotated else (hint, "")
        note = note.replace("|", "\\|")
        path = f"{prefix}{name}"
        if typing.is_typeddict(base):
            yield from describe_fields(base, f"{path}.")
        elif typing.get_origin(base) is list and typing.is_typeddict(typing.get_args(base)[0]):
            element = typing.get_args(base)[0]
            rows = "no" in typing.get_type_hints(element)  # a table row: a {%tr %} loop; else a paragraph loop
            item = "row" if rows else name.removesuffix("s")  # parts → part, columns → column
            yield f"| `{{%tr for row in {path} %}}` | {note} |" if rows else f"| `{{% for {item} in {path} %}}` | {note} |"
            yield from describe_fields(element, f"{item}.")
        elif base is Runs:
            yield f"| `{{{{r {path} }}}}` | {note} |"
        else:
            yield f"| `{{{{ {path} }}}}` | {note} |"
