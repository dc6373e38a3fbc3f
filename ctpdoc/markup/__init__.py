"""The Word markup layer: the code that emits or edits the WordprocessingML of a rendered document.

Two edits stand apart: :mod:`ctpdoc.render.fill` drops the empty runs docxtpl leaves around each
``{{r …}}`` tag from the rendered text, before it is parsed, and :mod:`ctpdoc.output.pdfmarkup` re-signs
the deletions of the copy LibreOffice converts to PDF, so that it draws no false moves.

Takes word-diff segments and row marks; gives runs with ``w:ins``/``w:del``,
marked and shaded rows, numbered revisions, language and direction, on the
lxml tree of a rendered document.
"""
