"""Rewritten sentences marked whole (issue #29, item 1), read on the built documents: how many revision pieces
each sentence of a changed progress text carries, in both languages, against how many places the workbooks'
texts differ in (a plain difflib word diff, sharing no code with ctpdoc). Every text comes from the sample."""

import difflib
import re

import openpyxl
import pytest
from babel.dates import get_month_names

from tests.helpers.docxread import part, q, text
from tests.helpers.oracle import rows
from tests.helpers.repo import SAMPLE_SOURCES, run_cli, validate_ooxml

LANGS = {"fr": "PC0720F1a", "en": "PC0720E1a"}
CURRENT = SAMPLE_SOURCES / "wp-2022-2025.xlsx"
BASELINE = SAMPLE_SOURCES / "baseline" / "wp-2022-2025.xlsx"
PARTS = ("Part I", "Part II")
LOCALES = {r["Setting"]: r for r in rows(SAMPLE_SOURCES / "document.xlsx", "Document")}["Locale"]
SENTENCE_END = re.compile(r"[.!?;…][^\w\s]*(\s|$)|\n")  # cuts wherever ctpdoc's rule may cut a sentence, and more
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def progress(path, lang):
    column = f"Progress ({lang.upper()})"
    return {str(r["No."]): str(r[column] or "") for sheet in PARTS for r in rows(path, sheet)}


def edited(lang):
    """The activities whose progress text changed since the baseline: number → (then, now)."""
    then, now = progress(BASELINE, lang), progress(CURRENT, lang)
    return {n: (then[n], now[n]) for n in now.keys() & then.keys() if then[n] != now[n]}


def places(old, new):
    """The most places one sentence's words were edited in, in a plain word diff (the marks before issue #29)."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    counts, run = [0], False
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            if SENTENCE_END.search("".join(a[i1:i2])):
                counts.append(0)
            run = False
        elif not run:
            counts[-1] += 1
            run = True
    return max(counts)


def changed_paragraphs(root):
    """Each annex row's paragraphs with run-level revisions, by the activity number in its first cell."""
    found: dict[str, list] = {}
    for row in root.iter(q("tr")):
        cells = list(row.iterchildren(q("tc")))
        if cells:
            marked = [p for p in row.iter(q("p")) if p.find(q("ins")) is not None or p.find(q("del")) is not None]
            found.setdefault(text(cells[0]).strip(), []).extend(marked)
    return found


def pieces(paragraph):
    """A paragraph's revisions (``ins``, ``del``) sentence by sentence, cut at each unchanged run ending one."""
    found: list[list[str]] = [[]]
    for child in paragraph:
        if child.tag == q("r") and SENTENCE_END.search(text(child)):
            found.append([])
        elif child.tag in (q("ins"), q("del")):
            found[-1].append(etree_name(child))
    return [sentence for sentence in found if sentence]


def etree_name(element):
    return element.tag.rsplit("}", 1)[1]


def marks(built, lang):
    """Activity number → the revisions of its row's paragraphs (its status and its progress), sentence by sentence."""
    found = changed_paragraphs(part(built / f"{LANGS[lang]}.docx"))
    return {number: [sentence for p in found.get(number, []) for sentence in pieces(p)] for number in edited(lang)}


@pytest.mark.parametrize("lang", LANGS)
def test_each_rewritten_sentence_is_one_deletion_and_one_insertion(built, lang):
    """The measure: sentences the workbooks' texts differ in at several places are each marked in two pieces at
    most, as is every other sentence; the sample has such sentences in each language (counted, not typed in)."""
    texts, found = edited(lang), marks(built, lang)
    rewritten = {n for n, (old, new) in texts.items() if places(old, new) >= 2}
    assert rewritten and {"1.3", "2.11"} & rewritten, "the sample rewrites sentences"
    for number in texts:
        assert found[number], (lang, number, "no revision marks")
        assert max(len(sentence) for sentence in found[number]) <= 2, (lang, number, found[number])


@pytest.mark.parametrize("lang", LANGS)
def test_row_1_3_is_marked_in_at_most_two_pieces(built, lang):
    """Annex I, 1.3: "~~Un~~Deux des trois chapitres ~~a~~ont été ~~rédigé~~rédigés" and a sentence added after it."""
    old, new = edited(lang)["1.3"]
    assert places(old, new) >= 2  # the confetti of the word diff: edits in several places of one sentence
    [paragraph] = changed_paragraphs(part(built / f"{LANGS[lang]}.docx"))["1.3"]
    assert sum(len(sentence) for sentence in pieces(paragraph)) <= 2, pieces(paragraph)
    deleted = "".join(t.text for d in paragraph.iter(q("del")) for t in d.iter(q("delText")))
    assert old.startswith(deleted.rstrip(".")) and len(deleted) > len(old) // 2  # the old sentence, deleted whole


def test_english_and_french_marks_are_of_the_same_kind(built):
    """Annex I, 2.11: English was marked in three pieces, French whole; one rule for both languages marks every
    edited sentence alike, sentence by sentence, wherever the two languages' edits are the same edit."""
    english, french = marks(built, "en"), marks(built, "fr")
    assert "2.11" in english.keys() & french.keys()
    assert english["2.11"] == french["2.11"] == [["del", "ins"]]
    for number in english.keys() & french.keys():
        assert english[number] == french[number], number


@pytest.mark.slow
def test_a_single_word_edit_stays_one_word_out_and_one_word_in(sample, tmp_path):
    """Annex I, 1.2 edited as a drafter would (its month, a single word, replaced by the next month in both
    languages): one word out and one word in, in each language."""
    book = openpyxl.load_workbook(sample / "source_sheets" / CURRENT.name)
    sheet = book["Part I"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value) == "1.2")
    replaced = {}
    for lang in LANGS:
        cell = row[header.index(f"Progress ({lang.upper()})")]
        names = get_month_names("wide", locale=LOCALES[f"Value ({lang.upper()})"])
        month = next(m for m in range(1, 13) if re.search(rf"\b{names[m]}\b", cell.value))
        replaced[lang] = (names[month], names[month % 12 + 1])
        cell.value = re.sub(rf"\b{names[month]}\b", names[month % 12 + 1], cell.value, count=1)
    book.save(sample / "source_sheets" / CURRENT.name)
    out = tmp_path / "out"
    code, output = run_cli(
        "build", "--sources", str(sample / "source_sheets"), "--templates", str(sample / "templates"), "--out", str(out)
    )
    assert code == 0, output
    for lang, name in LANGS.items():
        paragraph = changed_paragraphs(part(out / f"{name}.docx"))["1.2"]
        assert [(etree_name(c), text(c)) for p in paragraph for c in p if c.tag in (q("ins"), q("del"))] == [
            ("del", replaced[lang][0]),
            ("ins", replaced[lang][1]),
        ]
    validate_ooxml(*(out / f"{name}.docx" for name in LANGS.values()))
