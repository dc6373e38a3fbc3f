"""Starter templates: a Word template per language that follows any report's shape without being edited.

``ctpdoc init --empty`` (and ``--example``) writes them, so that a new working body gets a complete, correct
document before it writes a word of its own prose. Made here with python-docx (on which docxtpl is built; this
is the rendering layer, which owns the templates' tags), from nothing but the language: every part, column and
status comes from the context at build time, through loops:

- the cover and summary from the settings (reference, sessions, meeting dates, place, issue date, periods);
- a paragraph per part with its counts, per status where the part has statuses (``{% for part in current.parts %}``);
- Annex I, a table per part of the programme reported on, and Annex II, the same for the draft, only
  ``{% if draft.present %}``: each table's columns come from ``{%tc for column in part.columns %}`` (docxtpl's
  column loop; it fixes the table's grid after rendering), its rows from ``{%tr for row in part.rows %}``, with
  ``{{r row.no }}`` in the row's first cell, where the renderer finds the row's bookmark to shade and mark it.

The wording is English or French (:data:`WORDING`); any other language gets the English wording, to translate.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from ctpdoc.render.fill import restamp

STAMP = (1980, 1, 1, 0, 0, 0)  # every zip entry's date: the same template, the same bytes, whenever it is made


@dataclass(frozen=True)
class Wording:
    """The fixed text of a starter template in one language; the tags are the same in every language."""

    sessions: str  # the cover's sessions line (a {{r …}} tag alone in its run where it writes superscripts)
    issued: str
    title: str
    agenda: str
    summary: str
    summary_text: str
    progress: str
    progress_text: str
    part_text: str
    changes_text: str
    draft: str
    draft_text: str
    annex_one: str
    annex_one_title: str
    annex_two: str
    annex_two_title: str
    number: str


WORDING = {
    "en": Wording(
        sessions='{{r doc.sessions|ordinal(one="#<sup>st</sup>", two="#<sup>nd</sup>", '
        'few="#<sup>rd</sup>", other="#<sup>th</sup>")|runs }}',
        issued="{{ doc.place }}, {{ doc.issue_date }}.",
        title="Progress report on the implementation of the work programme {{ current.period }}"
        "{% if draft.present %} and draft work programme {{ draft.period }}{% endif %}",
        agenda="(Item {{ doc.agenda_item }} on the Agenda)",
        summary="Summary",
        summary_text="This document reports on the implementation of the work programme {{ current.period }}, which ends in "
        "{{ doc.programme_end }}{% if doc.previous_report %}, since the previous report ({{ doc.previous_report }}){% endif %}."
        "{% if draft.present %} It also presents the draft work programme {{ draft.period }}.{% endif %}",
        progress="I. Progress made in implementing the work programme {{ current.period }}",
        progress_text='The work programme {{ current.period }} comprises {{ current.counts.total|plural(one="# activity", '
        'other="# activities") }}, {{ current.counts.done|number }} of them done. Annex I gives each activity in detail.',
        part_text='{{ part.title }}: {{ part.counts.total|plural(one="# activity", other="# activities") }}'
        "{% if part.has_status %} ({% for key in doc.status %}{{ doc.status[key] }}: {{ part.counts[key]|number }}"
        "{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}.",
        changes_text="{% if current.changes.added.count %}Added since the previous report: "
        "{{ current.changes.added.numbers|listing }}. {% endif %}"
        "{% if current.changes.removed.count %}Removed: {{ current.changes.removed.numbers|listing }}. {% endif %}"
        "{% if current.changes.status_moves.count %}Status changed: "
        "{{ current.changes.status_moves.numbers|listing }}.{% endif %}",
        draft="II. Draft work programme {{ draft.period }}",
        draft_text="The draft work programme {{ draft.period }}, in Annex II, comprises "
        '{{ draft.counts.total|plural(one="# activity", other="# activities") }}.',
        annex_one="Annex I",
        annex_one_title="Work programme {{ current.period }}: status",
        annex_two="Annex II",
        annex_two_title="Draft work programme {{ draft.period }}",
        number="No.",
    ),
    "fr": Wording(
        sessions='{{r doc.sessions|ordinal(one="#<sup>re</sup>", other="#<sup>e</sup>")|runs }}',  # then " sessions – …"
        issued="{{ doc.place }}, le {{ doc.issue_date }}.",
        title="Rapport de situation sur la mise en œuvre du programme de travail {{ current.period }}"
        "{% if draft.present %} et projet de programme de travail {{ draft.period }}{% endif %}",
        agenda="(Point {{ doc.agenda_item }} de l’ordre du jour)",
        summary="Résumé",
        summary_text="Le présent document rend compte de la mise en œuvre du programme de travail {{ current.period }}, "
        "qui s’achève en {{ doc.programme_end }}"
        '{% if doc.previous_report %}, depuis le rapport {{ doc.previous_report|elide("de ", "d\\u2019") }}{% endif %}.'
        "{% if draft.present %} Il présente aussi le projet de programme de travail {{ draft.period }}.{% endif %}",
        progress="I. Progrès réalisés dans la mise en œuvre du programme de travail {{ current.period }}",
        progress_text='Le programme de travail {{ current.period }} compte {{ current.counts.total|plural(one="# activité", '
        'other="# activités") }}, dont {{ current.counts.done|plural(one="# menée", other="# menées") }} à bien. '
        "L’annexe I présente chaque activité en détail.",
        part_text='{{ part.title }}\u202f: {{ part.counts.total|plural(one="# activité", other="# activités") }}'
        "{% if part.has_status %} ({% for key in doc.status %}{{ doc.status[key] }}\u202f: {{ part.counts[key]|number }}"
        "{% if not loop.last %}\u202f; {% endif %}{% endfor %}){% endif %}.",
        changes_text="{% if current.changes.added.count %}Ajoutées depuis le rapport précédent\u202f: "
        "{{ current.changes.added.numbers|listing }}. {% endif %}"
        "{% if current.changes.removed.count %}Supprimées\u202f: {{ current.changes.removed.numbers|listing }}. {% endif %}"
        "{% if current.changes.status_moves.count %}Statut modifié\u202f: "
        "{{ current.changes.status_moves.numbers|listing }}.{% endif %}",
        draft="II. Projet de programme de travail {{ draft.period }}",
        draft_text="Le projet de programme de travail {{ draft.period }}, en annexe II, compte "
        '{{ draft.counts.total|plural(one="# activité", other="# activités") }}.',
        annex_one="Annexe I",
        annex_one_title="Programme de travail {{ current.period }}\u202f: état d’avancement",
        annex_two="Annexe II",
        annex_two_title="Projet de programme de travail {{ draft.period }}",
        number="N°",
    ),
}
SESSIONS_AFTER = {  # every wording's
    "en": " {% if doc.sessions|length > 1 %}Sessions{% else %}Session{% endif %} – {{ doc.meeting_dates }}",
    "fr": " {% if doc.sessions|length > 1 %}sessions{% else %}session{% endif %} – {{ doc.meeting_dates }}",
}  # the text after a sessions tag that is alone in its run


def starter_template(lang: str) -> bytes:
    """The starter template of ``lang``, as the bytes of a ``.docx``."""
    words = WORDING.get(lang, WORDING["en"])
    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.comments = (
        "Starter template",
        "ctpdoc",
        "Made by ctpdoc init; edit it freely.",
    )
    first = document.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)  # A4, as the WCO prints (python-docx starts from US Letter)
    first.left_margin = first.right_margin = first.top_margin = first.bottom_margin = Mm(25)
    right = [document.add_paragraph(text) for text in ("{{ doc.reference }}", "{{ doc.original }}", words.issued)]
    for paragraph in right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sessions = document.add_paragraph()
    sessions.add_run(words.sessions)
    sessions.add_run(SESSIONS_AFTER[lang if lang in WORDING else "en"])
    document.add_paragraph(words.title, style="Title")
    document.add_paragraph(words.agenda)
    document.add_heading(words.summary, level=1)
    document.add_paragraph(words.summary_text)
    document.add_heading(words.progress, level=1)
    document.add_paragraph(words.progress_text)
    document.add_paragraph("{%p for part in current.parts %}")
    document.add_paragraph(words.part_text, style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph(words.changes_text)
    document.add_paragraph("{%p if draft.present %}")
    document.add_heading(words.draft, level=1)
    document.add_paragraph(words.draft_text)
    document.add_paragraph("{%p endif %}")
    landscape(document)
    annex(document, words.annex_one, words.annex_one_title, "current", words.number)
    document.add_paragraph("{%p if draft.present %}")
    page_break(document.add_paragraph())
    annex(document, words.annex_two, words.annex_two_title, "draft", words.number)
    document.add_paragraph("{%p endif %}")
    stream = io.BytesIO()
    document.save(stream)
    return restamp(stream.getvalue(), STAMP)


def annex(document: Any, label: str, title: str, programme: str, number: str) -> None:
    """An annex: its label and title, then per part its title and a table of its declared columns."""
    add = document.add_paragraph
    add(label, style="Heading 1")
    add(title, style="Heading 2")
    add(f"{{%p for part in {programme}.parts %}}")
    add("{{ part.title }}", style="Heading 3")
    table: Table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    header, loop, row, end = table.rows
    fill(header, number, "{{ column.name }}", bold=True)
    repeat_header(header)
    loop.cells[0].paragraphs[0].add_run("{%tr for row in part.rows %}")
    fill(row, "{{r row.no }}", "{{r row[column.tag] }}")
    end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    full_width(table)
    add("{%p endfor %}")


def fill(row: Any, first: str, each: str, bold: bool = False) -> None:
    """A row of four cells: ``first``, then ``each`` inside docxtpl's column loop over the part's columns."""
    cells = row.cells
    for cell, text in zip(cells, (first, "{%tc for column in part.columns %}", each, "{%tc endfor %}"), strict=True):
        run = cell.paragraphs[0].add_run(text)  # one run per tag: {{r …}} replaces the run that holds it
        run.bold = bold or None


def repeat_header(row: Any) -> None:
    """The header row repeats on every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def full_width(table: Table) -> None:
    """The table spans the page and its cells share it, however many columns the loop gives: no fixed widths."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    for cell in table._tbl.iter(qn("w:tcW")):
        cell.set(qn("w:type"), "auto")
        cell.set(qn("w:w"), "0")
    for paragraph in table._tbl.iter(qn("w:p")):
        Paragraph(paragraph, table._parent).paragraph_format.space_after = Pt(0)


def landscape(document: Any) -> None:
    """The annexes on landscape pages, the body before them upright."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def page_break(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True
