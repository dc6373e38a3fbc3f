"""PDF export: the finished documents through LibreOffice, archival (PDF/A-2b) and tagged.

Takes ``.docx`` bytes by file name; gives PDF bytes by file name. LibreOffice
runs headless with a profile of its own in a temporary folder, so it works
beside a LibreOffice the user has open. Its default view shows tracked
changes, as Word's "All Markup" does, in the colours and marks of
:mod:`ctpdoc.output.pdfmarkup`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ctpdoc.errors import CtpdocError
from ctpdoc.output.pdfmarkup import without_move_pairs, write_settings

# LibreOffice's PDF export options: PDF/A-2b (archival), tagged structure (accessible), the
# headings as the outline (bookmarks).
EXPORT_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
}
TIMEOUT = 300  # seconds for one conversion run
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
TAIL = 4096  # bytes of LibreOffice's output kept for a message, and where a PDF's %%EOF is looked for
_RUNNING: set[subprocess.Popen[bytes]] = set()  # LibreOffice while it runs: ended with its group if ctpdoc is stopped


ENVIRONMENT = "CTPDOC_SOFFICE"  # the environment variable naming LibreOffice's soffice, as --soffice does
POLL = 0.25  # seconds between looks at the PDFs LibreOffice has made, for the progress lines


def default_places() -> list[Path]:
    """Where LibreOffice's own installer puts it on Windows and macOS (neither adds it to the PATH)."""
    if sys.platform == "win32":
        roots = [os.environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in (*roots, r"C:\Program Files") if root]
    if sys.platform == "darwin":
        bundle = Path("LibreOffice.app") / "Contents" / "MacOS" / "soffice"
        return [Path("/Applications") / bundle, Path.home() / "Applications" / bundle]
    return [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice"), Path("/opt/libreoffice/program/soffice")]


NOT_FOUND = (
    "LibreOffice not found: --pdf needs it. Install it (Windows: winget install TheDocumentFoundation.LibreOffice, "
    "or https://www.libreoffice.org/download/; macOS: brew install --cask libreoffice, or the same site; "
    "Debian/Ubuntu: sudo apt-get install libreoffice-writer; Fedora: sudo dnf install libreoffice-writer), "
    f"or name its soffice with --soffice PATH or the {ENVIRONMENT} environment variable; or drop --pdf"
)


def find_soffice(given: str | None = None) -> str:
    """LibreOffice's ``soffice``: the one named (``--soffice``, else ``CTPDOC_SOFFICE``), else the first on the
    ``PATH``, else the one in its default place."""
    named = given or os.environ.get(ENVIRONMENT)
    if named:
        where = "--soffice" if given else ENVIRONMENT
        path = Path(named)
        found = shutil.which(str(path / "soffice") if path.is_dir() else named)
        if not found:
            raise CtpdocError(f"{where} {named}: no LibreOffice program there; give the path of soffice (soffice.exe on Windows)")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in default_places():
        if place.is_file() and os.access(place, os.X_OK):
            return str(place)
    raise CtpdocError(NOT_FOUND)


def convert(
    documents: dict[str, bytes], soffice: str | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, bytes]:
    """``{"PC0720F1a.docx": …}`` → ``{"PC0720F1a.pdf": …}``, in one LibreOffice run; ``progress`` is told each
    PDF as LibreOffice finishes it."""
    soffice = soffice or find_soffice()
    with tempfile.TemporaryDirectory(prefix="ctpdoc-pdf-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        write_settings(work / "profile")  # revisions in fixed colours
        for name, data in documents.items():
            (work / "in" / name).write_bytes(without_move_pairs(data))
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", f"pdf:writer_pdf_Export:{json.dumps(EXPORT_OPTIONS)}",
            "--outdir", str(work / "out"),
            *(str(work / "in" / name) for name in documents),
        ]  # fmt: skip
        outputs = [work / "out" / (Path(name).stem + ".pdf") for name in documents]
        code, said = run(command, outputs, progress or (lambda line: None))
        detail = said.strip().splitlines()[-1:] or ["no output"]
        if code != 0:
            how = f"was stopped by signal {-code}" if code < 0 else f"ended with exit code {code}"
            raise CtpdocError(
                f"LibreOffice {how} while making the PDFs ({detail[0]}); "
                "no PDF was written, nor the documents: try again, or drop --pdf"
            )
        pdfs = {}
        for name, pdf in zip(documents, outputs, strict=True):
            if not pdf.is_file():
                raise CtpdocError(f"LibreOffice did not convert {name} to PDF ({detail[0]}); nothing was written")
            data = pdf.read_bytes()
            problem = pdf_problem(data)
            if problem:
                raise CtpdocError(f"LibreOffice made {pdf.name} {problem}; nothing was written: try again, or drop --pdf")
            pdfs[pdf.name] = data
        return pdfs


def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` is not a whole PDF (its header, its ``%%EOF`` trailer, a page at least); ``None`` if it is."""
    if not data.startswith(b"%PDF-"):
        return "without a PDF header (it is not a PDF)"
    if b"%%EOF" not in data[-TAIL:]:
        return "without its %%EOF trailer (cut short)"
    if not page_count(data):
        return "without a page"
    return None


def run(command: list[str], outputs: list[Path], progress: Callable[[str], None]) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own, telling each PDF once it is finished (the next one has begun,
    or LibreOffice has ended); gives its exit code and the end of what it printed.

    It is waited for by its exit status, within :data:`TIMEOUT`, not by the end of its output: its output goes to
    files, so a child it leaves behind holding them holds nothing. When it has ended, or on the timeout, its whole
    group is ended: nothing it started outlives the conversion."""
    started = time.monotonic()
    told = 0
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=said, stderr=said, **own_group())
        _RUNNING.add(process)
        try:
            while True:
                try:
                    code = process.wait(timeout=POLL)
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() - started > TIMEOUT:
                        raise CtpdocError(
                            f"LibreOffice took more than {TIMEOUT} s to make the PDFs; try again, or drop --pdf"
                        ) from None
                    finished = sum(1 for later in outputs[1:] if later.exists())
                    told = tell(outputs, told, finished, started, progress)
        finally:
            end_group(process)
        tell(outputs, told, sum(1 for pdf in outputs if pdf.is_file()), started, progress)
        return code, tail(said)


def own_group() -> dict[str, Any]:
    """Popen's arguments for a process group of LibreOffice's own (a session on POSIX)."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def end_group(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice's group (what it left running included), then LibreOffice if it still runs."""
    _RUNNING.discard(process)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.kill()
        process.wait()


def end_all() -> None:
    """End every LibreOffice this process runs, with its group: ctpdoc is being stopped (Ctrl-C, ``kill``). Its own
    session does not receive the terminal's Ctrl-C, so ctpdoc ends it."""
    for process in list(_RUNNING):
        end_group(process)


def tail(stream: IO[bytes]) -> str:
    """The end of what LibreOffice printed, for a message."""
    size = stream.seek(0, os.SEEK_END)
    stream.seek(max(size - TAIL, 0))
    return stream.read().decode("utf-8", "replace")


def tell(outputs: list[Path], told: int, finished: int, started: float, progress: Callable[[str], None]) -> int:
    for number in range(told, finished):
        progress(f"made {outputs[number].name} ({number + 1} of {len(outputs)}, {time.monotonic() - started:.0f} s)")
    return max(told, finished)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed there)."""
    return len(_PAGE.findall(pdf))
