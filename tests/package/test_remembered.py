"""What ctpdoc works out from files that seldom change, remembered between runs (ctpdoc/package/remembered.py): worked
out once per content and per version of ctpdoc's code, never from another user's folder, and only time is lost when
nothing can be remembered. Then its two uses: a template's checks and the record of texts in step."""

from __future__ import annotations

import os
import shutil
import tomllib

import pytest

from ctpdoc.checks import parity
from ctpdoc.cli.main import cli
from ctpdoc.errors import Report
from ctpdoc.package import remembered as memory
from ctpdoc.workbooks import record
from tests.helpers.factory import replace_in_runs
from tests.helpers.repo import SAMPLE_SOURCES

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="the folder's owner is checked where there are owners")


@pytest.fixture
def folder(fresh_memory):
    """A temporary folder of this test's own, where the cache folder is made."""
    return fresh_memory


def counting():
    calls = []

    def work_out(value):
        calls.append(value)
        return {"value": [value, (1, 2.5, None)], "set": {"a"}}

    return calls, work_out


def test_worked_out_once_per_content_and_code(folder, monkeypatch):
    calls, work_out = counting()
    first = memory.remembered("kind", b"content", lambda: work_out(1))
    assert memory.remembered("kind", b"content", lambda: work_out(2)) == first and calls == [1]
    memory.remembered("kind", b"other content", lambda: work_out(3))
    memory.remembered("other kind", b"content", lambda: work_out(4))
    assert calls == [1, 3, 4]
    monkeypatch.setattr(memory, "code_fingerprint", lambda: b"ctpdoc edited")
    assert memory.remembered("kind", b"content", lambda: work_out(5)) == {"value": [5, (1, 2.5, None)], "set": {"a"}}
    assert calls == [1, 3, 4, 5]
    assert oct(os.stat(memory.cache_folder()).st_mode & 0o777) == "0o700"


def test_the_code_is_fingerprinted_as_it_stands(tmp_path, monkeypatch):
    """An edited module gives another fingerprint (a copy of the package, one file touched)."""
    package = tmp_path / "ctpdoc"
    shutil.copytree(memory.Path(memory.__file__).parent.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    copy = package / "package" / "remembered.py"
    monkeypatch.setattr(memory, "__file__", str(copy))
    before = memory.code_fingerprint.__wrapped__()
    (package / "model.py").write_text((package / "model.py").read_text() + "\n# edited\n")
    assert memory.code_fingerprint.__wrapped__() != before


def test_nothing_remembered_costs_only_time(folder, monkeypatch):
    calls, work_out = counting()
    memory.remembered("kind", b"content", lambda: work_out(1))
    for path in memory.cache_folder().glob("kind-*"):
        path.write_bytes(b"\x00 not marshal data")
    assert memory.remembered("kind", b"content", lambda: work_out(2))["value"][0] == 2  # damaged: worked out again
    assert memory.remembered("kind", b"x", lambda: object) is object  # not plain data: given, not kept
    assert not list(memory.cache_folder().glob("kind-*.[0-9]*"))  # no partial file left
    monkeypatch.setattr(memory, "cache_folder", lambda: None)
    assert memory.remembered("kind", b"content", lambda: work_out(3))["value"][0] == 3


def test_another_users_folder_or_a_link_is_not_used(folder):
    target = folder / "elsewhere"
    target.mkdir()
    (folder / f"_ctpdoc-cache-{os.getuid()}").symlink_to(target)
    assert memory.cache_folder() is None
    memory.cache_folder.cache_clear()
    (folder / f"_ctpdoc-cache-{os.getuid()}").unlink()
    (folder / f"_ctpdoc-cache-{os.getuid()}").mkdir(mode=0o755)
    os.chmod(folder / f"_ctpdoc-cache-{os.getuid()}", 0o755)  # open to others: not used
    assert memory.cache_folder() is None


def test_only_the_latest_of_a_kind_are_kept(folder):
    for n in range(memory.KEPT + 5):
        memory.remembered("record", str(n).encode(), lambda n=n: n)
    assert len(list(memory.cache_folder().glob("record-*.marshal"))) == memory.KEPT


def test_a_template_is_checked_once_while_it_does_not_change(folder, monkeypatch, runner, sample):
    """Its problems are remembered with it: `validate` says what it says with nothing remembered."""
    parsed = []
    real = parity.check_template
    monkeypatch.setattr(parity, "check_template", lambda path, *a: parsed.append(path.parent.name) or real(path, *a))

    def validate():
        folders = ["--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates")]
        result = runner.invoke(cli, ["validate", *folders])
        return result.exit_code, result.output

    first = validate()
    assert sorted(parsed) == ["en", "fr"]
    parsed.clear()
    assert validate() == first and parsed == []
    replace_in_runs(sample / "templates" / "en" / "report.docx", "{{ doc.reference }}", "{{ doc.referense }}")
    code, output = validate()
    assert parsed == ["en"] and code != 0 and 'unknown name "doc.referense"' in output  # the changed template checked anew
    parsed.clear()
    assert validate() == (code, output) and parsed == []
    with monkeypatch.context() as nothing:
        nothing.setattr(memory, "cache_folder", lambda: None)
        assert validate() == (code, output) and parsed == ["en", "fr"]


def test_the_record_is_parsed_once_while_it_does_not_change(folder, monkeypatch, tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "src")
    parsed = []
    real = tomllib.loads
    monkeypatch.setattr(record.tomllib, "loads", lambda text: parsed.append(len(text)) or real(text))
    first = record.read_record(tmp_path / "src", Report())
    assert first.fingerprints and len(parsed) == 1
    assert record.read_record(tmp_path / "src", Report()) == first and len(parsed) == 1
    path = tmp_path / "src" / record.RECORD_FILE
    path.write_text(path.read_text().replace("=", " = ", 1))  # the same data, written otherwise: read again
    assert record.read_record(tmp_path / "src", Report()) == first and len(parsed) == 2
