"""Template parts compiled once, not at every build.

A template part (a body, a header, a document property) compiles in a few hundredths of a second, in every process
that renders it, at every build. :func:`stored` keeps its code with what else ctpdoc remembers between runs
(:mod:`ctpdoc.package.remembered`: keyed by ctpdoc's own code, which holds the sandbox's code generator), under all
else it depends on: the part's source, what the environment's compiler sees (autoescape, the names of its filters and
tests) and Jinja's version. The review page's templates, loaded by name, use Jinja's own cache (:func:`bytecode_cache`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import jinja2

from ctpdoc.package.remembered import remembered

KEPT = 256  # template parts and properties: a few languages' templates, as they were lately


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates in a folder of the user's (``_jinja2-cache-<uid>`` in the temporary folder,
    which Jinja refuses unless it is this user's, mode 0700, and not a symbolic link); ``None`` where Jinja refuses it
    (then each template is compiled at each run)."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def stored(key: tuple[Any, ...], compile_: Callable[[], Any]) -> Any:
    """The code of ``key`` (source, autoescape, filter names, test names) compiled at an earlier run, or compiled now
    (``compile_``) and kept."""
    source, autoescape, filters, tests = key
    seen = f"{jinja2.__version__}|{autoescape}|{sorted(filters)}|{sorted(tests)}|".encode()
    return remembered("template-code", seen + source.encode("utf-8", "surrogatepass"), compile_, kept=KEPT)
