"""The review page as a person sees it: screenshots at 1280 and 700 px and the page printed to PDF.

    .venv/bin/python tools/review_screenshot.py [--out build/look] [--docs]

Writes the sample's review page (with two earlier reports added to a copy's history, so that the
"across reports" chart has something to compare), opens it in Debian's Chromium through Playwright,
and saves ``review-1280.png`` (the first screen), ``review-full.png`` (the whole page) and
``review.pdf`` (as printed), and ``review-700.png`` (``review.html#a-1.19`` in a window 700 px wide, the
filter bar on three lines). ``--docs`` also replaces docs/review.png and docs/review-700.png, the screenshots
the secretariat's page shows. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' helpers, as the package tests.helpers
from tests.helpers.reviewpage import ARGS, CHROMIUM, add_history, write_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "look")
    parser.add_argument("--docs", action="store_true", help="also replace docs/review.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ctpdoc-look-") as folder:
        sources = Path(folder) / "source_sheets"
        shutil.copytree(ROOT / "source_sheets", sources)
        add_history(sources, "2023-04-28", {"1.1": "Ongoing", "1.2": "Ongoing", "1.3": "Pending", "1.4": "Pending"})
        add_history(sources, "2024-04-26", {})
        page_path = write_page(sources, args.out)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(page_path.resolve().as_uri())
            page.screenshot(path=str(args.out / "review-1280.png"))
            page.screenshot(path=str(args.out / "review-full.png"), full_page=True)
            page.pdf(path=str(args.out / "review.pdf"), format="A4", print_background=True)
            narrow = browser.new_page(viewport={"width": 700, "height": 900})
            narrow.goto(page_path.resolve().as_uri() + "#a-1.19")  # an activity opened from its address
            narrow.screenshot(path=str(args.out / "review-700.png"))
            if args.docs:
                shutil.copy2(args.out / "review-700.png", ROOT / "docs" / "review-700.png")
            if args.docs:
                # the whole story in one picture: the figures, the reports compared, the filters and the first
                # changed activities (the "changed" filter on), at 1280 px drawn at 60 %
                small = browser.new_page(viewport={"width": 1280, "height": 2300}, device_scale_factor=0.6)
                small.goto(page_path.resolve().as_uri())
                small.check("#f-changed")
                small.screenshot(path=str(ROOT / "docs" / "review.png"))
            browser.close()
    print(f"wrote {args.out}/review-1280.png, review-full.png, review-700.png and review.pdf")


if __name__ == "__main__":
    main()
