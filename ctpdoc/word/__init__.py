"""The Word reading layer: a ``.docx`` in, text out.

Takes an issued or edited report; gives its body as paragraphs and tables of
plain text (tracked changes accepted or rejected), values as printed read
back, and the annexes as activities. Used by ``import`` and ``harvest``.
"""
