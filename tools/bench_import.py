"""``make bench``, import part: reading Word documents back, against the time to build them.

For the sample report and for a synthetic 2,000-activity pair (``tests/helpers/factory.py`` workbooks),
builds both languages (tracked and clean) in a fresh process, then imports the two tracked
documents in a fresh process, and prints each time and the ratio import / build (the target is
at most 1: importing a report costs no more than building it). Writes ``build/bench-import.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' helpers, as the package tests.helpers

from tests.helpers.factory import part1_row, part2_row, write_sources  # noqa: E402

CTPDOC = [sys.executable, "-m", "ctpdoc"]
STATUSES = ("ongoing", "completed", "pending")


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([*CTPDOC, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def synthetic(folder: Path, activities: int) -> Path:
    """Half in Part I (statuses in turn, a line break in every progress), half in Part II."""
    half = activities // 2
    part1 = [part1_row(f"1.{i}", STATUSES[i % 3],
                       (f"Work on {i} goes on.\nNext: a review.", f"Les travaux sur {i} se poursuivent ; suite : un examen."),
                       dt.datetime(2023 + i % 3, 1 + i % 12, 28)) for i in range(1, half + 1)]  # fmt: skip
    part2 = [part2_row(f"2.{i}") for i in range(1, activities - half + 1)]
    return write_sources(folder, part1=part1, part2=part2)


def measure(name: str, sources: Path, folder: Path) -> dict[str, object]:
    out = folder / "out"
    build = timed("build", "--sources", str(sources), "--templates", str(ROOT / "templates"), "--out", str(out), "--quiet")
    documents = sorted(str(p) for p in out.glob("*.docx") if not p.stem.endswith("-clean"))
    imported = timed("import", *documents, "--into", str(folder / "imported"))
    return {"case": name, "build_s": round(build, 3), "import_s": round(imported, 3), "ratio": round(imported / build, 2)}


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="ctpdoc-bench-import-") as temporary:
        folder = Path(temporary)
        results.append(measure("sample (94 + 69)", ROOT / "source_sheets", folder / "sample"))
        results.append(measure("2,000", synthetic(folder / "large" / "sources", 2000), folder / "large"))
    print("| import of | build | import | import / build |")
    print("|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['case']} | {r['build_s']:.2f} s | {r['import_s']:.2f} s | {r['ratio']:.2f} |")
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "bench-import.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
