"""The output layer: one writer at a time per folder, and the documents' PDFs.

Takes a folder to hold (:mod:`.lock`: one build, or one writing command, at a time) and the
rendered bytes of every document, of which it makes PDF/A copies through LibreOffice; the
documents themselves are written by :mod:`ctpdoc.package.writer`.
"""
