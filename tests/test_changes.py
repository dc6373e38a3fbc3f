from hypothesis import given, settings
from hypothesis import strategies as st

from ctpdoc.changes.diff import ChangeKind, compare, diff_words, tokens
from ctpdoc.model import Activity, Location, Op, Programme, Segment, Status, accepted, freeze, rejected

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


def activity(number, status=Status.ONGOING, progress="Work goes on."):
    return Activity(
        number=number,
        objective="SO1",
        activity=freeze({"en": f"Activity {number}", "fr": f"Activité {number}"}),
        location=WHERE,
        status=status,
        progress=freeze({"en": progress, "fr": progress}),
    )


def programme(*part1):
    return Programme("2022-2025", tuple(part1), (), Location("wp.xlsx"))


def test_compare_matches_by_number_in_annex_order():
    baseline = programme(activity("1.1"), activity("1.2"), activity("1.10"))
    current = programme(activity("1.1"), activity("1.2", Status.COMPLETED), activity("1.3"))
    changes = [(c.activity.number, c.kind) for c in compare(baseline, current)]
    assert changes == [("1.1", ChangeKind.SAME), ("1.2", ChangeKind.CHANGED), ("1.3", ChangeKind.ADDED), ("1.10", ChangeKind.REMOVED)]


def test_without_baseline_nothing_changed():
    current = programme(activity("1.1"))
    assert [c.kind for c in compare(None, current)] == [ChangeKind.SAME]
