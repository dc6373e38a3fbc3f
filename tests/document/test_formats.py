import datetime as dt
import re

import pytest
from babel.dates import get_month_names

from ctpdoc.document.formats import NBSP, NNBSP, Formats, french_typography, original_mark
from ctpdoc.model import YearRange

FR = Formats("fr", "fr_FR")
EN = Formats("en", "en_GB")


def test_dates_in_each_language():
    day = dt.date(2025, 3, 28)
    assert FR.date(day) == f"28{NBSP}mars{NBSP}2025"
    assert EN.date(day) == f"28{NBSP}March{NBSP}2025"
    assert FR.month(dt.date(2024, 4, 1)) == f"avril{NBSP}2024"
    assert EN.month(dt.date(2024, 4, 1)) == f"April{NBSP}2024"
    assert FR.month_name(dt.date(2025, 5, 5)) == "mai"


WJ = "\u2060"  # word joiner


def test_meeting_interval_is_one_form_in_both_languages_and_never_breaks():
    """The locale's interval format; the dash between two days closed up in both (CLDR spaces it in English)."""
    assert FR.interval(dt.date(2025, 5, 5), dt.date(2025, 5, 8)) == f"5{WJ}–{WJ}8{NBSP}mai{NBSP}2025"
    assert EN.interval(dt.date(2025, 5, 5), dt.date(2025, 5, 8)) == f"5{WJ}–{WJ}8{NBSP}May{NBSP}2025"
    across = EN.interval(dt.date(2025, 4, 28), dt.date(2025, 5, 2))
    assert " " not in across and "\u2009" not in across and across.endswith(f"2{NBSP}May{NBSP}2025")


ES = Formats("es", "es_ES")  # the third language of the tests' Spanish copy (test_more_languages.py)


@pytest.mark.parametrize("formats", [EN, FR, ES, Formats("en", "en_US")], ids=lambda f: str(f.locale))
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_printed_in_full_in_meeting_dates_issue_dates_and_timeframes(formats, month):
    """CLDR has no interval pattern for full months in English or French: babel's nearest printed "17–19 Mar 2025",
    "Sept", "janv."; each of the twelve months, within one month and across two, prints its full name."""
    full = get_month_names("wide", locale=formats.locale)
    short = get_month_names("abbreviated", locale=formats.locale)
    following = dt.date(2025 + month // 12, month % 12 + 1, 2)
    printed = {
        "meeting": formats.interval(dt.date(2025, month, 17), dt.date(2025, month, 19)),
        "meeting across months": formats.interval(dt.date(2025, month, 27), following),
        "issue date": formats.date(dt.date(2025, month, 28)),
        "timeframe": formats.timeframe(dt.date(2025, month, 1)),
    }
    for what, text in printed.items():
        words = set(re.split(r"[\s\u2060–,.]+", text))
        assert full[month] in words, (what, text)
        assert short[month] == full[month] or short[month].rstrip(".") not in words, (what, text)
    assert full[following.month] in set(re.split(r"[\s\u2060–,.]+", printed["meeting across months"]))


def test_a_meeting_of_one_day_is_that_day_in_full():
    assert EN.interval(dt.date(2025, 3, 17), dt.date(2025, 3, 17)) == f"17{NBSP}March{NBSP}2025"


@pytest.mark.parametrize(
    ("formats", "n", "expected"),
    [
        (FR, 0, "0 activité est"),
        (FR, 1, "1 activité est"),
        (FR, 6, "6 activités sont"),
        (EN, 0, "0 activities are"),
        (EN, 1, "1 activity is"),
        (EN, 6, "6 activities are"),
    ],
)
def test_plural_follows_cldr(formats, n, expected):
    forms = {
        "fr": {"one": "# activité est", "other": "# activités sont"},
        "en": {"one": "# activity is", "other": "# activities are"},
    }
    assert formats.plural(n, **forms[formats.lang]) == expected


def test_plural_formats_the_number_for_the_locale():
    assert FR.plural(12345, one="# activité", other="# activités") == f"12{NNBSP}345 activités"
    assert EN.plural(12345, one="# activity", other="# activities") == "12,345 activities"


def test_plural_falls_back_to_other_and_says_what_is_missing():
    arabic = Formats("ar", "ar")
    assert arabic.locale.plural_form(2) == "two"
    assert arabic.plural(2, one="# one", other="# other").endswith(" other")
    with pytest.raises(ValueError, match='"one" or "other"'):
        FR.plural(1, many="#")


def test_ordinals_by_locale_rules():
    en = {"one": "#st", "two": "#nd", "few": "#rd", "other": "#th"}
    assert EN.ordinal([247, 248], **en) == "247th/248th"
    assert EN.ordinal([241, 242, 243], **en) == "241st/242nd/243rd"
    assert FR.ordinal([247, 248], one="#re", other="#e") == "247e/248e"
    assert FR.ordinal(1, one="#re", other="#e") == "1re"


def test_listing():
    months = ["avril 2023", "avril 2024"]
    assert FR.listing(months, "en #") == "en avril 2023 et en avril 2024"
    assert EN.listing(["April 2023", "April 2024", "May 2025"]) == "April 2023, April 2024 and May 2025"


def test_timeframes():
    assert FR.timeframe(dt.date(2024, 6, 30)) == f"juin{NBSP}2024"
    assert EN.timeframe(YearRange(2023, 2025)) == "2023\u20112025"  # a non-breaking hyphen
    assert EN.timeframe(YearRange(2024, 2024)) == "2024"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("deux parties : I", f"deux parties{NNBSP}: I"),
        ("2022-2023 ; en outre", f"2022-2023{NNBSP}; en outre"),  # french_typography alone: ranges are joined by Formats.text
        ("vraiment ?", f"vraiment{NNBSP}?"),
        ("la colonne « État d'avancement »", f"la colonne «{NNBSP}État d'avancement{NNBSP}»"),
        ("la colonne «État»", f"la colonne «{NNBSP}État{NNBSP}»"),
        ("réduit de 5 %", f"réduit de 5{NBSP}%"),
        ("le 28 mars 2025", f"le 28{NBSP}mars{NBSP}2025"),
        ("http://example.org", "http://example.org"),
        ("10:30", "10:30"),
    ],
)
def test_french_typography(typed, expected):
    assert french_typography(typed) == expected
    assert french_typography(expected) == expected  # idempotent


def test_english_keeps_text_as_typed():
    assert EN.text("two parts : I") == "two parts : I"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("in April 2024 and", f"in April{NBSP}2024 and"),
        ("on 5 May 2025", f"on 5{NBSP}May{NBSP}2025"),
        ("on 21st June 2025", f"on 21st{NBSP}June{NBSP}2025"),
        ("on May 5, 2025", f"on May{NBSP}5, 2025"),
        ("January and February 2024", f"January and February{NBSP}2024"),
        ("it may 2024 be", "it may 2024 be"),  # the verb, not the month
        ("March 10:30", "March 10:30"),
    ],
)
def test_english_months_keep_their_day_and_year(typed, expected):
    """As French keeps "avril 2024" on one line (issue 29: "April / 2024" split at a line end)."""
    assert EN.text(typed) == expected
    assert EN.text(expected) == expected


def test_elision_before_a_vowel():
    assert FR.elide(f"avril{NBSP}2024", "de ", "d’") == f"d’avril{NBSP}2024"
    assert FR.elide(f"août{NBSP}2025", "de ", "d’") == f"d’août{NBSP}2025"
    assert FR.elide(f"juin{NBSP}2025", "de ", "d’") == f"de juin{NBSP}2025"
    assert FR.elide("Écosse", "de ", "d’") == "d’Écosse"


@pytest.mark.parametrize(
    ("formats", "typed", "expected"),
    [
        (FR, "plus de 1 200 participants", f"plus de 1{NNBSP}200 participants"),
        (FR, "12 000 000 d’euros", f"12{NNBSP}000{NNBSP}000 d’euros"),
        (FR, "dépasse 75 % parmi", f"dépasse 75{NBSP}% parmi"),
        (FR, "dépasse 75% parmi", f"dépasse 75{NBSP}% parmi"),
        (FR, "en 2024 150 Membres", "en 2024 150 Membres"),  # a year then a number: not thousands
        (FR, "pour 2022-2025 ;", f"pour 2022\u20112025{NNBSP};"),
        (EN, "exceeds 75 % among", "exceeds 75% among"),
        (EN, "more than 1 200 participants", "more than 1,200 participants"),
        (EN, "more than 1,200 participants", "more than 1,200 participants"),
        (EN, "the 2025-2028 Work Programme", "the 2025\u20112028 Work Programme"),
        (EN, "ISO 28000 and 2023-24", "ISO 28000 and 2023\u201124"),
        (EN, "pages 5–8", f"pages 5{WJ}–{WJ}8"),
    ],
)
def test_each_language_s_typography_for_texts_typed_in_the_workbooks(formats, typed, expected):
    assert formats.text(typed) == expected


def test_the_original_language_mark():
    """WCO covers print "O. Fr." on both versions of a French original: the language's own name, cut to two letters."""
    assert original_mark("fr") == "O. Fr."
    assert original_mark("en") == "O. En."
    assert original_mark("ar") == "O. Ar."  # another script: the English name
    assert original_mark(None) == ""


@pytest.mark.parametrize(
    ("formats", "n", "gender", "expected"),
    [
        (EN, 1, "", "One new activity"),
        (EN, 2, "", "Two new activities"),
        (EN, 21, "", "Twenty-one new activities"),
        (FR, 1, "feminine", "Une nouvelle activité"),
        (FR, 2, "feminine", "Deux nouvelles activités"),
        (FR, 21, "feminine", "Vingt et une nouvelles activités"),
        (FR, 81, "feminine", "Quatre-vingt-une nouvelles activités"),
        (FR, 21, "", "Vingt et un nouvelles activités"),  # the form's noun decides: here the template said nothing
        (Formats("fr", "fr_BE"), 70, "feminine", "Septante nouvelles activités"),
        (ES, 21, "feminine", "Veintiuna nuevas actividades"),
        (ES, 200, "feminine", "Doscientas nuevas actividades"),
        (Formats("sw", "sw"), 2, "", "2 new activities"),  # no spell-out for the language: in figures
    ],
)
def test_a_count_that_opens_a_sentence_is_spelled_out(formats, n, gender, expected):
    forms = {
        "en": {"one": "One new activity", "other": "# new activities"},
        "fr": {"one": "Une nouvelle activité", "other": "# nouvelles activités"},
        "es": {"one": "Una nueva actividad", "other": "# nuevas actividades"},
        "sw": {"one": "One new activity", "other": "# new activities"},
    }[formats.locale.language]
    assert formats.spelled(n, gender=gender, **forms) == expected


def test_a_count_spelled_inside_a_sentence_keeps_its_case():
    assert EN.spelled(3, other="with # activities") == "with three activities"
