"""``ctpdoc snapshot``: after a report is issued, the current programme's workbook copied to the baseline, the
baseline it replaces kept in the dated history. Takes the folder the CLI names and gives what the CLI prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ctpdoc.commands.writing import writing
from ctpdoc.errors import CtpdocError, Report, fail
from ctpdoc.model import Location, Settings
from ctpdoc.package import writer
from ctpdoc.paths import DOCUMENT_WORKBOOK, programme_file
from ctpdoc.workbooks.collecting import inside
from ctpdoc.workbooks.history import keep_in_history
from ctpdoc.workbooks.settings import read_settings
from ctpdoc.workbooks.snapshots import read_taken, record_path, record_text


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
            f'"Meeting start" and "Meeting end": the next meeting\'s; now {settings.meeting_start.isoformat()} to '
            f"{settings.meeting_end.isoformat()}",
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
    writer.write_together({  # read back: never a torn baseline; the record with it, or neither
        target: writer.copy_of(data, source),
        record: lambda temporary: temporary.write_text(text, encoding="utf-8"),
    })  # fmt: skip
    return Snapshot(source, target, kept, settings, record)
