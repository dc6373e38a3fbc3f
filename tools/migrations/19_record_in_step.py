"""Issue 19: the sample's record of texts in step (``source_sheets/translations.toml``), written from the sample's
workbooks as they are: every text filled in every language is taken as in step (the sample's texts were reviewed
in both languages). Re-run it after any migration that edits the sample's texts, so that an edit made in one
language on purpose is not flagged as a translation left behind. Idempotent: the file is rewritten only when it
would change.

    python tools/migrations/19_record_in_step.py [SOURCES_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from ctpdoc.translations.catalogue import record_in_step
from ctpdoc.workbooks.record import RECORD_FILE


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "source_sheets"
    before = (sources / RECORD_FILE).read_bytes() if (sources / RECORD_FILE).is_file() else b""
    record_in_step(sources, everything=True)
    after = (sources / RECORD_FILE).read_bytes() if (sources / RECORD_FILE).is_file() else b""
    print(f"{sources / RECORD_FILE}: {'written' if after != before else 'already done'}")


if __name__ == "__main__":
    main()
