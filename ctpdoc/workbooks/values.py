"""What ctpdoc puts in a cell: text that stays text, dates Excel can hold, nothing Excel would execute.

Every text is written as a text cell (openpyxl's data type ``s``) whatever its first character, so
``=HYPERLINK(…)`` typed in a document or a translation is shown, never run as a formula; a
``_xHHHH_`` sequence in it is escaped (``_x005F_`` for its underscore), so it reads back identical
instead of becoming the character it names; a text longer than Excel's 32,767 characters (counted as Excel
counts them: UTF-16 units of the escaped text, :func:`excel_length`), a date
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


def excel_length(text: str) -> int:
    """A text's length as Excel counts it (its ``LEN``, its limit of 32,767): UTF-16 code units of the text as the
    cell holds it, ``_xHHHH_`` sequences escaped. openpyxl would cut the escaped text at 32,767 Python characters."""
    stored = escaped(text)
    return len(stored.encode("utf-16-le")) // 2 if not stored.isascii() else len(stored)


def problem(value: WritableValue) -> str | None:
    """Why ``value`` cannot go into a cell as it is, in words for the person who typed it; ``None`` if it can."""
    if isinstance(value, str):
        counted = excel_length(value)
        if counted > MAX_TEXT:
            how = (
                ""
                if counted == len(value)
                else f" as Excel counts them ({len(value):,} typed: an emoji counts two, a _xHHHH_ sequence is kept six longer)"
            )
            return f"is {counted:,} characters long{how}, over Excel's limit of {MAX_TEXT:,} for a cell; shorten it"
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
