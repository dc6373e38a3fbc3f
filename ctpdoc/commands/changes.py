"""``ctpdoc changes``: what changed since the baseline, activity by activity, as lines of text.

Takes the folder the CLI names and gives the lines the CLI prints.
"""

from __future__ import annotations

from pathlib import Path

from ctpdoc.changes.diff import compare, describe_changes
from ctpdoc.errors import fail
from ctpdoc.model import Location
from ctpdoc.workbooks.sources import read_sources


def list_changes(sources_dir: Path, lang: str) -> list[str]:
    """The review listing of ``ctpdoc changes``."""
    sources = read_sources(sources_dir)
    if lang not in sources.settings.language_letter:
        raise fail(
            Location("document.xlsx", "Document"),
            f'no "Value ({lang.upper()})" column for language {lang}; choose one of {", ".join(sources.settings.languages)}',
        )
    changes = list(compare(sources.baseline, sources.current, sources.settings.shape))
    return list(describe_changes(changes, lang, sources.settings.shape))
