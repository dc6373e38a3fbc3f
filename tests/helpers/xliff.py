"""XLIFF as a translator's tools see it: the export run, its units, a translation typed by hand or by translate-toolkit
(as Pootle and Weblate read the file), and the OASIS schema check where ../shared/tools is beside the project."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from ctpdoc.cli.main import cli
from tests.helpers.repo import ROOT

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
XLIFF_VALIDATOR = ROOT.parent / "shared" / "tools" / "xliff_validate.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def export(runner, sources: Path, *args: str) -> Path:
    target = sources.parent / "out.xlf"
    result = runner.invoke(cli, ["translations", "export", "--sources", str(sources), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return target


def units(path: Path) -> dict[str, etree._Element]:
    return {u.get("id"): u for u in etree.parse(str(path)).iterfind(".//x:trans-unit", NS)}


def validate_xliff(path: Path) -> None:
    if not XLIFF_VALIDATOR.is_file():
        pytest.skip(f"{XLIFF_VALIDATOR} not found: the XLIFF schema check runs where ../shared/tools exists (as in CI)")
    done = subprocess.run([sys.executable, str(XLIFF_VALIDATOR), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def translate(path: Path, edit: Callable[[etree._Element], None]) -> Path:
    """The translator's side, by hand: ``edit`` each unit of the file."""
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:trans-unit", NS):
        edit(unit)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def set_target(text: str) -> Callable[[etree._Element], None]:
    def edit(unit: etree._Element) -> None:
        target = unit.find("x:target", NS)
        target.text = text.format(source=unit.findtext("x:source", namespaces=NS))
        target.set("state", "translated")

    return edit


TOOLKIT = """
import json, sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
seen = []
for unit in store.getunits():
    target = unit.xmlelement.find("{urn:oasis:names:tc:xliff:document:1.2}target")
    seen.append({"id": unit.getid().split("\\x04")[-1], "source": unit.source, "target": unit.target, "notes": unit.getnotes(),
                 "state": target.get("state"), "alt": [[a.source, a.target] for a in unit.getalttrans()]})
    unit.target = "TT " + unit.source
with open(sys.argv[2], "wb") as out:
    out.write(bytes(store))
print(json.dumps(seen))
"""


def toolkit(source: Path, translated: Path) -> list[dict[str, object]]:
    """Read ``source`` with translate-toolkit, translate every unit, write ``translated``; gives what it read."""
    probe = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import translate.storage.xliff"], capture_output=True)
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if probe is None or probe.returncode != 0:
        pytest.skip(
            f"translate-toolkit is not installed for {SYSTEM_PYTHON} (apt-get install translate-toolkit, as .ci/run does)"
        )
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", TOOLKIT, str(source), str(translated)], capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout))
