"""Template parts compiled once, not at every build (ctpdoc/document/compiled.py): a later run loads the code kept
with what ctpdoc remembers, and gives the same documents; code compiled by another version of ctpdoc, a cache that
is not there or a disk that refuses it change nothing but the time."""

from __future__ import annotations

import os

import jinja2
import pytest

from ctpdoc.document import sandbox
from ctpdoc.document.context import build_context
from ctpdoc.package import remembered as memory
from ctpdoc.render.fill import render_document
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="Jinja keeps Windows' cache in the user's own folder")


@pytest.fixture
def context():
    return build_context(read_sources(SAMPLE_SOURCES), "en", True)


@pytest.fixture
def compiling(fresh_memory, monkeypatch):
    """The template parts Jinja compiles, in a process whose cache is this test's own (in tmp_path)."""
    monkeypatch.setattr(sandbox, "_COMPILED", {})  # nothing kept by this process: as at a new run
    seen: list[str] = []
    real = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, *a, **k: seen.append(a[1]) or real(self, *a, **k))
    return seen


def render(context) -> bytes:
    sandbox._COMPILED.clear()
    return render_document(SAMPLE_TEMPLATES / "en" / "report.docx", context).data


def test_a_later_run_loads_the_compiled_parts(context, compiling, tmp_path):
    first = render(context)
    assert compiling and list(tmp_path.glob("_ctpdoc-cache-*/template-code-*"))
    compiling.clear()
    assert render(context) == first
    assert not compiling


def test_code_of_another_generator_is_not_loaded(context, compiling, monkeypatch):
    first = render(context)
    compiling.clear()
    monkeypatch.setattr(memory, "code_fingerprint", lambda: b"another version of the sandbox")
    assert render(context) == first
    assert compiling


def test_no_cache_or_a_full_disk_only_costs_time(context, compiling, monkeypatch):
    first = render(context)
    assert memory.cache_folder() is not None

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(memory.Path, "write_bytes", full)
    monkeypatch.setattr(memory, "code_fingerprint", lambda: b"new")
    compiling.clear()
    assert render(context) == first and compiling
    monkeypatch.setattr(memory, "cache_folder", lambda: None)
    compiling.clear()
    assert render(context) == first and compiling
