"""The import rule (tools/layers.py, run by ``make lint``): it passes on the package and fails on a planted break."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT

CHECK = ROOT / "tools" / "layers.py"


def run(package: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), str(package)], capture_output=True, text=True, check=False)


def planted(tmp_path: Path, module: str, line: str) -> Path:
    copy = tmp_path / "ctpdoc"
    shutil.copytree(ROOT / "ctpdoc", copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    return copy


@pytest.mark.slow
def test_the_package_keeps_the_rule():
    result = run(ROOT / "ctpdoc")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_an_upward_import_fails(tmp_path):
    result = run(planted(tmp_path, "workbooks/sheets.py", "from ctpdoc.render import fill  # noqa"))
    assert result.returncode == 1
    assert "workbooks/sheets.py:" in result.stdout and "a layer above (render over workbooks)" in result.stdout


@pytest.mark.slow
def test_a_sideways_import_between_independent_subpackages_fails(tmp_path):
    result = run(planted(tmp_path, "word/body.py", "from ctpdoc.workbooks import sheetxml  # noqa"))
    assert result.returncode == 1 and "word and workbooks are on one layer" in result.stdout


@pytest.mark.slow
def test_a_cycle_hidden_behind_type_checking_fails(tmp_path):
    line = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ctpdoc.checks.templates import check_template  # noqa"
    result = run(planted(tmp_path, "checks/names.py", line))
    assert result.returncode == 1
    assert "import cycle: ctpdoc.checks.names → ctpdoc.checks.templates → ctpdoc.checks.names" in result.stdout


@pytest.mark.slow
def test_a_command_importing_another_command_fails(tmp_path):
    """Each command leans on the steps they share and the layers below, never on another command's module."""
    result = run(planted(tmp_path / "build", "commands/validate.py", "from ctpdoc.commands.build import build  # noqa"))
    assert result.returncode == 1
    assert "commands/validate.py:" in result.stdout and "ctpdoc.commands.build, the module of another command" in result.stdout
    part = run(planted(tmp_path / "part", "commands/harvest.py", "from ctpdoc.commands.importer import cover  # noqa"))
    assert part.returncode == 1 and "ctpdoc.commands.importer.cover, the module of another command" in part.stdout
    step = run(planted(tmp_path / "step", "commands/inputs.py", "from ctpdoc.commands import review  # noqa"))
    assert step.returncode == 1 and "ctpdoc.commands.review, the module of another command" in step.stdout
    shared = run(planted(tmp_path / "shared", "commands/review.py", "from ctpdoc.commands import rendering  # noqa"))
    assert shared.returncode == 0, shared.stdout  # a step the commands share


@pytest.mark.slow
def test_click_outside_the_command_line_fails(tmp_path):
    result = run(planted(tmp_path, "errors.py", "import click  # noqa"))
    assert result.returncode == 1 and "imports click, which only cli may import" in result.stdout


@pytest.mark.slow
def test_a_module_over_400_lines_fails(tmp_path):
    result = run(planted(tmp_path, "paths.py", "\n" * 400))
    assert result.returncode == 1 and "ctpdoc/paths.py: " in result.stdout and "over 400; split it" in result.stdout


@pytest.mark.slow
def test_an_xml_parser_of_its_own_fails(tmp_path):
    """One XML parser policy (package/ooxml.py): a parser made elsewhere, or lxml's defaults, fail."""
    made = run(planted(tmp_path / "made", "output/pdfmarkup.py", "PARSER = etree.XMLParser(huge_tree=True)"))
    assert made.returncode == 1 and "makes an lxml parser" in made.stdout
    defaults = run(planted(tmp_path / "defaults", "word/body.py", "from lxml import etree\nTREE = etree.fromstring(b'<a/>')"))
    assert defaults.returncode == 1 and "parses with lxml's defaults" in defaults.stdout


def test_the_root_holds_a_handful_of_modules():
    root = sorted(p.name for p in (ROOT / "ctpdoc").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(root) <= 8, root  # model, shape, errors, contract, paths, project, inputs, timing
