"""One writer per folder on every system (ctpdoc.output.lock), the second language spawned where there is no
fork, and a file Windows keeps locked told as such. These run in `make test-windowslike` too, where the lock
is Windows' byte-range lock and the worker is spawned."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.errors import CtpdocError
from ctpdoc.output.lock import Busy, lock_path, locked
from ctpdoc.package import writer
from ctpdoc.render import worker
from tests.helpers.repo import ROOT

# Holds the lock of a folder as a command would, until its stdin closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ctpdoc.output.lock import locked
    with locked(Path(sys.argv[1]), Path(sys.argv[1]), sys.argv[2]):
        print("held", flush=True)
        sys.stdin.read()
    """
)


def hold(folder: Path, holder: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), holder], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def let_go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()


def test_a_second_writer_is_told_who_writes(tmp_path):
    folder = tmp_path / "source_sheets"
    folder.mkdir()
    holder = hold(folder, "ctpdoc harvest --apply")
    try:
        with pytest.raises(Busy) as refused, locked(folder, Path("source_sheets"), "ctpdoc import"):
            pass
    finally:
        let_go(holder)
    assert (
        str(refused.value)
        == f"source_sheets is being written by `ctpdoc harvest --apply` (process {holder.pid}); wait for it to finish"
    )
    with locked(folder, folder, "ctpdoc import"):  # free again once the holder is done
        pass


# Takes the lock file as lock_file does, then, one line of stdin at a time: writes its name late (as a holder
# that has just taken the lock), and leaves slowly (wipes its name, waits, then goes, as a holder finishing).
SLOW_HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from ctpdoc.output.lock import lock_path, release, take
    path = lock_path(Path(sys.argv[1]))
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0))
    assert take(descriptor)
    print("taken, unnamed", flush=True)
    sys.stdin.readline()
    time.sleep(0.3)
    os.lseek(descriptor, 0, os.SEEK_SET)  # msvcrt's lock moved it
    os.write(descriptor, f"{os.getpid()}\\nctpdoc harvest --apply\\n".encode())
    sys.stdin.readline()
    os.ftruncate(descriptor, 0)
    print("wiped", flush=True)
    time.sleep(0.3)
    path.unlink(missing_ok=True)
    release(descriptor)
    """
)


def test_a_holder_caught_before_it_names_itself_or_while_it_leaves_is_waited_for(tmp_path):
    """The moments between taking the lock and writing one's name, and between wiping it and letting go, are
    waited out: the second command names the holder, or takes the lock once it is free, never "another
    command" for a holder that is there."""
    folder = tmp_path / "source_sheets"
    folder.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", SLOW_HOLDER, str(folder)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "taken, unnamed\n"
        holder.stdin.write("name yourself\n")
        holder.stdin.flush()
        with pytest.raises(Busy) as refused, locked(folder, Path("source_sheets"), "ctpdoc import"):
            pass
        assert (refused.value.holder, refused.value.pid) == ("ctpdoc harvest --apply", holder.pid)
        holder.stdin.write("leave\n")
        holder.stdin.flush()
        assert holder.stdout.readline() == "wiped\n"
        with locked(folder, folder, "ctpdoc import"):  # the holder is gone by now, and this command writes
            assert lock_path(folder).read_text(encoding="utf-8") == f"{os.getpid()}\nctpdoc import\n"
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
        holder.stdout.close()


def test_the_lock_file_is_beside_the_folder_and_gone_after(tmp_path):
    folder = tmp_path / "build"
    folder.mkdir()
    with locked(folder, folder, "ctpdoc build"):
        assert lock_path(folder) == tmp_path / ".build.ctpdoc.lock"
        assert (tmp_path / ".build.ctpdoc.lock").read_text() == f"{os.getpid()}\nctpdoc build\n"
        assert list(folder.iterdir()) == []  # never among the documents
    assert not (tmp_path / ".build.ctpdoc.lock").exists() or (tmp_path / ".build.ctpdoc.lock").read_text() == ""


def test_a_killed_holder_leaves_no_lock_behind(tmp_path):
    """The system releases the lock of a process that ends, however it ends: nothing to remove by hand."""
    folder = tmp_path / "build"
    folder.mkdir()
    holder = hold(folder, "ctpdoc build")
    holder.kill()
    holder.wait(timeout=30)
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.close()
    holder.stdout.close()
    with locked(folder, folder, "ctpdoc build"):
        pass


@pytest.mark.slow
def test_a_build_while_another_command_holds_the_folder_says_so(sample, runner):
    out = sample / "build"
    out.mkdir()
    holder = hold(out, "ctpdoc build")
    try:
        result = runner.invoke(
            cli,
            ["build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)],
        )
    finally:
        let_go(holder)
    assert result.exit_code == 1
    assert f"another build is writing to {out}/ (`ctpdoc build`, process {holder.pid}); wait for it to finish" in result.output
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_a_document_open_in_word_on_windows_is_named_and_nothing_changes(sample, runner, monkeypatch):
    """Windows refuses to replace a file Word holds open: every document is tried before any is replaced."""
    out = sample / "build"
    (out / "sub").mkdir(parents=True)  # a folder inside: no swap, the documents are renamed one by one (as on Windows)
    args = [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(out),
        "-q",
    ]
    assert runner.invoke(cli, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    opened = out / "PC0720F1a.docx"
    real_open = Path.open

    def word_holds(self: Path, mode: str = "r", *rest: object, **options: object) -> object:
        if self == opened and mode == "r+b":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *rest, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(writer, "WINDOWS", True)
    monkeypatch.setattr(Path, "open", word_holds)
    (sample / "source_sheets" / "document.xlsx").touch()
    result = runner.invoke(cli, [*args, "--changes", "tracked"])
    assert result.exit_code == 1
    assert (
        f"{opened}: is open in another program (Word, a PDF viewer), which keeps it from being replaced; close it and build again"
        in result.output
    )
    assert {p.name: p.read_bytes() for p in out.glob("*.docx")} == before
    assert [p.name for p in out.glob(".*.tmp")] == []


def test_a_workbook_open_in_excel_on_windows_is_told_to_be_closed(sample, runner, monkeypatch):
    """Excel on Windows locks a workbook against reading too: opening it fails with "permission denied"."""
    locked_book = sample / "source_sheets" / "wp-2025-2028.xlsx"
    real_open = Path.open

    def excel_holds(self: Path, *args: object, **options: object) -> object:
        if self == locked_book:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", excel_holds)
    result = runner.invoke(
        cli, ["validate", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]
    )
    assert result.exit_code == 1
    assert (
        "wp-2025-2028.xlsx: cannot be read: it is open in Excel (or another program) that locks it; close it there and run again"
        in result.output
    )
    assert "Traceback" not in result.output


def test_the_spawned_worker_gives_back_the_value_and_the_error():
    """Where there is no fork (Windows) the worker is spawned: a fresh interpreter, the function by its name."""
    if not worker.two_cores():
        pytest.skip("one core: everything renders in one process")
    assert worker.Spawned(os.getpid, ())() != os.getpid()
    with pytest.raises(ValueError, match="invalid literal"):
        worker.Spawned(int, ("not a number",))()


@pytest.mark.slow
def test_without_fork_a_large_second_language_is_spawned(monkeypatch, sample, runner):
    monkeypatch.setattr(worker, "can_fork", lambda: False)
    from ctpdoc.commands import rendering

    monkeypatch.setattr(rendering, "can_fork", lambda: False)
    monkeypatch.setattr(rendering, "SPAWN_FROM", 1)
    started: list[str] = []
    real_spawned = worker.Spawned
    monkeypatch.setattr(worker, "Spawned", lambda function, args: started.append(args[2]) or real_spawned(function, args))
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "a"),
        ],
    )
    assert result.exit_code == 0, result.output
    if worker.two_cores():
        assert started == ["fr"]
    one = runner.invoke(
        cli,
        [
            "build",
            "--jobs",
            "1",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "b"),
        ],
    )
    assert one.exit_code == 0
    for name in ("PC0720E1a.docx", "PC0720F1a.docx", "PC0720F1a-clean.docx"):
        assert (sample / "a" / name).read_bytes() == (sample / "b" / name).read_bytes(), name


# The parent spawns a worker that would sleep a minute, prints its process id, then waits to be killed.
SPAWNING_PARENT = textwrap.dedent(
    """
    import sys, time
    from ctpdoc.render import worker
    if __name__ == "__main__":
        wait = worker.Spawned(time.sleep, (60,))
        import multiprocessing
        print(multiprocessing.active_children()[0].pid, flush=True)
        time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="reads whether a process lives with os.kill(pid, 0)")
def test_a_spawned_worker_goes_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(SPAWNING_PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait(timeout=30)
    parent.stdout.close()
    deadline = time.monotonic() + 30  # the child's watch wakes at once; the margin is for a loaded machine
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the spawned worker outlived its parent"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def test_the_lock_refuses_a_folder_it_cannot_lock_with_one_line(tmp_path):
    with pytest.raises(CtpdocError, match="cannot"), locked(tmp_path / "missing" / "folder", Path("folder"), "ctpdoc build"):
        pass
