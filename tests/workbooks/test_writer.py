"""The one workbook writer: new workbooks of the contract, cells written back, nothing else touched."""

from pathlib import Path

import openpyxl
import pytest

from ctpdoc.contract import contract_sheets
from ctpdoc.errors import CtpdocError
from ctpdoc.shape import ptc_shape
from ctpdoc.workbooks.edit import CellEdit, cells, update_cells
from ctpdoc.workbooks.new import new_workbook
from tests.helpers.factory import backups_of
from tests.helpers.oracle import snapshot


def test_update_cells_changes_only_those_cells(workbook):
    before = snapshot(workbook)
    backup = update_cells(workbook, [CellEdit("Part I", "L2", "Nouveau.\nDeux lignes.")])
    after = snapshot(workbook)
    assert backups_of(workbook) == [backup] and cells(backup, "Part I")["L2"] == "Ancien."
    changed = {(name, ref) for name in before for ref, v in before[name][0].items() if after[name][0].get(ref) != v}
    assert changed == {("Part I", "L2")}
    assert after["Part I"][0]["L2"][0] == "Nouveau.\nDeux lignes."
    for name in before:
        assert before[name][1:] == after[name][1:]


@pytest.mark.parametrize("lock", ["~${}", ".~lock.{}#"])
def test_a_workbook_open_elsewhere_is_not_written(workbook, lock):
    (workbook.parent / lock.format(workbook.name)).write_text("")
    data = workbook.read_bytes()
    with pytest.raises(CtpdocError, match="is open in Excel or LibreOffice"):
        update_cells(workbook, [CellEdit("Part I", "L2", "x")])
    assert workbook.read_bytes() == data and not backups_of(workbook)


def test_new_workbook_refuses_a_symlink_and_keeps_numbers_as_text(tmp_path, workbook):
    link = tmp_path / "link.xlsx"
    link.symlink_to(workbook)
    data = workbook.read_bytes()
    with pytest.raises(CtpdocError, match="symbolic link"):
        new_workbook(link, contract_sheets(ptc_shape(), False, ("en",), []), force=True)
    assert workbook.read_bytes() == data
    sheet = openpyxl.load_workbook(workbook)["Part I"]
    assert sheet["A2"].number_format == "@" and sheet.column_dimensions["A"].number_format == "@"  # typed or to type: text


def test_an_interrupted_new_workbook_leaves_the_old_one_whole(tmp_path, workbook, monkeypatch):
    """new-workbook --force stopped half-way (an error, SIGTERM, kill -9 while saving): the old workbook stays, whole."""
    import openpyxl.workbook.workbook

    data = workbook.read_bytes()

    def half_written(book, path):
        Path(path).write_bytes(b"PK\x03\x04 half a workbook")
        raise KeyboardInterrupt

    monkeypatch.setattr(openpyxl.workbook.workbook.Workbook, "save", half_written)
    with pytest.raises(KeyboardInterrupt):
        new_workbook(workbook, contract_sheets(ptc_shape(), True, ("en", "fr"), ["completed", "ongoing", "pending"]), force=True)
    assert workbook.read_bytes() == data
    assert sorted(p.name for p in workbook.parent.iterdir()) == [workbook.name]
