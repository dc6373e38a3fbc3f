"""Reading built documents back: text, tables, and accept/reject of tracked changes."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def text(element: etree._Element) -> str:
    """Visible text of an element: w:t and w:delText, w:br as a line break, w:tab as a tab, w:noBreakHyphen as
    U+2011 (what Word shows and ctpdoc's readers take it for)."""
    out = []
    for node in element.iter(q("t"), q("delText"), q("br"), q("tab"), q("p"), q("noBreakHyphen")):
        if node.tag in (q("t"), q("delText")):
            out.append(node.text or "")
        elif node.tag == q("noBreakHyphen"):
            out.append("\u2011")
        elif node.tag == q("br"):
            out.append("\n")
        elif node.tag == q("tab"):
            out.append("\t")
        elif node.tag == q("p") and out:
            out.append("\n")
    return "".join(out).strip("\n")


def unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    at = parent.index(element)
    for i, child in enumerate(list(element)):
        parent.insert(at + i, child)
    parent.remove(element)


def accept(root: etree._Element) -> etree._Element:
    """Accept all: drop deletions and deleted rows, unwrap insertions."""
    root = copy.deepcopy(root)
    for row in root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS):
        row.getparent().remove(row)
    for mark in root.xpath("//w:trPr/w:ins", namespaces=NS):
        mark.getparent().remove(mark)
    for deleted in root.xpath("//w:del", namespaces=NS):
        deleted.getparent().remove(deleted)
    for inserted in root.xpath("//w:ins", namespaces=NS):
        unwrap(inserted)
    for change in root.xpath("//w:tcPrChange", namespaces=NS):
        change.getparent().remove(change)
    return root


def reject(root: etree._Element) -> etree._Element:
    """Reject all: drop insertions and inserted rows, unwrap deletions (delText becomes text)."""
    root = copy.deepcopy(root)
    for row in root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS):
        row.getparent().remove(row)
    for mark in root.xpath("//w:trPr/w:del", namespaces=NS):
        mark.getparent().remove(mark)
    for inserted in root.xpath("//w:ins", namespaces=NS):
        inserted.getparent().remove(inserted)
    for deleted in root.xpath("//w:del", namespaces=NS):
        unwrap(deleted)
    for node in root.iter(q("delText")):
        node.tag = q("t")
    for change in root.xpath("//w:tcPrChange", namespaces=NS):  # the cell's former properties come back
        properties = change.getparent()
        former = change.find(q("tcPr"))
        properties.getparent().replace(properties, former if former is not None else etree.Element(q("tcPr")))
    return root


def row_fills(root: etree._Element) -> dict[str, set[str]]:
    """The cell shadings of each annex row, by the activity number in its first cell."""
    fills: dict[str, set[str]] = {}
    for row in root.iter(q("tr")):
        cells = list(row.iterchildren(q("tc")))
        if cells:
            number = text(cells[0]).strip()
            fills.setdefault(number, set()).update(
                shading.get(q("fill"), "") for cell in cells for shading in cell.xpath("w:tcPr/w:shd", namespaces=NS)
            )
    return fills


def tables(root: etree._Element) -> list[list[list[str]]]:
    """Every top-level table as rows of cell texts."""
    return [
        [[text(cell) for cell in row.iterchildren(q("tc"))] for row in table.iterchildren(q("tr"))]
        for table in root.iter(q("tbl"))
    ]


def paragraphs(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(q("p")))


def tracked_only(template: Path) -> str:
    """What a template prints in the tracked document only (``{% if doc.tracked %}…{% endif %}``: the sentence
    saying the changes are tracked), as its text."""
    from ctpdoc.checks.templates import dump

    found = re.search(r"\{% if doc.tracked %\}(.*?)\{% endif %\}", "\n".join(dump(template)))
    assert found, f"{template} prints nothing for the tracked document alone"
    return found[1]


def edit_document(source: Path, target: Path, *changes: tuple[str, str]) -> Path:
    """The document's XML as Word would save edits: each ``old`` (raw XML, its first occurrence) becomes ``new``."""
    with zipfile.ZipFile(source) as package:
        parts = {info: package.read(info) for info in package.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                xml = data.decode()
                for old, new in changes:
                    assert old in xml, f"{old!r} not found"
                    xml = xml.replace(old, new, 1)
                data = xml.encode()
            out.writestr(info, data)
    return target
