"""Translators' number check, as CAT tools have it (pofilter's numbers, Xbench's numeric mismatch): the figures of a
text and its translation, each read with its language's separators (babel's CLDR symbols), warned of by validate
and translations status when they disagree; the sample raises none."""

from __future__ import annotations

import re

import openpyxl
import pytest
from babel.numbers import format_decimal, get_group_symbol

from ctpdoc.cli.main import cli
from ctpdoc.translations.catalogue import figures_unlike
from ctpdoc.translations.numbers import disagreement, numbers
from ctpdoc.workbooks.sources import read_sources

WP = "wp-2022-2025.xlsx"
EN, FR = "en_GB", "fr_FR"

AGREE = [
    ("more than 1,200 participants", "plus de 1 200 participants"),  # a plain space
    ("more than 1,200 participants", "plus de 1\u00a0200 participants"),  # a no-break space
    ("more than 1,200 participants", "plus de 1\u202f200 participants"),  # the narrow no-break space CLDR writes
    ("12,000,000 declarations", "12 000 000 déclarations"),
    ("1.5 million", "1,5 million"),
    ("75% of Members", "75 % des Membres"),
    ("75% of Members", "75\u00a0% des Membres"),
    ("the 2022-2025 programme", "le programme 2022–2025"),
    ("the 247th session", "la 247e session"),
    ("the 1st and 2nd meetings", "la 1re et la 2e réunions"),
    ("activity 1.3 and activity 1.10", "l’activité 1.10 et l’activité 1.3"),  # activity numbers, any order
    ("In 2023, 150 Members replied", "En 2023, 150 Membres ont répondu"),
    ("two guides", "deux guides"),  # words are not read
]
DISAGREE = [
    ("more than 1,300 participants", "plus de 1 200 participants", ("1,300",), ("1 200",)),
    ("published in 2025", "publié en 2024", ("2025",), ("2024",)),
    ("more than 1,300 participants", "plus de 1,300 participants", ("1,300",), ("1,300",)),  # 1.3 in French
    ("the 2022-2025 programme", "le programme 2022-2024", ("2025",), ("2024",)),
    ("in 2024 and 2025", "en 2024", ("2025",), ()),
    ("the 248th session", "la 247e session", ("248",), ("247",)),
]


@pytest.mark.parametrize(("english", "french"), AGREE)
def test_figures_written_each_language_s_way_agree(english, french):
    assert disagreement(english, EN, french, FR) is None
    assert disagreement(french, FR, english, EN) is None


@pytest.mark.parametrize(("english", "french", "only_english", "only_french"), DISAGREE)
def test_figures_that_differ_are_named_as_written(english, french, only_english, only_french):
    found = disagreement(english, EN, french, FR)
    assert found is not None and (found.only_source, found.only_translation) == (only_english, only_french)


@pytest.mark.parametrize("locale", ["fr_FR", "fr_CH", "de_DE", "de_CH", "es_ES", "en_GB"])
def test_a_number_as_babel_formats_it_is_read_back(locale):
    written = format_decimal(1234567.5, locale=locale)
    assert [n.value for n in numbers(f"({written})", locale)] == ["1234567.5"], (written, get_group_symbol(locale))


def test_the_sample_raises_no_number_warning(runner, sample):
    sources = sample / "source_sheets"
    assert list(figures_unlike(read_sources(sources))) == []
    with_figures = [a for a in read_sources(sources).current.activities if numbers(a.texts("Progress")["en"], EN)]
    assert with_figures  # the check had figures to compare


def edit(path, cell: str, old: str, new: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Part I"]
    assert old in sheet[cell].value
    sheet[cell] = sheet[cell].value.replace(old, new)
    book.save(path)


@pytest.mark.slow
def test_a_figure_left_behind_is_warned_of_after_the_translation_changed_for_another_reason(runner, sample):
    """The issue's case: the English 1,200 became 1,300, flagged out of date; the French cell was edited for
    another reason, still saying 1 200; validate and translations status name it."""
    sources, templates = sample / "source_sheets", sample / "templates"
    programme = read_sources(sources).current
    book = openpyxl.load_workbook(sources / WP)
    sheet = book["Part I"]
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    activity, english = next(
        (a, a.texts("Progress")["en"]) for a in programme.parts[0].activities if re.search(r"\d,\d{3}", a.texts("Progress")["en"])
    )
    figure = re.search(r"\d{1,3}(?:,\d{3})+", english)[0]
    higher = f"{int(figure.replace(',', '')) + 100:,}"
    row = activity.location.cell.removeprefix("row ")
    en_cell, fr_cell = f"{letters['Progress (EN)']}{row}", f"{letters['Progress (FR)']}{row}"
    edit(sources / WP, en_cell, figure, higher)

    def validate() -> list[str]:
        result = runner.invoke(cli, ["validate", "--sources", str(sources), "--templates", str(templates)])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if ": warning: " in line]

    warnings = validate()
    assert len(warnings) == 1, warnings
    [stale] = warnings
    assert "Progress (EN) changed since the texts were last in step" in stale  # the out-of-date warning, alone
    assert f" [-{figure}-]{{+{higher}+}} " in stale  # the words changed since, whole, with the words around them
    french = activity.texts("Progress")["fr"]
    word = re.findall(r"[a-zé]{4,}", french)[-1]
    edit(sources / WP, fr_cell, word, word.upper())  # edited for another reason, the figure kept
    french_figure = next(n.written for n in numbers(french, FR) if n.value == figure.replace(",", ""))
    expected = (
        f"{WP} › Part I › {fr_cell} ({activity.number}, Progress (FR)): warning: the numbers differ from the source's: "
        f"Progress (EN) has {higher} where Progress (FR) has {french_figure}; correct the figures of the one that is wrong"
    )
    assert validate() == [expected]
    strict = runner.invoke(cli, ["validate", "--strict", "--sources", str(sources), "--templates", str(templates)])
    assert strict.exit_code == 1 and "the numbers differ from the source's" in strict.output
    status = runner.invoke(cli, ["translations", "status", "--sources", str(sources)])
    assert status.exit_code == 0, status.output
    assert (
        expected.replace(": warning:", ":").removesuffix("; correct the figures of the one that is wrong")
        in status.output.splitlines()
    )
    assert status.output.splitlines()[-1].endswith("up to date; 1 with numbers unlike the source's")
