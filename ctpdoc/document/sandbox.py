"""The template sandbox: the Jinja environment a translator's template runs in, and what it may cost.

Takes a language's :class:`~ctpdoc.document.formats.Formats` (its filters) and gives a
``SandboxedEnvironment`` that refuses Python internals, escapes values, rejects
unknown names, and bounds what one document's tags can cost in time and memory:
``range``, repeated text and lists, ``%``/``format`` widths, ``lipsum``, the loop
iterations of a document, the size of any value a tag makes and of the text a
document renders. Errors are told by :mod:`ctpdoc.render.template_errors`; a template file is checked
before it is opened by :mod:`ctpdoc.checks.template_package`.
"""

from __future__ import annotations

import functools
import inspect
import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from ctpdoc.document.compiled import stored
from ctpdoc.document.limits import _LARGE_PIECE, LIMITS, Limits, TemplateLimit

if TYPE_CHECKING:
    from ctpdoc.document.formats import Formats


# ---------------------------------------------------------------- the environment


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``for`` loop's iterable counted (``environment.counted``).

    A loop is the only way a template repeats work without a value growing with it; counting every
    iteration of the document bounds two nested ``range(100000)`` loops, or a loop over the rows
    inside a loop over the rows."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not getattr(node, "counted", False):
            node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.iter.lineno)
            node.counted = True  # type: ignore[attr-defined]  # the same tree may be compiled twice
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """``a ~ b``: the joined text is checked like any value a tag makes (doubled in a loop, it would grow without bound)."""
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedTemplate(jinja2.Template):
    """A template whose streamed output (``generate``) is counted against the document's limit."""

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        environment = self.environment
        assert isinstance(environment, LimitedEnvironment)
        pieces = super().generate(*args, **kwargs)
        environment.streaming = (self, pieces)  # where the output stands, should memory run out while it is joined
        for piece in pieces:
            try:
                environment.produce(len(piece))
            except TemplateLimit as exc:
                exc.template_line = self.line_of(
                    getattr(pieces, "gi_yieldfrom", None)
                )  # Jinja's generate yields from the render function
                raise
            if len(piece) > max(_LARGE_PIECE, environment.largest[0]):  # rare: where the bulk of a huge output comes from
                environment.largest = (len(piece), self.line_of(getattr(pieces, "gi_yieldfrom", None)))
            yield piece

    def line_of(self, render: Any) -> int | None:
        """The template line a suspended render function stands at."""
        frame = getattr(render, "gi_frame", None)
        return self.get_corresponding_lineno(frame.f_lineno) if frame is not None else None


# A document part's output comes as hundreds of thousands of short pieces (a tag's value, the XML between tags):
# kept as they come, each a Python object of some 60 bytes, they took twice the memory of the text they join to
# (30 MB at 2,000 activities, in each process that renders); joined a thousand at a time, they take a few more MB.
_JOINED_BY = 1000

_COMPILED: dict[tuple[object, ...], Any] = {}
_COMPILED_KEPT = 64  # template parts: a few languages' bodies, headers, footers and properties


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, bounded. One environment renders one document: the counts are per document."""

    code_generator_class = _CountingCodeGenerator
    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "%", "+", "**"})

    def __init__(self, limits: Limits = LIMITS, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        self.iterations = 0
        self.produced = 0
        self.source: str | None = None  # the text being rendered: a part's XML, or a document property
        self.template: jinja2.Template | None = None  # and its template
        self.streaming: tuple[LimitedTemplate, Iterator[str]] | None = None  # the part being streamed (generate)
        self.largest: tuple[int, int | None] = (0, None)  # the largest piece of output streamed, and its line
        self.globals["range"] = self.range
        self.context_type: Any = None  # the template context's type for the report's shape, for the name checks
        self.globals["lipsum"] = self.lipsum
        # The whole output of a part, and that of macros, {% set %} and {% filter %} blocks, is joined here.
        self.concat = self.counted_concat  # type: ignore[method-assign]
        # What to take out of the next part's output a thousand pieces at a time, rather than from the whole text
        # after (each pass over the whole would copy it: 18 MB at 2,000 activities); set by the part's renderer.
        self.tidy: Callable[[str], str] | None = None

    def compile(self, source: Any, name: Any = None, filename: Any = None, raw: Any = False, defer_init: Any = False) -> Any:
        """Jinja's compilation, remembered: the tracked and the clean document of a language render the same template
        parts, and compiling them is a quarter of rendering the sample. The code depends only on the source and on
        what the environment's compiler sees (autoescape, the names of filters and tests)."""
        compile_: Any = super().compile  # Jinja's, overloaded on ``raw``
        if not isinstance(source, str) or name or filename or raw or defer_init:
            return compile_(source, name, filename, raw, defer_init)
        key = (source, self.autoescape, frozenset(self.filters), frozenset(self.tests))
        code = _COMPILED.get(key)
        if code is None:
            code = stored(key, lambda: compile_(source))
            if len(_COMPILED) >= _COMPILED_KEPT:
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = code
        return code

    # -- counting

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        limit = self.limits.iterations
        for item in iterable:
            self.iterations += 1
            if self.iterations > limit:
                raise TemplateLimit(
                    f"the loops of this document run more than {limit:,} times; a loop inside a loop over many "
                    "items never ends in practice: loop over the rows once"
                )
            yield item

    def produce(self, size: int) -> None:
        self.produced += size
        if self.produced > self.limits.output:
            raise TemplateLimit(
                f"the document would be more than {self.limits.output // 2**20:,} million characters long; "
                "a loop or a repeated text makes it grow without bound"
            )

    def counted_concat(self, pieces: Iterable[str]) -> str:
        tidy, self.tidy = self.tidy, None  # the part's own output only, not that of the macros and blocks inside it
        kept: list[str] = []  # joined by the thousand as they come
        recent: list[str] = []
        large = max(_LARGE_PIECE, self.largest[0])
        try:
            for piece in pieces:  # hundreds of thousands in a large document: what :meth:`produce` does, inline
                size = len(piece)
                self.produced += size
                if self.produced > self.limits.output:
                    self.produce(0)  # raises
                if size > large and isinstance(self.template, LimitedTemplate):
                    self.largest = (size, self.template.line_of(pieces))  # where a huge output comes from
                    large = size
                recent.append(piece)
                if len(recent) == _JOINED_BY:
                    kept.append(tidy("".join(recent)) if tidy else "".join(recent))
                    recent.clear()
        except TemplateLimit as exc:
            if isinstance(self.template, LimitedTemplate):  # a whole part (Template.render): where it stands
                exc.template_line = self.template.line_of(pieces)
            raise
        kept.append(tidy("".join(recent)) if tidy else "".join(recent))
        return "".join(kept)

    def checked(self, value: Any) -> Any:
        """Any value a tag makes (operator, call, filter) stays small; a value made of two values
        checked here is then at most twice the limit, so no chain of them grows without bound."""
        if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)):
            if len(value) > self.limits.value_length:
                raise TemplateLimit(
                    f"a tag makes a {_kind(value)} of {len(value):,} {_unit(value)}, more than the "
                    f"{self.limits.value_length:,} allowed; check what the tag repeats or joins"
                )
        elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > self.limits.integer_bits:
            raise TemplateLimit(
                f"a tag makes a number of more than {self.limits.integer_bits * 3 // 10:,} digits; check its arithmetic"
            )
        return value

    # -- the sandbox's hooks

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            self.check_repetition(left, right)
        elif operator == "%" and isinstance(left, str):
            self.check_percent(left, right)
        elif operator == "**":
            self.check_power(left, right)
        return self.checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop: its next level counts too
            args = (__self.counted(args[0]), *args[1:])
        elif _is_str_method(__obj, "center", "ljust", "rjust", "zfill") and args:
            __self.check_width(args[0], "pads text to")
        elif _is_str_method(__obj, "expandtabs"):
            __self.check_length(
                __obj.__self__.count("\t") * _int(args[0] if args else kwargs.get("tabsize", 8)), "expands tabs to"
            )
        elif _is_str_method(__obj, "replace") and len(args) >= 2:
            __self.check_replace(__obj.__self__, args[0], args[1], args[2] if len(args) > 2 else -1)
        elif _is_str_method(__obj, "join") and args:
            __self.check_join(__obj.__self__, args[0])
        elif _is_str_method(__obj, "format"):  # Jinja before 3.1.5 calls str.format here, not through wrap_str_format
            __self.check_format(__obj.__self__, args, kwargs)
        elif _is_str_method(__obj, "format_map") and args and isinstance(args[0], dict):
            __self.check_format(__obj.__self__, (), args[0])
        return __self.checked(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def bounded(*args: Any, **kwargs: Any) -> str:
            self.check_format(template, args, kwargs)
            return str(self.checked(wrapped(*args, **kwargs)))

        return bounded

    # -- the checks

    def check_length(self, size: int, what: str) -> None:
        if size > self.limits.value_length:
            raise TemplateLimit(
                f"a tag {what} {size:,} characters or items, more than the {self.limits.value_length:,} allowed; make it smaller"
            )

    def check_width(self, width: Any, what: str) -> None:
        if isinstance(width, int) and width > self.limits.value_length:
            self.check_length(width, what)

    def check_repetition(self, left: Any, right: Any) -> None:
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                self.check_length(len(sequence) * times, "repeats a text or list to")

    def check_percent(self, template: str, values: Any) -> None:
        """``"%0999999999d" % 1``: a width or precision of a %-format, or one given by ``*``."""
        for spec in _PERCENT.finditer(template):
            for number in (spec["width"], spec["precision"]):
                if number == "*":
                    arguments = values if isinstance(values, tuple) else (values,)
                    self.check_widths([a for a in arguments if isinstance(a, int)])
                elif number:
                    self.check_widths([int(number)])

    def check_format(self, template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """``"{:>999999999}".format(1)``: the widths of ``str.format``, nested ones included."""
        try:
            fields = list(string.Formatter().parse(template))
        except ValueError:
            return  # str.format will say what is wrong
        for _, _, spec, _ in fields:
            if not spec:
                continue
            if "{" in spec:  # a width given as an argument
                self.check_widths([a for a in (*args, *kwargs.values()) if isinstance(a, int)])
            self.check_widths([int(n) for n in re.findall(r"\d+", spec)])

    def check_widths(self, widths: list[int]) -> None:
        for width in widths:
            if width > self.limits.width:
                raise TemplateLimit(
                    f"a tag formats a value {width:,} characters wide, more than the {self.limits.width:,} allowed; "
                    "use a smaller width"
                )

    def check_power(self, base: Any, exponent: Any) -> None:
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
            if exponent * abs(base).bit_length() > self.limits.integer_bits:
                raise TemplateLimit(f"a tag computes {base} ** {exponent}, a number far too large to print; check its arithmetic")

    def check_replace(self, text: Any, old: Any, new: Any, count: Any) -> None:
        if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
            found = text.count(old) if old else len(text) + 1
            if isinstance(count, int) and count >= 0:
                found = min(found, count)
            self.check_length(len(text) + found * max(0, len(new) - len(old)), "replaces text to")

    def check_join(self, separator: Any, items: Any) -> None:
        """The joined text's length, before it is made: ``(["x" * 999999] * 999999)|join`` would be a terabyte."""
        if isinstance(separator, str) and isinstance(items, (list, tuple, range)):
            texts = sum(len(item) for item in items if isinstance(item, str))
            self.check_length(len(separator) * max(0, len(items) - 1) + texts, "joins items to")

    # -- globals

    def range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.limits.range_items:
            raise TemplateLimit(
                f"range() of {len(numbers):,} numbers: templates may count up to {self.limits.range_items:,}; "
                "loop over the rows (current.part1 …) instead"
            )
        return numbers

    def lipsum(self, n: int = 5, html: bool = False, min: int = 20, max: int = 100) -> str:  # noqa: A002 (Jinja's names)
        """Placeholder text, as plain text: Jinja's HTML paragraphs would break the Word XML they land in."""
        if not (0 <= n <= self.limits.lipsum_paragraphs and 0 < min <= max <= self.limits.lipsum_words):
            raise TemplateLimit(
                f"lipsum({n}, min={min}, max={max}): placeholder text is limited to {self.limits.lipsum_paragraphs} "
                f"paragraphs of {self.limits.lipsum_words} words"
            )
        return str(generate_lorem_ipsum(n, False, min, max))

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        self.source = source if isinstance(source, str) else None  # to say later which paragraph failed
        self.template, self.streaming, self.largest = None, None, (0, None)
        self.template = super().from_string(source, globals, template_class)
        return self.template


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?[a-zA-Z%]")


def _is_str_method(obj: Any, *names: str) -> bool:
    return isinstance(getattr(obj, "__self__", None), str) and getattr(obj, "__name__", "") in names


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _kind(value: Any) -> str:
    return "text" if isinstance(value, (str, bytes)) else "list"


def _unit(value: Any) -> str:
    return "characters" if isinstance(value, (str, bytes)) else "items"


# Filters whose arguments set the size of their result: checked before they run.
def _filter_checks(env: LimitedEnvironment) -> dict[str, Callable[[dict[str, Any]], None]]:
    return {
        "center": lambda a: env.check_width(a.get("width", 80), "pads text to"),
        "indent": lambda a: env.check_length(
            (str(a.get("s", "")).count("\n") + 1)
            * (a["width"] if isinstance(a.get("width"), int) else len(str(a.get("width", "")))),
            "indents text to",
        ),
        "format": lambda a: env.check_percent(str(a.get("value", "")), tuple(a.get("args", ())) or a.get("kwargs") or ()),
        "batch": lambda a: env.check_length(_int(a.get("linecount")), "makes batches of"),
        "slice": lambda a: env.check_length(_int(a.get("slices")), "makes slices of"),
        "join": lambda a: env.check_join(a.get("d", ""), a.get("value", ())),
        "replace": lambda a: env.check_replace(a.get("s"), a.get("old"), a.get("new"), a.get("count")),
    }


def _bounded_filter(env: LimitedEnvironment, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    check = _filter_checks(env).get(name)
    signature = inspect.signature(function) if check else None

    @functools.wraps(function)  # keeps Jinja's pass_context/pass_eval_ctx marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if check and signature:
            try:
                arguments = signature.bind(*args, **kwargs).arguments
            except TypeError:
                arguments = None  # the call itself will say what is wrong
            if arguments is not None:
                check(arguments)
        return env.checked(function(*args, **kwargs))

    return bounded


def make_environment(formats: Formats, limits: Limits = LIMITS, context_type: Any = None) -> LimitedEnvironment:
    """Templates are translators' files: sandboxed, autoescaped, strict about names, and bounded. ``context_type``:
    the typed context the template checks resolve names against (the report's shape's)."""
    env = LimitedEnvironment(limits, autoescape=True, undefined=jinja2.StrictUndefined)
    env.context_type = context_type
    env.filters.update(formats.filters)
    env.filters = {name: _bounded_filter(env, name, function) for name, function in env.filters.items()}
    return env
