"""Where ctpdoc's files live: the templates by language, the workbooks by period, the documents by reference.

Names only, no I/O beyond listing a folder; every stage that needs a path asks here.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_NAME = "report.docx"
DOCUMENT_WORKBOOK = "document.xlsx"


def template_path(folder: Path, lang: str) -> Path:
    return folder / lang / TEMPLATE_NAME


def available_languages(folder: Path) -> list[str]:
    """Languages with a template: ``templates/<lang>/report.docx``."""
    return sorted(p.parent.name for p in folder.glob(f"*/{TEMPLATE_NAME}"))


def programme_file(period: str) -> str:
    """The workbook of a programme is named after its period."""
    return f"wp-{period}.xlsx"


def output_name(file_reference: str, tracked: bool) -> str:
    """``PC0720F1a.docx`` with tracked changes, ``PC0720F1a-clean.docx`` with every change accepted."""
    return f"{file_reference}.docx" if tracked else f"{file_reference}-clean.docx"
