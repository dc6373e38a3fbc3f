"""Commands work as printed: a command a message suggests runs as typed into the user's shell, every command takes
``-q`` (only warnings and errors), and ``changes`` says what its counts count. The docs' own command lines are run
by tests/project/test_docs_commands.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ctpdoc import errors
from ctpdoc.changes.diff import ChangeKind, compare
from ctpdoc.cli.main import cli
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.repo import SAMPLE_SOURCES, run_cli
from tests.helpers.reviewpage import WP, edit_cells

BIN = Path(sys.executable).parent  # where the venv's ctpdoc is


def ctpdoc(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``ctpdoc ARGS`` run in ``folder`` as a user runs it, stdout and stderr apart."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args], cwd=folder, capture_output=True, text=True, env=env, timeout=300
    )


def separated() -> CliRunner:
    """A runner that keeps stdout and stderr apart (click 8.2 always does; 8.1, the oldest allowed, when asked)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # click's API, which the top-level group answers lazily
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += every_command(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


def test_every_command_takes_q():
    commands = every_command(cli)
    assert len(commands) >= 15
    for path, command in commands:
        flags = {flag for param in command.params for flag in getattr(param, "opts", [])}
        assert {"-q", "--quiet"} <= flags, f"ctpdoc {' '.join(path)} has no -q"


@pytest.fixture
def folder(tmp_path):
    """A report folder made by `ctpdoc init`, with a stray space planted (a warning) and a French text left behind."""
    done = ctpdoc(tmp_path, "init", "-q", "report")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done
    report = tmp_path / "report"
    edit_cells(report / "source_sheets" / WP, "Part II", "2.2", {"Activity (EN)": lambda text: f"{text}  "})
    edit_cells(
        report / "source_sheets" / WP, "Part I", "1.3", {"Progress (EN)": lambda text: f"{text} A second edition is planned."}
    )
    return report


@pytest.mark.slow
def test_q_prints_only_warnings_and_errors_whatever_the_command(folder, monkeypatch):
    """Each command with -q: its usual exit code, nothing on stdout, on stderr only warnings (and no progress)."""
    monkeypatch.chdir(folder)
    runner = separated()
    runs = [
        ("validate",), ("build",), ("review",), ("changes",), ("changes", "--lang", "fr"),
        ("templates", "check"), ("templates", "dump", "fr"), ("templates", "variables"),
        ("translations", "status"), ("translations", "export", "--to", "fr", "-o", "fr.xlf"),
        ("translations", "import", "fr.xlf"), ("translations", "import", "fr.xlf", "--apply"),
        ("translations", "confirm", "--all"),
        ("harvest", "build/PC0720F1a.docx"), ("import", "build/PC0720F1a.docx", "build/PC0720E1a.docx", "--into", "imported"),
        ("new-workbook", "source_sheets/wp-2028-2031.xlsx"), ("snapshot", "--force"),
    ]  # fmt: skip
    for args in runs:
        done = runner.invoke(cli, [*args, "-q"])
        assert done.exit_code == 0, (args, done.stdout, done.stderr)
        assert done.stdout == "", (args, done.stdout)
        for line in done.stderr.splitlines():
            assert ": warning: " in line, (args, line)
    warned = ctpdoc(folder / "source_sheets", "validate", "-q")  # from a folder below: not "using the report folder"
    assert warned.returncode == 0 and warned.stdout == ""
    assert re.search(r"Part II › C\d+: warning: has spaces", warned.stderr), warned.stderr
    assert "using the report folder" in ctpdoc(folder / "source_sheets", "validate").stderr


@pytest.mark.slow
def test_q_with_an_error_still_says_it(folder):
    done = ctpdoc(folder, "validate", "-q", "--strict")
    assert done.returncode == 1 and done.stdout == "" and "has spaces" in done.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or shutil.which("bash") is None, reason="bash, as on Linux and macOS")
def test_the_suggested_confirm_runs_as_printed_in_an_interactive_bash(folder):
    """bash expands `!L5` in double quotes when history expansion is on, as in an interactive shell: the
    suggestion must be quoted so that it runs as printed."""
    warned = ctpdoc(folder, "validate")
    (suggested,) = re.findall(r"\((ctpdoc translations confirm [^)]*)\)", warned.stderr)
    assert "!" in suggested
    script = f"set -o history -o histexpand\n{suggested}\n"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], cwd=folder, capture_output=True, text=True, env=env, timeout=300)
    assert "event not found" not in done.stderr, (suggested, done.stderr)
    assert done.returncode == 0 and "1 translation confirmed" in done.stdout, (suggested, done.stdout, done.stderr)
    assert "translations confirm" not in ctpdoc(folder, "validate").stderr, "confirmed: no longer out of date"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("posix", "ctpdoc translations confirm 'Part I!L5'"),
        ("nt", 'ctpdoc translations confirm "Part I!L5"'),
    ],
)
def test_suggested_commands_are_quoted_for_the_users_shell(monkeypatch, name, expected):
    monkeypatch.setattr(errors, "WINDOWS", name == "nt")  # what os.name says, on Windows or not
    assert errors.command("translations", "confirm", "Part I!L5") == expected
    assert errors.command("--trust", "/srv/reports") == "ctpdoc --trust /srv/reports"  # a plain word stays plain


def test_a_quote_in_a_sheet_name_survives_either_shell(monkeypatch):
    monkeypatch.setattr(errors, "WINDOWS", False)
    assert errors.shell_argument("Members' part!L5") == "'Members'\"'\"' part!L5'"
    monkeypatch.setattr(errors, "WINDOWS", True)
    assert errors.shell_argument('The "B" part!L5') == '"The ""B"" part!L5"'


@pytest.mark.slow
def test_the_usage_error_of_confirm_shows_the_cell_quoted_for_the_shell(monkeypatch, folder):
    monkeypatch.chdir(folder)
    for name, shown in (("posix", "'Part I!K5'"), ("nt", '"Part I!K5"')):
        monkeypatch.setattr(errors, "WINDOWS", name == "nt")
        code, output = run_cli("translations", "confirm")
        assert code == 2 and f"ctpdoc translations confirm {shown}" in output, output


def test_changes_labels_its_counts(tmp_path):
    code, output = run_cli("changes", "--sources", str(SAMPLE_SOURCES))
    assert code == 0, output
    *listing, last = output.splitlines()
    found = re.fullmatch(
        r"(\d+) activities compared: (\d+) changed \((\d+) status moves?\), (\d+) added, (\d+) removed, (\d+) unchanged; "
        r"changed, added or removed per part: (.*)",
        last,
    )
    assert found, last
    sources = read_sources(SAMPLE_SOURCES)
    assert sources.baseline is not None
    changes = list(compare(sources.baseline, sources.current, sources.settings.shape))
    kinds = {kind: sum(1 for c in changes if c.kind is kind) for kind in ChangeKind}
    assert [int(n) for n in found.groups()[:6]] == [
        len(changes), kinds[ChangeKind.CHANGED], sum(1 for c in changes if c.status_moved), kinds[ChangeKind.ADDED],
        kinds[ChangeKind.REMOVED], kinds[ChangeKind.SAME],
    ]  # fmt: skip
    per_part = dict(item.split(": ") for item in found[7].split(", "))
    assert list(per_part) == [part.sheet for part in sources.settings.shape.parts]
    heads = [line for line in listing if not line.startswith(" ")]
    for sheet, count in per_part.items():
        assert int(count) == sum(1 for head in heads if head.startswith(f"{sheet} ")), sheet
