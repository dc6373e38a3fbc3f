"""The words an annex is read with: a shape's columns and statuses, and what reports call them.

Takes a :class:`~ctpdoc.shape.Shape`; gives its :class:`Vocabulary`: every header a column may have (its
declared name, its tag, the aliases reports made by hand use), every label a status may have, and the workbook
header of each column, for :mod:`ctpdoc.word.annexes` and the commands that write what it read.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from ctpdoc.shape import NUMBER_COLUMN, ColumnKind, ColumnSpec, Shape
from ctpdoc.word.printed import fold_key

# What a number column's header says, in any report (folded, see ``fold_key``).
NUMBER_NAMES = ("no", "no.", "n°", "nº", "n o", "number", "numero", "num", "#", "ref", "ref.")
HUE_TOLERANCE = 45  # degrees: a shading within this of a status's colour stands for it (a hand-made report has its own shades)


@dataclass(frozen=True)
class Vocabulary:
    """What a report's annexes are read with: the shape's parts, columns and statuses, and every word that names them
    (the declared names, their tags, and the aliases reports made by hand use)."""

    shape: Shape
    columns: Mapping[str, str]  # folded header → column tag ("no": the number; "status": the status column)
    labels: Mapping[str, str]  # folded label → status key
    headers: Mapping[str, str]  # column tag → workbook header (per-language ones without their "(XX)")
    per_language: frozenset[str]  # the tags of per-language columns

    def tags(self, part: int, reported: bool) -> list[str]:
        """The tags of part ``part`` (from 1) after "no", in the workbook's order."""
        return [column_tag(c) for c in self.shape.columns_of(self.shape.parts[part - 1].key, reported)]

    def progress(self, part: int) -> str | None:
        """The part's progress column: where a status cell's text goes once its label is taken out."""
        key = self.shape.parts[part - 1].key
        return next((column_tag(c) for c in self.shape.columns_of(key) if c.kind is ColumnKind.PROGRESS), None)

    def has_status(self, part: int) -> bool:
        return 0 < part <= len(self.shape.parts) and self.shape.has_status(self.shape.parts[part - 1].key)

    def header(self, tag: str, lang: str) -> str:
        """``Activity (EN)``, ``Timeframe``: the workbook column of ``tag`` in ``lang``."""
        return f"{self.headers[tag]} ({lang.upper()})" if tag in self.per_language else self.headers[tag]


def column_tag(column: ColumnSpec) -> str:
    return "status" if column.kind is ColumnKind.STATUS else column.tag


@functools.cache
def vocabulary(shape: Shape) -> Vocabulary:
    columns = dict.fromkeys(NUMBER_NAMES, "no")
    for column in shape.columns:
        for name in (column.name, column.tag.replace("_", " "), *column.aliases):
            columns.setdefault(fold_key(name), column_tag(column))
    labels: dict[str, str] = {}
    for status in shape.statuses:
        for name in (status.key, *status.labels.values(), *status.aliases):
            labels.setdefault(fold_key(name), status.key)
    headers = {"no": NUMBER_COLUMN, **{column_tag(c): c.name for c in shape.columns}}
    return Vocabulary(shape, columns, labels, headers, frozenset(column_tag(c) for c in shape.columns if c.per_language))
