"""Tags nested too deeply to compile, found before Jinja's parser and Python's compiler recurse into them.

Takes a part's Jinja source and the sandbox's environment; gives the line and what to do, or nothing.
"""

from __future__ import annotations

import jinja2

from ctpdoc.document.limits import LIMITS


def nesting_problem(env: jinja2.Environment, source: str) -> tuple[int, str] | None:
    """The line where blocks, or brackets in a tag, nest deeper than the limits, read from Jinja's
    tokens (its parser and Python's compiler recurse, and fail past some depth with no useful place)."""
    depth = brackets = 0
    previous = ""
    try:
        for line, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            if previous == "block_begin" and kind == "name":
                if value in _BLOCKS:
                    depth += 1
                    if depth > LIMITS.nesting:
                        return (
                            line,
                            f"tags are nested {depth} deep here (more than {LIMITS.nesting}); "
                            f"split the nested {{% {value} %}} blocks",
                        )
                elif value.startswith("end"):
                    depth = max(0, depth - 1)
            elif kind == "operator" and value in "([{":
                brackets += 1
                if brackets > LIMITS.brackets:
                    return line, f"a tag nests brackets more than {LIMITS.brackets} deep; simplify it"
            elif kind == "operator" and value in ")]}":
                brackets = max(0, brackets - 1)
            previous = kind
    except jinja2.TemplateSyntaxError:
        return None  # the parser reports it, with its place
    return None


_BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans"}
