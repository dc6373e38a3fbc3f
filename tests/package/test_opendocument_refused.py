"""OpenDocument spreadsheets (LibreOffice Calc's .ods) where an .xlsx is expected: said so, with how to save as .xlsx.

The .ods files are real ones: LibreOffice Calc converts the sample workbook (one start, a profile of the test's own).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ctpdoc.cli.main import cli
from ctpdoc.package.opendocument import SAVE_AS_XLSX
from tests.helpers.repo import SAMPLE_SOURCES

DRAFT = "wp-2025-2028.xlsx"


def calc_convert(source: Path, to: str, out: Path, profile: Path) -> Path:
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = out / f"{source.stem}.{to}"
    assert converted.is_file(), done.stdout + done.stderr
    return converted


def calc_missing() -> str | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return "LibreOffice is not installed; .ci/run installs it"
    if not any(Path(soffice).resolve().parent.glob("libsclo.*")):
        return "LibreOffice Calc is not installed (it makes the .ods files); .ci/run installs libreoffice-calc"
    return None


@pytest.fixture(scope="module")
def ods(tmp_path_factory):
    reason = calc_missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("ods")
    return calc_convert(SAMPLE_SOURCES / DRAFT, "ods", folder, tmp_path_factory.mktemp("calc-profile"))


def validate(runner, sample: Path):
    return runner.invoke(cli, ["validate", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")])


@pytest.mark.slow
def test_an_ods_beside_the_missing_xlsx_is_named_with_how_to_save_it(runner, sample, ods):
    (sample / "source_sheets" / DRAFT).unlink()
    shutil.copy(ods, sample / "source_sheets" / ods.name)
    result = validate(runner, sample)
    assert result.exit_code == 1
    assert (
        f"{DRAFT}: workbook not found in {sample / 'source_sheets'}, but {ods.name} is there, an OpenDocument spreadsheet: "
        f"{SAVE_AS_XLSX}" in result.output
    ), result.output


@pytest.mark.slow
def test_an_ods_renamed_xlsx_is_called_what_it_is(runner, sample, ods):
    shutil.copy(ods, sample / "source_sheets" / DRAFT)
    result = validate(runner, sample)
    assert result.exit_code == 1
    assert (
        f"{DRAFT}: is an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves it), not an Excel workbook; {SAVE_AS_XLSX}"
        in result.output
    )
    assert "zip file but not an Excel workbook" not in result.output


@pytest.mark.slow
def test_saved_again_as_xlsx_by_calc_it_is_read(runner, sample, ods, tmp_path):
    """What the message says to do works: Calc's Excel 2007-365 export of the .ods passes."""
    saved = calc_convert(ods, "xlsx", tmp_path, tmp_path / "profile")
    shutil.copy(saved, sample / "source_sheets" / DRAFT)
    result = validate(runner, sample)
    assert result.exit_code == 0, result.output


def test_another_zip_is_still_a_zip(tmp_path):
    import zipfile

    from ctpdoc.workbooks.identity import what_is_wrong

    path = tmp_path / DRAFT
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    assert what_is_wrong(path) == "is a zip file but not an Excel workbook; save it from Excel as Excel Workbook (.xlsx)"
