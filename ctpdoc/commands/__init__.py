"""The commands layer: each command's orchestration, and nothing else.

Takes folders and options; reads the sources once, hands the model to the
checks, renders and writes (``build``, ``validate``, ``import``, ``harvest``,
``snapshot``, ``new-workbook``, ``changes``, the template tools). Knows
nothing of click: it returns results and raises :mod:`ctpdoc.errors`.

One module per command (``importer`` a package of its parts); a command imports no other command's
module, only the steps they share: ``reading`` (the workbooks' reading started, before what renders is imported),
``inputs`` (read and check), ``rendering`` (every document in memory) and ``writing`` (the folder's lock) —
``tools/layers.py`` fails on anything else.
"""
