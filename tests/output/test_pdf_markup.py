"""The tracked PDF shows revisions as a reader expects: fixed colours, underlined and struck through, never as moves."""

from __future__ import annotations

import collections
import io
import shutil
import zipfile

import pikepdf
import pytest

from ctpdoc.output.pdfmarkup import DELETION_COLOUR, DELETIONS_SUFFIX, INSERTION_COLOUR, without_move_pairs
from ctpdoc.shape import PTC_STATUS_COLOURS

STATUS_FILLS = {key: colour for key, colour, _ in PTC_STATUS_COLOURS}

needs_soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed; .ci/run installs it")
LANGS = {"fr": "PC0720F1a", "en": "PC0720E1a"}
# LibreOffice's own tint behind a row inserted with Track Changes (sw: COL_AUTHOR_TABLE_INS), not configurable.
INSERTED_ROW_TINT = "E1F2FA"
DELETED_ROW_TINT = "FCE6F4"  # LibreOffice's own tints of a row inserted or deleted whole


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""

    def luminance(colour: str) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb(colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", [INSERTION_COLOUR, DELETION_COLOUR])
def test_revision_colours_read_well_on_every_row(colour):
    for background in ["FFFFFF", *STATUS_FILLS.values()]:
        assert contrast(colour, background) >= 4.5, (colour, background)  # WCAG AA for body text


def colours(pdf: bytes) -> collections.Counter[tuple[str, tuple[int, int, int]]]:
    """Every colour set on the pages: ``rg`` fills (text, shading) and ``RG`` strokes (underlines, strike-throughs)."""
    found: collections.Counter[tuple[str, tuple[int, int, int]]] = collections.Counter()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG"):
                    found[(str(operator), tuple(round(float(v) * 255) for v in operands))] += 1  # type: ignore[misc]
    return found


@pytest.fixture(scope="module")
def pdfs(pdf_build):
    """The sample's tracked and clean PDFs as ``build --pdf`` made them (one LibreOffice run for the session)."""
    out, _ = pdf_build
    return {path.name: path.read_bytes() for path in out.glob("*.pdf")}


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("lang", LANGS)
def test_only_the_two_revision_colours_are_added(pdfs, lang):
    """What the tracked PDF draws beyond the clean one: insertions' and deletions' colours, text and lines
    (underline, strike-through), and LibreOffice's tints of an inserted and a deleted row; no author colour, no
    moved-text green."""
    tracked, clean = colours(pdfs[f"{LANGS[lang]}.pdf"]), colours(pdfs[f"{LANGS[lang]}-clean.pdf"])
    added = set(tracked) - set(clean)
    ours = {rgb(INSERTION_COLOUR), rgb(DELETION_COLOUR)}
    expected = {(operator, colour) for operator in ("rg", "RG") for colour in ours} | {
        ("rg", rgb(INSERTED_ROW_TINT)),
        ("rg", rgb(DELETED_ROW_TINT)),
    }
    assert added == expected, added


@pytest.mark.slow
@needs_soffice
def test_both_languages_draw_revisions_alike(pdfs):
    french, english = (colours(pdfs[f"{reference}.pdf"]) for reference in LANGS.values())
    assert set(french) == set(english)


def test_deletions_are_signed_apart_only_in_the_copy_for_the_pdf(built):
    data = (built / "PC0720F1a.docx").read_bytes()
    copy = without_move_pairs(data)
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(io.BytesIO(copy)) as converted:
        before = original.read("word/document.xml").decode()
        after = converted.read("word/document.xml").decode()
        assert sorted(original.namelist()) == sorted(converted.namelist())
    deletions = before.count("<w:del ")
    assert deletions and after.count(f'{DELETIONS_SUFFIX}"') == deletions
    assert after.replace(DELETIONS_SUFFIX, "") == before
    clean = (built / "PC0720F1a-clean.docx").read_bytes()
    assert without_move_pairs(clean) is clean


def lines(pdf: bytes) -> list[tuple[tuple[int, int, int], list[float]]]:
    """Each line LibreOffice strokes under or through text: its colour and the heights of its segments
    relative to the text's baseline (it draws each in a ``q … Q`` block moved to the text's origin)."""
    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            blocks: list[dict] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "q":
                    blocks.append({"colour": None, "heights": []})
                elif name == "Q" and blocks:
                    block = blocks.pop()
                    if block["colour"] is not None and block["heights"]:
                        found.append((block["colour"], block["heights"]))
                elif blocks and name == "RG":
                    blocks[-1]["colour"] = tuple(round(float(v) * 255) for v in operands)
                elif blocks and name == "m":
                    blocks[-1]["heights"].append(float(operands[1]))
    return found


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("lang", LANGS)
def test_insertions_are_underlined_and_deletions_struck_through_once(pdfs, lang):
    """One line each: under the baseline for an insertion, through the text for a deletion (a move would be doubled)."""
    drawn = lines(pdfs[f"{LANGS[lang]}.pdf"])
    under = [heights for colour, heights in drawn if colour == rgb(INSERTION_COLOUR)]
    through = [heights for colour, heights in drawn if colour == rgb(DELETION_COLOUR)]
    assert under and through
    assert all(len(heights) == 1 and heights[0] < 0 for heights in under), under
    assert all(len(heights) == 1 and heights[0] > 0 for heights in through), through
