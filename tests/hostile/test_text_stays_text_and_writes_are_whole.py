"""Hostile and faulty inputs, round three (issue 22), sections 1 and 2: what a document or a translator types
never becomes something Excel executes or alters, and every write of a command is one transaction.

The corpus's rules hold for every case: the exit code, the one-line message naming the place, no traceback
and never "unexpected", the sources untouched (bytes and modification times) when a command refuses, and
nothing beside them (no temporary file, no backup) that was not there.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from click.testing import CliRunner

from ctpdoc.cli.main import cli
from ctpdoc.output.lock import locked
from ctpdoc.workbooks import values
from ctpdoc.workbooks.edit import CellEdit, update_cells
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.corpus import EN, FR, WP, assert_refused, fingerprint
from tests.helpers.docxread import edit_document
from tests.helpers.factory import backups_of, write_sources
from tests.helpers.repo import ROOT, SAMPLE_SOURCES
from tests.helpers.repo import run_cli as run

DELIVERABLE = "Updated Guidelines to Chapter 3 of the General Annex"  # 1.1's Deliverable (EN), one run in the document
PROGRESS_FR = "les observations des Membres ont été recueillies"  # in 1.1's Progress (FR)


def typed(text: str) -> tuple[str, str]:
    """1.1's English deliverable retyped as ``text``."""
    return f">{DELIVERABLE}<", f">{escape(text)}<"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


def deliverable_cell(folder: Path) -> openpyxl.cell.cell.Cell:
    sheet = openpyxl.load_workbook(folder / WP)["Part I"]
    column = [c.value for c in sheet[1]].index("Deliverable (EN)")
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "1.1")
    return row[column]


# ---------------------------------------------------------------- text stays text, reads back identical

TEXTS = [
    '=HYPERLINK("http://example.org/?"&B2,"click")',
    "=1+cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "Recueil_x0041_ des textes",
    "a_x000D_b and _x005F_x0041_",
    "_xD83D__xDE00_",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_harvest_writes_text_as_text_and_it_settles(built, sources, tmp_path, text):
    edited = edit_document(built / EN, tmp_path / "edited.docx", typed(text))
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    cell = deliverable_cell(sources)
    assert cell.data_type == "s" and cell.value == values.escaped(text)
    activity = next(a for a in read_sources(sources, with_baseline=False).current.part("I") if a.number == "1.1")
    assert activity.texts("Deliverable")["en"] == text  # what ctpdoc reads back is what was typed
    code, output = run("harvest", str(edited), "--sources", str(sources))
    assert code == 0 and "no cell differs" in output, output  # a harvest settles


@pytest.mark.parametrize("text", TEXTS)
def test_import_writes_text_as_text(built, tmp_path, text):
    documents = [edit_document(built / EN, tmp_path / "E.docx", typed(text)), built / FR]
    code, output = run("import", *map(str, documents), "--into", str(tmp_path / "into"))
    assert code == 0, output
    cell = deliverable_cell(tmp_path / "into")
    assert cell.data_type == "s" and cell.value == values.escaped(text)


def test_an_author_typed_as_a_formula_stays_text(built, tmp_path):
    """The author setting comes from who signed the tracked changes: ``=1+cmd|…`` there too is text."""
    author = "=1+cmd|' /C calc'!A0"
    with zipfile.ZipFile(built / "PC0720E1a.docx") as package:
        xml = package.read("word/document.xml").decode()
    count = xml.count('w:author="Secretariat"')
    assert count
    edited = edit_document(
        built / "PC0720E1a.docx",
        tmp_path / "E.docx",
        *[('w:author="Secretariat"', f'w:author="{escape(author, {chr(39): "&apos;"})}"')] * count,
    )
    code, output = run("import", str(edited), str(built / FR), "--into", str(tmp_path / "into"))
    assert code == 0, output
    sheet = openpyxl.load_workbook(tmp_path / "into" / "document.xlsx")["Document"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "Author")
    assert row[2].value == author and row[2].data_type == "s"  # English: the tracked document's signatures


def test_a_translation_typed_as_a_formula_stays_text(tmp_path):
    from tests.helpers.xliff import export, set_target, translate

    folder = write_sources(tmp_path / "source_sheets")
    runner = CliRunner()
    path = translate(export(runner, folder, "--to", "fr", "--all"), set_target('=HYPERLINK("http://x","{source}")'))
    result = runner.invoke(cli, ["translations", "import", "--sources", str(folder), str(path), "--apply"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(folder / WP)["Part I"]
    written = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert written and all(c.data_type == "s" for c in written)


def test_the_writer_checks_again_with_the_cell(tmp_path):
    """Whatever a caller forgot, the writer refuses a value Excel cannot hold, naming workbook › sheet › cell."""
    folder = tmp_path / "s"
    shutil.copytree(SAMPLE_SOURCES, folder)
    before = fingerprint(folder)
    for value, expect in [
        ("x" * (values.MAX_TEXT + 1), f"over Excel's limit of {values.MAX_TEXT:,}"),
        (dt.datetime(1, 6, 30), "outside the dates Excel can hold"),
        ("bell\x07", "control characters"),
    ]:
        with pytest.raises(Exception, match=expect) as caught:
            update_cells(folder / WP, [CellEdit("Part I", "E2", value)])
        assert f"{WP} › Part I › E2" in str(caught.value)
    assert fingerprint(folder) == before


@dataclass(frozen=True)
class Refused:
    name: str
    command: str  # harvest or import
    changes: tuple[tuple[str, str], ...]  # in the English document
    expect: tuple[str, ...]
    french: tuple[tuple[str, str], ...] = ()


LONG = "y" * (values.MAX_TEXT + 1)
REFUSED = [
    Refused("text over 32,767 (harvest)", "harvest", (typed(LONG),), ("1.1", "32,768 characters long", "limit of 32,767")),
    Refused("text over 32,767 (import)", "import", (typed(LONG),), ("1.1", "32,768 characters long", "limit of 32,767")),
    Refused(
        "timeframe of year 1 (harvest)", "harvest", ((">June\u00a02024<", ">June\u00a00001<"),), ("1.1", "year 1", "1900-9999")
    ),
    Refused(
        "timeframe of year 1 (import)",
        "import",
        ((">June\u00a02024<", ">June\u00a00001<"),),
        ("1.1", '"June 0001"', "1900-9999"),
        ((">juin\u00a02024<", ">juin\u00a00001<"),),
    ),
    Refused("years of 1 to 3 (harvest)", "harvest", ((">June\u00a02024<", ">0001-0003<"),), ("1.1", '"0001-0003"', "1900-9999")),
    Refused(
        "covers of different sessions",
        "import",
        (('"preserve">247<', '"preserve">249<'), ('"preserve">/248<', '"preserve">/250<')),
        ("Sessions", '"249/250"', '"247/248"', "must be of one report"),
    ),
    Refused(
        "timeframes that differ",
        "import",
        ((">June\u00a02024<", ">July\u00a02024<"),),
        ("1.1", "timeframe differs", '"July 2024"', '"juin 2024"'),
    ),
    Refused(
        "an activity's row twice (harvest)",
        "harvest",
        ((">1.3<", ">1.2<"),),
        ('activity number "1.2" is used twice in Annex I, Part I', "remove or renumber"),
    ),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_what_a_workbook_cannot_hold_is_refused_with_the_place(built, sources, tmp_path, case):
    english = edit_document(built / EN, tmp_path / "E.docx", *case.changes)
    before = fingerprint(sources)
    into = tmp_path / "into"
    if case.command == "harvest":
        code, output = run("harvest", str(english), "--sources", str(sources), "--apply")
    else:
        french = edit_document(built / FR, tmp_path / "F.docx", *case.french) if case.french else built / FR
        code, output = run("import", str(english), str(french), "--into", str(into))
    assert_refused(code, output, *case.expect)
    assert fingerprint(sources) == before
    assert not into.exists() or not any(into.iterdir())


# ---------------------------------------------------------------- every write of a command one transaction


def previous_import(built: Path, into: Path) -> dict[str, tuple[bytes, int]]:
    code, output = run("import", str(built / EN), str(built / FR), "--into", str(into))
    assert code == 0, output
    for path in into.iterdir():  # the drafter's own edits since: a --force that fails must keep them
        path.write_bytes(path.read_bytes())
    return fingerprint(into)


@pytest.mark.slow
def test_import_force_that_fails_on_its_last_file_replaces_none(built, tmp_path):
    into = tmp_path / "into"
    before = previous_import(built, into)
    (into / "document.xlsx").unlink()
    (into / "document.xlsx").mkdir()  # a folder where document.xlsx should be
    before = fingerprint(into)
    code, output = run("import", str(built / EN), str(built / FR), "--into", str(into), "--force")
    assert_refused(code, output, "document.xlsx", "is a folder")
    assert fingerprint(into) == before and sorted(p.name for p in into.iterdir()) == [
        "document.xlsx",
        "wp-2022-2025.xlsx",
        "wp-2025-2028.xlsx",
    ]


def ctpdoc(*args: str, file_size: int | None = None, **options: object) -> subprocess.CompletedProcess[str]:
    try:
        import resource
    except ImportError:  # Windows, and make test-windowslike: no caps of the test's own
        if file_size is not None:
            pytest.skip("needs a file-size limit (RLIMIT_FSIZE): POSIX only (Windows has no resource module)")
        return subprocess.run(
            [sys.executable, "-m", "ctpdoc", *args], capture_output=True, text=True, timeout=120, cwd=ROOT, **options
        )

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        preexec_fn=limits,
        **options,
    )


@pytest.mark.slow
def test_a_full_disk_during_import_force_changes_nothing(built, tmp_path):
    into = tmp_path / "into"
    before = previous_import(built, into)
    sizes = sorted(len(data) for data, _ in before.values())
    done = ctpdoc("import", str(built / EN), str(built / FR), "--into", str(into), "--force", file_size=sizes[-1] - 1)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert "cannot be written" in done.stderr and "nothing was changed" in done.stderr
    assert fingerprint(into) == before  # the files written before the failure were not renamed in
    assert [p.name for p in into.iterdir() if p.name.startswith(".")] == []


def test_a_full_disk_during_harvest_changes_nothing(built, sources, tmp_path, monkeypatch):
    """The disk fills while the workbook is saved (its backup already written to a temporary file)."""
    import openpyxl.workbook.workbook as workbook

    def full(self: object, filename: object) -> None:
        Path(str(filename)).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    before = fingerprint(sources)
    monkeypatch.setattr(workbook.Workbook, "save", full)
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert_refused(code, output, f"{WP}: cannot be written (No space left on device); nothing was changed")
    assert fingerprint(sources) == before


def refuse_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be written (as root, permissions do not stop the tests: the system call is made to fail)."""

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(kwargs.get("dir", "")))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def test_a_read_only_folder_is_exit_1(built, tmp_path, monkeypatch):
    refuse_to_write(monkeypatch)
    code, output = run("import", str(built / EN), str(built / FR), "--into", str(tmp_path / "into"))
    assert_refused(code, output, "cannot be written (Permission denied)", "nothing was changed")
    folder = write_sources(tmp_path / "x")
    code, output = run("translations", "export", "--sources", str(folder), "--to", "fr", "--all", "-o", str(tmp_path / "out.xlf"))
    assert_refused(code, output, "out.xlf", "cannot be written (Permission denied)")


@pytest.mark.slow
def test_a_writing_command_waits_for_no_one_and_names_the_holder(built, sources, tmp_path):
    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    before = fingerprint(sources)
    with locked(sources.resolve(), sources, "ctpdoc harvest --apply"):
        for args in (
            ["harvest", str(edited), "--sources", str(sources), "--apply"],
            ["translations", "confirm", "--sources", str(sources), "--all"],
            ["translations", "import", "--sources", str(sources), str(tmp_path / "any.xlf"), "--apply"],
        ):
            done = ctpdoc(*args)
            assert done.returncode == 1, done.stderr
            assert (
                f"{sources} is being written by `ctpdoc harvest --apply` (process {os.getpid()}); wait for it to finish"
                in done.stderr
            ), done.stderr
    assert fingerprint(sources) == before


@pytest.mark.slow
def test_two_harvests_at_once_lose_no_edit(built, sources, tmp_path):
    """French and English edits harvested at the same moment, three times: each either writes or is told to
    wait (and then writes); both edits are in the workbook at the end."""
    for trial in range(3):
        english = edit_document(built / EN, tmp_path / f"E{trial}.docx", typed(f"English edit {trial}"))
        french = edit_document(
            built / FR, tmp_path / f"F{trial}.docx", (PROGRESS_FR, f"les observations {trial} ont été recueillies")
        )
        processes = [
            subprocess.Popen([sys.executable, "-m", "ctpdoc", "harvest", str(d), "--sources", str(sources), "--apply"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for d in (english, french)
        ]  # fmt: skip
        ended = [(process.communicate(timeout=120)[1], process.returncode) for process in processes]
        for (err, returncode), document in zip(ended, (english, french), strict=True):
            if returncode == 1 and "is being written by `ctpdoc harvest --apply`" in err:
                code, out = run("harvest", str(document), "--sources", str(sources), "--apply")
                assert code == 0, out
            else:
                assert returncode == 0, err
        activity = next(a for a in read_sources(sources, with_baseline=False).current.part("I") if a.number == "1.1")
        assert activity.texts("Deliverable")["en"] == f"English edit {trial}"
        assert f"les observations {trial} ont été recueillies" in activity.texts("Progress")["fr"]


@pytest.mark.slow
def test_a_workbook_replaced_between_read_and_write_is_not_written(built, sources, tmp_path, monkeypatch):
    import ctpdoc.commands.harvest as harvest

    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    reading = harvest.read_sources

    def read_then_replaced(*args: object, **kwargs: object) -> object:
        found = reading(*args, **kwargs)  # type: ignore[arg-type]
        book = openpyxl.load_workbook(sources / WP)  # another program saves the workbook, rows sorted otherwise
        book["Part I"].move_range("A2:L2", rows=200)
        book.save(sources / WP)
        return found

    monkeypatch.setattr(harvest, "read_sources", read_then_replaced)
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert_refused(code, output, f"{WP}: changed since this command read it")
    assert not backups_of(sources / WP)


SLOW_SAVE = """
import sys, time
import openpyxl.workbook.workbook as workbook
saving = workbook.Workbook.save
def slow(self, filename):
    saving(self, filename)
    print("saved", flush=True)
    time.sleep(60)
workbook.Workbook.save = slow
sys.argv = ["ctpdoc", *sys.argv[1:]]
from ctpdoc.cli.main import main
main()
"""


@pytest.mark.slow
def test_sigterm_while_writing_leaves_no_temporary(built, sources, tmp_path):
    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    before = fingerprint(sources)
    with subprocess.Popen([sys.executable, "-c", SLOW_SAVE, "harvest", str(edited), "--sources", str(sources), "--apply"],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:  # fmt: skip
        assert process.stdout is not None
        while "saved" not in process.stdout.readline():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert [p.name for p in sources.iterdir() if ".ctpdoc-" in p.name]  # the temporary is there, half-way
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert fingerprint(sources) == before  # no temporary left, the workbook and its absent backup as they were


@pytest.mark.slow
@pytest.mark.parametrize("command", ["harvest --apply", "translations import --apply", "translations confirm", "snapshot"])
def test_what_a_killed_command_left_is_removed_by_the_next(built, sources, tmp_path, command):
    """``kill -9`` cannot be caught: its temporary is removed by the next writing command in the folder."""
    stale = sources / f".{WP}.ctpdoc-x1y2z3.tmp"
    stale.write_bytes(b"half a workbook")
    other = sources / ".notes.tmp"  # not of ctpdoc's naming: kept
    other.write_bytes(b"someone's")
    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    args = {
        "harvest --apply": ["harvest", str(edited), "--sources", str(sources), "--apply"],
        "translations import --apply": [
            "translations",
            "import",
            "--sources",
            str(sources),
            str(tmp_path / "missing.xlf"),
            "--apply",
        ],
        "translations confirm": ["translations", "confirm", "--sources", str(sources), "--all"],
        "snapshot": ["snapshot", "--sources", str(sources)],
    }[command]
    run(*args)  # whether it then succeeds or not (a missing file, a baseline that exists)
    assert not stale.exists() and other.exists()


@pytest.mark.slow
def test_snapshot_waits_for_no_writer(sources):
    with locked(sources.resolve(), sources, "ctpdoc translations confirm"):
        done = ctpdoc("snapshot", "--sources", str(sources), "--force")
    assert (
        done.returncode == 1
        and f"{sources} is being written by `ctpdoc translations confirm` (process {os.getpid()})" in done.stderr
    ), done.stderr


def test_a_translation_over_excels_limit_is_refused_naming_the_unit(tmp_path):
    from tests.helpers.xliff import export, set_target, translate

    folder = write_sources(tmp_path / "source_sheets")
    before = fingerprint(folder)
    path = translate(export(CliRunner(), folder, "--to", "fr", "--all"), set_target("z" * (values.MAX_TEXT + 1)))
    code, output = run("translations", "import", "--sources", str(folder), str(path), "--apply")
    assert code == 1 and "Traceback" not in output, output
    first = output.splitlines()[0]
    assert "out.xlf › unit wp-2022-2025.xlsx/" in first and "32,768 characters long, over Excel's limit of 32,767" in first, (
        output
    )
    assert fingerprint(folder) == before


def test_a_new_workbook_holds_text_as_text(tmp_path):
    """What ``import`` and ``translations confirm`` copy into a sheet of their own goes through the same cell writer."""
    from ctpdoc.contract import Column, SheetSpec
    from ctpdoc.workbooks.new import new_workbook

    texts = ["=1+1", "@A1", "x_x0041_"]
    new_workbook(tmp_path / "t.xlsx", [SheetSpec("S", [Column("=A", "help", 10)], [[text] for text in texts])])
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["S"]
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows()] == [("=A", "s"), *[(values.escaped(t), "s") for t in texts]]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["harvest --apply", "translations import --apply"])
def test_a_backup_folder_that_is_a_link_is_refused_not_followed(built, sources, tmp_path, command):
    from tests.helpers.xliff import export, set_target, translate

    outside = tmp_path / "outside"
    outside.mkdir()
    (sources / "backups").symlink_to(outside)
    data = (sources / WP).read_bytes()
    if command == "harvest --apply":
        edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
        code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    else:
        path = translate(export(CliRunner(), sources, "--to", "fr", "--all"), set_target("FR {source}"))
        code, output = run("translations", "import", "--sources", str(sources), str(path), "--apply")
    assert code == 1 and "is a symbolic link or a file; ctpdoc keeps backups in a folder of its own there" in output, output
    assert not any(outside.iterdir()) and (sources / WP).read_bytes() == data


@pytest.mark.slow
def test_a_rewritten_workbook_keeps_its_mode(built, sources, tmp_path):
    os.chmod(sources / WP, 0o600)
    edited = edit_document(built / EN, tmp_path / "edited.docx", typed("A new deliverable"))
    code, output = run("harvest", str(edited), "--sources", str(sources), "--apply")
    assert code == 0, output
    assert stat.S_IMODE((sources / WP).stat().st_mode) == 0o600
    assert stat.S_IMODE(backups_of(sources / WP)[-1].stat().st_mode) == 0o600  # the previous version no more readable than it was


def test_a_new_workbook_takes_the_umask(tmp_path):
    mask = os.umask(0o027)
    try:
        code, output = run("new-workbook", str(tmp_path / "wp.xlsx"), "--sources", str(tmp_path))
    finally:
        os.umask(mask)
    assert code == 0, output
    assert stat.S_IMODE((tmp_path / "wp.xlsx").stat().st_mode) == 0o640


def test_interrupted_rename_puts_back_what_it_replaced(tmp_path, monkeypatch):
    """A rename that fails half-way (the second of three files) leaves the first as it was."""
    from ctpdoc.package import writer as files

    paths = [tmp_path / name for name in ("a.xlsx", "b.xlsx", "c.xlsx")]
    for path in paths:
        path.write_bytes(b"old " + path.name.encode())
    replacing = os.replace
    calls = []

    def failing(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        replacing(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(Exception, match="nothing was changed"):
        files.write_together(
            {path: (lambda temporary, name=path.name: temporary.write_bytes(b"new " + name.encode())) for path in paths}
        )
    monkeypatch.setattr(files.os, "replace", replacing)
    assert [p.read_bytes() for p in paths] == [b"old a.xlsx", b"old b.xlsx", b"old c.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx", "c.xlsx"]
