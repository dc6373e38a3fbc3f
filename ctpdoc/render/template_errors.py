"""Errors a template causes while it renders, told as one line: ``fr/report.docx › paragraph 57 › “…”: what went
wrong; what to do``.

Takes the exception and the environment that rendered (its source and where its output stood); gives an
:class:`~ctpdoc.errors.InputError` naming the template's own paragraph. Errors of ctpdoc's making pass through.
"""

from __future__ import annotations

import contextlib
import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from ctpdoc.checks.paragraphs import excerpt, read_paragraphs
from ctpdoc.checks.tagview import syntax_message
from ctpdoc.checks.templates import unclosed_block
from ctpdoc.document.limits import TemplateLimit
from ctpdoc.errors import InputError, fail
from ctpdoc.model import Location


@contextlib.contextmanager
def template_errors(template: Path, env: jinja2.Environment) -> Iterator[None]:
    """Any error a template causes while ``env`` renders it, as one line naming the paragraph and what to do.

    Errors of ctpdoc's own making (a bug) pass through, to be reported as such."""
    try:
        yield
    except InputError:
        raise
    except (jinja2.TemplateError, TemplateLimit, ArithmeticError, LookupError, TypeError, ValueError,
            RecursionError, MemoryError, SyntaxError) as exc:  # fmt: skip
        message = describe(exc)
        where = locate(template, env, getattr(env, "source", None), exc)
        raise fail(where, message) from None  # the traceback is Jinja's, of no use to a translator


def describe(exc: BaseException) -> str:
    """What went wrong in a tag, and what to do, in one line."""
    if isinstance(exc, TemplateLimit):
        text = str(exc)
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        text = f"{syntax_message(exc.message)}; check the tags around it in Word"
    elif isinstance(exc, SecurityError):
        text = f"template refused by the sandbox: {exc}"
    elif isinstance(exc, jinja2.UndefinedError):
        text = f"unknown name in a tag: {exc.message}; see the README's list of variables"
    elif isinstance(exc, jinja2.TemplateError):
        text = f"a tag fails: {exc.message}; check the tag"
    elif isinstance(exc, ZeroDivisionError):
        text = "a tag divides by zero; a count can be 0: test it first ({% if n %}…{% endif %})"
    elif isinstance(exc, ArithmeticError):
        text = f"a tag's arithmetic fails ({exc}); check the numbers in the tag"
    elif isinstance(exc, RecursionError):
        text = "a macro or a recursive loop calls itself without end; give it a condition that stops it"
    elif isinstance(exc, MemoryError):
        text = "the tags need more memory than this computer has; a tag makes text or lists without bound: simplify it"
    elif isinstance(exc, SyntaxError):
        text = "the tags are nested too deeply to run; split the nested {% if %} or {% for %} blocks"
    elif isinstance(exc, LookupError):
        text = f"a tag looks up an item that is not there ({exc}); check the index or key in the tag"
    else:
        text = f"a tag cannot be filled: {exc}"
    return " ".join(text.split())


def locate(template: Path, env: jinja2.Environment, source: str | None, exc: BaseException) -> Location:
    """The paragraph of the template a rendering error comes from.

    docxtpl renders each part (body, headers, footers, properties) from its XML with a line break
    before every paragraph, so Jinja's line number is a paragraph of that XML; its tags are matched
    to the template's own paragraphs (``templates.read_paragraphs``), which carry the number and
    label every other message uses."""
    name = f"{template.parent.name}/{template.name}"
    line = error_line(exc)
    streaming = getattr(env, "streaming", None)
    if line is None and streaming is not None:  # raised outside the template's code, e.g. memory ran out joining its output
        line = streaming[0].line_of(getattr(streaming[1], "gi_yieldfrom", None))
    if line is None:
        line = getattr(env, "largest", (0, None))[1]
    if isinstance(exc, jinja2.TemplateSyntaxError) and "end of template" in (exc.message or "") and source is not None:
        line = unclosed_block(env, source) or line  # Jinja names the end; the block left open is the place
    if source is None or line is None:
        return Location(name)
    lines = source.split("\n")
    if not 0 < line <= len(lines):
        return Location(name)
    text = html.unescape(re.sub(r"<[^>]*>", "", lines[line - 1]))
    try:
        paragraphs = read_paragraphs(template)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        paragraphs = []
    part = (
        "header"
        if "<w:hdr" in source
        else "footer"
        if "<w:ftr" in source
        else "document"
        if "<w:body" in source
        else "properties"
    )
    candidates = [p for p in paragraphs if p.part.startswith(part)]
    wanted = [_normal(t) for t in _TAGS.findall(text)]
    best, score = None, 0
    for paragraph in candidates:
        own = _normal(paragraph.text)
        found = sum(1 for tag in wanted if tag in own)
        if found > score:
            best, score = paragraph, found
    if best is None:
        best = next((p for p in candidates if _normal(p.text) == _normal(text)), None)
    if best is None:
        return Location(name, "", excerpt(text)) if text.strip() else Location(name)
    return best.place(name)


def error_line(exc: BaseException) -> int | None:
    """The template line of the innermost template frame (Jinja rewrites tracebacks to point at it)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line = getattr(exc, "template_line", None)
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_PREFIX = re.compile(r"(\{%-?|\{\{-?)(tr|tc|p|r)\s")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _normal(text: str) -> str:
    """A tag as docxtpl runs it: without its tr/p/r prefix, straight quotes, single spaces."""
    return " ".join(_PREFIX.sub(lambda m: m[1] + " ", text.translate(_QUOTES)).split())
