import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctpdoc.changes.diff import ChangeKind, compare, diff_marks, diff_words, tokens
from ctpdoc.changes.sentences import PLACES, SHARE
from ctpdoc.model import Activity, Location, Op, Part, Programme, Segment, accepted, rejected
from ctpdoc.shape import freeze, ptc_shape

WHERE = Location("wp.xlsx", "Part I", "row 2")


def test_unchanged_text_is_one_plain_segment():
    assert diff_words("Same text.", "Same text.") == [Segment(Op.EQUAL, "Same text.")]
    assert diff_words("", "") == []


def test_whole_words_change_not_characters():
    segments = diff_words("The PTC took note of the report.", "The PTC endorsed the report.")
    assert segments == [
        Segment(Op.EQUAL, "The PTC "),
        Segment(Op.DELETE, "took note of"),
        Segment(Op.INSERT, "endorsed"),
        Segment(Op.EQUAL, " the report."),
    ]


def test_an_added_sentence_is_one_insertion():
    old = "Draft guidance prepared."
    new = "Draft guidance prepared. Endorsed by the PTC in April 2025."
    assert diff_words(old, new) == [Segment(Op.EQUAL, old), Segment(Op.INSERT, " Endorsed by the PTC in April 2025.")]


def test_tokens_keep_every_character():
    text = "Mise à jour :  « SAFE » 2025\n— 東京 ok!"
    assert "".join(tokens(text)) == text


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
words = st.lists(
    st.sampled_from(["the", "PTC", "réunion", "東京", "а", "2025", " ", "  ", ",", ".", "\n", "\t", "«", "»"]), max_size=25
).map("".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.one_of(text, words), st.one_of(text, words))
def test_accepting_gives_new_and_rejecting_gives_old(old, new):
    segments = diff_words(old, new)
    assert accepted(segments) == new
    assert rejected(segments) == old
    assert all(s.text for s in segments)
    assert all(a.op != b.op for a, b in zip(segments, segments[1:], strict=False) if Op.EQUAL in (a.op, b.op))


def activity(number, status="ongoing", progress="Work goes on."):
    values = {"Strategic objective": "SO1", "Activity": freeze({"en": f"Activity {number}", "fr": f"Activité {number}"}),
              "Progress": freeze({"en": progress, "fr": progress})}  # fmt: skip
    return Activity(number=number, location=WHERE, values=values, status=status)


def programme(*part1):
    return Programme("2022-2025", (Part("I", tuple(part1)), Part("II", ())), Location("wp.xlsx"))


def test_compare_matches_by_number_in_annex_order():
    baseline = programme(activity("1.1"), activity("1.2"), activity("1.10"))
    current = programme(activity("1.1"), activity("1.2", "completed"), activity("1.3"))
    changes = [(c.activity.number, c.kind) for c in compare(baseline, current, ptc_shape())]
    assert changes == [
        ("1.1", ChangeKind.SAME),
        ("1.2", ChangeKind.CHANGED),
        ("1.3", ChangeKind.ADDED),
        ("1.10", ChangeKind.REMOVED),
    ]


def test_without_baseline_nothing_changed():
    current = programme(activity("1.1"))
    assert [c.kind for c in compare(None, current, ptc_shape())] == [ChangeKind.SAME]


# ---------------------------------------------------------------- semantic clean-up: an edit marked as small as it is


def test_a_one_word_edit_stays_one_word():
    old = "A questionnaire was circulated to Members in January 2024 and 28 replies were received."
    new = "A questionnaire was circulated to Members in January 2024 and 41 replies were received."
    assert diff_words(old, new) == [
        Segment(Op.EQUAL, old[: old.index("28")]),
        Segment(Op.DELETE, "28"),
        Segment(Op.INSERT, "41"),
        Segment(Op.EQUAL, old[old.index("28") + 2 :]),
    ]


def test_a_rewritten_sentence_is_one_deletion_and_one_insertion():
    """The short words the two versions happen to share ("la", "est") fold into the rewritten phrase."""
    head = "Les grandes lignes du modèle ont été examinées en 2023, "
    old = head + "et la suite des travaux est prévue en 2024."
    new = head + "mais le modèle n’a pas pu être finalisé au cours de la période actuelle. Il est proposé de le reporter."
    segments = diff_words(old, new)
    assert [s.op for s in segments] == [Op.EQUAL, Op.DELETE, Op.INSERT, Op.EQUAL]
    assert segments[0].text == head
    assert segments[1].text == "et la suite des travaux est prévue en 2024"
    assert segments[-1].text == "."


def test_the_clean_up_keeps_separate_edits_apart():
    """An unchanged stretch longer than the edits beside it stays unchanged in the word diff: two small edits, two
    marks (the documents' marks join them, being in one sentence: below)."""
    segments = diff_words("One of the three chapters has been drafted.", "Two of the three chapters have been drafted.")
    assert [(s.op, s.text) for s in segments if s.op is not Op.EQUAL] == [
        (Op.DELETE, "One"),
        (Op.INSERT, "Two"),
        (Op.DELETE, "has"),
        (Op.INSERT, "have"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("diff", [diff_words, diff_marks])
@settings(max_examples=300, deadline=None)
@given(old=st.one_of(text, words), new=st.one_of(text, words))
def test_no_equality_is_shorter_than_the_changes_on_both_sides(diff, old, new):
    segments = diff(old, new)
    for i in range(1, len(segments) - 1):
        if segments[i].op is Op.EQUAL:
            before = segments[i - 2 : i] if i >= 2 and segments[i - 2].op is not Op.EQUAL else segments[i - 1 : i]
            after = (
                segments[i + 1 : i + 3]
                if i + 2 < len(segments) and segments[i + 2].op is not Op.EQUAL
                else segments[i + 1 : i + 2]
            )
            size = len(segments[i].text)
            assert size > max(len(s.text) for s in before) or size > max(len(s.text) for s in after)


# ---------------------------------------------------------------- sentence-level marks: a sentence rewritten in places, whole


def changed(segments):
    return [(s.op, s.text) for s in segments if s.op is not Op.EQUAL]


def test_a_sentence_edited_in_several_places_is_one_deletion_and_one_insertion():
    """Annex I row 1.3: "~~Un~~Deux des trois chapitres ~~a~~ont été ~~rédigé~~rédigés" is one sentence rewritten."""
    for old, new in (
        ("Un des trois chapitres a été rédigé avec le concours du Groupe.",
         "Deux des trois chapitres ont été rédigés avec le concours du Groupe."),
        ("One of the three chapters has been drafted.", "Two of the three chapters have been drafted."),
    ):  # fmt: skip
        assert len(changed(diff_words(old, new))) > PLACES  # the word diff: in pieces
        assert diff_marks(old, new) == [Segment(Op.DELETE, old[:-1]), Segment(Op.INSERT, new[:-1]), Segment(Op.EQUAL, ".")]


def test_a_sentence_added_after_a_rewritten_one_joins_its_insertion():
    """Row 1.3 as the sample has it: the rewritten sentence and the one added after it, two pieces in all."""
    old = "Un des trois chapitres a été rédigé avec le concours du Groupe."
    new = "Deux des trois chapitres ont été rédigés avec le concours du Groupe. Le troisième sera présenté en mai 2025."
    assert diff_marks(old, new) == [Segment(Op.DELETE, old), Segment(Op.INSERT, new)]


def test_a_single_word_or_figure_edit_stays_that_word_or_figure():
    """Annex I row 1.2's "Bruxelles → Lisbonne": one word out, one word in, however short the sentence."""
    for old, new, out, into in (("L’atelier s’est tenu à Bruxelles en mai 2024.", "L’atelier s’est tenu à Lisbonne en mai 2024.",
                                 "Bruxelles", "Lisbonne"),
                                ("Held in Brussels.", "Held in Lisbon.", "Brussels", "Lisbon"),
                                ("Brussels.", "Lisbon.", "Brussels", "Lisbon"),
                                ("Replies: 28.", "Replies: 41.", "28", "41")):  # fmt: skip
        assert changed(diff_marks(old, new)) == [(Op.DELETE, out), (Op.INSERT, into)]


def test_a_change_of_spaces_alone_is_no_place():
    old, new = "The  report lists 28 replies from Members.", "The report lists 41 replies from Members."
    assert len(changed(diff_words(old, new))) == 2 * PLACES
    assert changed(diff_marks(old, new)) == changed(diff_words(old, new))


def test_edits_in_different_sentences_stay_apart():
    old = "Two workshops were held in 2023. The report lists 28 replies."
    new = "Three workshops were held in 2023. The report lists 41 replies."
    assert changed(diff_marks(old, new)) == [(Op.DELETE, "Two"), (Op.INSERT, "Three"), (Op.DELETE, "28"), (Op.INSERT, "41")]


def test_the_clauses_left_alone_before_and_after_stay_unmarked():
    """Only the edited clauses, first to last, are marked; a clause before them, the one after and the final stop stay."""
    head, tail = "Preparatory research was carried out in 2023, ", ", as planned."
    old = head + "but drafting of the study has been delayed" + tail
    new = head + "but drafting of the report has been postponed" + tail
    assert len(changed(diff_words(old, new))) == 2 * PLACES
    assert diff_marks(old, new) == [
        Segment(Op.EQUAL, head),
        Segment(Op.DELETE, "but drafting of the study has been delayed"),
        Segment(Op.INSERT, "but drafting of the report has been postponed"),
        Segment(Op.EQUAL, tail),
    ]


def test_a_french_semicolon_and_its_space_end_the_clause_unmarked():
    tail = "\u00a0; le texte a été adopté."
    old, new = "Deux Membres l’ont appliqué en 2024" + tail, "Trois Membres l’appliquent depuis 2024" + tail
    segments = diff_marks(old, new)
    assert segments[-1] == Segment(Op.EQUAL, tail)
    assert changed(segments) == [(Op.DELETE, old.removesuffix(tail)), (Op.INSERT, new.removesuffix(tail))]


def test_one_edit_changing_most_of_a_sentence_marks_it_whole():
    old, new = "The meeting was postponed.", "The meeting took place in Geneva with 40 delegates."
    assert changed(diff_words(old, new)) == [(Op.DELETE, "was postponed"), (Op.INSERT, "took place in Geneva with 40 delegates")]
    assert 7 > SHARE * 9  # the edit's words against the sentence's: more than the share
    assert changed(diff_marks(old, new)) == [(Op.DELETE, old[:-1]), (Op.INSERT, new[:-1])]


def test_one_small_edit_in_a_long_sentence_stays_where_it_is():
    old = "Preparations are under way with the host administration and the partner organizations."
    new = "Preparations were carried out with the host administration and the partner organizations."
    assert diff_marks(old, new) == diff_words(old, new)


def test_english_and_french_marks_of_one_edit_agree():
    """Annex I row 2.11: one place in English's clause two, three in French's; both are one deletion and one insertion."""
    en = (
        "One new release was published, adding the data required for e-commerce. The Team met four times.",
        "Two new releases were published, adding the data required for AEO mutual recognition and for e-commerce. The Team met "
        "four times.",
    )
    fr = (
        "Une nouvelle version a été publiée, qui intègre les données requises pour le commerce électronique. L’Équipe s’est "
        "réunie.",
        "Deux nouvelles versions ont été publiées, qui intègrent les données requises pour la reconnaissance mutuelle des OEA "
        "et pour le commerce électronique. L’Équipe s’est réunie.",
    )
    for old, new in (en, fr):
        segments = diff_marks(old, new)
        assert [s.op for s in segments] == [Op.DELETE, Op.INSERT, Op.EQUAL], segments
        assert segments[0].text == old[: old.index(".")]


def test_a_stop_the_next_change_carries_on_from_ends_no_sentence():
    """“version 2.[-1-]{+2+}”: the full stop inside a number does not cut the sentence in two."""
    old, new = "Release 2.1 came out in May and was adopted.", "Release 2.2 came out in June and was adopted."
    assert changed(diff_marks(old, new)) == [
        (Op.DELETE, "Release 2.1 came out in May and was adopted"),
        (Op.INSERT, "Release 2.2 came out in June and was adopted"),
    ]


SENTENCE_END = re.compile(r"[.!?;…][^\w\s]*(\s|$)|\n")  # a cut wherever the rule may cut, and more


def sentences_of(segments):
    """The marks cut into sentences at every unchanged stretch holding a sentence's end: the pieces of each."""
    found = [[]]
    for segment in segments:
        if segment.op is Op.EQUAL:
            if SENTENCE_END.search(segment.text):
                found.append([])
        else:
            found[-1].append(segment)
    return found


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.one_of(text, words), st.one_of(text, words))
@example(old="000:", new=" 000;")  # a space put in is no place an editor marks: the sentence keeps its one edit
def test_the_marks_are_a_diff_and_no_sentence_has_more_than_one_deletion_and_one_insertion(old, new):
    segments = diff_marks(old, new)
    assert accepted(segments) == new and rejected(segments) == old
    assert all(s.text for s in segments)
    assert all(a.op != b.op for a, b in zip(segments, segments[1:], strict=False) if Op.EQUAL in (a.op, b.op))
    shown = [[piece for piece in pieces if piece.text.strip()] for pieces in sentences_of(segments)]
    assert all(len(pieces) <= 2 for pieces in shown), segments


vocabulary = ["the", "PTC", "réunion", "Bruxelles", "2025", "28", "a", "été", "Members", "report", "of", "in", "held", "2.1"]
separators = st.sampled_from([" ", " ", " ", ", ", ". ", " ; ", "\n"])


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=len(vocabulary), unique=True), st.data())
def test_one_word_replaced_anywhere_is_one_word_out_and_one_in(chosen, data):
    """Words that occur once (a repeated word lets the alignment itself split an edit in two)."""
    pairs = [(word, data.draw(separators)) for word in chosen]
    at = data.draw(st.integers(0, len(pairs) - 1))
    old = "".join(w + s for w, s in pairs)
    new = "".join(("Lisbonne" if i == at else w) + s for i, (w, s) in enumerate(pairs))
    assert changed(diff_marks(old, new)) == [(Op.DELETE, pairs[at][0]), (Op.INSERT, "Lisbonne")]
