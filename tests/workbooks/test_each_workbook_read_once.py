"""Followed as data, the sources folder goes down the stages once: each workbook is opened at most twice per build
(its zip, for what it is and its sheets' XML, then openpyxl), by the workbook reader alone, a stale translation too."""

from __future__ import annotations

import collections
import traceback
import zipfile
from pathlib import Path

import pytest

from ctpdoc.commands.build import build
from ctpdoc.commands.inputs import check_inputs
from tests.helpers.factory import out_of_date_sources
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES

PACKAGE = ROOT / "ctpdoc"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Texts out of date in both languages (tests/helpers/factory.py)."""
    return out_of_date_sources(tmp_path)


@pytest.fixture
def opened(monkeypatch):
    """Every zip opened on an .xlsx, by path and by the ctpdoc module that opened it (directly or through openpyxl)."""
    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    real = zipfile.ZipFile.__init__

    def counting(self, file, *args, **kwargs):
        name = str(file if isinstance(file, (str, Path)) else getattr(file, "name", ""))
        if name.endswith(".xlsx"):
            ours = [f for f in traceback.extract_stack()[:-1] if f.filename.startswith(str(PACKAGE))]
            module = Path(ours[-1].filename).relative_to(PACKAGE).as_posix() if ours else "?"
            seen[(str(Path(name).resolve()), module)] += 1
        real(self, file, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    return seen


def per_workbook(seen: collections.Counter[tuple[str, str]]) -> dict[str, int]:
    totals: collections.Counter[str] = collections.Counter()
    for (path, _module), count in seen.items():
        totals[path] += count
    return dict(totals)


@pytest.mark.slow
def test_the_sample_build_opens_each_workbook_twice_in_the_reader_only_and_then_not_at_all(opened, remembering, tmp_path):
    """A first build (nothing remembered) opens each workbook twice, in the reader; a second, with the workbooks as
    they were, opens none (each is remembered as read: ctpdoc/workbooks/collecting.py) and writes the same files."""
    build(SAMPLE_SOURCES, SAMPLE_TEMPLATES, tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "review.html").is_file(), "the review page comes from the same reading"
    assert len(per_workbook(opened)) == 4  # document.xlsx, both programmes, the baseline
    assert max(per_workbook(opened).values()) <= 2, opened
    assert {module for _path, module in opened} <= {"workbooks/sheets.py"}, opened
    opened.clear()
    build(SAMPLE_SOURCES, SAMPLE_TEMPLATES, tmp_path / "again", jobs=1)
    assert not opened, opened
    assert {f.name: f.read_bytes() for f in (tmp_path / "out").iterdir()} == {
        f.name: f.read_bytes() for f in (tmp_path / "again").iterdir()
    }


def test_a_stale_translation_opens_no_workbook_again(sources, opened):  # noqa: F811 (sources written before the count starts)
    checked = check_inputs(sources, sources.parent / "templates")
    assert any("changed since the previous report" in str(p) for p in checked.report.warnings)  # the case is real
    assert max(per_workbook(opened).values()) <= 2, opened
    assert {module for _path, module in opened} <= {"workbooks/sheets.py"}, opened


@pytest.mark.slow
def test_the_record_of_texts_in_step_is_read_for_the_checks_and_never_rendered(tmp_path, monkeypatch):
    """The record (15 MB once read at 2,000 activities) is read by the checks, after the second language's process
    has started, and let go before rendering: what rendering gets holds none of it, while the out-of-date check,
    which needs it, still finds the text that changed in one language only."""
    import shutil

    from ctpdoc.commands import rendering
    from ctpdoc.workbooks.record import RECORD_FILE

    folder = tmp_path / "source_sheets"
    shutil.copytree(SAMPLE_SOURCES, folder)
    assert (folder / RECORD_FILE).stat().st_size > 10_000  # the sample keeps a record
    rendered_with = []
    real = rendering.build_context
    monkeypatch.setattr(rendering, "build_context", lambda s, *a, **k: rendered_with.append(s) or real(s, *a, **k))
    read = check_inputs(folder, SAMPLE_TEMPLATES)
    assert read.sources is not None and read.sources.in_step  # the checks had it
    build(folder, SAMPLE_TEMPLATES, tmp_path / "out", jobs=1)
    assert rendered_with and all(not s.in_step and not s.in_step_texts for s in rendered_with)


def test_a_build_formats_and_marks_each_text_once_for_its_documents_and_its_page(tmp_path, monkeypatch):
    """The review page takes each language's texts as its documents formatted and marked them (``Made``): no
    activity's texts formatted twice in one language, no changed text marked twice, and the page the same bytes as
    ``ctpdoc review``'s, which makes them afresh."""
    from ctpdoc.document import rows as context_module
    from ctpdoc.review.page import make_page

    formatted: collections.Counter[tuple[str, object]] = collections.Counter()
    marked: collections.Counter[tuple[str, str, str]] = collections.Counter()
    real_format = context_module.RowBuilder.format_fields
    real_marks = context_module.diff_marks

    def format_fields(self, activity, part):
        formatted[(self.lang, activity.location)] += 1
        return real_format(self, activity, part)

    def diff_marks(old, new):
        if old != new:
            marked[("", old, new)] += 1
        return real_marks(old, new)

    monkeypatch.setattr(context_module.RowBuilder, "format_fields", format_fields)
    monkeypatch.setattr(context_module, "diff_marks", diff_marks)
    build(SAMPLE_SOURCES, SAMPLE_TEMPLATES, tmp_path / "out", jobs=1)
    assert formatted and max(formatted.values()) == 1, formatted.most_common(3)
    assert marked and max(marked.values()) == 1, marked.most_common(3)
    checked = check_inputs(SAMPLE_SOURCES, SAMPLE_TEMPLATES)
    assert checked.sources is not None
    fresh = make_page(SAMPLE_SOURCES, checked.sources, checked.report.warnings, checked.out_of_date)
    assert (tmp_path / "out" / "review.html").read_bytes() == fresh.data


def test_the_page_gets_every_languages_texts_from_where_they_were_rendered(tmp_path, monkeypatch):
    """With the second language rendered in a second process (``jobs=2``), that process sends its formatted texts
    back with its documents: the page is made from both languages' own, none formatted again."""
    from ctpdoc.commands import rendering

    given = {}
    real = rendering.make_page

    def make_page(sources_dir, sources, warnings, out_of_date, made=None):
        given.update({lang: len(kept.fields) for lang, kept in (made or {}).items()})
        return real(sources_dir, sources, warnings, out_of_date, made)

    monkeypatch.setattr(rendering, "make_page", make_page)
    build(SAMPLE_SOURCES, SAMPLE_TEMPLATES, tmp_path / "out", jobs=2)
    assert set(given) == {"en", "fr"} and all(given.values()), given
