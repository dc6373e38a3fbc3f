"""Issue 19: paragraph 11 of both templates says what the annex shows: the activities added and removed since
the previous report, from the data (``current.changes``), with CLDR plurals; "No new activities…" only when none.

Only the sentence about new activities is replaced (the rest of the paragraph, e.g. the tracked/clean wording,
is left to whoever owns it). The sentence is found by its text wherever it lies among the runs, so the script
runs before or after other migrations; run twice, it changes nothing more.

    python tools/migrations/19_changes_sentence.py [TEMPLATES_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

OLD = {
    "en": "No new activities are proposed for inclusion in the current Work Programme.",
    "fr": "Il n’est proposé d’inclure aucune nouvelle activité dans le Programme de travail actuel.",
}
ADDED = "current.changes.added"
REMOVED = "current.changes.removed"
NEW = {
    "en": (
        f'{{% if {ADDED}.count %}}{{{{ {ADDED}.count|plural(one="One new activity", other="# new activities") }}}}, '
        f"{{{{ {ADDED}.numbers|listing }}}}, "
        f'{{{{ {ADDED}.count|plural(one="has been added to", other="have been added to") }}}} the current Work Programme'
        "{% else %}No new activities are proposed for inclusion in the current Work Programme{% endif %}"
        f'{{% if {REMOVED}.count %}}, and {{{{ {REMOVED}.count|plural(one="one activity", other="# activities") }}}}, '
        f"{{{{ {REMOVED}.numbers|listing }}}}, "
        f'{{{{ {REMOVED}.count|plural(one="has been removed from it", other="have been removed from it") }}}}{{% endif %}}.'
    ),
    "fr": (
        f'{{% if {ADDED}.count %}}{{{{ {ADDED}.count|plural(one="Une nouvelle activité", other="# nouvelles activités") }}}}, '
        f"{{{{ {ADDED}.numbers|listing }}}}, "
        f'{{{{ {ADDED}.count|plural(one="a été ajoutée", other="ont été ajoutées") }}}} au Programme de travail actuel'
        "{% else %}Il n’est proposé d’inclure aucune nouvelle activité dans le Programme de travail actuel{% endif %}"
        f'{{% if {REMOVED}.count %}} et {{{{ {REMOVED}.count|plural(one="une activité", other="# activités") }}}}, '
        f"{{{{ {REMOVED}.numbers|listing }}}}, "
        f'en {{{{ {REMOVED}.count|plural(one="a été retirée", other="ont été retirées") }}}}{{% endif %}}.'
    ),
}


def replace_across_runs(runs: list, old: str, new: str) -> bool:
    """Replace ``old`` (which may span runs) by ``new``, written into the run where ``old`` starts; the other runs
    keep their text and formatting but for the part of ``old`` they held."""
    texts = [run.text for run in runs]
    whole = "".join(texts)
    start = whole.find(old)
    if start < 0:
        return False
    end = start + len(old)
    offset = 0
    first = True
    for run, text in zip(runs, texts, strict=True):
        lo, hi = offset, offset + len(text)
        offset = hi
        if hi <= start or lo >= end:
            continue
        keep_before = text[: max(0, start - lo)]
        keep_after = text[max(0, end - lo):] if end < hi else ""
        run.text = keep_before + (new if first else "") + keep_after
        first = False
    return True


def migrate(path: Path, lang: str) -> str:
    document = Document(str(path))
    for paragraph in document.paragraphs:
        if ADDED in paragraph.text:
            return "already done"
    for paragraph in document.paragraphs:
        if replace_across_runs(paragraph.runs, OLD[lang], NEW[lang]):
            document.save(str(path))
            return "migrated"
    raise SystemExit(f"{path}: the sentence {OLD[lang]!r} was not found; edit paragraph 11 by hand")


def main() -> None:
    templates = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates"
    for lang in ("en", "fr"):
        path = templates / lang / "report.docx"
        print(f"{path}: {migrate(path, lang)}")


if __name__ == "__main__":
    main()
