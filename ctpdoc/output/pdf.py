"""PDF export: the finished documents through LibreOffice, archival (PDF/A-2b) and tagged.

Takes ``.docx`` bytes by file name; gives PDF bytes by file name. LibreOffice
runs headless with a profile of its own in a temporary folder, so it works
beside a LibreOffice the user has open. Its default view shows tracked
changes, as Word's "All Markup" does, in the colours and marks of
:mod:`ctpdoc.output.pdfmarkup`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
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


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise CtpdocError(
        "soffice not found: --pdf needs LibreOffice; install it (Debian/Ubuntu: apt-get install libreoffice-writer, "
        "macOS: brew install --cask libreoffice) or drop --pdf"
    )


def convert(documents: dict[str, bytes]) -> dict[str, bytes]:
    """``{"PC0720F1a.docx": …}`` → ``{"PC0720F1a.pdf": …}``, in one LibreOffice run."""
    soffice = find_soffice()
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
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise CtpdocError(f"LibreOffice took more than {TIMEOUT} s to make the PDFs; try again, or drop --pdf") from exc
        pdfs = {}
        for name in documents:
            pdf = work / "out" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise CtpdocError(f"LibreOffice did not convert {name} to PDF ({detail[0]}); nothing was written")
            pdfs[pdf.name] = pdf.read_bytes()
        return pdfs


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed there)."""
    return len(_PAGE.findall(pdf))
