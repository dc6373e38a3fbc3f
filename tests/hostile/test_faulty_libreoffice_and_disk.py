"""Hostile and faulty neighbours, round four (issue 30): LibreOffice, the timings file, a full disk.

LibreOffice is faked by small scripts given to ``--soffice`` (as a user names theirs): one that writes good
PDFs, one that leaves a child holding its output, one that crashes after a torn PDF, one that hangs. A PDF
is accepted only from a LibreOffice that exited 0 and only whole (header, ``%%EOF``, a page); else the build
is exit 1 and ``build/`` is as it was. LibreOffice's process group is ended when it ends or times out.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ctpdoc.output.pdf
from ctpdoc.cli.main import cli
from ctpdoc.output.pdf import pdf_problem
from tests.helpers.corpus import fingerprint
from tests.helpers.repo import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="an executable Python script stands for soffice (Windows runs only .exe)"
)

GOOD_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Page >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
FAKE = """#!{python}
import os, subprocess, sys, time
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
os.makedirs(out, exist_ok=True)
inputs = [a for a in args if a.endswith(".docx")]
pdf = {pdf!r}
for name in inputs:
    with open(os.path.join(out, os.path.basename(name)[:-5] + ".pdf"), "wb") as stream:
        stream.write(pdf)
print("converting", len(inputs), flush=True)
if {child!r}:  # a background child that holds LibreOffice's stdout and stderr, its pid told
    child = subprocess.Popen(["sleep", "600"])
    open({pid_file!r}, "w").write(str(child.pid))
if {hang!r}:
    time.sleep(600)
sys.exit({code!r})
"""


def fake_soffice(
    folder: Path, pdf: bytes = GOOD_PDF, code: int = 0, child: bool = False, hang: bool = False
) -> tuple[Path, Path]:
    """A fake soffice that writes ``pdf`` for each document and exits ``code``; gives it and its child's pid file."""
    script = folder / "fake-soffice"
    pid_file = folder / "child.pid"
    script.write_text(FAKE.format(python=sys.executable, pdf=pdf, code=code, child=child, hang=hang, pid_file=str(pid_file)))
    script.chmod(0o755)
    return script, pid_file


def build_pdf(runner, sample: Path, soffice: Path, *extra: str):
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
            "--pdf",
            "--soffice",
            str(soffice),
            *extra,
        ],
    )


def gone(pid_file: Path) -> bool:
    """Whether the child whose pid the fake wrote has ended (within a few seconds: a SIGKILL is delivered at once)."""
    pid = int(pid_file.read_text())
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        with open(f"/proc/{pid}/stat") as stat:  # a zombie (ended, not yet reaped by init) counts as ended
            if stat.read().split(") ")[-1].startswith("Z"):
                return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_a_good_libreoffice_gives_the_pdfs(runner, previous, tmp_path):  # noqa: F811
    soffice, _ = fake_soffice(tmp_path)
    result = build_pdf(runner, previous, soffice)
    assert result.exit_code == 0, result.output
    assert (previous / "build" / "PC0720E1a.pdf").read_bytes() == GOOD_PDF
    assert "PC0720E1a.pdf (en, " in result.output and ", 1 pages)" in result.output


@pytest.mark.slow
def test_a_child_holding_libreoffices_output_does_not_hold_the_build(previous, tmp_path):  # noqa: F811
    """Run as a user runs it, within the hostile corpora's 60 s: the child sleeps 600 s holding LibreOffice's stdout and
    stderr; a build that waited for the end of that output would be stopped by the timeout instead."""
    soffice, pid_file = fake_soffice(tmp_path, child=True)
    args = [
        "build",
        "--sources",
        str(previous / "source_sheets"),
        "--templates",
        str(previous / "templates"),
        "--out",
        str(previous / "build"),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "ctpdoc", *args, "--pdf", "--soffice", str(soffice)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert (previous / "build" / "PC0720E1a.pdf").read_bytes() == GOOD_PDF
    assert gone(pid_file), "LibreOffice's group outlived the build"


@pytest.mark.slow
@pytest.mark.parametrize(
    "pdf, code, expect",
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Ty", 134, "ended with exit code 134"),
        (GOOD_PDF, 1, "ended with exit code 1"),
        (GOOD_PDF, 139, "ended with exit code 139"),
        (b"", 0, "without a PDF header"),
        (b"<html>not a pdf</html>", 0, "without a PDF header"),
        (GOOD_PDF[:40], 0, "without its %%EOF trailer (cut short)"),
        (GOOD_PDF.replace(b"%%EOF", b"%%EO"), 0, "without its %%EOF trailer"),
        (b"%PDF-1.7\n<< /Type /Pages >>\n%%EOF\n", 0, "without a page"),
    ],
    ids=["crash after 19 bytes", "exit 1 with whole PDFs", "segfault", "empty", "not a PDF", "torn", "no trailer", "no page"],
)
def test_a_pdf_is_taken_only_whole_from_a_libreoffice_that_succeeded(runner, previous, tmp_path, pdf, code, expect):  # noqa: F811
    soffice, _ = fake_soffice(tmp_path, pdf=pdf, code=code)
    before = fingerprint(previous / "build")
    result = build_pdf(runner, previous, soffice)
    assert result.exit_code == 1, result.output
    assert expect in result.output and "Traceback" not in result.output, result.output
    assert fingerprint(previous / "build") == before  # no PDF, and the documents as they were


@pytest.mark.slow
def test_a_hung_libreoffice_is_ended_with_its_group(runner, previous, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(ctpdoc.output.pdf, "TIMEOUT", 2)
    soffice, pid_file = fake_soffice(tmp_path, child=True, hang=True)
    before = fingerprint(previous / "build")
    result = build_pdf(runner, previous, soffice)
    assert result.exit_code == 1 and "LibreOffice took more than 2 s" in result.output, result.output
    assert gone(pid_file), "LibreOffice's group outlived the timeout"
    assert fingerprint(previous / "build") == before


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_stopped_build_ends_libreoffice_with_it(previous, tmp_path, signal_name):  # noqa: F811
    """LibreOffice runs in a session of its own, which the terminal's Ctrl-C does not reach: ctpdoc, stopped,
    ends it and what it started."""
    import signal

    soffice, pid_file = fake_soffice(tmp_path, child=True, hang=True)
    args = [
        "build",
        "--sources",
        str(previous / "source_sheets"),
        "--templates",
        str(previous / "templates"),
        "--out",
        str(previous / "build"),
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "ctpdoc", *args, "--pdf", "--soffice", str(soffice)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        for _ in range(1200):  # until LibreOffice has started its child (the build's rendering comes first)
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
        process.send_signal(getattr(signal, signal_name))
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    try:
        assert process.returncode == 128 + getattr(signal, signal_name), stderr
        assert gone(pid_file), "LibreOffice's group outlived the stopped build"
    finally:  # what a failure would leave running
        with contextlib.suppress(OSError, ValueError):
            os.killpg(os.getpgid(int(pid_file.read_text())), signal.SIGKILL)


def test_what_makes_a_whole_pdf():
    assert pdf_problem(GOOD_PDF) is None
    assert pdf_problem(GOOD_PDF + b"\n" * 100) is None
    assert pdf_problem(b"%PDF-1.7\n" + b"x" * 10_000 + b"\n%%EOF\n") == "without a page"
    assert pdf_problem(GOOD_PDF + b"x" * 10_000) == "without its %%EOF trailer (cut short)"


@pytest.mark.slow
def test_a_full_disk_while_writing_the_timings_is_exit_1_and_no_torn_file(runner, previous, tmp_path, monkeypatch):  # noqa: F811
    timings = tmp_path / "timings" / "t.json"
    timings.parent.mkdir()
    real = Path.write_text

    def full_disk(self: Path, data: str, *args: object, **kwargs: object) -> int:
        if self.parent == timings.parent:
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full_disk)
    result = runner.invoke(
        cli,
        [
            "build",
            "--sources",
            str(previous / "source_sheets"),
            "--templates",
            str(previous / "templates"),
            "--out",
            str(previous / "build"),
            "--timings",
            str(timings),
        ],
    )
    assert result.exit_code == 1, result.output
    assert f"{timings}: cannot be written (No space left on device)" in result.output
    assert list(timings.parent.iterdir()) == []  # neither the file nor a temporary
