"""Fixtures of the workbook tests."""

import openpyxl
import pytest
from openpyxl.comments import Comment

from ctpdoc.contract import contract_sheets
from ctpdoc.shape import ptc_shape
from ctpdoc.workbooks.new import new_workbook


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "wp-2022-2025.xlsx"
    rows = {
        "I": [["1.1", "SO1", "Activity", "Activité", "A", "Un", "2024", "PTC", "CTP", "ongoing", "Old.", "Ancien."]],
        "II": [],
    }
    new_workbook(path, contract_sheets(ptc_shape(), True, ("en", "fr"), ["completed", "ongoing", "pending"], rows))
    book = openpyxl.load_workbook(path)
    book["Part I"]["C2"].comment = Comment("check with the lead", "Drafter")
    book.create_sheet("Notes")["A1"] = "kept"
    book.save(path)
    return path
