"""The one workbook writer adds or replaces a whole sheet ctpdoc owns, leaving the others as they were."""

import openpyxl
import pytest

from ctpdoc.contract import Column, SheetSpec
from ctpdoc.errors import CtpdocError
from ctpdoc.workbooks.edit import CellEdit, update_cells
from tests.helpers.oracle import snapshot

SPEC = SheetSpec("Owned", [Column("Key", "help on the key", 10), Column("Value")], [["a", 1], ["b", 2]])


def test_a_sheet_is_added_at_the_end_with_its_rows(workbook):  # noqa: F811
    before = snapshot(workbook)
    update_cells(workbook, [CellEdit("Part I", "L2", "Nouveau.")], [SPEC])
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == [*before, "Owned"]
    assert [[c.value for c in row] for row in book["Owned"].iter_rows()] == [["Key", "Value"], ["a", 1], ["b", 2]]
    assert book["Owned"]["A1"].font.b and book["Owned"].freeze_panes == "A2"
    after = snapshot(workbook)
    assert after["Notes"] == before["Notes"] and after["Part II"] == before["Part II"]
    assert after["Part I"][0]["L2"][0] == "Nouveau."


def test_a_sheet_is_replaced_whole_in_its_place(workbook):  # noqa: F811
    update_cells(workbook, [], [SPEC])
    book = openpyxl.load_workbook(workbook)
    book.move_sheet("Owned", offset=-2)  # the drafter moved it between the parts
    book["Owned"]["C9"] = "stray"
    book.save(workbook)
    order = openpyxl.load_workbook(workbook).sheetnames
    update_cells(workbook, [], [SheetSpec("Owned", SPEC.columns, [["c", 3]])])
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == order
    assert [[c.value for c in row] for row in book["Owned"].iter_rows()] == [["Key", "Value"], ["c", 3]]


def test_no_sheet_is_written_while_the_workbook_is_open(workbook):  # noqa: F811
    (workbook.parent / f"~${workbook.name}").write_text("")
    data = workbook.read_bytes()
    with pytest.raises(CtpdocError, match="is open in Excel"):
        update_cells(workbook, [], [SPEC])
    assert workbook.read_bytes() == data
