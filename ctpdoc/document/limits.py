"""What one document's template may cost (:class:`Limits`), and the error a tag that asks for more raises.

The sandbox (:mod:`ctpdoc.document.sandbox`) counts against them as it renders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one document's tags may cost. A real report needs a small fraction of each."""

    range_items: int = 100_000  # numbers in one range(); Jinja's own sandbox default
    value_length: int = 1_000_000  # characters of a text, items of a list, any value a tag makes
    width: int = 1_000  # a width or precision in "%10d" or "{:>10}"
    iterations: int = 5_000_000  # loop iterations in one document, all loops together (a report: rows × a few loops)
    output: int = 256 * 2**20  # characters one document renders, all parts (the sample: 0.3 M)
    integer_bits: int = 100_000  # 30,000 decimal digits
    lipsum_paragraphs: int = 100
    lipsum_words: int = 1_000
    nesting: int = 16  # blocks inside blocks; Python itself compiles at most 20 nested loops
    brackets: int = 30  # ( [ { inside each other in one tag; Jinja's parser recurses about 15 calls a level


LIMITS = Limits()

_LARGE_PIECE = 2**16  # characters: a piece of output this large is remembered with its line


class TemplateLimit(Exception):
    """A tag asked for more than :class:`Limits` allows; the message says what and what to do."""

    template_line: int | None = None  # where the output crossed its limit: no template frame is on the stack then
