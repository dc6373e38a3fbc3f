"""Every command line of the users' pages (drafters, secretariat, translators) runs as written.

Each ```sh block of a page is run line by line by bash, in order, in a scratch home folder, with the ``ctpdoc``
of this environment on the ``PATH`` (as a pipx or venv install puts it there): the secretariat's page makes its
report folder itself (``ctpdoc init ~/Documents/"Rapport CTP"``); the drafters' and translators' pages start in
one made by ``ctpdoc init`` and built. A ``cd`` holds for the lines after it. The Windows blocks (``bat``,
``powershell``) are not run here.

What a line needs from a person is said in the page, in an HTML comment just above its block, which the
reader of the site never sees:

- ``<!-- docs test: given reviewed/PC0720F1a.docx … (why) -->``: those Word documents, as an editor sends
  them back: the report folder's built documents of that name, copied there;
- ``<!-- docs test: given 1.3 Progress (EN) edited -->``: that cell of the reported programme edited (a sentence
  added), as a drafter does between two reports;
- ``<!-- docs test: not run: PREFIX (why) -->``: the lines that start with PREFIX are not run (a program the
  test does not have, a step done in another tool first).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT, has_soffice
from tests.helpers.reviewpage import WP, edit_cells

BIN = Path(sys.executable).parent
MARKER = re.compile(r"<!-- docs test: (.*?) -->")
GIVEN_FILES = re.compile(r"given ((?:\S+\.docx ?)+?)(?: \(.*\))?")
GIVEN_EDIT = re.compile(r"given (\d+\.\d+) (.+) edited")
NOT_RUN = re.compile(r"not run: (.+?)(?: \(.*\))?")


@dataclass
class Block:
    page: str
    line: int  # of the opening fence
    commands: list[str]
    markers: list[str] = field(default_factory=list)

    def skipped(self) -> list[str]:
        return [found[1] for marker in self.markers if (found := NOT_RUN.fullmatch(marker))]


def blocks(page: str, text: str | None = None) -> list[Block]:
    """The page's ```sh blocks, each with the markers just above it; a marker the test does not know fails."""
    lines = (text if text is not None else (ROOT / "docs" / page).read_text(encoding="utf-8")).splitlines()
    found: list[Block] = []
    markers: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = MARKER.fullmatch(line.strip())
        if marker:
            known = GIVEN_FILES.fullmatch(marker[1]) or GIVEN_EDIT.fullmatch(marker[1]) or NOT_RUN.fullmatch(marker[1])
            assert known, f"docs/{page}:{index + 1}: a docs test marker this test does not know: {marker[1]}"
            markers.append(marker[1])
        elif line.startswith("```"):
            end = lines.index("```", index + 1)
            if line.strip() == "```sh":
                commands = [c for c in lines[index + 1 : end] if c.strip() and not c.lstrip().startswith("#")]
                found.append(Block(page, index + 1, commands, markers))
            else:
                assert not markers, f"docs/{page}:{index + 1}: a docs test marker above a block that is not run (```sh)"
            markers = []
            index = end
        elif line.strip():
            assert not markers, f"docs/{page}:{index + 1}: a docs test marker must stand just above its ```sh block"
        index += 1
    return found


def give(marker: str, here: Path) -> None:
    if files := GIVEN_FILES.fullmatch(marker):
        for name in files[1].split():
            target = here / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(here / "build" / Path(name).name, target)
    elif edit := GIVEN_EDIT.fullmatch(marker):
        number, column = edit.groups()
        sheet = "Part I" if number.startswith("1.") else "Part II"
        edit_cells(here / "source_sheets" / WP, sheet, number, {column: lambda text: f"{text} A second edition is planned."})


def run_page(page: str, home: Path, start: Path) -> int:
    """Run every command line of the page's ```sh blocks; the number of lines run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTPDOC_")}
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", PYTHONIOENCODING="utf-8")
    here, ran = start, 0
    where = home / ".where"
    for block in blocks(page):
        for marker in block.markers:
            give(marker, here)
        skipped = block.skipped()
        for prefix in skipped:
            assert any(c.startswith(prefix) for c in block.commands), f"docs/{page}:{block.line}: no line starts with {prefix!r}"
        for command in block.commands:
            if any(command.startswith(prefix) for prefix in skipped):
                continue
            script = (
                f"cd {shlex.quote(str(here))} || exit 99\n{command}\nstatus=$?\npwd > {shlex.quote(str(where))}\nexit $status\n"
            )
            done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, (
                f"docs/{page}, the block at line {block.line}: `{command}` exited {done.returncode}\n{done.stdout}{done.stderr}"
            )
            here = Path(where.read_text().strip())
            ran += 1
    return ran


needs_bash = pytest.mark.skipif(os.name != "posix" or not shutil.which("bash"), reason="the POSIX command lines, run by bash")


def report_folder(home: Path, git: bool = False) -> Path:
    """A report folder as a drafter or a translator has it: made by `ctpdoc init`, built, (kept in git)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["ctpdoc", "init", "-q", "Rapport CTP"], cwd=home, env=env, check=True, timeout=300)
    folder = home / "Rapport CTP"
    subprocess.run(["ctpdoc", "build", "-q"], cwd=folder, env=env, check=True, timeout=600)
    if git:
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    return folder


@pytest.mark.slow
@needs_bash
def test_the_drafters_commands_run_as_written(tmp_path):
    assert run_page("drafters.md", tmp_path, report_folder(tmp_path)) >= 5


@pytest.mark.slow
@needs_bash
@pytest.mark.skipif(not shutil.which("git"), reason="the translators' page sets git's diff driver")
def test_the_translators_commands_run_as_written(tmp_path):
    folder = report_folder(tmp_path, git=True)
    assert run_page("translators.md", tmp_path, folder) >= 8
    configured = subprocess.run(["git", "config", "diff.docx.textconv"], cwd=folder, capture_output=True, text=True, check=True)
    assert configured.stdout.strip() == "ctpdoc templates dump"


@pytest.mark.slow  # `ctpdoc build --pdf` starts LibreOffice
@needs_bash
@pytest.mark.skipif(not has_soffice(), reason="the secretariat's page builds PDFs: LibreOffice is needed")
def test_the_secretariats_commands_run_as_written(tmp_path):
    assert run_page("secretariat.md", tmp_path, tmp_path) >= 15
    assert (tmp_path / "Documents" / "Rapport CTP" / "build" / "review.html").is_file()


def test_the_users_pages_show_ctpdoc_on_the_path():
    """`.venv/bin/ctpdoc` exists only in a clone: a pipx install or Windows has `ctpdoc` on the PATH."""
    for page in ("drafters.md", "secretariat.md", "translators.md"):
        for block in blocks(page):
            for command in block.commands:
                assert not command.startswith(".venv/"), f"docs/{page}:{block.line}: {command}"


def test_a_marker_the_test_does_not_know_or_misplaced_fails():
    with pytest.raises(AssertionError, match="does not know"):
        blocks("planted.md", "<!-- docs test: given a cup of tea -->\n```sh\nctpdoc validate\n```\n")
    with pytest.raises(AssertionError, match="just above"):
        blocks("planted.md", "<!-- docs test: given build/x.docx -->\nSome words.\n```sh\nctpdoc validate\n```\n")
    (block,) = blocks(
        "planted.md", "<!-- docs test: not run: pipx (no wheel) -->\n```sh\npipx install x.whl\nctpdoc build\n```\n"
    )
    assert block.skipped() == ["pipx"] and block.commands == ["pipx install x.whl", "ctpdoc build"]
