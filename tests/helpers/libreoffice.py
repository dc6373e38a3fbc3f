"""LibreOffice Writer, headless, as a test's real client: one office per test session, many documents.

Two halves in one file:

- imported by the tests (the venv's Python): :class:`Office` starts this same file under the
  system's Python (``/usr/bin/python3``, where Debian's ``python3-uno`` lives; the venv cannot import
  ``uno``), which starts one ``soffice --headless`` with a profile of its own and then answers
  requests, one JSON line each, until its input closes;
- run as a script (the system's Python): that server. For each document it opens it hidden,
  optionally records edits as a named author, runs Edit › Track Changes › Accept All or Reject All
  (the dispatcher's ``.uno:AcceptAllTrackedChanges`` / ``.uno:RejectAllTrackedChanges``, what the
  menu runs), saves it in a format, and reports what LibreOffice sees: its revisions (the Manage
  Changes list, ``XRedlinesSupplier``), its body text and every table's rows.

``office()`` gives ``None`` with the reason where LibreOffice or Python-UNO is missing, for a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
STARTUP_SECONDS = 120


@dataclass(frozen=True)
class Seen:
    """What LibreOffice shows of one document."""

    redlines: list[dict[str, str]]  # each revision: type (Insert, Delete, Format, TableRowInsert…), author
    paragraphs: list[str]  # body paragraphs outside tables, in order
    tables: list[list[list[str]]]  # every top-level table: rows of cell texts

    @property
    def row_counts(self) -> list[int]:
        return [len(table) for table in self.tables]


def missing() -> str | None:
    """Why LibreOffice cannot be driven here, or ``None``."""
    if not shutil.which("soffice"):
        return "LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer"
    if not Path(SYSTEM_PYTHON).is_file():
        return f"{SYSTEM_PYTHON} not found: Python-UNO (Debian's python3-uno) runs under the system's Python"
    done = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, text=True)
    if done.returncode != 0:
        return "Python-UNO is missing (import uno fails under /usr/bin/python3); .ci/run installs python3-uno"
    return None


class Office:
    """One headless LibreOffice for many requests; close() ends it (and only it)."""

    def __init__(self, profile: Path) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(Path(__file__).resolve()), str(profile)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def request(self, **job: Any) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the LibreOffice driver stopped (exit {self.process.wait()}); see the test's stderr")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"LibreOffice: {answer['error']}")
        return answer

    def open(
        self, path: Path, action: str | None = None, save_as: Path | None = None, record_as: str | None = None,
        replace: tuple[tuple[str, str], ...] = (), bold: tuple[str, ...] = (),
    ) -> Seen:  # fmt: skip
        """Open ``path``; make the ``replace`` and ``bold`` edits, recorded as tracked changes by ``record_as`` when given;
        ``action`` "accept" or "reject" all changes; ``save_as`` a .docx or .odt; gives what LibreOffice then shows."""
        answer = self.request(
            path=str(path.resolve()), action=action, save_as=str(save_as.resolve()) if save_as else None,
            record_as=record_as, replace=list(replace), bold=list(bold),
        )  # fmt: skip
        return Seen(answer["redlines"], answer["paragraphs"], answer["tables"])

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()  # else its pipe is closed by the garbage collector, with a ResourceWarning


# ---------------------------------------------------------------- the server, under /usr/bin/python3 with uno

FILTERS = {".docx": "MS Word 2007 XML", ".odt": "writer8", ".pdf": "writer_pdf_Export"}


def serve(profile: Path) -> None:  # pragma: no cover - runs in the system's Python
    import uno  # type: ignore[import-not-found]

    pipe = f"ctpdoc-test-{os.getpid()}"
    soffice = subprocess.Popen(
        [
            shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline or soffice.poll() is not None:
                print(json.dumps({"error": "soffice did not start"}), flush=True)
                return
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    try:
        for line in sys.stdin:
            try:
                answer = handle(uno, context, desktop, json.loads(line))
            except Exception as exc:  # reported to the test, which fails with it
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
        try:
            soffice.wait(timeout=30)
        except subprocess.TimeoutExpired:
            soffice.kill()


def handle(uno: Any, context: Any, desktop: Any, job: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    def props(**values: Any) -> tuple[Any, ...]:
        out = []
        for name, value in values.items():
            p = PropertyValue()
            p.Name, p.Value = name, value
            out.append(p)
        return tuple(out)

    if job.get("record_as"):
        set_user_name(context, props, job["record_as"])
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["path"]), "_blank", 0, props(Hidden=True))
    try:
        if job["replace"] or job["bold"]:
            document.RecordChanges = bool(job.get("record_as"))
            for old, new in job["replace"]:
                search = document.createReplaceDescriptor()
                search.SearchString, search.ReplaceString = old, new
                if not document.replaceAll(search):
                    raise ValueError(f"{old!r} not found")
            for text in job["bold"]:
                search = document.createSearchDescriptor()
                search.SearchString = text
                found = document.findFirst(search)
                if found is None:
                    raise ValueError(f"{text!r} not found")
                found.CharWeight = 150.0  # bold: a formatting change, tracked
            document.RecordChanges = False
        if job.get("action"):
            command = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}[job["action"]]
            dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        if job.get("save_as"):
            target = job["save_as"]
            document.storeToURL(uno.systemPathToFileUrl(target), props(FilterName=FILTERS[Path(target).suffix]))
        return describe(document)
    finally:
        document.close(True)


def set_user_name(context: Any, props: Any, name: str) -> None:  # pragma: no cover
    """The author LibreOffice signs recorded changes with: Tools › Options › User Data."""
    provider = context.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", props(nodepath="/org.openoffice.UserProfile/Data")
    )
    access.setPropertyValue("givenname", name)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def describe(document: Any) -> dict[str, Any]:  # pragma: no cover
    redlines = []
    enumeration = document.getRedlines().createEnumeration()
    while enumeration.hasMoreElements():
        redline = enumeration.nextElement()
        redlines.append({"type": redline.getPropertyValue("RedlineType"), "author": redline.getPropertyValue("RedlineAuthor")})
    paragraphs, tables = [], []
    parts = document.getText().createEnumeration()
    while parts.hasMoreElements():
        part = parts.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            tables.append(table_rows(part))
        elif part.supportsService("com.sun.star.text.Paragraph"):
            paragraphs.append(part.getString())
    return {"redlines": redlines, "paragraphs": paragraphs, "tables": tables}


def table_rows(table: Any) -> list[list[str]]:  # pragma: no cover
    """Cells by row: all at once (getDataArray) where the table is a plain grid, else from the cells'
    names (A1, B1, …; a merged cell keeps its first name), a call each."""
    try:
        return [[str(value) for value in row] for row in table.getDataArray()]
    except Exception:
        pass  # "table too complex": merged or split cells
    rows: dict[int, list[str]] = {}
    for name in table.getCellNames():
        number = re.match(r"[A-Za-z]+(\d+)", name)
        rows.setdefault(int(number[1]) if number else 0, []).append(table.getCellByName(name).getString())
    count = table.getRows().getCount()
    return [rows.get(n, []) for n in range(1, count + 1)]


if __name__ == "__main__":  # pragma: no cover
    serve(Path(sys.argv[1]))
