"""Issue #20: the Word templates as a WCO editor would pass them. Idempotent: a second run changes nothing.

In each ``templates/<lang>/report.docx``:

- paragraph 11's sentence on track changes ("… en mode « suivi des modifications ».", "… shown in “track changes”
  mode.") printed only in the tracked document: wrapped in ``{% if doc.tracked %}…{% endif %}``; the ``-clean``
  document, which shows no changes, leaves it out. The sentence is found by its words, wherever the paragraph is
  (another migration may have reworded the rest of it);
- the cover: under the reference a line ``{{ doc.original }}`` (O. Fr., from the setting "Original language");
- the cover's bilingual organisation names tagged with their own language (``w:lang``), so that spell checkers
  and screen readers read the other language's lines right.

Run from the repository's root: ``.venv/bin/python tools/migrations/20_templates.py``.
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
TRACKED_SENTENCE = {"fr": re.compile(r"\s*[^.]*suivi des modifications[^.]*\."), "en": re.compile(r"\s*[^.]*track changes[^.]*\.")}
# The cover's organisation lines, by language (WCO's names in English and in French).
ORGANISATION = {"en-GB": ("WORLD CUSTOMS ORGANIZATION", "Established in 1952"), "fr-FR": ("ORGANISATION MONDIALE DES DOUANES", "Créée en 1952")}
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def texts(paragraph) -> list:
    return list(paragraph.iter(qn("w:t")))


def paragraph_text(paragraph) -> str:
    return "".join(t.text or "" for t in texts(paragraph))


def insert_at(paragraph, offset: int, tag: str) -> None:
    """Put ``tag`` into the text element holding character ``offset`` of the paragraph's text."""
    done = 0
    nodes = texts(paragraph)
    for node in nodes:
        length = len(node.text or "")
        if offset <= done + length:
            at = offset - done
            node.text = (node.text or "")[:at] + tag + (node.text or "")[at:]
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            return
        done += length
    raise ValueError("offset past the paragraph's end")


def condition_tracked_sentence(document, lang: str) -> int:
    pattern = TRACKED_SENTENCE[lang]
    for paragraph in document.element.body.iter(qn("w:p")):
        text = paragraph_text(paragraph)
        if "doc.tracked" in text:
            return 0
        found = pattern.search(text)
        if found and text.count(".") > 1:  # a sentence within paragraph 11, not a heading
            insert_at(paragraph, found.end(), "{% endif %}")
            insert_at(paragraph, found.start(), "{% if doc.tracked %}")
            return 1
    raise SystemExit(f"{lang}: the sentence on track changes was not found; edit the template by hand")


def add_original_line(document) -> int:
    for paragraph in document.element.body.iter(qn("w:p")):
        if "doc.reference" in paragraph_text(paragraph):
            following = paragraph.getnext()
            if following is not None and "doc.original" in paragraph_text(following):
                return 0
            line = copy.deepcopy(paragraph)
            for run in line.findall(qn("w:r"))[1:]:
                line.remove(run)
            texts(line)[0].text = "{{ doc.original }}"
            style = line.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None:
                style.set(qn("w:val"), "CoverText")
            paragraph.addnext(line)
            return 1
    raise SystemExit("the cover's {{ doc.reference }} was not found")


def tag_languages(document) -> int:
    changed = 0
    for paragraph in document.element.body.iter(qn("w:p")):
        text = paragraph_text(paragraph)
        tag = next((tag for tag, starts in ORGANISATION.items() if text.startswith(starts)), None)
        if tag is None:
            continue
        for run in paragraph.iter(qn("w:r")):
            properties = run.get_or_add_rPr()
            language = properties.find(qn("w:lang"))
            if language is None:
                language = OxmlElement("w:lang")
                properties.insert_element_before(language, *_AFTER_LANG)
            if language.get(qn("w:val")) != tag:
                language.set(qn("w:val"), tag)
                changed += 1
    return changed


def main() -> int:
    for lang in ("fr", "en"):
        path = ROOT / "templates" / lang / "report.docx"
        document = docx.Document(str(path))
        changed = condition_tracked_sentence(document, lang) + add_original_line(document) + tag_languages(document)
        if changed:
            document.save(str(path))
        print(f"{path.relative_to(ROOT)}: {changed} changes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
