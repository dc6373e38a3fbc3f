"""Benchmark: the sample report against importing the libraries, and the full build at 200, 2,000 and
10,000 activities against the floor of its libraries. Figures are ratios measured in the same run.

    .venv/bin/python tools/bench.py [--sizes 200 2000 10000] [--out build/bench.json]

Each run is a fresh process, so that interpreter start and peak memory count:
- the libraries' import (`python -c "import docxtpl, docx, openpyxl, babel.dates, click"`);
- the sample report (both languages, tracked and clean), and its review page (`ctpdoc review`);
- for each size, synthetic bilingual workbooks (tests/helpers/factory.py: a baseline that differs in a quarter
  of the rows), built in full (`ctpdoc build`: every check, timed per stage), and the floor: openpyxl in
  read-only mode reading the same workbooks, plus bare docxtpl rendering the same rows into the same
  templates and saving, with none of ctpdoc's checks, diff or marks; and the review page of the same workbooks.
ctpdoc remembers between runs what it works out from files that seldom change (ctpdoc/package/remembered.py), here
in a temporary folder of the bench's own, from nothing. Each build is measured twice: with the workbooks as they were
(a translator's build after editing a template: each workbook remembered as read) and with every workbook read anew
(a drafter's after editing them all: what was remembered of them forgotten before each run); the sample's very first
build, nothing remembered at all, is told too. Each figure is the best of 5 runs at 200 activities (the noisiest: a
second a run), of 3 at 2,000, of 1 at 10,000, the builds and their floor alike, run in turn (the import and the
sample too): a ratio is of runs made in the same minutes. Peak memory is the proportional set size (PSS) of the
process tree, sampled every 20 ms. It prints a table and the targets, and writes the figures to build/bench.json.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' helpers, as the package tests.helpers
from tests.helpers.factory import write_synthetic_sources  # noqa: E402

PYTHON = sys.executable
IMPORTS = "import docxtpl, docx, openpyxl, babel.dates, click"
FLOOR = r"""
import io, sys, time, json
started = time.perf_counter()
import openpyxl
from docxtpl import DocxTemplate, RichText
folder, templates, out = sys.argv[1:4]
def rows(name, sheet):
    book = openpyxl.load_workbook(f"{folder}/{name}", read_only=True, data_only=True)
    values = list(book[sheet].iter_rows(values_only=True))
    book.close()
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:]]
books = {(n, s): rows(n, s) for n in ("wp-2022-2025.xlsx", "baseline/wp-2022-2025.xlsx", "wp-2025-2028.xlsx")
         for s in ("Part I", "Part II")}
read = time.perf_counter() - started
def cells(r, lang):
    up = lang.upper()
    return {"no": RichText(str(r["No."])), "strategic_objective": RichText(str(r["Strategic objective"])),
            "activity": RichText(str(r[f"Activity ({up})"])),
            "deliverable": RichText(str(r.get(f"Deliverable ({up})", ""))), "timeframe": RichText(str(r.get("Timeframe", ""))),
            "lead": RichText(str(r.get(f"Lead ({up})", ""))), "status": RichText(str(r.get("Status", ""))),
            "progress": RichText(str(r.get(f"Progress ({up})", "")))}
filters = {"runs": lambda text: RichText(str(text)), "number": str,
           "plural": lambda n, **f: f.get("other", "").replace("#", str(n)), "ordinal": lambda ns, **f: "/".join(map(str, ns)),
           "listing": lambda items, p="#": ", ".join(items), "elide": lambda v, a, b: a + v}
import jinja2
for lang in ("en", "fr"):
    for variant in ("tracked", "clean"):
        doc = {"reference": "PC0720", "short_reference": "PC0720", "sessions": [247, 248], "meeting_dates": "5-8 May 2025",
               "meeting_month": "May", "place": "Brussels", "issue_date": "28 March 2025", "agenda_item": "V", "year": "2025",
               "previous_reports": ["April 2023", "April 2024"],
               "previous_report": "April 2024", "programme_end": "June 2025", "author": "Secretariat",
               "status": {"completed": "Completed", "ongoing": "Ongoing", "pending": "Pending"}}
        def programme(name):
            p1, p2 = books[(name, "Part I")], books[(name, "Part II")]
            none = {"count": 0, "numbers": [], "part1": [], "part2": []}
            return {"period": "2022-2025",
                    "counts": {"total": len(p1) + len(p2), "part1": len(p1), "part2": len(p2),
                               "ongoing": 1, "completed": 1, "pending": 1},
                    "changes": {"added": none, "removed": none, "changed": none, "status_moves": none},
                    "part1": [cells(r, lang) for r in p1], "part2": [cells(r, lang) for r in p2]}
        env = jinja2.Environment(autoescape=True)
        env.filters.update(filters)
        template = DocxTemplate(f"{templates}/{lang}/report.docx")
        template.render({"doc": doc, "current": programme("wp-2022-2025.xlsx"), "draft": programme("wp-2025-2028.xlsx")},
                        jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        open(f"{out}/{lang}-{variant}.docx", "wb").write(buffer.getvalue())
try:
    import resource  # not on Windows: the peak is then measured from outside only
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
except ImportError:
    peak = None
print(json.dumps({"read": read, "peak_mb": peak}))
"""


def tree_memory_mb(root: int) -> float:
    """Proportional set size (PSS) of a process and its descendants: memory shared after a fork
    counts once, which the resident sets of the processes, added up, would not."""
    total = 0
    pids = [root]
    while pids:
        pid = pids.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            with open(f"/proc/{pid}/task/{pid}/children") as children:
                pids += [int(child) for child in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


# What ctpdoc remembers between runs (ctpdoc/package/remembered.py) is kept in the bench's own temporary folder, from
# nothing: the first build of each folder of workbooks reads them; "read anew" forgets them before each of its runs.
ENVIRONMENT: dict[str, str] = dict(os.environ)
READINGS = ("programme-*", "settings-*")  # the kinds of what is remembered that are the workbooks as read


class Command(list[str]):
    """A command line, and what to do before each run of it (``None``: nothing)."""

    def __init__(self, words: list[str], before: Any = None) -> None:
        super().__init__(words)
        self.before = before


def forget_readings() -> None:
    """The workbooks as read, forgotten: the next build reads every workbook anew (the templates' checks and
    code, the record, stay remembered: a drafter's build after editing every workbook)."""
    for folder in Path(ENVIRONMENT["TMPDIR"]).glob("_ctpdoc-cache-*"):
        for kind in READINGS:
            for kept in folder.glob(kind):
                kept.unlink()


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds (interpreter start included), peak memory of the process tree, standard output."""
    before = getattr(command, "before", None)
    if before is not None:
        before()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENVIRONMENT)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_memory_mb(process.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{out}{err}")
    return wall, peak, out


def best_of(repeat: int, command: list[str]) -> tuple[float, float, str]:
    return min((run(command) for _ in range(repeat)), key=lambda r: r[0])


def best_of_each(repeat: int, *commands: list[str]) -> list[tuple[float, float, str]]:
    """The best run of each command, the commands run in turn: a ratio of two of them is measured over the same
    minutes, not one before the other while the machine's speed drifts."""
    runs: list[list[tuple[float, float, str]]] = [[] for _ in commands]
    for _ in range(repeat):
        for done, command in zip(runs, commands, strict=True):
            done.append(run(command))
    return [min(done, key=lambda r: r[0]) for done in runs]


def bench(sizes: list[int], out: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "sizes": []}
    # ctpdoc as installed: pip compiles a package's modules to bytecode when it installs it (the libraries here
    # were), while the repository's editable install leaves that to each run when PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "ctpdoc")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="ctpdoc-bench-") as folder:
        work = Path(folder)
        (work / "tmp").mkdir()
        ENVIRONMENT["TMPDIR"] = str(work / "tmp")  # nothing remembered from before the bench
        sample_timings = work / "timings-sample.json"
        sample_build = [PYTHON, "-m", "ctpdoc", "build", "-q", "--out", str(work / "sample")]
        first_sample, _, _ = run(sample_build)  # nothing remembered: every workbook read, every template checked
        (imports, _, _), (sample_wall, sample_peak, _), (sample_anew, _, _) = best_of_each(
            5,
            [PYTHON, "-c", IMPORTS],
            [*sample_build, "--timings", str(sample_timings)],
            Command(sample_build, forget_readings),
        )
        figures["imports"] = imports
        figures["sample"] = {
            "wall": sample_wall,
            **json.loads(sample_timings.read_text()),
            "peak_mb": sample_peak,
            "ratio_to_imports": sample_wall / imports,
            "read_anew": sample_anew,
            "read_anew_ratio": sample_anew / imports,
            "first": first_sample,
            "first_ratio": first_sample / imports,
        }
        print(
            f"libraries imported in {imports:.2f} s; "
            f"sample report in {sample_wall:.2f} s = {sample_wall / imports:.2f} × the imports (target <= 3.0); "
            f"its workbooks read anew {sample_anew:.2f} s = {sample_anew / imports:.2f} ×; "
            f"nothing remembered {first_sample:.2f} s = {first_sample / imports:.2f} ×"
        )
        review_wall, review_peak, _ = best_of(5, [PYTHON, "-m", "ctpdoc", "review", "-q", "--out", str(work / "sample")])
        figures["sample"]["review"] = {"wall": review_wall, "peak_mb": review_peak, "ratio_to_build": review_wall / sample_wall}
        print(
            f"sample review page in {review_wall:.2f} s = {review_wall / sample_wall:.2f} × the build "
            "(the page alone; since issue 28 build makes it too)"
        )
        print(HEADER, flush=True)
        for size in sizes:
            sources = write_synthetic_sources(work / f"src-{size}", size, ROOT / "source_sheets" / "document.xlsx")
            repeat = 5 if size <= 200 else 3 if size <= 2000 else 1  # the smallest size is the noisiest: a second a run
            timings_file = work / f"timings-{size}.json"
            (work / f"floor-{size}").mkdir()
            build = [PYTHON, "-m", "ctpdoc", "build", "-q", "--sources", str(sources), "--out", str(work / f"out-{size}")]
            anew_timings = work / f"timings-{size}-anew.json"
            (anew_wall, anew_peak, _), (full_wall, full_peak, _), (floor_wall, floor_peak, _) = best_of_each(
                repeat,
                Command([*build, "--timings", str(anew_timings)], forget_readings),  # first: nothing read before
                [*build, "--timings", str(timings_file)],
                [PYTHON, "-c", FLOOR, str(sources), str(ROOT / "templates"), str(work / f"floor-{size}")],
            )
            review_wall, review_peak, _ = best_of(
                repeat, [PYTHON, "-m", "ctpdoc", "review", "-q", "--sources", str(sources), "--out", str(work / f"out-{size}")]
            )
            stages = json.loads(timings_file.read_text())
            figures["sizes"].append({
                "activities": size, "wall": full_wall, "peak_mb": full_peak, "rusage_mb": stages.pop("peak_mb"), "stages": stages,
                "per_activity_ms": 1000 * full_wall / size, "floor_wall": floor_wall, "floor_peak_mb": floor_peak,
                "ratio_to_floor": full_wall / floor_wall, "review_wall": review_wall, "review_peak_mb": review_peak,
                "read_anew": {"wall": anew_wall, "peak_mb": anew_peak, "stages": json.loads(anew_timings.read_text()),
                              "ratio_to_floor": anew_wall / floor_wall},
            })  # fmt: skip
            print_row(figures["sizes"][-1])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    return figures


def machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


HEADER = (
    f"{'activities':>10} {'wall s':>7} {'read':>6} {'valid.':>6} {'diff':>6} {'render':>6} {'save':>6} {'peak MB':>8}"
    f" {'ms/act':>7} {'floor s':>8} {'ratio':>6} {'anew s':>7} {'ratio':>6} {'peak':>5} {'review s':>9}"
)


def print_row(row: dict[str, Any]) -> None:
    stages = row["stages"]
    print(
        f"{row['activities']:>10} {row['wall']:>7.2f} {stages.get('read', 0):>6.2f} {stages.get('validate', 0):>6.2f} "
        f"{stages.get('diff', 0):>6.2f} {stages.get('render', 0):>6.2f} {stages.get('save', 0):>6.2f} {row['peak_mb']:>8.0f} "
        f"{row['per_activity_ms']:>7.3f} {row['floor_wall']:>8.2f} {row['ratio_to_floor']:>6.2f} "
        f"{row['read_anew']['wall']:>7.2f} {row['read_anew']['ratio_to_floor']:>6.2f} {row['read_anew']['peak_mb']:>5.0f} "
        f"{row['review_wall']:>9.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    figures = bench(args.sizes, args.out)
    sizes = {row["activities"]: row for row in figures["sizes"]}
    if 200 in sizes and 2000 in sizes:
        growth = sizes[2000]["per_activity_ms"] / sizes[200]["per_activity_ms"]
        print(f"growth: time per activity at 2,000 / at 200 = {growth:.2f} (target <= 1.2)")
        print(
            f"full build / floor at 2,000 = {sizes[2000]['ratio_to_floor']:.2f} (target <= 1.0); "
            f"peak {sizes[2000]['peak_mb']:.0f} MB (target < 200)"
        )
        print(
            f"review page / full build at 2,000 = {sizes[2000]['review_wall'] / sizes[2000]['wall']:.2f} (target < 1); "
            f"peak {sizes[2000]['review_peak_mb']:.0f} MB"
        )
    if 10000 in sizes:
        print(f"10,000 activities: {sizes[10000]['wall']:.2f} s, peak {sizes[10000]['peak_mb']:.0f} MB (target < 1,000)")
    worst = max((row["ratio_to_floor"] for row in figures["sizes"]), default=0.0)
    anew = max((row["read_anew"]["ratio_to_floor"] for row in figures["sizes"]), default=0.0)
    print(
        f"the worst size against its floor: {worst:.2f} (target <= 1.0 at every size); with every workbook read anew: {anew:.2f}"
    )
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
