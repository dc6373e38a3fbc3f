"""The command line's group imports each command only when it runs (click's lazily loaded subcommands)."""

import subprocess
import sys

from ctpdoc.cli.main import COMMANDS, cli


def test_every_command_is_found_under_its_name_and_listed():
    assert cli.list_commands(None) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(None, name)
        assert command is not None and command.name == name
    assert cli.get_command(None, "no-such-command") is None


def test_build_imports_neither_the_other_commands_nor_their_stages():
    """``ctpdoc build`` starts without importing what init, import, harvest, templates and translations use."""
    probe = (
        "import sys\n"
        "from ctpdoc.cli.main import cli\n"
        "cli.get_command(None, 'build')\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('ctpdoc'))))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split())
    assert "ctpdoc.commands.build" in loaded  # the probe is real
    others = {
        "ctpdoc.cli.init",
        "ctpdoc.cli.importer",
        "ctpdoc.cli.harvest",
        "ctpdoc.cli.templates",
        "ctpdoc.cli.translations",
        "ctpdoc.render.starter",
        "ctpdoc.commands.templates",
        "ctpdoc.translations.xliff",
    }
    assert not loaded & others, loaded & others
