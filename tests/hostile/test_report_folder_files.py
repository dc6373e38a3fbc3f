"""Hostile and faulty inputs, round four (issue 30): the report folder's own files, special files, the current folder.

``ctpdoc.toml`` and the record of texts in step are bounded in size and nesting before they are parsed; a
``ctpdoc.toml`` above the current folder that another user owns or could have placed is refused unless named;
a lock file or an input that is not a regular file is refused at once, naming it. Each case runs
``python -m ctpdoc`` with its memory limited (1.5 GB) and a 60 s timeout, as the other hostile corpora do:
a bound that did not hold shows as a memory error or a timeout, not as the case's message.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.inputs import MAX_NESTING, nesting
from ctpdoc.project import project_text
from ctpdoc.workbooks.record import RECORD_FILE
from tests.helpers.corpus import ctpdoc_in, fingerprint
from tests.helpers.repo import ROOT

try:
    import resource
except ImportError:  # make test-windowslike: Windows has no rlimits
    resource = None  # type: ignore[assignment]

FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")


def one_line_error(done: subprocess.CompletedProcess[str], *expect: str) -> str:
    """Exit 1, no traceback, never "unexpected"; the error's first line holds each of ``expect``."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr, done.stderr
    line = next(line for line in done.stderr.splitlines() if line.startswith("Error: "))
    for fragment in expect:
        assert fragment in line, line
    return line


@pytest.fixture
def report(sample):
    """The sample as a report folder (ctpdoc.toml) with a folder below it to run the commands from."""
    (sample / "ctpdoc.toml").write_text(project_text())
    (sample / "below").mkdir()
    return sample


# ---------------------------------------------------------------- ctpdoc.toml: bounded before it is parsed


def nested(opening: str, closing: str, depth: int) -> str:
    return opening * depth + closing * depth


PROJECT_CASES: dict[str, Callable[[Path], None]] = {
    "5,000 nested arrays": lambda p: p.write_text(f"a = {nested('[', ']', 5000)}\n"),
    "3,000 nested inline tables": lambda p: p.write_text("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n"),
    "arrays and tables mixed": lambda p: p.write_text("a = " + "[{b = " * 1500 + "1" + "}]" * 1500 + "\n"),
    "unclosed nesting": lambda p: p.write_text("[folders]\nsources = " + "[" * 100_000 + "\n"),
    "nesting in a table header": lambda p: p.write_text("[" * 3000 + "folders" + "]" * 3000 + "\n"),
    "1 GB sparse": lambda p: (p.write_text(project_text()), os.truncate(p, 2**30)),
    "garbage bytes": lambda p: p.write_bytes(bytes(range(256)) * 40),
    "NUL in a folder value": lambda p: p.write_text('[folders]\nsources = "source\\u0000sheets"\n'),
    "NUL in the out folder": lambda p: p.write_text('[folders]\nout = "\\u0000"\n'),
    "a folder named ctpdoc.toml": lambda p: (p.unlink(), p.mkdir()),
    "not a table": lambda p: p.write_text("folders = 3\n"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", PROJECT_CASES, ids=list(PROJECT_CASES))
@pytest.mark.parametrize("where", [".", "below"])
def test_a_damaged_project_file_is_exit_1_naming_it(report, case, where):
    PROJECT_CASES[case](report / "ctpdoc.toml")
    sources = fingerprint(report / "source_sheets")
    done = ctpdoc_in(report / where, "validate")
    one_line_error(done, str(report / "ctpdoc.toml") if where == "below" else "ctpdoc.toml", "correct it")
    assert fingerprint(report / "source_sheets") == sources


@pytest.mark.slow
@FIFO
def test_a_project_file_that_is_a_fifo_is_refused_without_waiting(report):
    (report / "ctpdoc.toml").unlink()
    os.mkfifo(report / "ctpdoc.toml")
    one_line_error(ctpdoc_in(report / "below", "validate"), "ctpdoc.toml: is a FIFO (named pipe), not a file")


@pytest.mark.slow
def test_brackets_in_strings_and_comments_are_not_nesting(report):
    deep = "[" * 100 + "{" * 100
    text = (
        f'# {deep}\n[folders]\nsources = "source_sheets" # {deep}\nmotto = "{deep}"\n'
        f'literal = \'{deep}\'\nlong = """\n{deep}\n"""\n'
    )
    assert nesting(text) == 1
    assert nesting("a = " + "[" * (MAX_NESTING + 1)) == MAX_NESTING + 1
    (report / "ctpdoc.toml").write_text(text)
    done = ctpdoc_in(report / "below", "validate")
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- ctpdoc.toml of another user


def owned_by_another(path: Path, monkeypatch) -> None:
    """``path`` as another user's: given to uid 4242 where the tests run as root, else this user taken for another."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(path, 4242, -1)
    else:
        import ctpdoc.project

        monkeypatch.setattr(ctpdoc.project, "user", lambda: os.getuid() + 4242)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners are POSIX's; Windows' ACLs are the folder's business")
@pytest.mark.parametrize("whose", ["the file", "the folder", "world-writable folder"])
def test_a_project_file_another_user_could_have_placed_is_refused_unless_named(runner, report, monkeypatch, whose):
    if whose == "world-writable folder":
        report.chmod(0o777)
        expect = "every user may write (world-writable, without the sticky bit)"
    else:
        owned_by_another(report / "ctpdoc.toml" if whose == "the file" else report, monkeypatch)
        expect = "belongs to the user"
    monkeypatch.chdir(report / "below")
    monkeypatch.delenv("CTPDOC_TRUST", raising=False)
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 1, result.output
    assert expect in result.output and f"ctpdoc --trust {report}" in result.output and "CTPDOC_TRUST=" in result.output
    assert "using the report folder" not in result.output
    assert runner.invoke(cli, ["--trust", str(report), "validate"]).exit_code == 0
    assert runner.invoke(cli, ["--trust", "..", "validate"]).exit_code == 0  # named as the user types it
    assert runner.invoke(cli, ["--trust", str(report / "below"), "validate"]).exit_code == 1  # another folder
    monkeypatch.setenv("CTPDOC_TRUST", os.pathsep.join(["/elsewhere", str(report)]))
    assert runner.invoke(cli, ["validate"]).exit_code == 0
    monkeypatch.setenv("CTPDOC_TRUST", "*")
    assert runner.invoke(cli, ["validate"]).exit_code == 0
    monkeypatch.delenv("CTPDOC_TRUST")
    monkeypatch.chdir(report)  # in the report folder itself: the user chose to be there
    assert runner.invoke(cli, ["validate"]).exit_code == 0


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="permission bits are POSIX's")
def test_a_world_writable_folder_with_the_sticky_bit_is_not_refused(runner, report, monkeypatch):
    report.chmod(0o777 | stat.S_ISVTX)  # as /tmp: others may add files, but not replace this user's
    monkeypatch.chdir(report / "below")
    assert runner.invoke(cli, ["validate"]).exit_code == 0


# ---------------------------------------------------------------- the current folder gone


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not remove a folder that is some process's current one")
@pytest.mark.parametrize(
    "command", [["validate"], ["build"], ["changes"], ["init"], ["templates", "check"], ["translations", "status"]]
)
def test_a_current_folder_that_no_longer_exists_is_one_line(report, command):
    gone = report / "build"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m ctpdoc {" ".join(command)}'
    done = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
    )  # fmt: skip
    one_line_error(done, f"the current folder {gone} no longer exists", "cd into it again")


# ---------------------------------------------------------------- the record of texts in step


RECORD_CASES: dict[str, Callable[[Path], None]] = {
    "garbage bytes": lambda p: p.write_bytes(os.urandom(3000)),
    "5,000 nested arrays": lambda p: p.write_text(f'["wp-2022-2025.xlsx"]\n"1.1 Activity" = {nested("[", "]", 5000)}\n'),
    "3,000 nested inline tables": lambda p: p.write_text("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n"),
    "100 MB": lambda p: os.truncate(p, 100 * 2**20),
    "1 GB sparse": lambda p: os.truncate(p, 2**30),
    "not TOML": lambda p: p.write_text('["wp-2022-2025.xlsx"\n"1.1 Activity = {\n'),
    "Latin-1": lambda p: p.write_bytes(p.read_bytes() + "# été\n".encode("latin-1")),
}


@pytest.fixture(scope="module")
def sound_record(tmp_path_factory):
    """The record validate writes from the sample's workbooks when there is none."""
    from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

    folder = tmp_path_factory.mktemp("record")
    shutil.copytree(SAMPLE_SOURCES, folder / "source_sheets")
    shutil.copytree(SAMPLE_TEMPLATES, folder / "templates")
    (folder / "source_sheets" / RECORD_FILE).unlink()
    assert ctpdoc_in(folder, "validate").returncode == 0
    return (folder / "source_sheets" / RECORD_FILE).read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("case", RECORD_CASES, ids=list(RECORD_CASES))
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_damaged_record_is_replaced_with_a_warning(sample, sound_record, case, command):
    record = sample / "source_sheets" / RECORD_FILE
    RECORD_CASES[case](record)
    done = ctpdoc_in(sample, command)
    assert done.returncode == 0, done.stderr
    warning = next(line for line in done.stderr.splitlines() if line.startswith(f"{RECORD_FILE}: warning: "))
    assert (
        "validate and build (with the baseline) replace it with the record of the texts in step now" in warning
        and "Traceback" not in done.stderr
    )
    assert record.read_bytes() == sound_record
    again = ctpdoc_in(sample, "validate")
    assert again.returncode == 0 and RECORD_FILE not in again.stderr, again.stderr


@pytest.mark.slow
@FIFO
def test_a_record_that_is_a_fifo_is_replaced_without_waiting(sample, sound_record):
    record = sample / "source_sheets" / RECORD_FILE
    record.unlink()
    os.mkfifo(record)
    done = ctpdoc_in(sample, "validate")
    assert done.returncode == 0 and "is a FIFO (named pipe), not a file" in done.stderr, done.stderr
    assert record.is_file() and record.read_bytes() == sound_record


# ---------------------------------------------------------------- init --empty --force over bad settings


@pytest.mark.slow
@pytest.mark.parametrize(
    "settings",
    [b"garbage", b"", b"PK\x03\x04 torn", None],
    ids=["text", "empty", "torn zip", "the sample's programmes sheet missing"],
)
def test_init_empty_force_over_bad_settings_writes_nothing(tmp_path, settings):
    folder = tmp_path / "report"
    (folder / "source_sheets").mkdir(parents=True)
    document = folder / "source_sheets" / "document.xlsx"
    if settings is None:
        from openpyxl import Workbook

        book = Workbook()
        book.active.title = "Not the settings"
        book.save(document)
    else:
        document.write_bytes(settings)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    done = ctpdoc_in(tmp_path, "init", "--empty", "--force", "report")
    one_line_error(done, "document.xlsx")
    assert "nothing was written" in done.stderr
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


# ---------------------------------------------------------------- lock files and inputs that are not files


def special(path: Path, kind: str) -> None:
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")


SPECIAL_KINDS = {
    "FIFO": "is a FIFO (named pipe), not a file",
    "folder": "is a folder, not a file",
    "device": "is a device, not a file",
}


@pytest.mark.slow
@FIFO
@pytest.mark.parametrize("kind", ["FIFO", "folder"])  # never a device: a lock file is not followed through a link
@pytest.mark.parametrize("lock", ["build", "sources"])
def test_a_lock_file_that_is_not_a_file_is_refused_at_once(sample, kind, lock):
    path = sample / (".build.ctpdoc.lock" if lock == "build" else ".source_sheets.ctpdoc.lock")
    special(path, kind)
    args = ["build"] if lock == "build" else ["translations", "confirm", "--all"]
    one_line_error(ctpdoc_in(sample, *args), str(path), SPECIAL_KINDS[kind], "remove it")


@pytest.mark.slow
@FIFO
@pytest.mark.parametrize("kind", SPECIAL_KINDS)
@pytest.mark.parametrize(
    "command",
    [
        ("translations", "import", "{}"),
        ("translations", "import", "--apply", "{}"),
        ("import", "{}", "--into", "new"),
        ("harvest", "{}"),
        ("templates", "dump", "{}"),
    ],
    ids=["translations import", "translations import --apply", "import", "harvest", "templates dump"],
)
def test_an_input_that_is_not_a_file_is_refused_at_once(sample, kind, command):
    name = "t.xlf" if command[0] == "translations" else "t.docx"
    special(sample / name, kind)
    done = ctpdoc_in(sample, *(part.replace("{}", name) for part in command))
    if kind == "folder" and done.returncode == 2:  # click's own check of the argument: a usage error
        assert f"File '{name}' is a directory" in done.stderr, done.stderr
        return
    line = one_line_error(done, name)
    assert SPECIAL_KINDS[kind] in line, line
