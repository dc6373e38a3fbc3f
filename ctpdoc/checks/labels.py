"""Status labels against the annex headings: a label must not read as a part of the programme.

Takes a template's paragraphs and the settings; warns where a status label of the language shares a word
with a part's heading ("Ongoing" beside "Part II – Ongoing activities"): a reader of Annex I would take an
activity "Ongoing" for one of Part II. A warning, not an error: the document is still right, only ambiguous.
"""

from __future__ import annotations

import re

from ctpdoc.checks.paragraphs import TemplateParagraph
from ctpdoc.contract import DOCUMENT_SHEET
from ctpdoc.errors import Report
from ctpdoc.model import Location, Settings

_HEADING = re.compile(r"^\s*(?:Part|Partie|Parte|Teil)\s+[IVX]+\b\s*[-–—:.]\s*(?P<title>\S.*)$", re.IGNORECASE)
_WORD = re.compile(r"\w{4,}")  # words that mean something: not "of", "en", "des"


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def check_labels_against_headings(
    paragraphs: list[TemplateParagraph], settings: Settings, lang: str, template: str, workbook: str, report: Report
) -> None:
    headings = [(p, heading["title"]) for p in paragraphs if (heading := _HEADING.match(p.text)) and "{" not in heading["title"]]
    declared = settings.shape.declared
    for status in settings.shape.statuses:
        label = status.labels.get(lang, "")
        seen: set[str] = set()
        for paragraph, title in headings:
            shared = sorted(words(label) & words(title))
            if shared and title not in seen:  # once a heading, though each annex repeats it
                seen.add(title)
                report.warn(
                    Location(workbook, "Statuses", f"Label ({lang.upper()}) of {status.key}")
                    if declared
                    else Location(workbook, DOCUMENT_SHEET, f"Status {status.key} ({lang.upper()})"),
                    f'the label "{label}" repeats "{shared[0]}" of the heading "{paragraph.text.strip()}" '
                    f"({paragraph.place(template)}): readers may take the status for the part; choose a label without it",
                )
