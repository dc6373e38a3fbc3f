"""The document layer: what one language's template sees.

Takes the model and one language's settings; gives the typed template
context (counts, rows, dates and lists formatted for the locale), the
formatting filters, the bounded Jinja sandbox templates run in, and the table
of variables translators may use.
"""
