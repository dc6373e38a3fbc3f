"""The Word markup layer: the only code that emits or edits WordprocessingML.

Takes word-diff segments and row marks; gives runs with ``w:ins``/``w:del``,
marked and shaded rows, numbered revisions, language and direction, on the
lxml tree of a rendered document.
"""
