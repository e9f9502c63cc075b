"""The course's diagrams, drawn with Pillow as bilingual 1200×675 PNGs.

Pure drawing code (no Django): ``diagram_png(name, language)`` gives the same bytes for the same
arguments. Every label is at least ``MIN_TEXT`` px (legible when the image is shown 360 px wide)
and sits on a background it contrasts with by at least 4.5:1: near-black on white, ``ICE`` or
``MIST``; white on ``TEAL`` or ``RUST``; ``TEAL`` or ``RUST`` on white or ``ICE``.
"""

import functools
import io
import math
from collections.abc import Callable, Sequence

from PIL import Image as PILImage
from PIL import ImageDraw

from cms.demo.media import _font

WIDTH, HEIGHT = 1200, 675
TEAL, MIST, ICE, RUST, INK, WHITE = "#0b5563", "#9fc9d1", "#d7e9ec", "#a4370a", "#1d2327", "#ffffff"
MIN_TEXT = 30
LANGUAGES = ("fi", "en")

Point = tuple[float, float]
Say = Callable[[str, str], str]  # say(english, finnish) -> the label in the diagram's language

_sized_font = functools.lru_cache(maxsize=None)(_font)


def _text(draw, xy: Point, text: str, size=34, fill=INK, anchor="mm", max_width=None):
    """Draw text (lines centred on each other) at xy; shrink to max_width, never below MIN_TEXT."""
    align = {"l": "left", "m": "center", "r": "right"}[anchor[0]]
    while True:
        options = {"font": _sized_font(size), "anchor": anchor, "align": align, "spacing": 6}
        box = draw.multiline_textbbox(xy, text, **options)
        if max_width is None or box[2] - box[0] <= max_width or size <= MIN_TEXT:
            break
        size -= 2
    draw.multiline_text(xy, text, fill=fill, **options)
    return box


def _arrow(draw, points: Sequence[Point], fill=INK, width=6, head=24):
    """A line through points with a filled arrowhead at the last one."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    back = (x1 - head * math.cos(angle), y1 - head * math.sin(angle))
    side = (head * 0.55 * math.sin(angle), -head * 0.55 * math.cos(angle))
    shaft = [p for p in points[:-1] if math.dist(p, (x1, y1)) > head]
    draw.line([*shaft, back], fill=fill, width=width, joint="curve")
    wings = [(back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
    draw.polygon([(x1, y1), *wings], fill=fill)


def _circle(draw, centre: Point, radius: float, fill, outline=None, width=0):
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill, outline, width)


def _star(draw, centre: Point, radius: float, fill=RUST):
    cx, cy = centre
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.45
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _futures_cone(draw, say: Say):
    origin, mid, end = (110, HEIGHT // 2), HEIGHT // 2, WIDTH - 80
    for spread, colour in ((300, ICE), (170, MIST), (70, TEAL)):
        draw.polygon([origin, (end, mid - spread), (end, mid + spread)], fill=colour)
    _circle(draw, origin, 14, INK)
    _star(draw, (WIDTH - 260, mid - 210), 34)
    _text(draw, (origin[0], mid + 55), say("today", "nykyhetki"), 36)
    _text(draw, (880, mid + 180), say("possible", "mahdolliset"), 36)
    _text(draw, (900, mid + 92), say("probable", "todennäköiset"), 34)
    _text(draw, (WIDTH - 210, mid - 210), say("preferable", "toivottava"), 34, RUST, "lm")


def _time_horizons(draw, say: Say):
    top, bottom, x, tip = 165, 365, 100, 36
    years = say("years", "v")
    segments = (
        (say("short", "lyhyt"), "1–3", 310, TEAL, WHITE),
        (say("medium", "keskipitkä"), "4–5", 310, MIST, INK),
        (say("long", "pitkä"), "6+", 360, ICE, INK),
    )
    mid = (top + bottom) / 2
    for i, (name, span, length, colour, ink) in enumerate(segments):
        notch = 0 if i == 0 else tip
        shape = [(x, top), (x + length, top), (x + length + tip, mid)]
        shape += [(x + length, bottom), (x, bottom), (x + notch, mid)]
        draw.polygon(shape, fill=colour)
        _text(draw, (x + (length + notch) / 2 + 6, mid), f"{name}\n{span} {years}", 38, ink)
        x += length + 10
    axis = bottom + 90
    _arrow(draw, [(100, axis), (WIDTH - 60, axis)], INK, 6, 30)
    _circle(draw, (100, axis), 16, INK)
    _text(draw, (80, axis + 30), say("today", "nykyhetki"), 36, anchor="la")
    _text(draw, (WIDTH - 60, axis + 30), say("time", "aika"), 36, anchor="ra")


def _pestel(draw, say: Say):
    centre, tile_w, tile_h = (WIDTH / 2, HEIGHT / 2), 395, 170
    words = (
        ("P", "Political", "Poliittiset"),
        ("E", "Economic", "Taloudelliset"),
        ("S", "Social", "Sosiaaliset"),
        ("T", "Technological", "Teknologiset"),
        ("E", "Environmental", "Ekologiset"),
        ("L", "Legal", "Oikeudelliset"),
    )
    tiles = []
    for i, (letter, english, finnish) in enumerate(words):
        column, row = divmod(i, 3)
        left = 40 if column == 0 else WIDTH - 40 - tile_w
        cy = 40 + tile_h / 2 + row * (tile_h + 42)
        edge = left + tile_w if column == 0 else left
        draw.line([centre, (edge, cy)], fill=MIST, width=6)
        tiles.append((left, cy, letter, say(english, finnish)))
    for left, cy, letter, word in tiles:
        box = [left, cy - tile_h / 2, left + tile_w, cy + tile_h / 2]
        draw.rounded_rectangle(box, 18, fill=ICE)
        _text(draw, (left + 60, cy), letter, 72, TEAL)
        _text(draw, (left + 112, cy), word, 34, anchor="lm", max_width=tile_w - 124)
    _circle(draw, centre, 135, TEAL)
    _text(draw, centre, say("your firm", "yrityksesi"), 40, WHITE)


def _signal_growth(draw, say: Say):
    left, bottom, right, top = 130, 560, 1130, 70
    _arrow(draw, [(left, bottom), (left, top - 20)], INK, 5)
    _arrow(draw, [(left, bottom), (right + 40, bottom)], INK, 5)
    _text(draw, (left + 24, top - 20), say("impact", "vaikutus"), 34, anchor="la")
    _text(draw, (right + 40, bottom + 20), say("time", "aika"), 34, anchor="ra")

    def at(t: float) -> Point:
        rise = (math.exp(3 * t) - 1) / (math.exp(3) - 1)
        return left + 40 + (right - left - 80) * t, bottom - 30 - (bottom - top - 110) * rise

    draw.line([at(i / 100) for i in range(101)], fill=TEAL, width=8, joint="curve")
    marks = (
        (0.22, 14, say("weak signal", "heikko signaali"), (0, -70), "mm"),
        (0.6, 20, say("trend", "trendi"), (-40, -60), "rm"),
        (0.92, 30, say("megatrend", "megatrendi"), (-50, -40), "rm"),
    )
    for t, radius, label, (dx, dy), anchor in marks:
        x, y = at(t)
        _circle(draw, (x, y), radius, RUST, WHITE, 4)
        _text(draw, (x + dx, y + dy), label, 36, anchor=anchor)


def _futures_wheel(draw, say: Say):
    centre = (WIDTH / 2, HEIGHT / 2)
    # One quarter of the wheel as offsets from the centre, mirrored into the other three.
    first, seconds = (200, -107), ((100, -265), (475, -137))
    for sx, sy in ((1, 1), (-1, 1), (-1, -1), (1, -1)):
        one = (centre[0] + sx * first[0], centre[1] + sy * first[1])
        draw.line([centre, one], fill=TEAL, width=6)
        for dx, dy in seconds:
            two = (centre[0] + sx * dx, centre[1] + sy * dy)
            draw.line([one, two], fill=MIST, width=5)
            _circle(draw, two, 58, ICE, MIST, 4)
            _text(draw, two, say("2nd\norder", "2.\naste"), 30)
    for sx, sy in ((1, 1), (-1, 1), (-1, -1), (1, -1)):
        one = (centre[0] + sx * first[0], centre[1] + sy * first[1])
        _circle(draw, one, 76, MIST)
        _text(draw, one, say("1st\norder", "1.\naste"), 34)
    _circle(draw, centre, 96, TEAL)
    _text(draw, centre, say("change", "muutos"), 38, WHITE)


def _futures_triangle(draw, say: Say):
    top, left, right = (600, 110), (230, 540), (970, 540)
    draw.polygon([top, left, right], fill=ICE, outline=TEAL, width=6)
    middle = (600, 400)
    for corner in (top, left, right):
        start = [c + (m - c) * 0.16 for c, m in zip(corner, middle, strict=True)]
        end = [c + (m - c) * 0.55 for c, m in zip(corner, middle, strict=True)]
        _arrow(draw, [start, end], TEAL, 7, 28)
        _circle(draw, corner, 16, TEAL)
    _text(draw, (top[0], top[1] - 40), say("pull of the future", "tulevaisuuden imu"), 36, TEAL)
    below = 52
    _text(draw, (left[0], left[1] + below), say("push of the present", "nykyhetken työntö"), 36)
    _text(draw, (right[0], right[1] + below), say("weight of the past", "menneisyyden paino"), 36)
    plausible = say("plausible\nfutures", "uskottavat\ntulevaisuudet")
    _text(draw, (middle[0], middle[1] + 30), plausible, 34)


def _impact_uncertainty_grid(draw, say: Say):
    x0, y0, x1, y1, gap = 280, 40, 1150, 530, 8
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    quadrants = (
        ((x0, y0, xm, ym), say("plan for it", "varaudu"), TEAL, WHITE),
        ((xm, y0, x1, ym), say("scenario axes", "skenaarioakselit"), RUST, WHITE),
        ((x0, ym, xm, y1), say("note", "huomioi"), ICE, INK),
        ((xm, ym, x1, y1), say("monitor", "seuraa"), MIST, INK),
    )
    for (a, b, c, d), label, colour, ink in quadrants:
        draw.rounded_rectangle([a + gap, b + gap, c - gap, d - gap], 14, fill=colour)
        _text(draw, ((a + c) / 2, (b + d) / 2), label, 38, ink)
    _arrow(draw, [(x0 - 14, y1), (x0 - 14, y0)], INK, 5)
    _arrow(draw, [(x0, y1 + 14), (x1, y1 + 14)], INK, 5)
    _text(draw, (x0 - 34, y0 + 40), say("high", "suuri"), 32, anchor="rm")
    _text(draw, (x0 - 34, ym), say("impact", "vaikutus"), 36, TEAL, "rm")
    _text(draw, (x0 - 34, y1 - 30), say("low", "pieni"), 32, anchor="rm")
    _text(draw, (x0 + 10, y1 + 40), say("low", "matala"), 32, anchor="la")
    _text(draw, (xm, y1 + 40), say("uncertainty", "epävarmuus"), 36, TEAL, "ma")
    _text(draw, (x1, y1 + 40), say("high", "korkea"), 32, anchor="ra")


def _scenario_2x2(draw, say: Say):
    cx, cy, x0, x1, y0, y1 = 600, 337, 180, 1020, 95, 580
    for qx, qy, number in ((390, 215, 1), (810, 215, 2), (390, 459, 3), (810, 459, 4)):
        draw.rounded_rectangle([qx - 150, qy - 55, qx + 150, qy + 55], 16, fill=ICE)
        _text(draw, (qx, qy), f"{say('Scenario', 'Skenaario')} {number}", 36)
    _arrow(draw, [(x0, cy), (x1, cy)], TEAL, 7, 30)
    _arrow(draw, [(cx, y1), (cx, y0)], TEAL, 7, 30)
    low, high = say("low", "matala"), say("high", "korkea")
    _text(draw, (x0 - 16, cy), low, 32, anchor="rm")
    _text(draw, (x1 + 16, cy), high, 32, anchor="lm")
    _text(draw, (cx, y1 + 14), low, 32, anchor="ma")
    _text(draw, (cx, y0 - 14), high, 32, anchor="md")
    _text(draw, (x1, cy + 26), say("factor A", "tekijä A"), 34, TEAL, "ra")
    _text(draw, (cx + 24, y0 + 20), say("factor B", "tekijä B"), 34, TEAL, "la")


def _backcasting(draw, say: Say):
    y, today, vision = 440, 110, 1080
    milestones = ((360, "2028"), (600, "2030"), (840, "2032"))
    _arrow(draw, [(today, y), (vision - 60, y)], TEAL, 8, 30)
    stops = [today, *(x for x, _ in milestones), vision]
    for a, b in zip(stops[:-1], stops[1:], strict=True):
        mid, half = (a + b) / 2, (b - a) / 2 - 14
        angles = [math.pi * i / 40 for i in range(41)]
        arc = [(mid + half * math.cos(t), y - 60 - 110 * math.sin(t)) for t in angles]
        _arrow(draw, arc, RUST, 6, 26)
    _text(draw, (WIDTH / 2, 200), say("← plan backwards", "← suunnittele taaksepäin"), 36, RUST)
    for x, year in milestones:
        _circle(draw, (x, y), 26, WHITE, TEAL, 8)
        _text(draw, (x, y + 50), year, 34, anchor="ma")
    _circle(draw, (today, y), 18, INK)
    _text(draw, (today, y + 50), say("today", "nyt"), 36, anchor="ma")
    _star(draw, (vision, y), 52)
    _text(draw, (vision, y + 66), say("vision\n2035", "visio\n2035"), 36, RUST, "ma")


def _roadmap(draw, say: Say):
    lanes = (say("market", "markkina"), say("product", "tuote"), say("skills", "osaaminen"))
    start, per_year, lane_h, axis, pole = 300, 110, 160, 570, 1040

    def year_x(year: float) -> float:
        return start + (year - 2026) * per_year

    for i, name in enumerate(lanes):
        top = 30 + i * (lane_h + 10)
        draw.rounded_rectangle([20, top, pole - 25, top + lane_h], 14, fill=ICE)
        _text(draw, (40, top + lane_h / 2), name, 34, anchor="lm")
    milestones = (
        (0, 2027.2, say("pilot", "pilotti")),
        (0, 2030.2, say("export", "vienti")),
        (1, 2027.8, say("prototype", "prototyyppi")),
        (1, 2030.8, say("launch", "lanseeraus")),
        (2, 2027, say("training", "koulutus")),
        (2, 2029.6, say("new hires", "rekrytointi")),
    )
    for lane, year, label in milestones:
        cy = 30 + lane * (lane_h + 10) + lane_h / 2
        box = draw.textbbox((year_x(year), cy), label, font=_sized_font(32), anchor="mm")
        draw.rounded_rectangle([box[0] - 18, cy - 34, box[2] + 18, cy + 34], 12, fill=TEAL)
        _text(draw, (year_x(year), cy), label, 32, WHITE)
    _arrow(draw, [(start - 40, axis), (pole - 20, axis)], INK, 5)
    for year in range(2026, 2033):
        draw.line([(year_x(year), axis - 12), (year_x(year), axis + 12)], fill=INK, width=4)
        _text(draw, (year_x(year), axis + 22), str(year), 30, anchor="ma")
    draw.line([(pole, 30), (pole, axis + 50)], fill=INK, width=6)
    draw.polygon([(pole + 3, 30), (1190, 30), (1168, 75), (1190, 120), (pole + 3, 120)], fill=RUST)
    _text(draw, ((pole + 1168) / 2, 75), say("goal", "tavoite"), 32, WHITE)


_DRAWERS: dict[str, Callable[[ImageDraw.ImageDraw, Say], None]] = {
    "futures-cone": _futures_cone,
    "time-horizons": _time_horizons,
    "pestel": _pestel,
    "signal-growth": _signal_growth,
    "futures-wheel": _futures_wheel,
    "futures-triangle": _futures_triangle,
    "impact-uncertainty-grid": _impact_uncertainty_grid,
    "scenario-2x2": _scenario_2x2,
    "backcasting": _backcasting,
    "roadmap": _roadmap,
}
DIAGRAMS: tuple[str, ...] = tuple(_DRAWERS)


def diagram_png(name: str, language: str) -> bytes:
    """The named diagram as PNG bytes, labelled in "fi" or "en"; KeyError for an unknown name."""
    drawer = _DRAWERS[name]
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    image = PILImage.new("RGB", (WIDTH, HEIGHT), WHITE)
    drawer(ImageDraw.Draw(image), lambda english, finnish: finnish if language == "fi" else english)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
