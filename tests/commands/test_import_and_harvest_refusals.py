"""Bad input to ``ctpdoc import`` and ``ctpdoc harvest``: one line naming the file and what to do, exit 1, nothing written."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from ctpdoc.cli.main import cli
from ctpdoc.package import ooxml
from tests.helpers.repo import SAMPLE_SOURCES

DOCS = ("PC0720F1a", "PC0720E1a")


def rewrite(source: Path, target: Path, change: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(source) as package:
        parts = {info: package.read(info) for info in package.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.items():
            out.writestr(info, change(data.decode()).encode() if info.filename == "word/document.xml" else data)
    return target


def not_a_report(built: Path, folder: Path) -> list[Path]:
    document = Document()
    document.add_paragraph("Minutes of the meeting. The Committee met and discussed the agenda and the next steps of the work.")
    document.save(folder / "minutes.docx")
    return [folder / "minutes.docx"]


def damaged(built: Path, folder: Path) -> list[Path]:
    data = (built / f"{DOCS[0]}.docx").read_bytes()
    (folder / "cut.docx").write_bytes(data[: len(data) // 2])
    return [folder / "cut.docx"]


def password_protected(built: Path, folder: Path) -> list[Path]:
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    with (built / f"{DOCS[0]}.docx").open("rb") as plain:
        OOXMLFile(plain).encrypt("secret", encrypted)
    (folder / "locked.docx").write_bytes(encrypted.getvalue())
    return [folder / "locked.docx"]


def xml_bomb(built: Path, folder: Path) -> list[Path]:
    bomb = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return [rewrite(built / f"{DOCS[0]}.docx", folder / "bomb.docx", lambda xml: bomb + xml[xml.index("?>") + 2 :])]


def columns_alike(built: Path, folder: Path) -> list[Path]:
    """The Deliverable header renamed Activity: two columns that cannot be told apart."""
    return [rewrite(built / f"{DOCS[1]}.docx", folder / "alike.docx", lambda xml: xml.replace(">Deliverable<", ">Activity<", 1))]


def number_twice(built: Path, folder: Path) -> list[Path]:
    return [rewrite(built / f"{DOCS[1]}.docx", folder / "twice.docx", lambda xml: xml.replace(">1.3<", ">1.2<", 1)),
            built / f"{DOCS[0]}.docx"]  # fmt: skip


def one_language_twice(built: Path, folder: Path) -> list[Path]:
    return [built / f"{DOCS[0]}.docx", built / f"{DOCS[0]}-clean.docx"]


def missing_in_one_language(built: Path, folder: Path) -> list[Path]:
    return [rewrite(built / f"{DOCS[1]}.docx", folder / "renumbered.docx", lambda xml: xml.replace(">1.3<", ">1.99<", 1)),
            built / f"{DOCS[0]}.docx"]  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, Path], list[Path]]
    expected: str  # a pattern the one line must match


CASES = [
    Case("not a report", not_a_report, r"minutes\.docx: no annex table found"),
    Case("damaged", damaged, r"cut\.docx: is damaged or truncated"),
    Case("password-protected", password_protected, r"locked\.docx: is password-protected; remove the password in Word"),
    Case("xml bomb", xml_bomb, r'bomb\.docx: contains XML entity declarations \(an "XML bomb"\)'),
    Case(
        "columns alike",
        columns_alike,
        r"alike\.docx › Annex I › table \d+: columns \"Activity\", \"Activity\" cannot be told apart",
    ),
    Case("number twice", number_twice, r'twice\.docx › Annex I › table \d+ › 1\.2: activity number "1\.2" is used twice'),
    Case("language twice", one_language_twice, r"PC0720F1a-clean\.docx: is in fr, as PC0720F1a\.docx is"),
    Case(
        "not in the other language",
        missing_in_one_language,
        r"1\.99: activity 1\.99 is in renumbered\.docx but not in PC0720F1a\.docx",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_documents_are_refused_in_one_line_and_nothing_is_written(built, tmp_path, case):
    documents = case.make(built, tmp_path)
    into = tmp_path / "into"
    result = CliRunner().invoke(cli, ["import", *map(str, documents), "--into", str(into)])
    assert result.exit_code == 1, result.output
    assert not into.exists() or not any(into.iterdir())
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert any(re.search(case.expected, line) for line in result.output.splitlines()), result.output
    assert "Traceback" not in result.output


def test_a_zip_bomb_is_refused(built, tmp_path, monkeypatch):
    monkeypatch.setattr(ooxml, "MAX_TOTAL_BYTES", 64 * 1024)  # the sample document stands for a part that expands past the limit
    result = CliRunner().invoke(cli, ["import", str(built / f"{DOCS[0]}.docx"), "--into", str(tmp_path / "into")])
    assert result.exit_code == 1
    assert "is refused as unsafe" in result.output and not (tmp_path / "into").exists()


def test_existing_workbooks_are_kept_without_force(built, tmp_path):
    into = tmp_path / "into"
    into.mkdir()
    (into / "document.xlsx").write_bytes(b"the drafter's own")
    documents = [str(built / f"{name}.docx") for name in DOCS]
    result = CliRunner().invoke(cli, ["import", *documents, "--into", str(into)])
    assert result.exit_code == 1 and "already exists; choose another name or add --force" in result.output
    assert sorted(p.name for p in into.iterdir()) == ["document.xlsx"]  # no workbook written before the refusal
    result = CliRunner().invoke(cli, ["import", *documents, "--into", str(into), "--force"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def sources(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


def test_harvest_of_a_document_built_from_other_workbooks_is_refused(built, sources, tmp_path):
    other = rewrite(
        built / f"{DOCS[1]}-clean.docx",
        tmp_path / "other.docx",
        lambda xml: xml.replace("2022-2025", "2019-2022").replace("2022\u20112025", "2019\u20112022"),
    )
    before = {p: p.read_bytes() for p in sources.rglob("*.xlsx")}
    result = CliRunner().invoke(cli, ["harvest", str(other), "--sources", str(sources), "--apply"])
    assert result.exit_code == 1
    assert "other.docx › Annex I: is the 2019-2022 programme but the workbooks hold 2022-2025" in result.output
    assert {p: p.read_bytes() for p in sources.rglob("*.xlsx")} == before


def test_harvest_of_a_language_the_workbooks_lack_is_refused(built, sources, tmp_path):
    spanish = rewrite(
        built / f"{DOCS[1]}-clean.docx", tmp_path / "es.docx", lambda xml: xml.replace('w:val="en-GB"', 'w:val="es-ES"')
    )
    result = CliRunner().invoke(cli, ["harvest", str(spanish), "--sources", str(sources)])
    assert result.exit_code == 1
    assert "es.docx: is in es, but the workbooks have no (ES) columns (their languages: en, fr)" in result.output


def test_import_with_force_refuses_a_workbook_open_in_excel(built, tmp_path):
    into = tmp_path / "into"
    into.mkdir()
    (into / "wp-2022-2025.xlsx").write_bytes(b"open in Excel")
    (into / "~$wp-2022-2025.xlsx").write_bytes(b"lock")
    documents = [str(built / f"{name}.docx") for name in DOCS]
    result = CliRunner().invoke(cli, ["import", *documents, "--into", str(into), "--force"])
    assert result.exit_code == 1 and "wp-2022-2025.xlsx: is open in Excel or LibreOffice" in result.output
    assert sorted(p.name for p in into.iterdir()) == ["wp-2022-2025.xlsx", "~$wp-2022-2025.xlsx"]
