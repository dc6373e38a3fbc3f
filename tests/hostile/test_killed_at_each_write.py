"""Hostile and faulty inputs, round four (issue 30), class 3: history and backups, torn or left behind.

Every writing command is killed (``kill -9``), terminated (SIGTERM) or interrupted (Ctrl-C, SIGINT) at each
moment it flushes a file to disk (the history copy, the backup, the workbook, the new baseline, the record; a
temporary may be half-written then), and the next command is run: it leaves no temporary of ctpdoc's anywhere
under the report folder, and every file in the history and the backups is a whole copy of its source's bytes.
A copy that does not read back as its source (a short write the system did not report) is never kept.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ctpdoc.cli.main import cli
from ctpdoc.commands.snapshot import snapshot
from ctpdoc.errors import CtpdocError
from ctpdoc.package import writer as files
from ctpdoc.workbooks.edit import CellEdit, update_cells
from ctpdoc.workbooks.history import keep_in_history
from tests.helpers.docxread import edit_document
from tests.helpers.repo import ROOT, SAMPLE_SOURCES
from tests.helpers.repo import run_cli as run

WP = "wp-2022-2025.xlsx"
EN = "PC0720E1a-clean.docx"
DELIVERABLE = "Updated Guidelines to Chapter 3 of the General Annex"

# The command, paused at its n-th fsync (the file it flushes written, or cut to half its length first when
# CTPDOC_TEST_TEAR is set), says "paused" and waits to be signalled.
PAUSED = """
import os, sys, time
moment, tear = int(os.environ["CTPDOC_TEST_PAUSE"]), "CTPDOC_TEST_TEAR" in os.environ
calls = [0]
flush = os.fsync
def fsync(fd):
    calls[0] += 1
    if calls[0] == moment:
        size = os.fstat(fd).st_size
        if tear and size > 1:
            os.ftruncate(fd, size // 2)
        print("paused", flush=True)
        time.sleep(120)
    return flush(fd)
os.fsync = fsync
sys.argv = ["ctpdoc", *sys.argv[1:]]
from ctpdoc.cli.main import main
main()
"""
SIGNALS = {"kill -9": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "Ctrl-C": signal.SIGINT}
STOPS = [("kill -9", False), ("kill -9", True), ("SIGTERM", True), ("Ctrl-C", True)]  # True: the file half-written
STOP_IDS = [f"{how}-{'half-written' if tear else 'whole'}" for how, tear in STOPS]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="signals as POSIX has them")


def touch(path: Path, value: str) -> None:
    book = openpyxl.load_workbook(path)
    book["Part I"]["L2"] = value
    book.save(path)


def stopped_at(moment: int, how: signal.Signals, tear: bool, *args: str) -> bool:
    """Run ``ctpdoc args`` paused at its ``moment``-th fsync and send it ``how``; ``False`` if it ended first."""
    environment = {**os.environ, "CTPDOC_TEST_PAUSE": str(moment)}
    if tear:
        environment["CTPDOC_TEST_TEAR"] = "1"
    with subprocess.Popen([sys.executable, "-c", PAUSED, *args], cwd=ROOT, env=environment,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:  # fmt: skip
        assert process.stdout is not None
        for line in process.stdout:
            if "paused" in line:
                break
        else:
            process.communicate(timeout=60)
            return False
        process.send_signal(how)
        process.communicate(timeout=60)
    assert process.returncode in (-signal.SIGKILL, 128 + how), process.returncode
    return True


def temporaries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if files.MARK in p.name)


def kept_copies(sources: Path) -> list[Path]:
    return sorted([*(sources / "baseline" / "history").glob("*/*"), *(sources / "backups").glob("*/*")])


def assert_whole(path: Path, *versions: bytes) -> None:
    data = path.read_bytes()
    assert data in versions, f"{path}: {len(data)} bytes, not a whole copy"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


MOMENTS = range(1, 9)  # every fsync of the command: 5 for snapshot (history copy, baseline), 4 for harvest


@pytest.mark.slow
@pytest.mark.parametrize(("how", "tear"), STOPS, ids=STOP_IDS)
def test_snapshot_stopped_at_any_moment_leaves_no_temporary_and_no_torn_copy(sources, how, tear):
    old = (sources / "baseline" / WP).read_bytes()
    touch(sources / WP, "Issued in March 2025.")
    new = (sources / WP).read_bytes()
    for moment in MOMENTS:
        if not stopped_at(moment, SIGNALS[how], tear, "snapshot", "--sources", str(sources), "--force"):
            break
        if SIGNALS[how] is not signal.SIGKILL:
            assert temporaries(sources) == [], (moment, "removed by the command itself")
        code, output = run("snapshot", "--sources", str(sources), "--force")
        assert code == 0, output
        assert temporaries(sources) == [], moment
        assert_whole(sources / "baseline" / WP, new)
        for copy in kept_copies(sources):
            assert_whole(copy, old)
        (sources / "baseline" / WP).write_bytes(old)  # the next moment snapshots the same change again
        shutil.rmtree(sources / "baseline" / "history", ignore_errors=True)
    else:
        pytest.fail("snapshot flushed more files than the moments tried: add moments")


def harvest_args(built: Path, tmp_path: Path, sources: Path) -> list[str]:
    edited = edit_document(built / EN, tmp_path / "edited.docx", (f">{DELIVERABLE}<", ">A new deliverable<"))
    return ["harvest", str(edited), "--sources", str(sources), "--apply"]


def import_args(built: Path, tmp_path: Path, sources: Path) -> list[str]:
    from tests.helpers.xliff import export, set_target, translate

    return [
        "translations",
        "import",
        "--sources",
        str(sources),
        str(translate(export(CliRunner(), sources, "--to", "fr", "--all"), set_target("FR {source}"))),
        "--apply",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("how", "tear"), STOPS, ids=STOP_IDS)
@pytest.mark.parametrize("command", [harvest_args, import_args], ids=["harvest --apply", "translations import --apply"])
def test_a_writing_command_stopped_at_any_moment_leaves_no_temporary_and_no_torn_backup(
    built, sources, tmp_path, command, how, tear
):
    original = {path.name: path.read_bytes() for path in sources.glob("*.xlsx")}
    args = command(built, tmp_path, sources)
    for moment in MOMENTS:
        if not stopped_at(moment, SIGNALS[how], tear, *args):
            break
        if SIGNALS[how] is not signal.SIGKILL:
            assert temporaries(sources) == [], (moment, "removed by the command itself")
        code, output = run(*args)
        assert code == 0, output
        assert temporaries(sources) == [] and not [p for p in (sources / "backups").iterdir() if not any(p.iterdir())], moment
        for copy in kept_copies(sources):
            assert_whole(copy, original[copy.name])
        for name, data in original.items():  # back as it was for the next moment
            (sources / name).write_bytes(data)
        shutil.rmtree(sources / "backups")
    else:
        pytest.fail("the command flushed more files than the moments tried: add moments")


def test_a_copy_that_does_not_read_back_whole_is_never_kept(sources, monkeypatch):
    """A short write the system does not report (a full disk on some network shares): the copy is read back,
    found torn, refused with exit 1, and nothing is left: no piece in the history or the backups, the baseline
    and the workbook not replaced."""
    old = (sources / "baseline" / WP).read_bytes()
    touch(sources / WP, "Issued in March 2025.")
    before = {path: path.read_bytes() for path in sources.rglob("*.xlsx")}
    writing = Path.write_bytes

    def short(self: Path, data: bytes) -> int:  # type: ignore[override]
        return writing(self, data[: len(data) // 2])

    monkeypatch.setattr(Path, "write_bytes", short)
    code, output = run("snapshot", "--sources", str(sources), "--force")
    assert (
        code == 1 and "does not read back as its source's bytes" in output and "the previous baseline was not replaced" in output
    ), output
    assert (sources / "baseline" / WP).read_bytes() == old and not list((sources / "baseline").rglob(f"history/*/{WP}"))
    with pytest.raises(CtpdocError, match="does not read back as its source's bytes"):  # the backup, as harvest writes it
        update_cells(sources / WP, [CellEdit("Part I", "L2", "A harvested edit")])
    assert {path: path.read_bytes() for path in sources.rglob("*.xlsx")} == before
    assert temporaries(sources) == []


def test_a_baseline_changed_while_it_is_copied_is_not_kept(sources, monkeypatch):
    touch(sources / WP, "Issued in March 2025.")
    baseline = sources / "baseline" / WP
    writer = files.copy_of

    def changed_meanwhile(data: bytes, source: Path | None = None) -> files.Writer:
        write = writer(data, source)

        def then(temporary: Path) -> None:
            touch(baseline, "Saved by Excel meanwhile.")
            write(temporary)

        return then

    monkeypatch.setattr("ctpdoc.workbooks.history.copy_of", changed_meanwhile)
    with pytest.raises(CtpdocError, match="changed while it was copied"):
        snapshot(sources, force=True, today=dt.date(2025, 4, 2))
    assert not list((sources / "baseline").rglob(f"history/*/{WP}")) and temporaries(sources) == []


def test_a_history_copy_never_replaces_a_file(tmp_path, monkeypatch):
    """Linked in, not renamed: a file that appears at the copy's place in the meantime is kept, the copy refused."""
    (tmp_path / "baseline").mkdir()
    baseline = tmp_path / "baseline" / WP
    shutil.copy(SAMPLE_SOURCES / WP, baseline)
    target = tmp_path / "baseline" / "history" / "2024-04-01" / WP
    writer = files.copy_of

    def raced(data: bytes, source: Path | None = None) -> files.Writer:
        write = writer(data, source)

        def then(temporary: Path) -> None:
            write(temporary)
            target.write_bytes(b"someone else's")

        return then

    monkeypatch.setattr("ctpdoc.workbooks.history.copy_of", raced)
    with pytest.raises(CtpdocError, match="File exists"):
        keep_in_history(tmp_path, baseline, [dt.date(2024, 4, 1)])
    assert target.read_bytes() == b"someone else's" and temporaries(tmp_path) == []


@pytest.mark.slow
def test_the_next_command_cleans_every_folder_ctpdoc_writes_into(built, sources, tmp_path):
    """What a ``kill -9`` left: temporaries in the baseline's folder, a dated history folder, a dated backup
    folder, and a dated backup folder left empty; the next writing command removes them all, and nothing else."""
    history = sources / "baseline" / "history" / "2024-04-01"
    history.mkdir(parents=True)
    (history / WP).write_bytes((sources / "baseline" / WP).read_bytes())
    dated = sources / "backups" / "2025-01-01_10-00-00"
    dated.mkdir(parents=True)
    (dated / WP).write_bytes(b"a backup of a workbook")
    empty = sources / "backups" / "2025-01-01_10-00-01"
    empty.mkdir()
    stale = [folder / f".{WP}.ctpdoc-abc123.tmp" for folder in (sources, sources / "baseline", history, dated)]
    for path in stale:
        path.write_bytes(b"PK half")
    kept = [sources / "baseline" / ".notes.tmp", dated / "notes.txt"]  # not of ctpdoc's naming
    for path in kept:
        path.write_bytes(b"someone's")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f".{WP}.ctpdoc-abc123.tmp").write_bytes(b"not under the sources")
    (sources / "backups" / "link").symlink_to(outside)  # a link is not entered
    run(*harvest_args(built, tmp_path, sources))
    assert not any(path.exists() for path in stale) and all(path.exists() for path in kept)
    assert not empty.exists() and (outside / f".{WP}.ctpdoc-abc123.tmp").exists()
    assert (history / WP).exists() and (dated / WP).exists()


def test_a_backup_never_replaces_a_file(sources, monkeypatch):
    """A file that appears at the backup's place meanwhile is kept; the command refuses and changes nothing."""
    writer = files.copy_of
    placed: list[Path] = []

    def raced(data: bytes, source: Path | None = None) -> files.Writer:
        write = writer(data, source)

        def then(temporary: Path) -> None:
            write(temporary)
            target = temporary.parent / WP
            target.write_bytes(b"someone else's")
            placed.append(target)

        return then

    monkeypatch.setattr(files, "copy_of", raced)
    data = (sources / WP).read_bytes()
    with pytest.raises(CtpdocError, match="File exists"):
        update_cells(sources / WP, [CellEdit("Part I", "L2", "A harvested edit")])
    assert placed[0].read_bytes() == b"someone else's" and (sources / WP).read_bytes() == data and temporaries(sources) == []


def test_without_hard_links_a_copy_is_renamed_in_but_never_over_a_file(tmp_path, monkeypatch):
    """A file system without hard links (FAT, some shares): the copy is renamed into place after looking."""

    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    files.write_new_file(tmp_path / "a.xlsx", files.copy_of(b"whole"))
    assert (tmp_path / "a.xlsx").read_bytes() == b"whole"
    with pytest.raises(CtpdocError, match="File exists"):
        files.write_new_file(tmp_path / "a.xlsx", files.copy_of(b"other"))
    assert (tmp_path / "a.xlsx").read_bytes() == b"whole" and temporaries(tmp_path) == []


@pytest.mark.slow
@pytest.mark.parametrize("command", ["export", "timings"])
def test_a_file_written_where_no_lock_reaches_leaves_no_earlier_temporary(sample, tmp_path, command):
    """``translations export -o`` and ``build --timings`` write beside files no lock covers: the temporary a killed
    earlier write left goes with the next write of the same file; one another command is writing now stays."""
    target = tmp_path / ("fr.xlf" if command == "export" else "timings.json")
    stale = tmp_path / f".{target.name}{files.MARK}killed.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (files.STARTED - 60, files.STARTED - 60))  # made before this command started: a killed write's
    current = tmp_path / f".{target.name}{files.MARK}writing.tmp"
    current.write_bytes(b"now")
    os.utime(current, (files.STARTED + 3600, files.STARTED + 3600))  # another command's, being written now
    other = tmp_path / f".other.xlf{files.MARK}killed.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (files.STARTED - 60, files.STARTED - 60))
    sources = str(sample / "source_sheets")
    args = (
        ["translations", "export", "--to", "fr", "--all", "--sources", sources, "-o", str(target)]
        if command == "export"
        else [
            "build",
            "-q",
            "--sources",
            sources,
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "build"),
            "--timings",
            str(target),
        ]
    )
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert target.is_file() and not stale.exists()
    assert current.exists() and other.exists()
