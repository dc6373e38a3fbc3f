"""The corpus's rules, shared by the broken- and hostile-input tests (tests/hostile/): a folder's fingerprint (bytes
and modification times), a package's part rewritten, ctpdoc run in this process or as ``python -m ctpdoc`` with its
memory limited, and the one-line refusal every case must give."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ctpdoc.cli.main import cli
from tests.helpers.repo import ROOT

try:  # POSIX only: `make test-windowslike` blocks it, as Windows has no rlimits
    import resource
except ImportError:
    resource = None  # type: ignore[assignment]

MEMORY = 1536 * 2**20  # the bound: 1.5 GB


WP = "wp-2022-2025.xlsx"
DRAFT = "wp-2025-2028.xlsx"


EN, FR = "PC0720E1a-clean.docx", "PC0720F1a-clean.docx"


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], None]
    code: int
    expect: tuple[str, ...]
    strict_code: int | None = None  # for warnings: the exit code with --strict


def edit(sample: Path, name: str, change: Callable[[openpyxl.Workbook], None]) -> None:
    path = sample / "source_sheets" / name
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


def wb(name: str, change: Callable[[openpyxl.Workbook], None]) -> Callable[[Path], None]:
    return lambda sample: edit(sample, name, change)


def cell(sheet: str, ref: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][ref] = value

    return change


def set_setting(name: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        for row in book["Document"].iter_rows(min_row=2):
            if row[0].value == name:
                row[1].value = value

    return change


SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def shared_string(path: Path, sheet_part: str, ref: str, table: bytes) -> None:
    """Make cell ``ref`` a shared string, as Excel saves text, with ``table`` as xl/sharedStrings.xml."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts["xl/sharedStrings.xml"] = table
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdSST" Type="{SST}" Target="sharedStrings.xml"/></Relationships>'.encode()
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    sheet = parts[sheet_part].decode()
    parts[sheet_part] = re.sub(
        rf'<c r="{ref}"([^>]*?) t="inlineStr"([^>]*)><is>.*?</is></c>', rf'<c r="{ref}"\1 t="s"\2><v>0</v></c>', sheet, count=1
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def fingerprint(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def patch_part(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of a zip package, as another program might have saved it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def invoke(runner, sample, *extra):
    return runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(sample / "source_sheets"),
            "--templates",
            str(sample / "templates"),
            "--out",
            str(sample / "build"),
            *extra,
        ],
    )


def build_args(sample: Path, *extra: str) -> list[str]:
    return [
        "build",
        "--sources",
        str(sample / "source_sheets"),
        "--templates",
        str(sample / "templates"),
        "--out",
        str(sample / "build"),
        *extra,
    ]


def ctpdoc_limited(*args: str, memory: int = MEMORY, file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m ctpdoc ARGS`` with its memory (and file sizes) limited, as on a small machine."""

    def limits() -> None:
        if resource is None:
            return  # the tests' own cap, which Windows cannot set; ctpdoc's bounds are counted by ctpdoc itself
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        preexec_fn=limits if resource is not None else None,
    )


def ctpdoc_in(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m ctpdoc ARGS`` run in ``folder``, its memory limited, within 60 s."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args], capture_output=True, text=True, timeout=60, cwd=folder,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])), **(env or {})},
        preexec_fn=limits if resource is not None else None,
    )  # fmt: skip


def assert_user_error(done: subprocess.CompletedProcess[str], *expect: str) -> str:
    """Exit 1, one problem on one line, no traceback, not "unexpected"; gives the problem's line."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1] in ("1 problem found; nothing was written.", ""), done.stderr
    problem = lines[0]
    assert len(problem) < 600, problem
    for fragment in expect:
        assert fragment in problem, problem
    return problem


def assert_refused(code: int, output: str, *expect: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output and "unexpected" not in output, output
    lines = [line for line in output.splitlines() if line]
    counted = re.fullmatch(r"(\d+) problems? found; nothing was written\.", lines[-1])
    problems = lines[:-1] if counted else lines
    assert len(problems) == (int(counted[1]) if counted else 1), output  # one line a problem: nothing from the input forged one
    for fragment in expect:
        assert fragment in problems[0], output


def inject(source: Path, target: Path, chunks: Iterator[str]) -> Path:
    """``source`` with ``chunks`` streamed into its document.xml before ``</w:body>`` (never held whole)."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    head, tail = parts.pop("word/document.xml").decode().rsplit("</w:body>", 1)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
        with out.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head.encode())
            for chunk in chunks:
                stream.write(chunk.encode())
            stream.write(("</w:body>" + tail).encode())
    return target


def repeated(unit: str, count: int, before: str = "", after: str = "") -> Iterator[str]:
    yield before
    for start in range(0, count, 1000):
        yield unit * min(1000, count - start)
    yield after
