"""PDF export: the finished documents through LibreOffice, archival (PDF/A-2b) and tagged.

Takes ``.docx`` bytes by file name; gives PDF bytes by file name. LibreOffice
runs headless with a profile of its own in a temporary folder, so it works
beside a LibreOffice the user has open. Its default view shows tracked
changes, as Word's "All Markup" does, in the colours and marks of
:mod:`ctpdoc.output.pdfmarkup`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def convert(documents: dict[str, bytes], soffice: str | None = None, progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
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
        stdout, stderr = run(command, outputs, progress or (lambda line: None))
        pdfs = {}
        for name, pdf in zip(documents, outputs, strict=True):
            if not pdf.is_file():
                detail = (stderr or stdout).strip().splitlines()[-1:] or ["no output"]
                raise CtpdocError(f"LibreOffice did not convert {name} to PDF ({detail[0]}); nothing was written")
            pdfs[pdf.name] = pdf.read_bytes()
        return pdfs


def run(command: list[str], outputs: list[Path], progress: Callable[[str], None]) -> tuple[str, str]:
    """Run LibreOffice, telling each PDF once it is finished (the next one has begun, or LibreOffice has ended)."""
    started = time.monotonic()
    told = 0
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while True:
        try:
            stdout, stderr = process.communicate(timeout=POLL)
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() - started > TIMEOUT:
                process.kill()
                process.communicate()
                raise CtpdocError(f"LibreOffice took more than {TIMEOUT} s to make the PDFs; try again, or drop --pdf") from None
            finished = sum(1 for later in outputs[1:] if later.exists())
            told = tell(outputs, told, finished, started, progress)
    tell(outputs, told, sum(1 for pdf in outputs if pdf.is_file()), started, progress)
    return stdout, stderr


def tell(outputs: list[Path], told: int, finished: int, started: float, progress: Callable[[str], None]) -> int:
    for number in range(told, finished):
        progress(f"made {outputs[number].name} ({number + 1} of {len(outputs)}, {time.monotonic() - started:.0f} s)")
    return max(told, finished)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed there)."""
    return len(_PAGE.findall(pdf))
