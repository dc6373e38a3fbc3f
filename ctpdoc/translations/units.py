"""Reading a translated XLIFF 1.2 file back: its units, streamed under limits, anything else refused in one line.

Takes the path of the file a CAT tool saved; gives one :class:`Translated` per ``trans-unit``. The file is
read as a stream (:func:`ctpdoc.package.xmlstream.stream_limited`): each unit is taken at its end and
dropped, so memory stays that of one unit; the bytes, the elements and the units are bounded (an export of
these workbooks has at most one unit per text and language), and the first bound passed stops the reading.
No entity is resolved, no DTD loaded; a file that declares one is refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ctpdoc.errors import fail
from ctpdoc.inputs import irregular, open_regular
from ctpdoc.model import Location
from ctpdoc.package.xmlstream import Limits, TooLarge, has_doctype, stream_limited

NS = "urn:oasis:names:tc:xliff:document:1.2"
MAX_BYTES = 64 * 1024 * 1024  # an export of 10,000 activities is a few MB
LIMITS = Limits(data=MAX_BYTES, elements=2_000_000)
REVIEWED = {"translated", "final", "signed-off"}
ANY = "{*}"  # a unit in any namespace: translate-toolkit's po2xliff writes its units in XLIFF 1.1's
# Where po2xliff keeps the id of the unit a PO entry came from (xliff2po made it the entry's location).
PO_REFERENCE = "{*}context-group[@name='po-reference']/{*}context[@context-type='sourcefile']"
PO_HEADER = "x-gettext-domain-header"
DTD = 'declares a DTD or XML entities (an "XML bomb" or an external entity), which XLIFF does not need; refused'


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass(frozen=True)
class Translated:
    """One unit read back: where it goes, the text it translated and the translation."""

    id: str
    workbook: str
    source_lang: str
    target_lang: str
    source: str
    target: str | None
    markup: list[str]
    reviewed: bool  # the translator marked it done (state translated, final, signed-off, or approved)
    converted: bool = False  # written by po2xliff from a PO entry: it stands for the exported unit of the same id


def read_units(path: Path, most: int) -> list[Translated]:
    """The units of an XLIFF 1.2 file, at most ``most`` of them; anything else is refused in one line."""
    where = Location(path.name)
    units: list[Translated] = []

    def take(element: etree._Element) -> None:
        if len(units) >= most:
            raise fail(
                where,
                f"holds more than {most:,} translation units, more than the texts of these workbooks; "
                "it is not an export of them",
            )
        unit = unit_of(element)
        if unit is not None:
            units.append(unit)
        element.clear()
        while element.getprevious() is not None:  # units already read: dropped, memory stays that of one
            del element.getparent()[0]

    try:
        if path.is_dir():
            raise fail(where, "is a folder; give the .xlf file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(where, f"is {size // (1024 * 1024)} MB, far more than an export of these workbooks; refused")
        problem = irregular(path)
        if problem:
            raise fail(where, problem)
        with open_regular(path, path.name) as stream:
            root = stream_limited(stream, LIMITS, f"{ANY}trans-unit", take)
    except FileNotFoundError:
        raise fail(where, f"not found in {path.parent}") from None
    except TooLarge as exc:
        raise fail(where, f"holds {exc}, far more than an export of these workbooks; refused") from None
    except etree.XMLSyntaxError as exc:
        if "DOCTYPE" in str(exc) or "Entity" in str(exc) or "entity" in str(exc):
            raise fail(where, DTD) from None
        line, column = exc.position
        raise fail(where, f"is not well-formed XML (line {line}, column {column}); export it again from the CAT tool") from None
    except OSError as exc:
        raise fail(where, f"cannot be read ({exc.strerror}); check the path and its permissions") from None
    if has_doctype(root):
        raise fail(where, DTD)
    check_root(root, where)
    return units


def unit_of(element: etree._Element) -> Translated | None:
    """A unit as ctpdoc exported it, or as translate-toolkit's ``po2xliff -t`` adds it beside them (in a ``file``
    of its own, its id the PO entry's location, the exported unit's id); ``None`` for po2xliff's PO header."""
    if element.get("restype") == PO_HEADER:
        return None
    file = next(element.iterancestors(f"{ANY}file"), None)
    attributes = file.attrib if file is not None else {}
    source = element.find(f"{ANY}source")
    target = element.find(f"{ANY}target")
    reference = element.findtext(PO_REFERENCE)
    markup = (
        [etree.QName(child).localname if isinstance(child.tag, str) else "?" for child in target] if target is not None else []
    )
    state = target.get("state", "") if target is not None else ""
    identity = reference or element.get("id", "")
    return Translated(
        identity, identity.partition("/")[0] if reference else attributes.get("original", ""),
        language(attributes.get("source-language")), language(attributes.get("target-language")),
        "".join(source.itertext()) if source is not None else "",
        "".join(target.itertext()) if target is not None else None,
        markup, state in REVIEWED or element.get("approved") == "yes", bool(reference),
    )  # fmt: skip


def check_root(root: etree._Element, where: Location) -> None:
    name = etree.QName(root)
    version = root.get("version", "")
    if name.localname != "xliff":
        raise fail(
            where,
            f"is not an XLIFF file (its root element is <{name.localname}>); "
            "give the .xlf file exported by ctpdoc translations export",
        )
    if name.namespace != NS or version != "1.2":
        namespace = name.namespace or ""
        found = version or (namespace.rsplit(":", 1)[-1] if namespace else "without a version")
        raise fail(where, f"is XLIFF {found[:20]}; ctpdoc reads XLIFF 1.2: save or export the file as XLIFF 1.2 in the CAT tool")


def language(code: str | None) -> str:
    """``fr-FR`` or ``fr_fr`` → ``fr``: CAT tools often add a region."""
    return (code or "").replace("_", "-").split("-")[0].lower()


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").strip()
