"""The commands layer: each command's orchestration, and nothing else.

Takes folders and options; reads the sources once, hands the model to the
checks, renders and writes (``build``, ``validate``, ``import``, ``harvest``,
``snapshot``, ``new-workbook``, ``changes``, the template tools). Knows
nothing of click: it returns results and raises :mod:`ctpdoc.errors`.
"""
