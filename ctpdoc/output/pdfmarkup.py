"""How the tracked PDF shows revisions: LibreOffice's settings in ctpdoc's own profile, and the copy it converts.

Takes the profile folder and the ``.docx`` bytes given to LibreOffice; gives a profile whose
Tools › Options › Writer › Changes draw insertions underlined and deletions struck through, each in
one fixed colour (LibreOffice's default colours them by author: olive or dark yellow, hard to read on
the green rows), and a copy of the document that LibreOffice will not draw as moved text.

LibreOffice (7.x, ``SwRedlineTable::isMoved``) pairs a deletion with an insertion of the same text by
the same author nearby and draws both as a move: green, double struck and double underlined. A status
label deleted in one row and inserted in the next is such a pair, though nothing moved. Word never
does this (it shows only ``w:moveFrom``/``w:moveTo`` as moves). The copy converted to PDF signs its
deletions with the author followed by :data:`DELETIONS_SUFFIX`, so no pair shares an author; the PDF
shows no author, and the ``.docx`` files are not touched.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ctpdoc.package.namespaces import qn
from ctpdoc.package.ooxml import xml_parser

# Fixed colours, the same in every language; each reads at least 5.8:1 (WCAG AA) on white and on the
# row shadings of Annex I (blue BDD7EE, green C6EFCE, red FFC7CE): tests/output/test_pdf_markup.py checks it.
INSERTION_COLOUR = "003399"  # dark blue
DELETION_COLOUR = "9C0006"  # dark red
DELETIONS_SUFFIX = " (deletions)"
# LibreOffice's values for Revision/TextDisplay/*/Attribute: 3 is underlined for insertions and
# struck through for deletions (officecfg, Writer/Revision; sw's SwRevisionConfig).
UNDERLINED_OR_STRUCK = 3
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""
_ITEM = (
    '<item oor:path="/org.openoffice.Office.Writer/Revision/TextDisplay/{group}">'
    '<prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
)
_PARSER = xml_parser(own_output=True)


def write_settings(profile: Path) -> None:
    """The profile's registrymodifications.xcu, written before LibreOffice first starts with it."""
    values = {
        ("Insert", "Attribute"): UNDERLINED_OR_STRUCK,
        ("Insert", "Color"): int(INSERTION_COLOUR, 16),
        ("Delete", "Attribute"): UNDERLINED_OR_STRUCK,
        ("Delete", "Color"): int(DELETION_COLOUR, 16),
    }
    items = "\n".join(_ITEM.format(group=group, name=name, value=value) for (group, name), value in values.items())
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_SETTINGS.format(items=items), encoding="utf-8")


def without_move_pairs(docx: bytes) -> bytes:
    """The document with its deletions signed apart from its insertions; the same bytes when it has none."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        body = source.read("word/document.xml")
        if b"<w:del " not in body:
            return docx
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "word/document.xml":
                    data = deletions_signed_apart(body)
                target.writestr(info, data)
    return out.getvalue()


def deletions_signed_apart(body: bytes) -> bytes:
    """``word/document.xml`` with every deletion's author followed by :data:`DELETIONS_SUFFIX`."""
    root = etree.fromstring(body, _PARSER)
    for deletion in root.iter(qn("w:del")):
        author = deletion.get(qn("w:author"))
        if author is not None:
            deletion.set(qn("w:author"), author + DELETIONS_SUFFIX)
    signed: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return signed
