"""The review page as bytes: a :class:`~ctpdoc.review.model.Review` through a Jinja template with autoescaping on.

Everything the page needs is inside it: the style and the script (from files
beside this module) and the charts (SVG drawn here). A Content-Security-Policy
allows exactly that style and that script, by their SHA-256, and nothing else:
no request of any kind leaves the page, and a text that reached the page as
markup could not run. The same review gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from markupsafe import Markup, escape

from ctpdoc.document.compiled import bytecode_cache
from ctpdoc.document.rows import Made
from ctpdoc.errors import Problem
from ctpdoc.model import Op, Segment, Sources
from ctpdoc.review.charts import Chart, stacked_columns, stacked_rows
from ctpdoc.review.model import FieldView, Review, RowView, build_review

PAGE_NAME = "review.html"


def page_file(name: str) -> str:
    """``page.html``, ``page.css``, ``page.js``: read as the package's resources, wherever it is installed (a zip too)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(page_file),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),  # compiled once, not at every build: a sixth of the sample's page
    )
    env.filters["marked"] = marked
    env.filters["field"] = field
    return env


def marked(segments: Iterable[Segment]) -> Markup:
    """A text's marks as the page shows them: ``<ins>`` what came in, ``<del>`` what went, each text escaped (a
    filter, not a macro: the page holds one per text of every activity, and a macro call costs ten times more)."""
    html = []
    for segment in segments:
        text = escape(segment.text)
        html.append(
            f"<ins>{text}</ins>" if segment.op is Op.INSERT else f"<del>{text}</del>" if segment.op is Op.DELETE else text
        )
    return Markup("".join(html))


@dataclass(frozen=True)
class Page:
    """The review page made, before it is written: its bytes and the activities it shows."""

    data: bytes
    activities: int


def make_page(
    sources_dir: Path,
    sources: Sources,
    warnings: Sequence[Problem],
    out_of_date: Sequence[Problem],
    made: Mapping[str, Made] | None = None,
) -> Page:
    """The page of checked ``sources`` (read with their baseline), the warnings their checks gave and those of them
    that tell a text out of date: ``build`` and ``review`` make it alike (``build`` with the texts its documents
    formatted and marked, ``made``, by language)."""
    review = build_review(sources_dir, sources, warnings, out_of_date, made)
    return Page(render_page(review), len(review.rows))


def render_page(review: Review) -> bytes:
    env = environment()
    style = env.get_template("page.css").render(colours=review.colours)
    script = page_file("page.js")
    html = env.get_template("page.html").render(
        review=review,
        style=Markup(style),
        script=Markup(script),
        policy=policy(style, script),
        charts=charts(review),
        status_order=list(review.status_labels),
        parts=parts(review),
        rows_in=rows_in(review),
        done_label=done_label(review),
        language_names={lang: language_name(lang) for lang in review.languages},
        directions={lang: direction(lang) for lang in review.languages},
        labels={key: labels.get("en") or next(iter(labels.values()), key) for key, labels in review.status_labels.items()},
    )
    return html.encode("utf-8")


def field(view: FieldView) -> Markup:
    """One text of an activity as the page shows it: its label and cell, its marks, and the flag of a translation
    out of date (a filter: the page holds one per text of every activity, a tenth of a second per thousand rows
    through the template's own tags)."""
    classes = "field" + (" stale" if view.out_of_date else "") + (" changed" if view.changed else "")
    flag = (
        f'<span class="flag" lang="en" title="{escape(view.out_of_date)}">Translation out of date</span>'
        if view.out_of_date
        else ""
    )
    return Markup(
        f'<div class="{classes}"><span class="source" lang="en"><span class="label">{escape(view.label)}</span> '
        f'<span class="cell">{escape(view.cell)}</span></span><span class="text">{marked(view.segments)}</span>{flag}</div>'
    )


def rows_in(review: Review) -> dict[tuple[str, str], list[RowView]]:
    """The rows of each programme's part, in their order."""
    found: dict[tuple[str, str], list[RowView]] = {}
    for row in review.rows:
        found.setdefault((row.programme, row.part), []).append(row)
    return found


def policy(style: str, script: str) -> str:
    """Only this style and this script, nothing from anywhere: no fonts, images, frames, connections or forms."""
    return (
        f"default-src 'none'; style-src '{digest(style)}'; script-src '{digest(script)}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def language_name(lang: str) -> str:
    """``Français``, ``English``: each language named in itself."""
    try:
        name = Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, LookupError):
        name = lang
    return name[:1].upper() + name[1:]


def direction(lang: str) -> str:
    """``rtl`` for a language written right to left (Arabic), else ``ltr``."""
    try:
        return "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"


@dataclass(frozen=True)
class PartView:
    """A part as the page names it: ``Part I, time-bound`` (its sheet and English title)."""

    number: int
    key: str
    sheet: str
    title: str

    @property
    def name(self) -> str:
        """``Part I, time-bound activities``; the title alone when it starts with the sheet's name (``Area A: risk``)."""
        if not self.title or self.title.casefold().startswith(self.sheet.casefold()):
            return self.title or self.sheet
        return f"{self.sheet}, {self.title[:1].lower() + self.title[1:]}"

    @property
    def count_row(self) -> tuple[str, str]:
        return f"part{self.number}", self.name


def parts(review: Review) -> list[PartView]:
    return [
        PartView(number, part.key, part.sheet, part.titles.get("en") or next(iter(part.titles.values()), ""))
        for number, part in enumerate(review.shape.parts, start=1)
    ]


def done_label(review: Review) -> str:
    """The English label of the first status that counts as done (``Completed``), else "Done"."""
    done = next((s.key for s in review.shape.statuses if s.done), None)
    if done is None:
        return "Done"
    labels = review.status_labels[done]
    return labels.get("en") or next(iter(labels.values()), done)


def charts(review: Review) -> dict[str, Chart]:
    def pieces(counts: Any) -> list[tuple[str, str, int]]:
        return [(key, colour, counts[key]) for key, colour in review.colours.items()]

    with_status = [p.sheet for p in review.shape.parts if review.shape.has_status(p.key)]
    which = " and ".join(with_status) if len(with_status) < len(review.shape.parts) else "All"
    done = next((s.key for s in review.shape.statuses if s.done), None)
    label = done_label(review)

    previous = f"{review.baseline_date} (previous)" if review.baseline_date else "Previous report"
    moves = review.moves
    neutral = "#D9D9D9"
    return {
        "status": stacked_rows(
            f"{which} activities by status, at the previous report and now",
            [(previous, pieces(review.previous)), (f"{review.history[-1].label} (now)", pieces(review.now))],
        ),
        "moves": stacked_rows(
            "What moved since the previous report",
            [
                (
                    f"{label} since",
                    [(f"{label.lower()} since the previous report", review.colours.get(done or "", neutral), moves.completed)],
                ),
                ("New", [("activities added", neutral, moves.added)]),
                ("Removed", [("activities removed", neutral, moves.removed)]),
                ("Changed", [("activities changed", neutral, moves.changed)]),
                ("Status moves", [("status moves", neutral, moves.moved)]),
            ],
        ),
        "history": stacked_columns(
            f"{which} activities by status, report by report",
            [(point.label, pieces(point.counts)) for point in review.history],
        ),
    }
