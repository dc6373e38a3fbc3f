"""Hostile and faulty inputs, round four (issue 30), class 7: bounds that hold in time as well as in size.

Each of the issue's cases is run as it was found, in ``python -m ctpdoc`` under 1.5 GB of address space and a
60 s timeout (``ctpdoc_limited``): two 65 KB documents of 2,950,000 empty paragraphs (under the element bound),
a 232 KB workbook of 5,000,000 one-letter shared strings (under the part bound), 2,000 dated baselines of hard
links to one workbook. Their mutations run in the test's own process with the bound lowered through its
module constant, so that each is fast: the bound counts what it should however the XML is spelled (a prefix,
attributes, a default namespace, an empty element, the part named otherwise), and what is within it is read.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctpdoc.errors import CtpdocError
from ctpdoc.package.xmlstream import Limits
from ctpdoc.review import history
from ctpdoc.word import body
from ctpdoc.workbooks import identity
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.corpus import assert_user_error, ctpdoc_limited, inject, repeated
from tests.helpers.repo import SAMPLE_SOURCES, SAMPLE_TEMPLATES

WP = "wp-2022-2025.xlsx"
EN, FR = "PC0720E1a-clean.docx", "PC0720F1a-clean.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ONE_WORKER = pytest.mark.xdist_group("big inputs")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


# ---------------------------------------------------------------- Word: paragraphs and cells


@pytest.mark.slow
@ONE_WORKER
def test_two_documents_of_2_950_000_empty_paragraphs_are_refused_within_the_bounds(built, tmp_path):
    documents = [inject(built / name, tmp_path / f"empty-{name}", repeated("<w:p/>", 2_950_000)) for name in (EN, FR)]
    assert all(path.stat().st_size < 100 * 2**10 for path in documents)  # some 65 KB each
    done = ctpdoc_limited("import", *map(str, documents), "--into", str(tmp_path / "into"))
    assert_user_error(done, f"empty-{EN}", f"more than {dict(body.LIMITS.also)['p']:,} <p> elements", "refused as unsafe")
    assert not (tmp_path / "into").exists()


def lowered(monkeypatch: pytest.MonkeyPatch, **most: int) -> None:
    bounds = dict(body.LIMITS.also) | most
    monkeypatch.setattr(
        body,
        "LIMITS",
        Limits(body.LIMITS.data, body.LIMITS.elements, body.LIMITS.counted, body.LIMITS.most, tuple(bounds.items())),
    )


def table(rows: int, cells: int, cell: str = "<w:tc><w:p/></w:tc>") -> Iterator[str]:
    return repeated("<w:tr>" + cell * cells + "</w:tr>", rows, "<w:tbl>", "</w:tbl>")


PARAGRAPHS = {  # each past 5,000 paragraphs however it is written, the sample's own some 900 included
    "empty": lambda: repeated("<w:p/>", 5_000),
    "with attributes": lambda: repeated('<w:p w:rsidR="00AB12CD" w:rsidRDefault="00AB12CD"></w:p>', 5_000),
    "a default namespace": lambda: repeated(f'<p xmlns="{W}"/>', 5_000),
    "another prefix": lambda: repeated(f'<x:p xmlns:x="{W}"><x:r/></x:p>', 5_000),
    "a line break in the tag": lambda: repeated("<w:p\n/>", 5_000),
    "in one table cell": lambda: repeated("<w:p/>", 5_000, "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
    "in a content control": lambda: repeated("<w:p/>", 5_000, "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
    "in 1,000 cells": lambda: table(100, 10, "<w:tc>" + "<w:p/>" * 5 + "</w:tc>"),
}


@pytest.mark.parametrize("name", list(PARAGRAPHS))
def test_paragraphs_past_their_bound_are_refused_however_written(built, tmp_path, monkeypatch, name):
    lowered(monkeypatch, p=5_000)
    document = inject(built / EN, tmp_path / "big.docx", PARAGRAPHS[name]())
    with pytest.raises(CtpdocError, match="more than 5,000 <p> elements"):
        body.read_docx(document)


@pytest.mark.parametrize(
    "shape", [(1_000, 6), (20, 300), (1, 6_000)], ids=["1,000 rows of 6", "20 rows of 300", "one row of 6,000"]
)
def test_cells_past_their_bound_are_refused(built, tmp_path, monkeypatch, shape):
    lowered(monkeypatch, tc=5_000)
    document = inject(built / EN, tmp_path / "big.docx", table(*shape))
    with pytest.raises(CtpdocError, match="more than 5,000 <tc> elements"):
        body.read_docx(document)


def test_a_document_within_the_bounds_is_read(built, tmp_path, monkeypatch):
    lowered(monkeypatch, p=5_000, tc=5_000)
    document = inject(built / EN, tmp_path / "big.docx", table(300, 10))  # 3,000 cells and paragraphs more
    read = body.read_docx(document)
    assert len(read.blocks) > len(body.read_docx(built / EN).blocks)


def test_the_bounds_leave_room_for_the_largest_report():
    """16,000 activities at the sample's 5.6 paragraphs and 4.9 cells an activity, and more than the 30,000 rows
    of 10 cells that section 4 of round three imports."""
    most = dict(body.LIMITS.also)
    assert most["p"] >= 4 * 5.6 * body.MAX_ACTIVITIES and most["tc"] >= 4 * 4.9 * body.MAX_ACTIVITIES
    assert min(most.values()) > 300_000


# ---------------------------------------------------------------- workbooks: shared strings


CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_strings(
    source: Path, target: Path, strings: Iterator[bytes], part: str = "xl/sharedStrings.xml", root: str = "sst"
) -> Path:
    """``source`` with a table of shared strings (streamed, never held whole) declared at ``part``."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{part}" ContentType="{CONTENT_TYPE}"/></Types>'.encode()
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdStrings" Type="{RELATIONSHIP}" Target="/{part}"/></Relationships>'.encode()
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
        with out.open(part, "w", force_zip64=True) as stream:
            prefix = root.partition(":")[0] + ":" if ":" in root else ""
            namespace = f' xmlns{":" + prefix[:-1] if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            stream.write(f'<?xml version="1.0" encoding="UTF-8"?><{root}{namespace}>'.encode())
            for chunk in strings:
                stream.write(chunk)
            stream.write(f"</{root}>".encode())
    return target


def strings(unit: bytes, count: int) -> Iterator[bytes]:
    for start in range(0, count, 100_000):
        yield unit * min(100_000, count - start)


@pytest.mark.slow
@ONE_WORKER
def test_a_workbook_of_5_000_000_one_letter_strings_is_refused_within_the_bounds(sources, tmp_path):
    with_strings(SAMPLE_SOURCES / WP, sources / WP, strings(b"<si><t>a</t></si>", 5_000_000))
    assert (sources / WP).stat().st_size < 300 * 2**10  # some 232 KB
    done = ctpdoc_limited("validate", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES))
    assert_user_error(done, WP, f"more than {identity.MAX_SHARED_STRINGS:,} shared strings", "refused as unsafe")


STRINGS = {  # each 1,001 strings, past a bound of 1,000
    "one letter": (b"<si><t>a</t></si>", "xl/sharedStrings.xml", "sst"),
    "empty": (b"<si/>", "xl/sharedStrings.xml", "sst"),
    "rich text": (b"<si><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></si>", "xl/sharedStrings.xml", "sst"),
    "a prefix": (b"<x:si><x:t>a</x:t></x:si>", "xl/sharedStrings.xml", "x:sst"),
    "attributes and a line break": (b'<si\n  id="1"><t xml:space="preserve"> a</t></si>', "xl/sharedStrings.xml", "sst"),
    "the part named otherwise": (b"<si><t>a</t></si>", "xl/strings/table.xml", "sst"),
}


@pytest.mark.parametrize("name", list(STRINGS))
def test_shared_strings_past_their_bound_are_refused_however_written(sources, monkeypatch, name):
    unit, part, root = STRINGS[name]
    monkeypatch.setattr(identity, "MAX_SHARED_STRINGS", 1_000)
    with_strings(SAMPLE_SOURCES / WP, sources / WP, strings(unit, 1_001), part, root)
    with pytest.raises(CtpdocError, match=rf"{WP}: holds more than 1,000 shared strings \({part}\)"):
        read_sources(sources, with_baseline=False)


def test_shared_strings_within_their_bound_are_read(sources, monkeypatch):
    monkeypatch.setattr(identity, "MAX_SHARED_STRINGS", 1_000)
    with_strings(SAMPLE_SOURCES / WP, sources / WP, strings(b"<si><t>a</t></si>", 1_000))
    assert identity.what_is_wrong(sources / WP) is None
    assert len(read_sources(sources, with_baseline=False).current.part("I")) == 42


def test_the_shared_strings_bound_leaves_room_for_the_largest_programme():
    assert identity.MAX_SHARED_STRINGS >= 10 * body.MAX_ACTIVITIES


# ---------------------------------------------------------------- the history the review reads


def dated(sources: Path, count: int, first: dt.date = dt.date(2000, 1, 1), link: bool = True) -> list[Path]:
    """``count`` dated baselines, each a hard link to the baseline (or a copy)."""
    workbook = sources / "baseline" / WP
    made = []
    for number in range(count):
        folder = sources / "baseline" / "history" / (first + dt.timedelta(days=number)).isoformat()
        folder.mkdir(parents=True)
        (os.link if link else shutil.copy)(workbook, folder / WP)
        made.append(folder)
    return made


@pytest.mark.slow
@ONE_WORKER
def test_a_review_of_2_000_dated_baselines_is_done_within_the_bounds(sources, tmp_path):
    dated(sources, 2_000)
    done = ctpdoc_limited(
        "review", "--sources", str(sources), "--templates", str(SAMPLE_TEMPLATES), "--out", str(tmp_path / "out")
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "review.html").read_text()
    assert (
        f"the 1,960 earlier reports up to 2005-05-13 left out: the page compares the latest {history.MAX_REPORTS} reports" in page
    )


def read_dates(sources: Path) -> tuple[list[dt.date], list[str]]:
    from ctpdoc.document.formats import Formats

    points, notes = history.read_history(sources, read_sources(sources), Formats("en", "en_GB"))
    return [point.date for point in points], notes


@pytest.mark.parametrize("link", [True, False], ids=["hard links", "copies"])
def test_the_review_reads_the_latest_reports_only(sources, monkeypatch, link):
    monkeypatch.setattr(history, "MAX_REPORTS", 3)
    dated(sources, 5, link=link)
    dates, notes = read_dates(sources)
    assert dates[:3] == [dt.date(2000, 1, 3), dt.date(2000, 1, 4), dt.date(2000, 1, 5)]
    assert [n for n in notes if "left out" in n] == [
        "baseline/history: the 2 earlier reports up to 2000-01-02 left out: the page compares the latest 3 reports, 16 MB of "
        "workbooks (unzipped) at most; "
        "move the oldest dated folders aside"
    ]


def test_the_review_reads_so_many_bytes_of_history_only(sources, monkeypatch):
    size = history.size_of(sources / "baseline" / WP)
    assert size > (sources / "baseline" / WP).stat().st_size  # counted unzipped
    monkeypatch.setattr(history, "MAX_BYTES", 2 * size + 1)
    dated(sources, 4, link=False)
    dates, notes = read_dates(sources)
    assert dates[:2] == [dt.date(2000, 1, 3), dt.date(2000, 1, 4)] and dt.date(2000, 1, 2) not in dates
    assert any("the 2 earlier reports up to 2000-01-02 left out" in note for note in notes)


def test_folders_that_hold_no_workbook_cost_nothing_of_the_bounds(sources, monkeypatch):
    monkeypatch.setattr(history, "MAX_REPORTS", 2)
    dated(sources, 2)
    for number in range(5):  # later, empty, and named as no date: noted, not counted
        (sources / "baseline" / "history" / f"2001-01-0{number + 1}").mkdir()
    (sources / "baseline" / "history" / "notes").mkdir()
    dates, notes = read_dates(sources)
    assert dates[:2] == [dt.date(2000, 1, 1), dt.date(2000, 1, 2)]
    assert sum("no work-programme workbook" in note for note in notes) == 5 and not any(
        "earlier report" in note for note in notes
    )
