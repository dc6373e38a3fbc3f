"""History kept: every previous baseline dated beside the current one, one dated backup per writing run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from ctpdoc.cli.main import cli
from ctpdoc.commands.snapshot import snapshot
from ctpdoc.errors import CtpdocError
from ctpdoc.package.backups import Backups
from ctpdoc.workbooks.edit import CellEdit, cells, update_cells
from ctpdoc.workbooks.history import list_history
from tests.helpers.factory import backups_of
from tests.helpers.repo import SAMPLE_SOURCES

WP = "wp-2022-2025.xlsx"


def touch(path: Path, value: str) -> None:
    book = openpyxl.load_workbook(path)
    book["Part I"]["L2"] = value
    book.save(path)


def test_snapshot_keeps_every_previous_baseline_dated(runner, sample):
    sources = sample / "source_sheets"
    first = (sources / "baseline" / WP).read_bytes()
    touch(sources / WP, "Issued in March 2025.")
    result = runner.invoke(cli, ["snapshot", "--sources", str(sources), "--force"])
    assert result.exit_code == 0, result.output
    kept = sources / "baseline" / "history" / "2024-04-01" / WP  # the date of the report it was the snapshot for
    assert f"kept the baseline it replaces as {kept}" in result.output
    assert kept.read_bytes() == first and (sources / "baseline" / WP).read_bytes() == (sources / WP).read_bytes()
    second = (sources / "baseline" / WP).read_bytes()
    touch(sources / WP, "Edited again the same season.")
    again = snapshot(sources, force=True, today=dt.date(2025, 4, 2))  # dated by the report its record names: the issue date
    assert again.kept == sources / "baseline" / "history" / "2025-03-28" / WP and again.kept.read_bytes() == second
    assert kept.read_bytes() == first  # never overwritten
    touch(sources / WP, "Edited a third time.")
    third = (sources / "baseline" / WP).read_bytes()
    later = snapshot(
        sources, force=True, today=dt.date(2025, 4, 3)
    )  # 2025-03-28 holds another version: 2024-04-01 too, then the day
    assert later.kept == sources / "baseline" / "history" / "2025-04-03" / WP and later.kept.read_bytes() == third
    assert [(day, folder.name) for day, folder in list_history(sources)] == [
        (dt.date(2024, 4, 1), "2024-04-01"),
        (dt.date(2025, 3, 28), "2025-03-28"),
        (dt.date(2025, 4, 3), "2025-04-03"),
    ]
    same = snapshot(sources, force=True, today=dt.date(2025, 4, 4))  # nothing changed since: nothing more to keep
    assert same.kept is None and len(list_history(sources)) == 3


def test_list_history_reads_dated_folders_only(tmp_path):
    history = tmp_path / "baseline" / "history"
    for name in ("2023-04-01", "2021-10-15", "notes", "2024-13-01"):
        (history / name).mkdir(parents=True)
    (history / "2022-01-01").symlink_to(history / "2023-04-01")
    (history / "20220701").mkdir()  # Python's fromisoformat reads it; the history's names are YYYY-MM-DD
    (history / "README.txt").write_text("kept by snapshot")
    assert [folder.name for _, folder in list_history(tmp_path)] == ["2021-10-15", "2023-04-01"]
    notes: list[str] = []
    assert [folder.name for _, folder in list_history(tmp_path, notes)] == ["2021-10-15", "2023-04-01"]
    assert notes == [  # what the review page says of them; a file is no report's, and passed over
        "baseline/history/2022-01-01: is a link; the history keeps folders of its own: left out",
        "baseline/history/20220701: not a date (YYYY-MM-DD); left out",
        "baseline/history/2024-13-01: not a date (YYYY-MM-DD); left out",
        "baseline/history/notes: not a date (YYYY-MM-DD); left out",
    ]
    assert list_history(tmp_path / "nowhere") == []
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "baseline").mkdir(parents=True)
    (elsewhere / "baseline" / "history").symlink_to(history)
    assert list_history(elsewhere) == []  # a history that is a link holds none


def test_each_run_keeps_its_own_dated_backup(tmp_path):
    """Harvesting the French then the English with --apply: the state before the harvests is still there."""
    workbook = tmp_path / WP
    shutil.copy(SAMPLE_SOURCES / WP, workbook)
    original = cells(workbook, "Part I")["L2"]
    update_cells(workbook, [CellEdit("Part I", "L2", "First run.")], backups=Backups(tmp_path, dt.datetime(2025, 4, 1, 10, 0, 0)))
    update_cells(
        workbook, [CellEdit("Part I", "L2", "Second run.")], backups=Backups(tmp_path, dt.datetime(2025, 4, 1, 10, 0, 0))
    )
    kept = backups_of(workbook)
    assert [path.parent.name for path in kept] == ["2025-04-01_10-00-00", "2025-04-01_10-00-00-2"]
    assert cells(kept[0], "Part I")["L2"] == original and cells(kept[1], "Part I")["L2"] == "First run."


def test_a_backup_never_follows_a_link(tmp_path):
    workbook = tmp_path / WP
    shutil.copy(SAMPLE_SOURCES / WP, workbook)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / "backups")
    data = workbook.read_bytes()
    with pytest.raises(CtpdocError, match="symbolic link"):
        update_cells(workbook, [CellEdit("Part I", "L2", "x")])
    assert workbook.read_bytes() == data and not any(elsewhere.iterdir())
