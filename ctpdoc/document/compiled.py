"""Template parts compiled once, not at every build: Jinja's own cache of compiled templates, on disk.

A template part (a body, a header, the review page) compiles in a few hundredths of a second, in every process that
renders it, at every build. :func:`stored` keeps the code in Jinja's per-user cache (:func:`bytecode_cache`) under the
digest of all it depends on: the part's source, what the environment's compiler sees (autoescape, the names of its
filters and tests), the sandbox's code generator and Jinja's version; Jinja checks the source's checksum when it
loads it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates in a folder of the user's (``_jinja2-cache-<uid>`` in the temporary folder,
    which Jinja refuses unless it is this user's, mode 0700, and not a symbolic link); ``None`` where Jinja refuses it
    (then each template is compiled at each run)."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@functools.cache
def generator() -> str:
    """What compiled code depends on beside a template's source and environment: Jinja's version and the modules of
    the sandbox's code generator and limits."""
    digest = hashlib.sha256(jinja2.__version__.encode())
    for module in ("sandbox.py", "limits.py"):
        try:
            digest.update(Path(__file__).with_name(module).read_bytes())
        except OSError:
            digest.update(b"?")  # unreadable (a zipped package): a key of its own
    return digest.hexdigest()


def stored(env: jinja2.Environment, key: tuple[Any, ...], compile_: Callable[[], Any]) -> Any:
    """The code of ``key`` (source, autoescape, filter names, test names) compiled at an earlier run, or compiled now
    (``compile_``) and stored."""
    cache = bytecode_cache()
    if cache is None:
        return compile_()
    source, autoescape, filters, tests = key
    digest = hashlib.sha256(f"{generator()}|{autoescape}|{sorted(filters)}|{sorted(tests)}|".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    try:
        bucket = cache.get_bucket(env, f"ctpdoc-part-{digest.hexdigest()}", None, source)
    except OSError:  # the folder gone or unreadable since: compiled as if there were none
        return compile_()
    if bucket.code is None:
        bucket.code = compile_()
        try:
            cache.set_bucket(bucket)
        except OSError:  # a full disk, the folder gone: compiled again next time
            pass
    return bucket.code
