"""The document's language and direction, set on the finished tree.

Runs marked with the document's language take its exact tag (``fr-FR`` → ``fr-BE``), the style
defaults carry it, and a right-to-left language turns paragraphs and tables around.
"""

from __future__ import annotations

from lxml import etree

from ctpdoc.markup.elements import add_before, child, element, properties, successors
from ctpdoc.package.namespaces import W, qn

# Children of w:pPr after w:bidi (CT_PPrBase), and of w:tblPr after w:bidiVisual (CT_TblPr).
_AFTER_BIDI = successors(
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_BIDI_VISUAL = successors(
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def retag_language(root: etree._Element, tag: str) -> None:
    """Runs already marked with the document's language take its exact tag (fr-FR → fr-BE)."""
    primary = tag.split("-")[0]
    for language in _OTHER_VARIANT(root, tag=tag, primary=primary, variant=f"{primary}-"):
        language.set(qn("w:val"), tag)


# The runs of the context carry the exact tag already: only the template's own runs of another variant are visited.
_OTHER_VARIANT = etree.XPath(
    ".//w:lang[@w:val != $tag and (@w:val = $primary or starts-with(@w:val, $variant))]", namespaces={"w": W}
)


def set_default_language(styles: etree._Element, tag: str, right_to_left: bool) -> None:
    """The language in the style defaults (``word/styles.xml``), which every run inherits."""
    defaults = child(styles, "w:docDefaults", first=True)
    language = child(child(child(defaults, "w:rPrDefault", first=True), "w:rPr"), "w:lang")
    language.set(qn("w:val"), tag)
    if right_to_left:
        language.set(qn("w:bidi"), tag)
    retag_language(styles, tag)


def make_right_to_left(root: etree._Element) -> None:
    """Paragraphs and tables of a right-to-left language read from the right.

    Only each paragraph's own ``w:pPr`` is touched: the ``w:pPr`` kept inside a ``w:pPrChange`` is the
    paragraph's former formatting."""
    for paragraph in root.iter(qn("w:p")):
        paragraph_properties = properties(paragraph, "w:pPr")
        if paragraph_properties.find(qn("w:bidi")) is None:
            add_before(paragraph_properties, element(paragraph_properties, "w:bidi"), _AFTER_BIDI)
    for table in root.iter(qn("w:tbl")):
        table_properties = properties(table, "w:tblPr")
        if table_properties.find(qn("w:bidiVisual")) is None:
            add_before(table_properties, element(table_properties, "w:bidiVisual"), _AFTER_BIDI_VISUAL)
