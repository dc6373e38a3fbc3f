"""The page's charts as geometry: bars and their labels, in SVG user units, for the page's template to draw.

Every chart has a title and a description (its text alternative, read out by a
screen reader) and sits beside a table of the same figures. Widths are whole
numbers, so that the same counts always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 190  # room for the bar's name on the left
BAR_HEIGHT = 26
GAP = 12
COLUMN_WIDTH = 56
CHART_HEIGHT = 180  # of the column chart's bars
TOP = 20  # room above the tallest column for its total


@dataclass(frozen=True)
class Piece:
    """One rectangle of a bar, with the number written in it when it fits."""

    x: int
    y: int
    width: int
    height: int
    fill: str
    value: int
    name: str
    text: str  # the number, or "" when the piece is too small to hold it

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True)
class Bar:
    label: str
    x: int
    y: int
    pieces: list[Piece]
    total: int
    end: tuple[int, int] = (0, 0)  # where the bar's total is written: after its end, or above it

    @property
    def total_text(self) -> str:
        """The total written after the bar, unless its one piece already shows that number: each number once."""
        drawn = [piece for piece in self.pieces if piece.value]
        return "" if len(drawn) == 1 and drawn[0].text else str(self.total)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    title: str
    description: str
    vertical: bool = False  # columns, labelled below, rather than rows labelled on the left


def stacked_rows(title: str, rows: Sequence[tuple[str, Sequence[tuple[str, str, int]]]]) -> Chart:
    """Horizontal bars, one per row, each stacked from its ``(name, colour, value)`` pieces, on one scale."""
    largest = max((sum(v for _, _, v in pieces) for _, pieces in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, (label, pieces) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        x = LABEL_WIDTH
        drawn = []
        for name, colour, value in pieces:
            width = round(room * value / largest)
            drawn.append(
                Piece(x, y, width, BAR_HEIGHT, colour, value, name, str(value) if width >= 8 * len(str(value)) + 6 else "")
            )
            x += width
        bars.append(
            Bar(label, LABEL_WIDTH - 8, y + BAR_HEIGHT // 2, drawn, sum(v for _, _, v in pieces), (x + 6, y + BAR_HEIGHT // 2))
        )
    height = len(rows) * (BAR_HEIGHT + GAP)
    return Chart(WIDTH, height, bars, title, describe(rows))


def stacked_columns(title: str, columns: Sequence[tuple[str, Sequence[tuple[str, str, int]]]]) -> Chart:
    """Vertical bars, one per column (a report), each stacked from the bottom, on one scale."""
    largest = max((sum(v for _, _, v in pieces) for _, pieces in columns), default=0) or 1
    step = COLUMN_WIDTH + 2 * GAP
    bars = []
    for index, (label, pieces) in enumerate(columns):
        x = 40 + index * step
        bottom = TOP + CHART_HEIGHT
        drawn = []
        for name, colour, value in pieces:
            height = round(CHART_HEIGHT * value / largest)
            bottom -= height
            drawn.append(Piece(x, bottom, COLUMN_WIDTH, height, colour, value, name, str(value) if height >= 16 else ""))
        bars.append(
            Bar(
                label,
                x + COLUMN_WIDTH // 2,
                TOP + CHART_HEIGHT + 18,
                drawn,
                sum(v for _, _, v in pieces),
                (x + COLUMN_WIDTH // 2, bottom - 6),
            )
        )
    return Chart(max(WIDTH, 40 + len(columns) * step), TOP + CHART_HEIGHT + 30, bars, title, describe(columns), vertical=True)


def describe(rows: Sequence[tuple[str, Sequence[tuple[str, str, int]]]]) -> str:
    """The chart in words: ``April 2024: 20 completed, 15 ongoing, 7 pending. March 2025: …``."""
    return " ".join(f"{label}: {', '.join(f'{value} {name}' for name, _, value in pieces)}." for label, pieces in rows)
