"""The numbers Word prints before numbered paragraphs: the "11." of a report's paragraph 11.

Takes the document's styles and numbering parts (parsed) and its body paragraphs in order; gives each
paragraph's number where Word numbers it with decimal numerals at the list's first level, else ``None``.
A paragraph is numbered by its own ``w:numPr`` or its style's (followed through ``w:basedOn``); the
paragraphs of one list (one ``w:abstractNum``) are counted together from the level's ``w:start``, a
``w:startOverride`` restarting them where its ``w:num`` first appears, as Word counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ctpdoc.package.namespaces import W

DECIMAL = {"decimal", "decimalZero"}
MAX_BASED_ON = 20  # styles followed through w:basedOn: Word itself stops at a loop, this at a bound


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Level:
    numbered: bool  # decimal numerals
    start: int


@dataclass(frozen=True)
class Lists:
    """What the numbering part says: each ``w:num``'s list (abstract number) and restarts, each list's levels."""

    abstract: dict[str, str]  # numId → abstractNumId
    restart: dict[tuple[str, int], int]  # (numId, level) → w:startOverride
    levels: dict[tuple[str, int], Level]  # (abstractNumId, level) → its format and start


def attribute(element: etree._Element | None, child: str) -> str | None:
    found = element.find(q(child)) if element is not None else None
    return found.get(q("val")) if found is not None else None


def number(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 6 else default


def read_lists(numbering: etree._Element | None) -> Lists:
    lists = Lists({}, {}, {})
    if numbering is None:
        return lists
    for abstract in numbering.iterfind(q("abstractNum")):
        key = abstract.get(q("abstractNumId"), "")
        for level in abstract.iterfind(q("lvl")):
            at = number(level.get(q("ilvl")), 0)
            lists.levels[(key, at)] = Level(attribute(level, "numFmt") in DECIMAL, number(attribute(level, "start"), 1))
    for num in numbering.iterfind(q("num")):
        key = num.get(q("numId"), "")
        lists.abstract[key] = attribute(num, "abstractNumId") or ""
        for override in num.iterfind(q("lvlOverride")):
            start = attribute(override, "startOverride")
            if start is not None:
                lists.restart[(key, number(override.get(q("ilvl")), 0))] = number(start, 1)
    return lists


def style_numbering(styles: etree._Element | None) -> dict[str, tuple[str | None, int]]:
    """Each paragraph style's numbering (numId, level), its own or the one it is based on."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iterfind(q("style")) if styles is not None else ():
        if style.get(q("type")) not in (None, "paragraph"):
            continue
        key = style.get(q("styleId"), "")
        properties = style.find(f"{q('pPr')}/{q('numPr')}")
        if properties is not None:
            given = attribute(properties, "ilvl")
            own[key] = (attribute(properties, "numId"), number(given, 0) if given is not None else None)
        parent = attribute(style, "basedOn")
        if parent:
            based[key] = parent
    resolved: dict[str, tuple[str | None, int]] = {}
    for key in set(own) | set(based):
        at, steps = key, 0
        numbering: str | None = None
        level: int | None = None
        while at and steps < MAX_BASED_ON and (numbering is None or level is None):
            found_numbering, found_level = own.get(at, (None, None))
            numbering = numbering if numbering is not None else found_numbering
            level = level if level is not None else found_level
            at, steps = based.get(at, ""), steps + 1
        resolved[key] = (numbering, level or 0)
    return resolved


def paragraph_numbers(
    styles: etree._Element | None, numbering: etree._Element | None, paragraphs: Sequence[etree._Element]
) -> list[int | None]:
    """The number Word prints before each of ``paragraphs`` (body paragraphs, in order), or ``None``."""
    lists = read_lists(numbering)
    if not lists.levels:
        return [None] * len(paragraphs)
    by_style = style_numbering(styles)
    counters: dict[tuple[str, int], int] = {}
    seen: set[str] = set()
    found: list[int | None] = []
    for paragraph in paragraphs:
        properties = paragraph.find(q("pPr"))
        own = properties.find(q("numPr")) if properties is not None else None
        numbering_id, level = by_style.get(attribute(properties, "pStyle") or "", (None, 0))
        if own is not None:
            numbering_id = attribute(own, "numId") or numbering_id
            level = number(attribute(own, "ilvl"), level)
        abstract = lists.abstract.get(numbering_id or "0")
        spec = lists.levels.get((abstract, level)) if abstract is not None else None
        if abstract is None or spec is None:
            found.append(None)
            continue
        assert numbering_id is not None
        restart = lists.restart.get((numbering_id, level)) if numbering_id not in seen else None
        seen.add(numbering_id)
        value = restart if restart is not None else counters.get((abstract, level), spec.start - 1) + 1
        counters[(abstract, level)] = value
        for deeper in [k for k in counters if k[0] == abstract and k[1] > level]:
            del counters[deeper]  # a deeper level starts again under each paragraph of this one
        found.append(value if spec.numbered and level == 0 else None)
    return found
