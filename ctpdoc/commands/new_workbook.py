"""``ctpdoc new-workbook``: an empty programme workbook of the contract, in the shape and the status labels of the
settings beside it. Takes the path and the folders the CLI names."""

from __future__ import annotations

from pathlib import Path

from ctpdoc.contract import contract_sheets
from ctpdoc.errors import CtpdocError, Report
from ctpdoc.paths import DOCUMENT_WORKBOOK
from ctpdoc.shape import ptc_shape
from ctpdoc.workbooks import new
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.sources import labels_of


def create_workbook(path: Path, draft: bool, languages: tuple[str, ...], force: bool, sources_dir: Path) -> None:
    """An empty programme workbook; its Status drop-down lists the labels of the settings in ``sources_dir``
    (the status keys alone where there are no settings to read)."""
    if path.name.lower() == DOCUMENT_WORKBOOK:
        raise CtpdocError(
            f"{path}: {DOCUMENT_WORKBOOK} is the settings workbook, not a programme; `ctpdoc init --empty` writes one to fill "
            "in; "
            "name a programme's workbook after its period, e.g. wp-2028-2031.xlsx"
        )
    shape = ptc_shape()
    words = [s.key for s in shape.statuses]
    if (sources_dir / DOCUMENT_WORKBOOK).is_file():
        report = Report()
        settings = read_settings(sources_dir / DOCUMENT_WORKBOOK, report)
        if settings is not None:
            shape, words = settings.shape, labels_of(settings)
            languages = languages or settings.languages
    new.new_workbook(path, contract_sheets(shape, not draft, languages or ("en", "fr"), words), force)
