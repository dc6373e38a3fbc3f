"""The drafters' commands: ``new-workbook`` (an empty workbook of the contract) and ``snapshot`` (the baseline).

Each takes the folders the CLI names and gives what the CLI prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.commands.writing import writing
from ctpdoc.contract import contract_sheets
from ctpdoc.errors import CtpdocError, Report, fail
from ctpdoc.model import Location, Settings
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.shape import ptc_shape
from ctpdoc.workbooks import files, new
from ctpdoc.workbooks.history import keep_in_history
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.snapshots import read_taken, record_path, record_text
from ctpdoc.workbooks.sources import inside, labels_of


def create_workbook(path: Path, draft: bool, languages: tuple[str, ...], force: bool, sources_dir: Path) -> None:
    """An empty programme workbook; its Status drop-down lists the labels of the settings in ``sources_dir``
    (the status keys alone where there are no settings to read)."""
    if path.name.lower() == DOCUMENT_WORKBOOK:
        raise CtpdocError(
            f"{path}: {DOCUMENT_WORKBOOK} is the settings workbook, not a programme; `ctpdoc init --empty` writes one to fill in; "
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


@dataclass(frozen=True)
class Snapshot:
    source: Path
    target: Path
    kept: Path | None  # where the baseline it replaced was kept in the history
    settings: Settings  # as they stand: they describe the report just issued, and must now describe the next
    record: Path  # the record of the report the baseline is the state of (workbooks/snapshots.py)

    def to_update(self) -> list[str]:
        """The settings that describe the report just issued and must change for the next, with their values."""
        settings = self.settings
        previous = ", ".join(d.isoformat() for d in settings.previous_reports) or "none"
        return [
            f'"Previous report": add a row for the report just issued (issued {settings.issue_date.isoformat()}); now {previous}',
            f'"Issue date": the next report\'s; now {settings.issue_date.isoformat()}',
            f'"Sessions": the next meeting\'s; now {"/".join(str(n) for n in settings.sessions)}',
            f'"Meeting start" and "Meeting end": the next meeting\'s; now {settings.meeting_start.isoformat()} to {settings.meeting_end.isoformat()}',
        ]


def snapshot(sources_dir: Path, force: bool, today: dt.date | None = None) -> Snapshot:
    """Copy the reported programme's workbook to the baseline named in the settings (within ``sources_dir``),
    holding the folder as the other writing commands do (refused while another one writes there); the baseline
    it replaces (with ``force``) is kept first in the dated history, never overwritten."""
    with writing(sources_dir, "snapshot"):
        return copy_baseline(sources_dir, force, today or dt.date.today())


def copy_baseline(sources_dir: Path, force: bool, today: dt.date) -> Snapshot:
    report = Report()
    settings = read_settings(sources_dir / DOCUMENT_WORKBOOK, report)
    report.raise_if_errors()
    assert settings is not None
    source = sources_dir / programme_file(settings.current_programme)
    target = sources_dir / settings.baseline
    if not inside(target, sources_dir):
        raise fail(
            Location(DOCUMENT_WORKBOOK, "Document"),
            f'the "Baseline" setting ({settings.baseline}) leads outside {sources_dir}; give a path within it',
        )
    if not source.is_file():
        raise fail(Location(source.name), f"workbook not found in {sources_dir}; nothing to snapshot")
    if target.exists() and not force:
        raise fail(
            Location(settings.baseline),
            "already exists: it is the previous report's snapshot; add --force once the new report is issued",
        )
    if not target.parent.is_dir() and not force:
        raise fail(Location(settings.baseline), f"its folder {target.parent.name}/ does not exist; create it, or add --force")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CtpdocError(f"{target.parent}: cannot create the folder ({exc.strerror})") from exc
    data = source.read_bytes()
    kept = None
    if target.is_file() and target.read_bytes() != data:
        replaced = read_taken(sources_dir, settings.baseline, Report())
        dates = [
            *([replaced.report] if replaced else []),
            *settings.previous_reports[-1:],
            today,
        ]  # its report's date, else today
        kept = keep_in_history(sources_dir, target, dates)
    record = record_path(sources_dir, settings.baseline)
    text = record_text(target, data, settings.issue_date, today)
    files.write_together({  # read back: never a torn baseline; the record with it, or neither
        target: files.copy_of(data, source),
        record: lambda temporary: temporary.write_text(text, encoding="utf-8"),
    })  # fmt: skip
    return Snapshot(source, target, kept, settings, record)
