"""The review page: what changed since the previous report, in every language side by side, as one HTML file.

Takes the checked :class:`~ctpdoc.model.Sources` (and the validation warnings);
gives ``review.html``: self-contained (styles, script and SVG charts inside it,
no network access of any kind), every figure counted by the document's own
code (:mod:`ctpdoc.document.context`), every text with its cell.
"""
