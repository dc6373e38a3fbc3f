"""Benchmark: the full build at 100, 1,000 and 10,000 activities, against the floor of its libraries.

Peak memory is the proportional set size (PSS) of the whole process tree, sampled every 20 ms:
memory a fork shares counts once.

    .venv/bin/python tools/bench.py [--sizes 100 1000 10000] [--out build/bench.json]

For each size it generates synthetic bilingual workbooks (with a baseline that differs in a
quarter of the rows), then, each in a fresh process so that interpreter start and peak memory
count:
- the full build (`ctpdoc build`: both languages, tracked and clean, every check), timed per stage;
- the floor: openpyxl in read-only mode reading the same workbooks, plus bare docxtpl rendering the
  same rows into the same templates and saving, with none of ctpdoc's checks, diff or marks.
It prints a table and writes the figures to build/bench.json. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORDS_EN = ("customs administrations members guidance the of and to on for data single window risk management trade facilitation "
            "agreement border agencies cooperation capacity building workshop survey report published endorsed secretariat").split()  # fmt: skip
WORDS_FR = ("administrations douanières membres orientations les des et à sur pour données guichet unique gestion risques facilitation "
            "échanges accord frontière organismes coopération renforcement capacités atelier enquête rapport publié entériné secrétariat").split()  # fmt: skip
STATUSES = ("completed", "ongoing", "pending")


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def activity_rows(rng: random.Random, count: int, part: int, reported: bool) -> list[list[object]]:
    rows = []
    for i in range(1, count + 1):
        row: list[object] = [f"{part}.{i}", f"SO{rng.randint(1, 4)}", sentence(rng, WORDS_EN, 14), sentence(rng, WORDS_FR, 16)]
        if part == 1:
            row += [sentence(rng, WORDS_EN, 6), sentence(rng, WORDS_FR, 7)]
            row += [dt.datetime(2023 + rng.randint(0, 2), rng.randint(1, 12), 1) if rng.random() < 0.6 else "2023-2025"]
            row += ["PTC", "CTP"]
            if reported:
                row += [rng.choice(STATUSES)]
        if reported:
            row += [sentence(rng, WORDS_EN, 30), sentence(rng, WORDS_FR, 34)]
        rows.append(row)
    return rows


def age(rng: random.Random, rows: list[list[object]], part: int) -> list[list[object]]:
    """The baseline: a quarter of the rows older (a status, a sentence less, a word changed), 1% added, 1% removed."""
    older = []
    for row in rows:
        if rng.random() < 0.01:
            continue  # added since the baseline
        row = list(row)
        if rng.random() < 0.25:
            if part == 1 and rng.random() < 0.5:
                row[9] = rng.choice(STATUSES)
            row[-2] = str(row[-2]).rsplit(" ", 3)[0] + " preparation."
            row[-1] = str(row[-1]).rsplit(" ", 3)[0] + " préparation."
        older.append(row)
    extra = max(1, len(rows) // 100)
    older += [[f"{part}.{len(rows) + i}", *rows[0][1:]] for i in range(1, extra + 1)]  # removed since
    return older


def headers(part: int, reported: bool) -> list[str]:
    names = ["No.", "Strategic objective", "Activity (EN)", "Activity (FR)"]
    if part == 1:
        names += ["Deliverable (EN)", "Deliverable (FR)", "Timeframe", "Lead (EN)", "Lead (FR)"] + (["Status"] if reported else [])
    return names + (["Progress (EN)", "Progress (FR)"] if reported else [])


def write_book(path: Path, parts: dict[str, tuple[list[str], list[list[object]]]]) -> None:
    book = openpyxl.Workbook(write_only=True)
    for title, (header, rows) in parts.items():
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def generate(folder: Path, activities: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    part1, part2 = activities * 45 // 100, activities - activities * 45 // 100
    current = {1: activity_rows(rng, part1, 1, True), 2: activity_rows(rng, part2, 2, True)}
    write_book(folder / "wp-2022-2025.xlsx", {"Part I": (headers(1, True), current[1]), "Part II": (headers(2, True), current[2])})
    write_book(folder / "baseline" / "wp-2022-2025.xlsx", {f"Part {'I' * p}": (headers(p, True), age(rng, current[p], p)) for p in (1, 2)})
    draft = {1: activity_rows(rng, part1 // 2, 1, False), 2: activity_rows(rng, part2 // 2, 2, False)}
    write_book(folder / "wp-2025-2028.xlsx", {"Part I": (headers(1, False), draft[1]), "Part II": (headers(2, False), draft[2])})
    shutil.copy2(ROOT / "source_sheets" / "document.xlsx", folder / "document.xlsx")


FLOOR = r'''
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
books = {(n, s): rows(n, s) for n in ("wp-2022-2025.xlsx", "baseline/wp-2022-2025.xlsx", "wp-2025-2028.xlsx") for s in ("Part I", "Part II")}
read = time.perf_counter() - started
def cells(r, lang):
    up = lang.upper()
    return {"no": RichText(str(r["No."])), "objective": RichText(str(r["Strategic objective"])), "activity": RichText(str(r[f"Activity ({up})"])),
            "deliverable": RichText(str(r.get(f"Deliverable ({up})", ""))), "timeframe": RichText(str(r.get("Timeframe", ""))),
            "lead": RichText(str(r.get(f"Lead ({up})", ""))), "status": RichText(str(r.get("Status", ""))), "progress": RichText(str(r.get(f"Progress ({up})", "")))}
filters = {"number": str, "plural": lambda n, **f: f.get("other", "").replace("#", str(n)), "ordinal": lambda ns, **f: "/".join(map(str, ns)),
           "listing": lambda items, p="#": ", ".join(items), "elide": lambda v, a, b: a + v}
import jinja2
for lang in ("en", "fr"):
    for variant in ("tracked", "clean"):
        doc = {"reference": "PC0720", "short_reference": "PC0720", "sessions": [247, 248], "meeting_dates": "5-8 May 2025", "meeting_month": "May",
               "place": "Brussels", "issue_date": "28 March 2025", "agenda_item": "V", "year": "2025", "previous_reports": ["April 2023", "April 2024"],
               "previous_report": "April 2024", "programme_end": "June 2025", "author": "Secretariat"}
        def programme(name):
            p1, p2 = books[(name, "Part I")], books[(name, "Part II")]
            return {"period": "2022-2025", "counts": {"total": len(p1) + len(p2), "part1": len(p1), "part2": len(p2), "ongoing": 1, "completed": 1, "pending": 1},
                    "part1": [cells(r, lang) for r in p1], "part2": [cells(r, lang) for r in p2]}
        env = jinja2.Environment(autoescape=True)
        env.filters.update(filters)
        template = DocxTemplate(f"{templates}/{lang}/report.docx")
        template.render({"doc": doc, "current": programme("wp-2022-2025.xlsx"), "draft": programme("wp-2025-2028.xlsx")}, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        open(f"{out}/{lang}-{variant}.docx", "wb").write(buffer.getvalue())
import resource
print(json.dumps({"read": read, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''


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


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds (interpreter start included), peak memory of the process tree, standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
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


def bench(sizes: list[int], out: Path) -> dict[str, object]:
    figures: dict[str, object] = {"machine": machine(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="ctpdoc-bench-") as folder:
        work = Path(folder)
        sample_timings = work / "timings-sample.json"
        sample_wall, sample_peak, _ = best_of(5, [str(ROOT / ".venv" / "bin" / "ctpdoc"), "build", "-q", "--out", str(work / "sample"), "--timings", str(sample_timings)])
        figures["sample"] = {"wall": sample_wall, **json.loads(sample_timings.read_text()), "peak_mb": sample_peak}
        for size in sizes:
            sources = work / f"src-{size}"
            generate(sources, size)
            repeat = 3 if size <= 1000 else 1
            timings_file = work / f"timings-{size}.json"
            full_wall, full_peak, _ = best_of(repeat, [PYTHON, "-m", "ctpdoc", "build", "-q", "--sources", str(sources), "--out", str(work / f"out-{size}"), "--timings", str(timings_file)])
            (work / f"floor-{size}").mkdir()
            floor_wall, floor_peak, _ = best_of(repeat, [PYTHON, "-c", FLOOR, str(sources), str(ROOT / "templates"), str(work / f"floor-{size}")])
            stages = json.loads(timings_file.read_text())
            figures["sizes"].append({  # type: ignore[union-attr]
                "activities": size, "wall": full_wall, "peak_mb": full_peak, "rusage_mb": stages.pop("peak_mb"), "stages": stages,
                "per_activity_ms": 1000 * full_wall / size, "floor_wall": floor_wall, "floor_peak_mb": floor_peak,
                "ratio_to_floor": full_wall / floor_wall,
            })  # fmt: skip
            print_row(figures["sizes"][-1])  # type: ignore[index]
            if size == max(sizes):  # the memory-saving setting, for the README's trade-off
                one_wall, one_peak, _ = run([PYTHON, "-m", "ctpdoc", "build", "-q", "--jobs", "1", "--sources", str(sources), "--out", str(work / f"one-{size}")])
                figures["one_job"] = {"activities": size, "wall": one_wall, "peak_mb": one_peak}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    return figures


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()}


HEADER = f"{'activities':>10} {'wall s':>7} {'read':>6} {'valid.':>6} {'diff':>6} {'render':>6} {'save':>6} {'peak MB':>8} {'ms/act':>7} {'floor s':>8} {'ratio':>6}"


def print_row(row: dict) -> None:
    stages = row["stages"]
    print(
        f"{row['activities']:>10} {row['wall']:>7.2f} {stages.get('read', 0):>6.2f} {stages.get('validate', 0):>6.2f} {stages.get('diff', 0):>6.2f} "
        f"{stages.get('render', 0):>6.2f} {stages.get('save', 0):>6.2f} {row['peak_mb']:>8.0f} {row['per_activity_ms']:>7.3f} {row['floor_wall']:>8.2f} {row['ratio_to_floor']:>6.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print("stage times are summed over the worker processes (the two languages render side by side)")
    print(HEADER, flush=True)
    figures = bench(args.sizes, args.out)
    sizes = {row["activities"]: row for row in figures["sizes"]}  # type: ignore[union-attr,index]
    sample = figures["sample"]  # type: ignore[index]
    print(f"\nsample report, 4 documents, interpreter start included: {sample['wall']:.2f} s wall (target < 1.0), peak {sample['peak_mb']:.0f} MB")
    if 1000 in sizes and 10000 in sizes:
        growth = sizes[10000]["per_activity_ms"] / sizes[1000]["per_activity_ms"]
        print(f"10,000 activities: {sizes[10000]['wall']:.2f} s (target < 15), peak {sizes[10000]['peak_mb']:.0f} MB (target < 600)")
        print(f"growth: time per activity at 10,000 / at 1,000 = {growth:.2f} (target <= 1.2)")
        print(f"full build / floor at 10,000 = {sizes[10000]['ratio_to_floor']:.2f} (target <= 1.5)")
    if "one_job" in figures:
        one = figures["one_job"]  # type: ignore[index]
        print(f"with --jobs 1 (one language at a time) at {one['activities']:,}: {one['wall']:.2f} s, peak {one['peak_mb']:.0f} MB")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
