"""The repository the tests run in: its sample, the tools beside it, and ctpdoc run in this process."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SOURCES = ROOT / "source_sheets"
SAMPLE_TEMPLATES = ROOT / "templates"
VALIDATOR = ROOT.parent / "shared" / "tools" / "ooxml_validate.py"


def has_soffice() -> bool:
    """LibreOffice where ctpdoc finds it: --soffice/CTPDOC_SOFFICE, the PATH, or its default place (macOS, Windows)."""
    from ctpdoc.errors import CtpdocError
    from ctpdoc.output.pdf import find_soffice

    try:
        find_soffice()
    except CtpdocError:
        return False
    return True


def run_cli(*args: str) -> tuple[int, str]:
    """``ctpdoc ARGS`` in this process: its exit code and output; an exception other than the exit is a bug."""
    from ctpdoc.cli.main import cli

    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def validate_ooxml(*paths):
    """Run the shared ECMA-376 validator; skip (with the reason) where it is not beside the project."""
    if not VALIDATOR.is_file():
        pytest.skip(f"{VALIDATOR} not found: the schema check runs where ../shared/tools exists (as in CI)")
    done = subprocess.run([sys.executable, str(VALIDATOR), *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
