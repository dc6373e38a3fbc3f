"""The command line's group imports each command only when it runs (click's lazily loaded subcommands)."""

import subprocess
import sys

from ctpdoc.cli.main import COMMANDS, cli
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
