"""The year wheel's geometry: twelve month sectors around a circle from a first month, the
events as dots on it at their day, one ring per kind of event. Pure: dates in, SVG numbers
out (as text with a decimal point, whatever the page's language)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

SIZE = 400
CENTRE = SIZE / 2
OUTER, INNER = 190, 92
LABEL_RADIUS = 76
RING_GAP = 15


@dataclass(frozen=True)
class Sector:
    first_day: date
    path: str
    label_x: str
    label_y: str


@dataclass(frozen=True)
class Dot:
    x: str
    y: str
    item: object


def month_starts(first: date) -> list[date]:
    """The first days of the twelve months from `first`'s month, and of the one after."""
    starts = []
    year, month = first.year, first.month
    for _ in range(13):
        starts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def _fraction(starts: list[date], day: date) -> float:
    return (day - starts[0]).days / (starts[-1] - starts[0]).days


def _angle(fraction: float) -> float:
    """Clockwise from the top, in radians."""
    return 2 * math.pi * fraction - math.pi / 2


def _point(angle: float, radius: float) -> tuple[str, str]:
    return (
        f"{CENTRE + radius * math.cos(angle):.2f}",
        f"{CENTRE + radius * math.sin(angle):.2f}",
    )


def sectors(first: date) -> list[Sector]:
    starts = month_starts(first)
    result = []
    for begin, end in zip(starts, starts[1:], strict=False):
        a, b = _angle(_fraction(starts, begin)), _angle(_fraction(starts, end))
        ox1, oy1 = _point(a, OUTER)
        ox2, oy2 = _point(b, OUTER)
        ix2, iy2 = _point(b, INNER)
        ix1, iy1 = _point(a, INNER)
        path = (
            f"M{ox1},{oy1} A{OUTER},{OUTER} 0 0 1 {ox2},{oy2} "
            f"L{ix2},{iy2} A{INNER},{INNER} 0 0 0 {ix1},{iy1} Z"
        )
        result.append(Sector(begin, path, *_point((a + b) / 2, LABEL_RADIUS)))
    return result


def dots(first: date, items: list[tuple[date, int, object]]) -> list[Dot]:
    """(day, ring, item) for each event in the twelve months: ring 0 is the innermost."""
    starts = month_starts(first)
    half_day = 0.5 / (starts[-1] - starts[0]).days
    return [
        Dot(
            *_point(_angle(_fraction(starts, day) + half_day), INNER + RING_GAP * (ring + 0.75)),
            item,
        )
        for day, ring, item in items
        if starts[0] <= day < starts[-1]
    ]
