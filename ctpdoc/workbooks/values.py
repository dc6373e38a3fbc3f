"""What ctpdoc puts in a cell: text that stays text, dates Excel can hold, nothing Excel would execute.

Every text is written as a text cell (openpyxl's data type ``s``) whatever its first character, so
``=HYPERLINK(…)`` typed in a document or a translation is shown, never run as a formula; a
``_xHHHH_`` sequence in it is escaped (``_x005F_`` for its underscore), so it reads back identical
instead of becoming the character it names; a text longer than Excel's 32,767 characters, a date
outside Excel's calendar (1900 to 9999) and a character XML cannot hold are refused with the place,
never cut or changed silently. Callers check first with :func:`problem` to name the place in their
own terms (document › table › row, XLIFF unit); the writer checks again with workbook › sheet › cell.
"""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.cell.cell import Cell

from ctpdoc.contract import WritableValue

MAX_TEXT = 32_767  # characters in one cell: Excel's limit
FIRST_YEAR, LAST_YEAR = 1900, 9999  # the dates Excel's calendar holds
_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")  # the underscore of a _xHHHH_ sequence
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escaped(text: str) -> str:
    """``Recueil_x0041_`` → ``Recueil_x005F_x0041_``: Excel and every reader show ``Recueil_x0041_`` again."""
    return _ESCAPE.sub("_x005F_", text)


def problem(value: WritableValue) -> str | None:
    """Why ``value`` cannot go into a cell as it is, in words for the person who typed it; ``None`` if it can."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return f"is {len(value):,} characters long, over Excel's limit of {MAX_TEXT:,} for a cell; shorten it"
        if _NOT_XML.search(value):
            return "holds control characters, which a workbook cannot hold; retype the text without them"
    elif isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"gives the year {value.year}, outside the dates Excel can hold ({FIRST_YEAR}-{LAST_YEAR}); correct the year"
    return None


def put(cell: Cell, value: WritableValue) -> None:
    """``value`` into ``cell``: text as text (never a formula), escaped; a caller has checked :func:`problem`."""
    if isinstance(value, str):
        cell.value = escaped(value)
        cell.data_type = "s"
    else:
        cell.value = value
