"""The review page in a real browser: Debian's Chromium, headless, driven by Playwright for Python (never a
browser Playwright downloads). Every request is routed: the page's own file goes through, anything else is
refused and recorded, and the tests assert nothing was asked for. Console errors and dialogs are recorded too.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ctpdoc.changes.diff import ChangeKind, compare
from ctpdoc.document.context import build_context
from tests.helpers.repo import SAMPLE_SOURCES
from tests.helpers.reviewpage import ARGS, CHROMIUM, WP, changed_anchors, edit_cells, expected_anchors, sample_sources, write_page

HEIGHT = 900  # of the window, in CSS pixels


def missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium), as .ci/run does"
    return None


pytestmark = [pytest.mark.slow, pytest.mark.skipif(missing() is not None, reason=missing() or "")]  # slow: starts Chromium


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    page: object
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visible(self) -> list[str]:
        return self.page.eval_on_selector_all("tr[data-part]", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)")

    def clean(self) -> None:
        assert self.refused == [], "requests left the page"
        assert self.errors == [], "console errors"
        assert self.dialogs == [], "a dialog opened: a text ran as script"


@contextlib.contextmanager
def visit(browser, path: Path, fragment: str = "", width: int = 1280) -> Iterator[Visit]:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
    url = path.resolve().as_uri()
    seen = Visit(page)

    def route(request_route) -> None:
        if request_route.request.url.split("#")[0] == url:
            request_route.continue_()
        else:
            seen.refused.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + fragment)
    try:
        yield seen
    finally:
        page.close()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    return write_page(SAMPLE_SOURCES, tmp_path_factory.mktemp("review"))


def test_every_activity_and_the_documents_counts_with_nothing_asked_for(browser, sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    with visit(browser, sample_page) as seen:
        assert seen.visible() == expected_anchors(sources)
        shown = seen.page.eval_on_selector_all(
            "[data-count]", "cells => Object.fromEntries(cells.map(c => [c.dataset.count, c.textContent]))"
        )
        for key, value in build_context(sources, "fr").values["current"]["counts"].items():
            if key != "done":  # the page shows each status, not their sum
                assert shown[f"now.{key}"] == str(value), key
        assert (
            seen.page.text_content("#f-count")
            == f"{len(expected_anchors(sources))} of {len(expected_anchors(sources))} activities shown"
        )
        seen.clean()


def test_each_filter_leaves_exactly_the_matching_rows(browser, sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    changes = list(compare(sources.baseline, sources.current, sources.settings.shape))
    everything = expected_anchors(sources)
    with visit(browser, sample_page) as seen:
        page = seen.page
        page.select_option("#f-status", "completed")
        completed = [f"a-{c.activity.number}" for c in changes if c.current and c.current.status == "completed"]
        assert seen.visible() == completed
        page.select_option("#f-status", "")
        page.select_option("#f-part", "c2")
        assert seen.visible() == [f"a-{c.activity.number}" for c in changes if c.part == "II"]
        page.select_option("#f-part", "d1")
        assert seen.visible() == [f"d-{a.number}" for a in sources.draft.parts[0].activities]
        page.select_option("#f-part", "")
        page.check("#f-changed")
        assert seen.visible() == [a for a in everything if a in changed_anchors(sources)]
        page.uncheck("#f-changed")
        page.fill("#f-text", "MAINLEVEE")  # case and accents folded: "mainlevée"
        expected = [a for a, texts in row_texts(sources) if "mainlevee" in fold(texts)]
        assert expected and seen.visible() == expected
        page.click("button[type=reset]")
        assert seen.visible() == everything
        seen.clean()


def test_the_filters_work_from_the_keyboard(browser, sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    with visit(browser, sample_page) as seen:
        page = seen.page
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "f-changed":
                break
        else:
            pytest.fail("Tab never reached the 'changed since the last report' box")
        page.keyboard.press("Space")
        assert set(seen.visible()) == changed_anchors(sources)
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.id") == "f-status"
        seen.clean()


def test_anchors_lead_to_their_activity_even_when_filtered_out(browser, sample_page):
    sources = sample_sources(SAMPLE_SOURCES)
    number = sources.current.parts[0].activities[len(sources.current.parts[0].activities) // 2].number
    with visit(browser, sample_page, f"#a-{number}") as seen:
        page = seen.page
        assert page.evaluate(f"document.getElementById('a-{number}').matches(':target')")
        box = page.locator(f"[id='a-{number}']").bounding_box()
        assert box is not None and 0 <= box["y"] < 900
        page.select_option("#f-part", "d2")  # hides it
        assert f"a-{number}" not in seen.visible()
        draft = sources.draft.parts[0].activities[0].number
        page.evaluate(f"window.location.hash = '#d-{draft}'")
        page.evaluate(f"window.location.hash = '#a-{number}'")
        page.wait_for_function(f"document.getElementById('a-{number}').offsetParent !== null")
        seen.clean()


@pytest.mark.parametrize("width", [1280, 700, 360])  # a desktop, a narrow window (the bar on three lines), a phone
def test_an_anchored_activity_shows_whole_below_the_filter_bar(browser, sample_page, width):
    """The row a link leads to starts just below the sticky bar, whatever its height at this width: its number and
    status are not under it, and a row that fits below the bar is shown whole."""
    sources = sample_sources(SAMPLE_SOURCES)
    for number in [c.activity.number for c in compare(sources.baseline, sources.current, sources.settings.shape)][::9]:
        with visit(browser, sample_page, f"#a-{number}", width) as seen:
            page = seen.page
            bar = page.eval_on_selector("nav.filters", "bar => bar.getBoundingClientRect().bottom")
            row = page.eval_on_selector(
                f"[id='a-{number}']", "row => { const r = row.getBoundingClientRect(); return [r.top, r.bottom]; }"
            )
            assert bar <= row[0] <= bar + 16, (number, width, bar, row)
            link = page.eval_on_selector(
                f"[id='a-{number}'] th.no a",
                "a => { const r = a.getBoundingClientRect(); return document.elementFromPoint(r.left + 2, r.top + r.height / 2) "
                "=== a; }",
            )
            assert link, f"{number}'s number is hidden at {width} px"
            if row[1] - row[0] <= HEIGHT - bar:
                assert row[1] <= HEIGHT, (number, width, bar, row)
            seen.clean()


def test_status_badges_fit_their_box(browser, sample_page):
    with visit(browser, sample_page) as seen:
        over = seen.page.eval_on_selector_all(
            ".badge",
            """badges => badges.filter(b => {
                const cell = b.closest('td').getBoundingClientRect(), box = b.getBoundingClientRect();
                return b.scrollWidth > b.clientWidth || box.right > cell.right || box.left < cell.left;
            }).map(b => b.closest('tr').id + ': ' + b.textContent)""",
        )
        assert seen.page.eval_on_selector_all(".badge del + ins", "moved => moved.length") > 0  # a status moved is among them
        assert over == []
        seen.clean()


def settled(page, selector: str, script: str, tries: int = 100) -> bool:
    """Whether ``script`` holds of the elements ``selector`` finds, within ``tries`` looks 50 ms apart."""
    for _ in range(tries):
        if page.eval_on_selector_all(selector, script):
            return True
        page.wait_for_timeout(50)
    return False


def test_the_changed_filter_shows_the_changed_fields_first_and_folds_the_rest(browser, sample_page):
    fields = """cells => cells.map(cell => Array.from(cell.querySelectorAll('.field'))
        .filter(f => f.checkVisibility()).map(f => f.querySelector('ins, del') !== null))"""
    with visit(browser, sample_page) as seen:
        page = seen.page
        assert page.eval_on_selector_all("details.unchanged", "ds => ds.every(d => d.open)"), "every field shown, unfiltered"
        page.check("#f-changed")
        shown = page.eval_on_selector_all("tr.k-changed:not([hidden]) td[lang]", fields)
        assert shown and all(cell and all(cell) for cell in shown), "only changed fields open"
        assert any(
            len(cell)
            < page.eval_on_selector_all("tr.k-same td[lang='en']", "cells => cells[0].querySelectorAll('.field').length")
            for cell in shown
        )
        height = page.eval_on_selector_all("tr.k-changed:not([hidden])", "rows => Math.max(...rows.map(r => r.offsetHeight))")
        assert height < HEIGHT / 2, "a changed activity takes less than half the window"
        # A media switch reaches the page's listener as an event, after emulate_media returns: poll for its effect
        # rather than read the state at once (wait_for_function evaluates a string, which the page's policy refuses
        # with the oldest Playwright allowed).
        page.emulate_media(media="print")
        assert settled(page, "details.unchanged", "ds => ds.every(d => d.open)"), "printed: every field"
        page.emulate_media(media="screen")
        assert settled(page, "details.unchanged", "ds => ds.every(d => !d.open)"), "on screen again: folded"
        page.uncheck("#f-changed")
        assert page.eval_on_selector_all("details.unchanged", "ds => ds.every(d => d.open)")
        seen.clean()


def test_out_of_date_translations_filter_and_markup_shown_as_text(browser, sample, tmp_path):
    folder = sample / "source_sheets"
    hostile = '<script>alert("cell")</script><img src="https://example.org/x.png" onerror="alert(1)">'
    edit_cells(folder / WP, "Part I", "1.2", {"Progress (EN)": "Published in 2025."})
    edit_cells(
        folder / WP, "Part II", "2.2", {"Progress (EN)": hostile, "Progress (FR)": hostile}
    )  # (the activity text replaced in both languages would be another activity: issue 19)
    with visit(browser, write_page(folder, tmp_path)) as seen:
        page = seen.page
        page.check("#f-stale")
        assert seen.visible() == ["a-1.2"]
        page.uncheck("#f-stale")
        assert hostile in page.text_content("[id='a-2.2'] td[lang=en]")
        assert page.eval_on_selector_all("img", "images => images.length") == 0
        seen.clean()


def test_printed_every_row_shows_and_the_filters_do_not(browser, sample_page, tmp_path):
    sources = sample_sources(SAMPLE_SOURCES)
    with visit(browser, sample_page) as seen:
        page = seen.page
        page.select_option("#f-status", "pending")
        assert len(seen.visible()) < len(expected_anchors(sources))
        page.emulate_media(media="print")
        assert seen.visible() == expected_anchors(sources)
        assert not page.is_visible("#filters")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 10
        page.emulate_media(media="screen")
        page.screenshot(path=str(tmp_path / "review-1280.png"), full_page=False)
        seen.clean()


def row_texts(sources) -> list[tuple[str, str]]:
    """Each row's texts in every language (the page also shows cells and labels, which hold no accented words)."""
    out = []
    for change in compare(sources.baseline, sources.current, sources.settings.shape):
        activities = [a for a in (change.current, change.baseline if change.kind is not ChangeKind.SAME else None) if a]
        out.append((f"a-{change.activity.number}", " ".join(all_texts(a) for a in activities)))
    out += [(f"d-{a.number}", all_texts(a)) for a in sources.draft.parts[0].activities + sources.draft.parts[1].activities]
    return out


def all_texts(activity) -> str:
    return " ".join(text for name in ("Activity", "Deliverable", "Lead", "Progress") for text in activity.texts(name).values())


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
