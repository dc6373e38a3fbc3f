from ctpdoc.document.context import build_context
from ctpdoc.document.formats import NBSP, NNBSP
from ctpdoc.model import Op
from ctpdoc.shape import PTC_STATUS_COLOURS
from ctpdoc.workbooks.sources import read_sources
from tests.helpers.factory import part1_row, part2_row, write_sources

STATUS_FILLS = {key: colour for key, colour, _ in PTC_STATUS_COLOURS}


def sources(tmp_path, **kwargs):
    return read_sources(write_sources(tmp_path, **kwargs))


def test_document_values_are_formatted_per_language(tmp_path):
    fr = build_context(sources(tmp_path), "fr").values["doc"]
    en = build_context(sources(tmp_path), "en").values["doc"]
    assert (fr["reference"], fr["short_reference"]) == ("PC0999F1a", "PC0999F1")
    assert en["reference"] == "PC0999E1a"
    assert fr["issue_date"] == f"27{NBSP}mars{NBSP}2026" and en["issue_date"] == f"27{NBSP}March{NBSP}2026"
    assert fr["previous_reports"] == [f"avril{NBSP}2023", f"avril{NBSP}2024"] and fr["previous_report"] == f"avril{NBSP}2024"
    assert en["programme_end"] == f"June{NBSP}2025" and fr["meeting_month"] == "mai"
    assert (fr["place"], en["place"], fr["author"]) == ("Bruxelles", "Brussels", "Secrétariat")
    assert fr["sessions"] == [250, 251] and fr["year"] == "2026"


def test_counts_come_from_the_rows(tmp_path):
    rows = [part1_row("1.1", "ongoing"), part1_row("1.2", "pending"), part1_row("1.3", "pending")]
    values = build_context(sources(tmp_path, part1=rows, part2=[part2_row("2.1")]), "en").values
    assert values["current"]["counts"] == {
        "total": 4,
        "part1": 3,
        "part2": 1,
        "ongoing": 1,
        "completed": 0,
        "pending": 2,
        "done": 0,
    }
    assert values["draft"]["counts"]["total"] == 4
    assert [str(r["no"]) for r in values["current"]["part1"]] == ["1.1", "1.2", "1.3"]


def test_french_typography_applies_to_cell_text_and_to_changes(tmp_path):
    old = ("Before.", "Deux parties : la première « avant ».")
    new = ("After.", "Deux parties : la seconde « après » < 5 %.")
    context = build_context(
        sources(tmp_path, part1=[part1_row("1.1", progress=new)], baseline1=[part1_row("1.1", progress=old)]), "fr", tracked=True
    )
    progress = context.values["current"]["part1"][0]["progress"]
    assert str(progress) == f"Deux parties{NNBSP}: la seconde «{NNBSP}après{NNBSP}» < 5{NBSP}%."
    inserted = "".join(s.text for s in progress.segments if s.op is Op.INSERT)
    deleted = "".join(s.text for s in progress.segments if s.op is Op.DELETE)
    assert f"après{NNBSP}» < 5{NBSP}%" in inserted and f"avant{NNBSP}»" in deleted
    assert "&lt; 5" in progress.__html__()


def test_rows_are_marked_for_shading_and_row_revisions(tmp_path):
    context = build_context(
        sources(
            tmp_path,
            part1=[part1_row("1.1", "completed"), part1_row("1.2")],
            baseline1=[part1_row("1.1", "ongoing"), part1_row("1.3")],
        ),
        "en",
        tracked=True,
    )
    marks = list(context.row_marks.values())
    fills = [m.fill for m in marks[:3]]
    assert fills == [STATUS_FILLS["completed"], STATUS_FILLS["ongoing"], STATUS_FILLS["ongoing"]]
    assert [m.op for m in marks[:3]] == [Op.EQUAL, Op.INSERT, Op.DELETE]
    status = context.values["current"]["part1"][0]["status"]
    assert [(s.op, s.text) for s in status.segments] == [(Op.DELETE, "Ongoing"), (Op.INSERT, "Completed")]


def test_untracked_context_shows_only_the_current_programme(tmp_path):
    context = build_context(sources(tmp_path, part1=[part1_row("1.1")], baseline1=[part1_row("1.9")]), "en")
    assert [str(r["no"]) for r in context.values["current"]["part1"]] == ["1.1"]
    assert context.revision is None
