"""The wheel as the secretariat installs it: built without writing into build/, holding every module and the
sample, installed into a fresh virtual environment with no repository beside it, and used there as the README
says: `ctpdoc init` in a folder whose name has a space and an accent, then build, validate and changes, there
and from a folder below."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES

FOLDER = "Rapport CTP é"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    build = ROOT / "build"
    before = sorted(p.name for p in build.iterdir()) if build.is_dir() else None
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", dist, ROOT, cwd=dist)
    after = sorted(p.name for p in build.iterdir()) if build.is_dir() else None
    assert after == before, "building the wheel wrote into build/, where the documents go"
    (found,) = dist.glob("ctpdoc-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_package_and_the_sample(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "ctpdoc").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert any(name.endswith("review/page.html") for name in files)  # not only modules: the review page's files too
    assert "ctpdoc/py.typed" in names, "PEP 561: the mark that type checkers read ctpdoc's own hints"
    assert files <= names, sorted(files - names)
    for folder, packed in ((SAMPLE_SOURCES, "source_sheets"), (SAMPLE_TEMPLATES, "templates"), (ROOT / "example", "example")):
        for path in folder.rglob("*"):
            if path.is_file():
                assert f"ctpdoc/data/{packed}/{path.relative_to(folder).as_posix()}" in names, path


@pytest.mark.slow
def test_installed_with_no_repository_beside_it(wheel, tmp_path, runner):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    ctpdoc = scripts / ("ctpdoc.exe" if os.name == "nt" else "ctpdoc")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} | {
        "PYTHONPATH": os.environ.get("PYTHONPATH", "")
    }
    # (PYTHONPATH kept only for `make test-windowslike`, whose sitecustomize then blocks fcntl in the installed ctpdoc too)
    where = run(python, "-c", "import ctpdoc; print(ctpdoc.__file__)", cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(ROOT)
    desktop = tmp_path / "Mes documents"
    desktop.mkdir()
    assert run(ctpdoc, "--version", cwd=desktop, env=env).stdout.startswith("ctpdoc ")
    run(ctpdoc, "init", FOLDER, cwd=desktop, env=env)
    report = desktop / FOLDER
    built = run(ctpdoc, "build", cwd=report, env=env)
    assert "4 documents in" in built.stdout
    reference = tmp_path / "reference"
    # The repository's own sample, built by the same installed ctpdoc: the same library versions on both sides (under
    # make test-oldest this process runs the lowest versions allowed, while the fresh venv resolves today's).
    run(
        ctpdoc,
        "build",
        "-q",
        "--sources",
        SAMPLE_SOURCES,
        "--templates",
        SAMPLE_TEMPLATES,
        "--out",
        reference,
        cwd=tmp_path,
        env=env,
    )
    documents = sorted(p.name for p in (report / "build").iterdir())
    assert documents == sorted(p.name for p in reference.iterdir())
    for name in documents:
        assert (report / "build" / name).read_bytes() == (reference / name).read_bytes(), name
    below = report / "source_sheets" / "baseline"
    for folder in (report, below):
        assert "The inputs are ready to build" in run(ctpdoc, "validate", cwd=folder, env=env).stdout
        changes = run(ctpdoc, "changes", cwd=folder, env=env)
        assert "changed" in changes.stdout.splitlines()[-1]
    assert run(ctpdoc, "validate", cwd=below, env=env).stderr == f"using the report folder {report}\n"
    run(ctpdoc, "init", "--example", "Example", cwd=desktop, env=env)  # the second report in the box, from the wheel's data
    assert "4 documents in" in run(ctpdoc, "build", cwd=desktop / "Example", env=env).stdout


def test_the_package_data_is_found_by_importlib_resources_in_a_clone():
    """In a clone (editable install) the sample at the top of the repository is the package's data."""
    from ctpdoc.project import packaged

    assert Path(str(packaged("templates"))).resolve() == SAMPLE_TEMPLATES  # an installed wheel: ctpdoc/data (above)
