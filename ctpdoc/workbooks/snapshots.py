"""The record of the baseline's own date: ``snapshot.toml`` beside the baseline, written by ``snapshot``.

``snapshot`` copies the reported programme's workbook to the baseline once a report is issued; the
record beside it keeps which report that was (the settings' ``Issue date`` then) and the day of the
copy, with the baseline's fingerprint, so that the baseline's date is known however the settings
move on: the documents and the review page speak of it, and ``validate`` and ``build`` warn while the
settings still describe the report the baseline was taken for. A record whose fingerprint is not the
baseline's (a baseline restored or replaced by hand) is no record of it, and is passed over; a baseline
without one (the sample's, a report folder older than the record) is dated by its last ``Previous report``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from ctpdoc.errors import CtpdocError, Report
from ctpdoc.inputs import open_regular, read_toml
from ctpdoc.model import Location, Taken

SNAPSHOT_FILE = "snapshot.toml"
MAX_SNAPSHOT_BYTES = 4096
MAX_BASELINE_BYTES = 512 * 2**20  # hashed as it is read, in pieces; a baseline the reader accepted is far smaller


def record_path(sources_dir: Path, baseline: str) -> Path:
    """The record of the baseline the settings name (``baseline/wp-2022-2025.xlsx`` → ``baseline/snapshot.toml``)."""
    return sources_dir / Path(baseline).parent / SNAPSHOT_FILE


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as stream:
        read = 0
        while piece := stream.read(2**20):
            read += len(piece)
            if read > MAX_BASELINE_BYTES:
                return ""
            digest.update(piece)
    return digest.hexdigest()


def record_text(baseline: Path, data: bytes, report: dt.date, day: dt.date) -> str:
    return (
        "# Written by ctpdoc snapshot: the report the baseline beside it is the state of. Do not edit;\n"
        "# the settings (document.xlsx) describe the next report.\n"
        f'baseline = "{baseline.name}"\n'
        f'sha256 = "{fingerprint(data)}"\n'
        f"report = {report.isoformat()}  # the Issue date of the report it was taken for\n"
        f"taken = {day.isoformat()}  # the day of the snapshot\n"
    )


def read_taken(sources_dir: Path, baseline: str, report: Report) -> Taken | None:
    """The record of the baseline ``baseline`` (as the settings name it), when it is this baseline's; a damaged
    record is a warning, and no record."""
    path = record_path(sources_dir, baseline)
    if not (path.exists() or path.is_symlink()):
        return None
    shown = Location((Path(baseline).parent / SNAPSHOT_FILE).as_posix())
    try:
        data = read_toml(
            path,
            MAX_SNAPSHOT_BYTES,
            "the baseline is dated by the last Previous report; the next ctpdoc snapshot writes it again",
        )
        name, digest, issued, day = data.get("baseline"), data.get("sha256"), data.get("report"), data.get("taken")
        if not (isinstance(name, str) and isinstance(digest, str) and type(issued) is dt.date and type(day) is dt.date):
            report.warn(
                shown,
                "is not the record ctpdoc snapshot writes (baseline, sha256, report, taken); "
                "the baseline is dated by the last Previous report",
            )
            return None
        if name != Path(baseline).name or file_fingerprint(sources_dir / baseline) != digest:
            return None  # the record of another baseline: this one was restored or replaced by hand
    except CtpdocError as exc:
        report.warn(shown, f"{exc.message.removeprefix(f'{path}: ')}")
        return None
    except OSError as exc:
        report.warn(shown, f"cannot be read ({exc.strerror or exc}); the baseline is dated by the last Previous report")
        return None
    return Taken(issued, day)
