"""The workbooks layer: the drafters' contract, read and written.

Takes the sources folder (``document.xlsx``, the programme workbooks, the
baseline); gives the :class:`~ctpdoc.model.Sources` model, every value with the
cell it came from, and problems located by file › sheet › cell. The writer
makes new workbooks of the contract and writes cells back (import, harvest,
translations). The only subpackage that imports openpyxl.
"""
