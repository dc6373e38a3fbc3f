"""The variables a template may use, as the Markdown table of the README (``ctpdoc templates variables``).

Read from the typed context's annotations (:class:`ctpdoc.document.context.TemplateContext`); a test keeps the README equal.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from ctpdoc.document.context import template_context_type
from ctpdoc.model import Shape


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
            yield f"| `{{%tr for row in {path} %}}` | {note} |"
            for field, field_hint in typing.get_type_hints(typing.get_args(base)[0], include_extras=True).items():
                yield f"| `{{{{r row.{field} }}}}` | {typing.get_args(field_hint)[1].replace('|', chr(92) + '|')} |"
        else:
            yield f"| `{{{{ {path} }}}}` | {note} |"
