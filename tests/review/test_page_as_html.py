"""The review page (`ctpdoc review`), read as HTML: every activity, the document's counts, the history,
the flags, escaping, one self-contained file, the same bytes for the same inputs, a size growing linearly."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from ctpdoc.changes.diff import compare, totals
from ctpdoc.cli.main import cli
from ctpdoc.commands import inputs
from ctpdoc.document.context import build_context
from ctpdoc.model import Op
from ctpdoc.review import model as review_model
from ctpdoc.review.model import build_review
from ctpdoc.review.page import render_page
from ctpdoc.shape import PTC_STATUS_COLOURS
from ctpdoc.translations import catalogue
from tests.helpers.docxread import accept, part, text
from tests.helpers.factory import write_synthetic_sources
from tests.helpers.repo import ROOT, SAMPLE_SOURCES, SAMPLE_TEMPLATES
from tests.helpers.reviewpage import (
    WP,
    add_history,
    changed_anchors,
    edit_cells,
    expected_anchors,
    parse,
    sample_sources,
    status_counts,
    write_page,
)

STATUS_FILLS = {key: colour for key, colour, _ in PTC_STATUS_COLOURS}


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    return write_page(SAMPLE_SOURCES, tmp_path_factory.mktemp("review"))


def counts_on(page) -> dict[str, int]:
    return {cell.get("data-count"): int(cell.text_content()) for cell in page.xpath("//*[@data-count]")}


@pytest.mark.slow
def test_every_activity_of_both_programmes_has_its_row_and_anchor(sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    page = parse(sample_page)
    assert [row.get("id") for row in page.xpath("//tr[@data-part]")] == expected_anchors(sources)
    for row in page.xpath("//tr[@data-part]"):
        assert row.xpath(".//a/@href") == [f"#{row.get('id')}"]


@pytest.mark.slow
def test_the_counts_are_the_documents_counts(sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    on_page = counts_on(parse(sample_page))
    now = build_context(sources, "en").values["current"]["counts"]
    draft = build_context(sources, "en").values["draft"]["counts"]
    for key, value in now.items():
        if key != "done":  # the page shows each status, not their sum
            assert on_page[f"now.{key}"] == value, key
    for key in ("part1", "part2", "total"):
        assert on_page[f"draft.{key}"] == draft[key]
    before = status_counts(SAMPLE_SOURCES / "baseline" / WP)  # an oracle outside ctpdoc
    for status, value in before.items():
        assert on_page[f"previous.{status}"] == value
    assert {s: on_page[f"now.{s}"] for s in before} == status_counts(SAMPLE_SOURCES / WP)


def test_the_counts_are_those_printed_in_the_built_document(sample_page, built):
    """The English document says "Of a total of N activities, …": the page gives the same numbers."""
    words = " ".join(text(p) for p in accept(part(built / "PC0720E1a.docx")).iter("{*}p"))
    on_page = counts_on(parse(sample_page))
    match = re.search(r"Of a total of (\d+) activities, (\d+) are in Part I and (\d+) in Part II", words)
    assert match, words[:500]
    assert [int(n) for n in match.groups()] == [on_page["now.total"], on_page["now.part1"], on_page["now.part2"]]
    for status, phrase in (("ongoing", "are in progress"), ("completed", "have been completed"), ("pending", "are pending")):
        assert re.search(rf"(\d+) activities {phrase}", words)[1] == str(on_page[f"now.{status}"])


def test_what_moved_is_what_ctpdoc_changes_counts(sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    line = totals(list(compare(sources.baseline, sources.current, sources.settings.shape)), sources.settings.shape)
    # "95 activities compared: 37 changed (10 status moves), 1 added, 1 removed, …"
    changed, moved, added, removed = (int(n) for n in re.findall(r"\d+", line.split(": ", 1)[1])[:4])
    on_page = counts_on(parse(sample_page))
    assert (on_page["moves.changed"], on_page["moves.moved"], on_page["moves.added"], on_page["moves.removed"]) == (
        changed,
        moved,
        added,
        removed,
    )
    completed_since = sum(
        1
        for c in compare(sources.baseline, sources.current, sources.settings.shape)
        if c.part == "I"
        and c.current
        and c.current.status == "completed"
        and not (c.baseline and c.baseline.status == "completed")
    )
    assert on_page["moves.completed"] == completed_since > 0


def test_changes_are_the_documents_word_diff_with_each_text_in_its_language_and_cell(sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    page = parse(sample_page)
    context = build_context(sources, "fr", tracked=True)
    row = next(
        c
        for c in compare(sources.baseline, sources.current, sources.settings.shape)
        if c.kind.value == "changed" and c.part == "I" and c.current.texts("Progress")["fr"] != c.baseline.texts("Progress")["fr"]
    )
    number = row.activity.number
    runs = next(r for r in context.values["current"]["part1"] if "".join(s.text for s in r["no"].segments) == number)["progress"]
    inserted = "".join(s.text for s in runs.segments if s.op is Op.INSERT)
    cell = page.get_element_by_id(f"a-{number}").xpath("./td[@lang='fr']")[0]
    assert "".join(cell.xpath(".//ins/text()")).endswith(inserted)
    progress = cell.xpath(".//div[contains(@class, 'field')][.//span[@class='label']='Progress']")[0]
    assert progress.xpath(".//span[@class='cell']/text()")[0] == f"{WP} › Part I › L{row.current.location.cell.split()[-1]}"
    for lang in sources.settings.languages:
        assert page.xpath(f"//tr[@data-part]/td[@lang='{lang}']"), lang


def test_status_colours_are_the_annexs(sample_page):
    style = parse(sample_page).xpath("//style/text()")[0]
    for status, colour in STATUS_FILLS.items():
        assert f".s-{status} {{ background: #{colour}; }}" in style


def test_one_self_contained_page_that_asks_for_nothing(sample_page):
    data = sample_page.read_bytes()
    assert len(data) < 1_000_000
    page = parse(sample_page)
    assert not page.xpath("//*[@src] | //link | //iframe | //object | //embed | //img")
    assert all(href.startswith("#") for href in page.xpath("//@href"))
    assert not re.search(rb"https?://(?!www\.w3\.org/2000/svg)", data)
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert len(page.xpath("//script")) == 1 and len(page.xpath("//style")) == 1
    assert page.xpath("//svg/title") and page.xpath("//svg/desc")


def test_the_same_inputs_give_the_same_bytes(sample_page, tmp_path):
    assert write_page(SAMPLE_SOURCES, tmp_path).read_bytes() == sample_page.read_bytes()


@pytest.mark.slow
def test_the_page_is_made_from_the_packages_resources_even_imported_from_a_zip(sample_page, tmp_path):
    """The page's template, style and script are read through importlib.resources, not beside ``__file__``:
    ctpdoc imported from a zip (where no file of the package is on disk) writes the same page."""
    archive = tmp_path / "ctpdoc.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in (ROOT / "ctpdoc").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                packed.write(path, path.relative_to(ROOT).as_posix())
    out = tmp_path / "out"
    program = (
        "import sys; sys.path.insert(0, sys.argv[1]); import ctpdoc.review.page as page; "
        "assert page.__file__.startswith(sys.argv[1]), page.__file__; "
        "from ctpdoc.cli.main import main; sys.argv[1:] = ['review', '-q', '--sources', sys.argv[2], '--templates', "
        "sys.argv[3], '--out', sys.argv[4]]; main()"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"} | {"PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", program, str(archive), str(SAMPLE_SOURCES), str(SAMPLE_TEMPLATES), str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "review.html").read_bytes() == sample_page.read_bytes()


@pytest.mark.slow
def test_a_cell_holding_markup_is_shown_as_text(sample, tmp_path):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>'
    edit_cells(sample / "source_sheets" / WP, "Part I", "1.2", {"Activity (EN)": hostile})
    page = parse(write_page(sample / "source_sheets", tmp_path))
    cell = page.get_element_by_id("a-1.2").xpath("./td[@lang='en']")[0]
    assert hostile in cell.text_content()
    assert len(page.xpath("//script")) == 1 and not page.xpath("//img") and not page.xpath("//td//b")


@pytest.mark.slow
def test_out_of_date_translations_and_warnings_are_flagged_on_their_rows(sample, tmp_path):
    folder = sample / "source_sheets"
    edit_cells(folder / WP, "Part I", "1.2", {"Progress (EN)": "Published in 2025."})  # French left as it was
    edit_cells(folder / WP, "Part II", "2.1", {"Activity (FR)": lambda text: f"  {text}  "})  # a warning only
    page = parse(write_page(folder, tmp_path))
    stale = page.xpath("//tr[@data-stale='1']/@id")
    assert stale == ["a-1.2"]
    field = page.get_element_by_id("a-1.2").xpath("./td[@lang='fr']//div[contains(@class, 'stale')]")
    assert len(field) == 1 and "Progress" in field[0].text_content()
    warnings = page.get_element_by_id("a-2.1").xpath(".//ul[@class='warnings']/li/text()")
    assert any("spaces or line breaks" in w for w in warnings)
    assert not any("out of date" in w for w in page.xpath("//ul[@class='warnings']/li/text()"))  # shown as stale only


@pytest.mark.slow
def test_the_review_checks_translations_once_as_validate_does(sample, tmp_path, monkeypatch):
    """The page marks the texts out of date that the inputs' check found; it does not look for them again."""
    folder = sample / "source_sheets"
    edit_cells(folder / WP, "Part I", "1.2", {"Progress (EN)": "Published in 2025."})
    calls = []

    def counted(sources, report, texts=None):
        calls.append(sources)
        return catalogue.check_out_of_date(sources, report, texts)

    monkeypatch.setattr(inputs, "check_out_of_date", counted)
    monkeypatch.setattr(review_model, "check_out_of_date", counted)
    page = parse(write_page(folder, tmp_path))
    assert len(calls) == 1 and page.xpath("//tr[@data-stale='1']/@id") == ["a-1.2"]


@pytest.mark.slow
def test_history_counts_each_dated_baseline_then_the_previous_report_and_now(sample, tmp_path):
    folder = sample / "source_sheets"
    older = add_history(folder, "2023-04-28", {"1.1": "Pending", "1.2": "Pending", "1.3": "Ongoing"})
    (folder / "baseline" / "history" / "notes").mkdir()
    (folder / "baseline" / "history" / "20240101").symlink_to(older.parent)  # as snapshot would never name it
    page = parse(write_page(folder, tmp_path))
    reports = page.xpath("//table[@id='reports']/tbody/tr")
    assert [r.get("data-report") for r in reports] == ["2023-04-28", "2024-04-01", "2025-03-28"]
    first = [int(td.text_content()) for td in reports[0].xpath("./td")[:3]]
    expected = status_counts(older)
    assert first == [expected["completed"], expected["ongoing"], expected["pending"]]
    assert first != [int(td.text_content()) for td in reports[1].xpath("./td")[:3]]
    notes = page.xpath("//section[@id='history']//ul[@class='notes']/li/text()")
    assert any("notes: not a date" in note for note in notes) and any("20240101: not a date" in note for note in notes)
    chart = page.xpath("//section[@id='history']//svg")[0]
    assert len(chart.xpath(".//rect")) == 3 * 3
    assert "April\u00a02023" in chart.xpath("./desc/text()")[0]  # a month kept with its year, as in the documents


@pytest.mark.slow
def test_a_damaged_history_is_a_note_and_its_absence_says_so(sample, tmp_path):
    folder = sample / "source_sheets"
    page = parse(write_page(folder, tmp_path / "none"))
    assert "No earlier reports are kept" in page.get_element_by_id("history").text_content()
    broken = folder / "baseline" / "history" / "2023-04-28"
    broken.mkdir(parents=True)
    (broken / WP).write_bytes(b"not a workbook")
    page = parse(write_page(folder, tmp_path / "broken"))
    notes = page.xpath("//section[@id='history']//ul[@class='notes']/li/text()")
    assert any("2023-04-28" in note for note in notes)
    assert len(page.xpath("//table[@id='reports']/tbody/tr")) == 2


@pytest.mark.slow
def test_the_command_writes_the_page_and_an_input_error_leaves_it_as_it_was(runner, sample, tmp_path):
    out = tmp_path / "out"
    args = ["review", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"wrote .*review\.html \(164 activities, \d+ KB\) in [\d.]+ s\n", result.output)
    before = (out / "review.html").read_bytes()
    edit_cells(sample / "source_sheets" / WP, "Part I", "1.2", {"Status": "Finished"})
    result = runner.invoke(cli, args)
    assert result.exit_code == 1 and "Finished" in result.output
    assert (out / "review.html").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["review.html"]


@pytest.mark.slow
def test_the_page_grows_linearly_with_the_activities(tmp_path):
    sizes = {}
    for count in (200, 800):
        folder = write_synthetic_sources(tmp_path / str(count), count, SAMPLE_SOURCES / "document.xlsx")
        sizes[count] = write_page(folder, tmp_path / f"out-{count}").stat().st_size
    per_activity = {count: size / count for count, size in sizes.items()}
    assert 0.8 < per_activity[800] / per_activity[200] < 1.2, sizes


@pytest.mark.slow
def test_the_review_of_changed_samples_marks_exactly_the_changed_rows(sample, tmp_path):
    folder = sample / "source_sheets"
    shutil.copy2(folder / WP, folder / "baseline" / WP)  # nothing changed since the baseline
    edit_cells(folder / WP, "Part II", "2.3", {"Progress (EN)": "New progress.", "Progress (FR)": "Nouveaux progrès."})
    sources = sample_sources(folder)
    review = build_review(folder, sources, [])
    assert [r.anchor for r in review.rows if r.changed] == sorted(changed_anchors(sources)) == ["a-2.3"]
    page = parse(write_page(folder, tmp_path))
    assert page.xpath("//tr[@data-changed='1']/@id") == ["a-2.3"]
    assert render_page(review) == render_page(build_review(folder, sources, []))


@pytest.mark.slow
def test_every_text_sits_in_a_cell_of_its_language(sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    page = parse(sample_page)
    texts = page.xpath("//tr[@data-part]//span[@class='text']")
    assert texts
    for span in texts:
        cell = span.xpath("ancestor::td[1]")[0]
        assert cell.get("lang") in sources.settings.languages and cell.get("dir") == "ltr"
    for badge in page.xpath("//span[@class='badge']"):
        assert badge.get("lang") in sources.settings.languages
    assert page.get("lang") == "en"


def test_each_number_of_the_what_moved_chart_is_printed_once(sample_page):
    """A bar of one piece shows its number inside it, or after it when it is too short to hold it: never both."""
    page = parse(sample_page)
    counts = counts_on(page)
    chart = page.xpath("//*[local-name()='svg' and @aria-labelledby='chart-moves-title chart-moves-desc']")[0]
    numbers = sorted(int(t.text) for t in chart.xpath(".//*[local-name()='text']") if t.text and t.text.isdigit())
    assert numbers == sorted(counts[f"moves.{key}"] for key in ("completed", "added", "removed", "changed", "moved"))


def test_a_changed_activity_shows_its_changed_fields_first_and_the_others_folded(sample_page):
    page = parse(sample_page)
    folded = 0
    for row in page.xpath("//tr[contains(@class, 'k-changed')]"):
        for cell in row.xpath("./td[@lang]"):
            fields = cell.xpath("./div[contains(@class, 'field')]")
            kept = cell.xpath("./details[@class='unchanged']/div[contains(@class, 'field')]")
            assert fields and all(f.xpath(".//ins|.//del") for f in fields), row.get("id")
            assert all(not f.xpath(".//ins|.//del") for f in kept), row.get("id")
            if kept:
                summary = cell.xpath("./details/summary/text()")[0]
                assert summary == "Unchanged: " + ", ".join(f.xpath(".//span[@class='label']/text()")[0] for f in kept)
                folded += 1
    assert folded > 0


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "getuid"), reason="Jinja keeps Windows' cache in the user's own temporary folder")
def test_the_page_templates_are_compiled_once_and_never_from_another_users_folder(tmp_path, monkeypatch):
    """Jinja's cache of compiled templates: a second page loads the compiled code (no compile), the same bytes come
    out; a cache folder that is not this user's own (a symbolic link to another folder here) is refused, and the page
    is compiled as before."""
    import jinja2

    from ctpdoc.review import page as page_module

    checked = inputs.check_inputs(SAMPLE_SOURCES, SAMPLE_TEMPLATES)
    assert checked.sources is not None
    review = build_review(SAMPLE_SOURCES, checked.sources, checked.report.warnings, checked.out_of_date)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    # a cache of this test's own, made in tmp_path (the process's stays as it was)
    monkeypatch.setattr(page_module, "bytecode_cache", functools.cache(page_module.bytecode_cache.__wrapped__))
    compiled = []
    real = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, *a, **k: compiled.append(a[1]) or real(self, *a, **k))
    first = render_page(review)
    assert compiled and list(tmp_path.glob("_jinja2-cache-*/*"))
    compiled.clear()
    assert render_page(review) == first and not compiled  # the second page compiles nothing
    shutil.rmtree(next(tmp_path.glob("_jinja2-cache-*")))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / f"_jinja2-cache-{os.getuid()}").symlink_to(tmp_path / "elsewhere")
    page_module.bytecode_cache.cache_clear()
    assert page_module.bytecode_cache() is None
    assert render_page(review) == first and compiled
