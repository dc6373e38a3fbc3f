"""Elements added in the order the schema gives each parent's children, with lxml's own calls.

ECMA-376 fixes the order of a properties element's children (``w:tcPr``: width, …, shading, …, change) and
puts the properties first in their cell, row or paragraph. :func:`properties` finds or adds them, :func:`add_before`
places a child before the first one the schema puts after it. One pass over a few children each: the markup
of 2,000 rows touches some 15,000 cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ctpdoc.package.namespaces import qn

_TBL_PR_EX = qn("w:tblPrEx")  # a row's exceptions, the one child before its w:trPr (CT_Row)


def successors(*names: str) -> frozenset[str]:
    """The tags (``w:…``) a child goes before, as Clark names."""
    return frozenset(qn(name) for name in names)


def add_before(parent: etree._Element, child: etree._Element, after: Iterable[str]) -> etree._Element:
    """``child`` into ``parent`` before the first child whose tag is in ``after`` (Clark names), else last."""
    for index, existing in enumerate(parent):
        if existing.tag in after:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def properties(parent: etree._Element, name: str) -> etree._Element:
    """The ``w:tcPr``, ``w:trPr`` or ``w:pPr`` of a cell, row or paragraph, added first (after a row's
    ``w:tblPrEx``) when it has none."""
    tag = qn(name)
    found = parent.find(tag)
    if found is None:
        found = parent.makeelement(tag, {})
        parent.insert(1 if len(parent) and parent[0].tag == _TBL_PR_EX else 0, found)
    return found


def child(parent: etree._Element, name: str, first: bool = False) -> etree._Element:
    """The child ``name`` (``w:…``), added first or last when missing, as the schema places it in ``parent``
    (``w:docDefaults`` first in the styles, ``w:lang`` in a ``w:rPr`` that holds nothing else)."""
    found = parent.find(qn(name))
    if found is None:
        found = element(parent, name)
        parent.insert(0, found) if first else parent.append(found)
    return found


def element(parent: etree._Element, name: str, attributes: dict[str, str] | None = None) -> etree._Element:
    """A new ``name`` (``w:…``) of ``parent``'s document, not yet placed; ``attributes`` by prefixed name."""
    return parent.makeelement(qn(name), {qn(key): value for key, value in (attributes or {}).items()})
