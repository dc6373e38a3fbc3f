"""The XML namespaces ctpdoc reads and writes, once: ``qn("w:p")`` gives lxml's ``{uri}p``."""

from __future__ import annotations

import functools

NSMAP = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
W = NSMAP["w"]


@functools.cache  # a few dozen names, asked for hundreds of thousands of times at 2,000 activities
def qn(tag: str) -> str:
    """Clark notation for a prefixed name: ``qn("w:tc")`` is ``{http://…/main}tc``."""
    prefix, name = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{name}"
