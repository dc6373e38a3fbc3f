"""The command line's group imports each command only when it runs (click's lazily loaded subcommands)."""

import os
import subprocess
import sys

import pytest

from ctpdoc.cli.main import COMMANDS, cli
from ctpdoc.render.worker import can_fork
from tests.helpers.repo import ROOT


def test_every_command_is_found_under_its_name_and_listed():
    assert cli.list_commands(None) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(None, name)
        assert command is not None and command.name == name
    assert cli.get_command(None, "no-such-command") is None


OTHERS = {
    "ctpdoc.cli.init",
    "ctpdoc.cli.importer",
    "ctpdoc.cli.harvest",
    "ctpdoc.cli.templates",
    "ctpdoc.cli.translations",
    "ctpdoc.render.starter",
    "ctpdoc.commands.templates",
    "ctpdoc.translations.xliff",
}


def test_build_imports_neither_the_other_commands_nor_their_stages(tmp_path):
    """``ctpdoc build`` runs without importing what init, import, harvest, templates and translations use; it starts
    reading the workbooks before it imports what checks and renders (docxtpl, Jinja), which is imported meanwhile."""
    probe = (
        "import sys\n"
        "from ctpdoc.commands import reading\n"
        "start = reading.start_reading\n"
        "def spy(*args):\n"
        "    loaded = 'docxtpl' in sys.modules, 'ctpdoc.commands.build' in sys.modules\n"
        "    print('rendering imported when the reading started:', *loaded)\n"
        "    return start(*args)\n"
        "reading.start_reading = spy\n"
        "from ctpdoc.cli.main import cli\n"
        "from ctpdoc.cli import build\n"
        "build.start_reading = spy\n"
        "try:\n"
        f"    cli.main(['build', '-q', '--out', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('ctpdoc'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    first, *modules = done.stdout.splitlines()
    assert first == "rendering imported when the reading started: False False"
    loaded = set(modules)
    assert {"ctpdoc.commands.build", "ctpdoc.render.fill"} <= loaded  # the probe is real: it built
    assert not loaded & OTHERS, loaded & OTHERS
    assert (tmp_path / "out" / "review.html").is_file()


def imports_openpyxl(tmp_path, remembered_in, *options: str) -> bool:
    """Whether ``ctpdoc build`` (with ``options``) imported openpyxl in its own process, remembering what it reads in
    the temporary folder ``remembered_in``."""
    probe = (
        "import sys\n"
        "from ctpdoc.cli.main import cli\n"
        "try:\n"
        f"    cli.main(['build', '-q', '--out', {str(tmp_path / 'out')!r}, *{list(options)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('openpyxl' in sys.modules)\n"
    )
    remembered_in.mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(remembered_in)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT, env=environment)
    return done.stdout.strip() == "True"


@pytest.mark.skipif(not can_fork(), reason="the workbooks are read beside the build only where a process forks")
def test_a_build_that_reads_beside_itself_never_imports_openpyxl(tmp_path):
    """Where a process forks, the workbooks are read in processes beside the build's, which import openpyxl there:
    the build's own process, importing docxtpl and Jinja meanwhile, never imports it (a fifth of building the
    sample). With one job everything is read here, openpyxl included: the probe tells one from the other."""
    assert not imports_openpyxl(tmp_path, tmp_path / "first")
    assert (tmp_path / "out" / "review.html").is_file()
    assert imports_openpyxl(tmp_path, tmp_path / "second", "--jobs", "1")


def test_a_build_of_workbooks_as_they_were_does_not_import_openpyxl(tmp_path):
    """Every workbook as the previous build read it: each is remembered as read (ctpdoc/workbooks/collecting.py), and
    openpyxl is not even imported, in one process (one job) as in two."""
    assert imports_openpyxl(tmp_path, tmp_path / "kept", "--jobs", "1")
    assert not imports_openpyxl(tmp_path, tmp_path / "kept", "--jobs", "1")
