"""Hostile and faulty inputs, round three (issue 22), sections 3 and 4: Word documents and XLIFF files as inputs.

Section 3: no "unexpected" error (exit 3) and no forged output for a user's input: each case is exit 1 with
one line a problem naming the place, what comes from the input quoted or escaped. Section 4: every input up
to 100 MB is done or refused within 60 s and 1.5 GB: the big inputs are generated here (never committed)
and run in ``python -m ctpdoc`` with its address space limited (``RLIMIT_AS``, 1.5 GB) and a 60 s timeout,
so a bound that did not hold shows as a memory error or a timeout instead of the case's message.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ctpdoc.cli.main import cli
from ctpdoc.translations.units import LIMITS as XLIFF_LIMITS
from ctpdoc.word.body import LIMITS as WORD_LIMITS
from ctpdoc.workbooks.edit import MAX_EDIT_CELLS
from tests.helpers.corpus import EN, FR, WP, assert_refused, assert_user_error, ctpdoc_limited, fingerprint, inject, repeated
from tests.helpers.docxread import edit_document
from tests.helpers.factory import write_sources
from tests.helpers.repo import SAMPLE_SOURCES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "source_sheets")
    return tmp_path / "source_sheets"


def both(built: Path, folder: Path, change: Callable[[str], str]) -> list[Path]:
    """The English and French documents, each with ``change`` made to its XML."""
    out = []
    for name in (EN, FR):
        with zipfile.ZipFile(built / name) as package:
            parts = {info: package.read(info) for info in package.infolist()}
        target = folder / f"changed-{name}"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as written:
            for info, data in parts.items():
                written.writestr(info, change(data.decode()).encode() if info.filename == "word/document.xml" else data)
        out.append(target)
    return out


# ---------------------------------------------------------------- a user's input: exit 1 naming the place, never a forged output


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[str], str]
    expect: tuple[str, ...]  # in the first problem line
    harvest: bool = True  # harvest refuses it too (else it may go on: e.g. a cover harvest does not read)


def meeting(days: str, english: str, french: str) -> Callable[[str], str]:
    # the meeting dates as printed: joined and on one line (5⁠–⁠8 May 2025, no-break spaces)
    return lambda xml: re.sub(r">5\W+8\s(May|mai)\s2025<", lambda m: f">{days} {english if m[1] == 'May' else french} 2025<", xml)


def first(old: str, new: str) -> Callable[[str], str]:
    return lambda xml: xml.replace(old, new, 1)


def language(tag: str) -> Callable[[str], str]:
    return lambda xml: xml.replace('w:val="en-GB"', f'w:val="{tag}"').replace('w:val="fr-FR"', f'w:val="{tag}"')


SPAN = '<w:tcW w:type="dxa" w:w="850"/>'
CASES = [
    Case(
        "30 and 31 February",
        meeting("30 – 31", "February", "février"),
        ("cover", 'the meeting dates "30 – 31 February 2025"', "not days of that month"),
        False,
    ),
    Case("day 0", meeting("0 – 8", "May", "mai"), ("cover", 'the meeting dates "0 – 8 May 2025"'), False),
    Case(
        "year 0 in a timeframe",
        lambda xml: xml.replace(">June\u00a02024<", ">June\u00a00000<", 1).replace(">juin\u00a02024<", ">juin\u00a00000<", 1),
        ("1.1", '"June 0000"', "neither a month"),
    ),
    Case("number 1.4!", first(">1.4<", ">1.4!<"), ('"1.4!"', "letters and digits separated by dots or dashes")),
    Case("superscript digit", first(">1.4<", ">1.4\u00b9<"), ('"1.4¹"', "digits separated by dots")),
    Case("5,000-digit number", first(">1.4<", ">1." + "9" * 5000 + "<"), ('"1.99999', "…", "digits separated by dots")),
    Case(
        "5,000-digit gridSpan",
        first(SPAN, SPAN + '<w:gridSpan w:val="' + "9" * 5000 + '"/>'),
        ("1.1", "Activity", "the activity is empty"),
        False,
    ),
    Case("language root", language("root"), ('its language is "root"', "two or three letters")),
    Case("language of three letters", language("fil-PH"), ("is in fil",)),
    Case("a line break in a number", first(">1.5<", ">1.5</w:t><w:br/><w:t>2<"), ('"1.5⏎2"', "digits separated by dots")),
    Case("bidirectional override in a number", first(">1.5<", ">1.5\u202e2<"), ('"1.5\\u202e2"',)),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_documents_mistake_is_exit_1_naming_the_place(built, sources, tmp_path, case):
    documents = both(built, tmp_path, case.change)
    into = tmp_path / "into"
    before = fingerprint(sources)
    result = CliRunner().invoke(cli, ["import", *map(str, documents), "--into", str(into)])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert_refused(result.exit_code, result.output, *case.expect)
    assert not into.exists() or not any(into.iterdir())
    result = CliRunner().invoke(cli, ["harvest", str(documents[0]), "--sources", str(sources), "--apply"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if case.harvest:
        assert_refused(result.exit_code, result.output, *case.expect)
        assert fingerprint(sources) == before
    else:
        assert result.exit_code in (0, 1), result.output


def test_a_file_name_with_a_line_break_forges_no_line(built, tmp_path):
    named = tmp_path / "report\nError: all is well.docx"
    named.write_bytes((built / EN).read_bytes()[:1000])  # damaged
    result = CliRunner().invoke(cli, ["import", str(named), "--into", str(tmp_path / "into")])
    assert_refused(result.exit_code, result.output, "report⏎Error: all is well.docx", "is damaged")


@pytest.mark.slow
def test_a_document_of_three_letters_imports(built, tmp_path):
    """A language of three letters (fil) is a language: alone, it imports into its own columns."""
    (document,) = both(built, tmp_path, language("fil-PH"))[:1]
    result = CliRunner().invoke(cli, ["import", str(document), "--into", str(tmp_path / "into")])
    assert result.exit_code == 0, result.output
    headers = [c.value for c in openpyxl.load_workbook(tmp_path / "into" / "wp-2022-2025.xlsx")["Part I"][1]]
    assert "Activity (FIL)" in headers


# ---------------------------------------------------------------- every input done or refused in bounded time and memory


def table(rows: int, cells: int) -> Iterator[str]:
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * cells + "</w:tr>"
    return repeated(row, rows, "<w:tbl>", "</w:tbl>")


def insertions(count: int) -> Iterator[str]:
    insertion = '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">x </w:t></w:r></w:ins>'
    return repeated(insertion, count, "<w:p>", "</w:p>")


def paragraphs(megabytes: int) -> Iterator[str]:
    paragraph = "<w:p><w:r><w:t>padding, padding, padding</w:t></w:r></w:p>"
    return repeated(paragraph, megabytes * 2**20 // len(paragraph))


def lying(source: Path, target: Path) -> Path:
    """document.xml's declared size (central directory and local header) a thousandth of what it inflates to."""
    inject(source, target, paragraphs(200))
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as package:
        info = package.getinfo("word/document.xml")
    assert info.file_size < 2**32  # no zip64 extra field to patch
    small = (info.file_size // 1000).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = small  # the local header's uncompressed size
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == b"word/document.xml":
            data[at + 24 : at + 28] = small
    target.write_bytes(bytes(data))
    return target


@dataclass(frozen=True)
class Big:
    name: str
    make: Callable[[Path, Path], Path]
    expect: tuple[str, ...]  # empty: accepted (done within the bounds)
    changes: tuple[str, ...] = ("accept",)  # how tracked changes are read: where it matters, both ways


BIG = [
    Big(
        "1,000,000 table rows",
        lambda s, t: inject(s, t, table(1_000_000, 1)),
        (f"more than {WORD_LIMITS.most:,} <tr> elements", "refused as unsafe"),
    ),
    Big(
        "100,000 rows of 10 cells",
        lambda s, t: inject(s, t, table(100_000, 10)),
        ("elements, more than a report", "refused as unsafe"),
    ),  # its cells' paragraphs or its cells
    Big("200 MB of paragraphs", lambda s, t: inject(s, t, paragraphs(200)), ("more than", "refused as unsafe")),
    Big("a size that lies", lying, ("is damaged",)),
    Big(
        "a 60 MB text",
        lambda s, t: inject(s, t, repeated("x" * 2**20, 60, "<w:p><w:r><w:t>", "</w:t></w:r></w:p>")),
        ("a text of more than",),
    ),
    Big(
        "nested 10,000 deep",
        lambda s, t: inject(s, t, iter(["<w:sdt><w:sdtContent>" * 5000, "</w:sdtContent></w:sdt>" * 5000])),
        ("nested more than",),
    ),
    Big("150,000 insertions in one paragraph", lambda s, t: inject(s, t, insertions(150_000)), (), ("accept", "reject")),
    Big("30,000 rows of 10 cells", lambda s, t: inject(s, t, table(30_000, 10)), ()),
]


BIG_RUNS = [(case, changes) for case in BIG for changes in case.changes]
ONE_WORKER = pytest.mark.xdist_group("big inputs")  # up to 1.5 GB each: one at a time (make test runs --dist loadgroup)


@pytest.mark.slow
@ONE_WORKER
@pytest.mark.parametrize(("case", "changes"), BIG_RUNS, ids=[f"{c.name}-{changes}" for c, changes in BIG_RUNS])
def test_a_big_document_is_done_or_refused_within_the_bounds(built, tmp_path, case, changes):
    document = case.make(built / EN, tmp_path / "big.docx")
    assert document.stat().st_size < 100 * 2**20
    into = tmp_path / "into"
    done = ctpdoc_limited("import", str(document), "--into", str(into), "--changes", changes)
    if case.expect:
        assert_user_error(done, "big.docx", *case.expect)
        assert not into.exists() or not any(into.iterdir())
    else:
        assert done.returncode == 0, done.stderr


@pytest.mark.slow
@ONE_WORKER
def test_a_big_document_is_refused_by_harvest_too(built, sources, tmp_path):
    document = inject(built / EN, tmp_path / "big.docx", table(1_000_000, 1))
    before = fingerprint(sources)
    done = ctpdoc_limited("harvest", str(document), "--sources", str(sources), "--apply")
    assert_user_error(done, "big.docx", "<tr> elements")
    assert fingerprint(sources) == before


def big_xliff(path: Path, elements: int) -> Path:
    """An XLIFF 1.2 file of ``elements`` small elements inside one unit's target (28 MB for 6.9 million)."""
    with path.open("w") as out:
        out.write('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
                  '<file original="wp-2022-2025.xlsx" source-language="en" target-language="fr" datatype="plaintext"><body>'
                  '<trans-unit id="x"><source>x</source><target>')  # fmt: skip
        for start in range(0, elements, 10_000):
            out.write("<x/>" * min(10_000, elements - start))
        out.write("</target></trans-unit></body></file></xliff>")
    return path


def many_units_xliff(path: Path, units: int) -> Path:
    with path.open("w") as out:
        out.write(
            '<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
            '<file original="wp-2022-2025.xlsx" source-language="en" target-language="fr" datatype="plaintext"><body>'
        )
        for number in range(units):
            out.write(f'<trans-unit id="u{number}"><source>s</source><target>t</target></trans-unit>')
        out.write("</body></file></xliff>")
    return path


@pytest.mark.slow
@ONE_WORKER
@pytest.mark.parametrize(
    ("make", "expect"),
    [
        (lambda p: big_xliff(p, 6_900_000), (f"more than {XLIFF_LIMITS.elements:,} XML elements", "refused")),
        (lambda p: many_units_xliff(p, 800_000), ("more than", "translation units")),
    ],
    ids=["6.9 million elements", "800,000 units"],
)
def test_a_big_xliff_is_refused_within_the_bounds(tmp_path, make, expect):
    folder = write_sources(tmp_path / "source_sheets")
    path = make(tmp_path / "big.xlf")
    assert path.stat().st_size < 100 * 2**20
    before = fingerprint(folder)
    done = ctpdoc_limited("translations", "import", "--sources", str(folder), str(path), "--apply")
    assert_user_error(done, "big.xlf", *expect)
    assert fingerprint(folder) == before
    assert XLIFF_LIMITS.elements < 6_900_000


@pytest.mark.slow
@ONE_WORKER
def test_harvest_never_walks_a_sheet_ctpdoc_does_not_use(built, sources, tmp_path):
    """A workbook with an extra sheet of 1.2 million cells: harvest lists its changes in bounded time and
    memory, and refuses to write back into a workbook it would have to rebuild whole."""
    big = sources / WP
    book = openpyxl.load_workbook(big)
    sheet = book.create_sheet("Raw data")
    for number in range(120_000):
        sheet.append([number] * 10)
    book.save(big)
    edited = edit_document(
        built / EN, tmp_path / "edited.docx", (">Updated Guidelines to Chapter 3 of the General Annex<", ">A new deliverable<")
    )
    done = ctpdoc_limited("harvest", str(edited), "--sources", str(sources))
    assert done.returncode == 0, done.stderr
    assert "1 cell differs" in done.stdout
    before = fingerprint(sources)
    done = ctpdoc_limited("harvest", str(edited), "--sources", str(sources), "--apply")
    assert_user_error(done, WP, f"more than the {MAX_EDIT_CELLS:,} ctpdoc writes back into", "Raw data: 1,200,000")
    assert fingerprint(sources) == before
