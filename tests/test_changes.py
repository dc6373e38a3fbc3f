from hypothesis import given, settings
from hypothesis import strategies as st

from ctpdoc.changes.diff import ChangeKind, compare, diff_words, tokens
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
words = st.lists(st.sampled_from(["the", "PTC", "réunion", "東京", "а", "2025", " ", "  ", ",", ".", "\n", "\t", "«", "»"]), max_size=25).map("".join)


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
    assert changes == [("1.1", ChangeKind.SAME), ("1.2", ChangeKind.CHANGED), ("1.3", ChangeKind.ADDED), ("1.10", ChangeKind.REMOVED)]


def test_without_baseline_nothing_changed():
    current = programme(activity("1.1"))
    assert [c.kind for c in compare(None, current, ptc_shape())] == [ChangeKind.SAME]


# ---------------------------------------------------------------- semantic clean-up (issue #20, point 1)


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
    """An unchanged stretch longer than the edits beside it stays unchanged: two small edits, two marks."""
    segments = diff_words("One of the three chapters has been drafted.", "Two of the three chapters have been drafted.")
    assert [(s.op, s.text) for s in segments if s.op is not Op.EQUAL] == [
        (Op.DELETE, "One"), (Op.INSERT, "Two"), (Op.DELETE, "has"), (Op.INSERT, "have"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.one_of(text, words), st.one_of(text, words))
def test_no_equality_is_shorter_than_the_changes_on_both_sides(old, new):
    segments = diff_words(old, new)
    for i in range(1, len(segments) - 1):
        if segments[i].op is Op.EQUAL:
            before = segments[i - 2 : i] if i >= 2 and segments[i - 2].op is not Op.EQUAL else segments[i - 1 : i]
            after = segments[i + 1 : i + 3] if i + 2 < len(segments) and segments[i + 2].op is not Op.EQUAL else segments[i + 1 : i + 2]
            size = len(segments[i].text)
            assert size > max(len(s.text) for s in before) or size > max(len(s.text) for s in after)
