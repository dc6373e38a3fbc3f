"""Lead-ins kept with what they introduce: a body paragraph that ends with a colon keeps with the next.

A paragraph that ends with ":" announces a list or the paragraph after it ("…is as follows:", "…est la
suivante :"); left alone at the foot of a page, its list starting on the next, it is what an editor marks first.
Word's "keep with next" (``w:keepNext``) moves it to the next page with what follows. Takes the rendered body;
sets the property on those of its own paragraphs (not a table's: there it would keep rows together) whose text, as
it now reads (deleted text aside), ends with a colon, whatever the template's style gives.
"""

from __future__ import annotations

from lxml import etree

from ctpdoc.markup.elements import add_before, element, properties, successors
from ctpdoc.package.namespaces import qn

_AFTER_KEEP_NEXT = successors(
    "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr",
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_P, _T, _KEEP_NEXT = qn("w:p"), qn("w:t"), qn("w:keepNext")
_TRAILING = " \t\u00a0\u202f\u2009"


def keep_lead_ins(body: etree._Element) -> int:
    """``w:keepNext`` on each of the body's paragraphs that ends with a colon; gives how many there are."""
    kept = 0
    for paragraph in body.iterchildren(_P):
        following = paragraph.getnext()
        if following is None or following.tag == qn("w:sectPr"):
            continue
        text = "".join(node.text or "" for node in paragraph.iter(_T))
        if not text.rstrip(_TRAILING).endswith(":"):
            continue
        kept += 1
        found = properties(paragraph, "w:pPr")
        keep = found.find(_KEEP_NEXT)
        if keep is None:
            add_before(found, element(found, "w:keepNext"), _AFTER_KEEP_NEXT)
        elif keep.get(qn("w:val")) in ("0", "false", "off"):
            del keep.attrib[qn("w:val")]
    return kept
