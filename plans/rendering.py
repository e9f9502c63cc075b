"""The foresight plan as a PDF: a pure function from plain data to bytes (no ORM, no request).

Three A4 pages in the learner's language: the firm and the PESTEL scan; the weak signals and
the futures wheel drawn from the learner's own words; the 2×2 scenario frame and the roadmap
as a timeline. Text is set with the certificates' typesetting (core/typesetting.py): any
script, right-to-left included, and long answers wrap and shrink to fit their boxes.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from core.typesetting import BOLD, REGULAR, draw_block, draw_text, fit, register_fonts

WIDTH, HEIGHT = A4
MARGIN = 48
INK = HexColor("#1a1a1a")
ACCENT = HexColor("#0b5563")
TINT = HexColor("#e3eef0")
MUTED = HexColor("#4a5560")
CENTRE_R, FIRST_R, SECOND_R = 48, 44, 38  # the futures wheel's circles


@dataclass(frozen=True)
class Quadrant:
    name: str
    about: str


@dataclass(frozen=True)
class PlanData:
    language: str
    labels: dict[str, str]  # headings and captions, already in the learner's language
    learner: str
    course: str
    date: str
    firm: str = ""
    pestel: list[tuple[str, str]] = field(default_factory=list)
    signals: list[tuple[str, str]] = field(default_factory=list)
    change: str = ""
    effects: list[tuple[str, list[str]]] = field(default_factory=list)
    x: tuple[str, str, str] = ("", "", "")  # the uncertainty, its one and other extreme
    y: tuple[str, str, str] = ("", "", "")
    quadrants: dict[str, Quadrant] = field(default_factory=dict)  # high_high, low_high, ...
    actions: list[tuple[str, str, str]] = field(default_factory=list)  # date, action, who


def _text(
    pdf,
    text: str,
    x: float,
    top: float,
    width: float,
    size: float = 10,
    *,
    style: str = REGULAR,
    lines: int = 12,
    smallest: float = 7,
    align: str = "left",
    colour=INK,
) -> float:
    """Draws `text` from `top` down, wrapped in `width`; returns the height it took."""
    return draw_text(
        pdf,
        text,
        x,
        top,
        width,
        size,
        style=style,
        lines=lines,
        smallest=smallest,
        align=align,
        colour=colour,
    )


def _heading(pdf, text: str, top: float) -> float:
    return _text(pdf, text, MARGIN, top, WIDTH - 2 * MARGIN, 16, style=BOLD, lines=2) + 10


def _page_one(pdf, data: PlanData) -> None:
    top = HEIGHT - MARGIN
    top -= (
        _text(
            pdf,
            data.labels["title"],
            MARGIN,
            top,
            WIDTH - 2 * MARGIN,
            22,
            style=BOLD,
            lines=2,
            colour=ACCENT,
        )
        + 6
    )
    meta = (
        f"{data.learner} · {data.course} · {data.date}"
        if data.learner
        else f"{data.course} · {data.date}"
    )
    top -= _text(pdf, meta, MARGIN, top, WIDTH - 2 * MARGIN, 10, lines=2, colour=MUTED) + 18
    top -= _heading(pdf, data.labels["firm"], top)
    top -= _text(pdf, data.firm or "–", MARGIN, top, WIDTH - 2 * MARGIN, 10, lines=16) + 20
    top -= _heading(pdf, data.labels["pestel"], top)
    column = (WIDTH - 2 * MARGIN - 12) / 2
    box = (top - MARGIN - 24) / 3
    for index, (label, text) in enumerate(data.pestel):
        x = MARGIN + (index % 2) * (column + 12)
        y = top - (index // 2) * (box + 12)
        pdf.setFillColor(TINT)
        pdf.roundRect(x, y - box, column, box, 6, stroke=0, fill=1)
        used = _text(pdf, label, x + 8, y - 8, column - 16, 11, style=BOLD, lines=1)
        _text(
            pdf,
            text or "–",
            x + 8,
            y - 14 - used,
            column - 16,
            9.5,
            lines=int((box - used - 20) // 11.5) or 1,
            smallest=6.5,
        )


def _circle_text(
    pdf,
    text: str,
    cx: float,
    cy: float,
    radius: float,
    size: float,
    style: str = REGULAR,
    colour=INK,
) -> None:
    width = radius * 1.7
    block = fit(text or "–", style, width, size, floor=size - 1, smallest=5.5, max_lines=5)
    pdf.setFillColor(colour)
    draw_block(pdf, block, cx, cy + block.height / 2 - block.ascent, "centre")


def _page_two(pdf, data: PlanData) -> None:
    top = HEIGHT - MARGIN
    top -= _heading(pdf, data.labels["signals"], top)
    for number, (signal, why) in enumerate(data.signals, start=1):
        used = _text(
            pdf, f"{number}. {signal}", MARGIN, top, WIDTH - 2 * MARGIN, 10.5, style=BOLD, lines=2
        )
        used += _text(
            pdf,
            why,
            MARGIN + 14,
            top - used - 2,
            WIDTH - 2 * MARGIN - 14,
            9.5,
            lines=3,
            colour=MUTED,
        )
        top -= used + 10
    top -= 10
    top -= _heading(pdf, data.labels["wheel"], top)
    cx, cy = WIDTH / 2, (top + MARGIN) / 2
    outer = min((top - MARGIN) / 2 - 40, WIDTH / 2 - MARGIN - 40)
    inner = max(outer * 0.5, CENTRE_R + FIRST_R + 10)
    outer = max(outer, inner + FIRST_R + SECOND_R + 8)
    effects = data.effects or [("", [])]
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(1.2)
    positions = []
    for index, (effect, subs) in enumerate(effects):
        angle = math.pi / 2 - 2 * math.pi * index / len(effects)
        ex, ey = cx + inner * math.cos(angle), cy + inner * math.sin(angle)
        pdf.line(cx, cy, ex, ey)
        subs = [sub for sub in subs if sub] or []
        for sub_index, sub in enumerate(subs):
            spread = (sub_index - (len(subs) - 1) / 2) * 0.42
            sx = cx + outer * math.cos(angle + spread)
            sy = cy + outer * math.sin(angle + spread)
            pdf.line(ex, ey, sx, sy)
            positions.append(("second", sub, sx, sy))
        positions.append(("first", effect, ex, ey))
    for kind, text, x, y in positions:
        radius = FIRST_R if kind == "first" else SECOND_R
        pdf.setFillColor(TINT if kind == "first" else HexColor("#ffffff"))
        pdf.circle(x, y, radius, stroke=1, fill=1)
        _circle_text(pdf, text, x, y, radius, 8.5 if kind == "first" else 8)
    pdf.setFillColor(ACCENT)
    pdf.circle(cx, cy, CENTRE_R, stroke=0, fill=1)
    _circle_text(pdf, data.change, cx, cy, CENTRE_R, 9.5, BOLD, HexColor("#ffffff"))


def _page_three(pdf, data: PlanData) -> None:
    top = HEIGHT - MARGIN
    top -= _heading(pdf, data.labels["scenarios"], top)
    size = min(WIDTH - 2 * MARGIN - 80, 330)
    left = (WIDTH - size) / 2
    bottom = top - size - 34
    half = size / 2
    pdf.setStrokeColor(INK)
    pdf.setLineWidth(1.5)
    pdf.line(left, bottom + half, left + size, bottom + half)
    pdf.line(left + half, bottom, left + half, bottom + size)
    x_name, x_low, x_high = data.x
    y_name, y_low, y_high = data.y
    _text(pdf, x_low, left - 4, bottom + half - 6, 70, 8, lines=3, align="right", colour=MUTED)
    _text(pdf, x_high, left + size + 4, bottom + half - 6, 70, 8, lines=3, colour=MUTED)
    _text(
        pdf, y_high, left + half, bottom + size + 22, size, 8, lines=1, align="centre", colour=MUTED
    )
    _text(pdf, y_low, left + half, bottom - 6, size, 8, lines=1, align="centre", colour=MUTED)
    _text(
        pdf,
        f"→ {x_name}",
        left + size,
        bottom + half + 14,
        size / 2,
        8.5,
        style=BOLD,
        lines=1,
        align="right",
    )
    _text(
        pdf, f"↑ {y_name}", left + half + 6, bottom + size - 2, half - 10, 8.5, style=BOLD, lines=2
    )
    corners = {
        "low_high": (left, bottom + size),
        "high_high": (left + half, bottom + size),
        "low_low": (left, bottom + half),
        "high_low": (left + half, bottom + half),
    }
    for key, (x, y) in corners.items():
        quadrant = data.quadrants.get(key, Quadrant("", ""))
        used = _text(
            pdf,
            quadrant.name or "–",
            x + 10,
            y - 26,
            half - 20,
            11,
            style=BOLD,
            lines=2,
            colour=ACCENT,
        )
        _text(pdf, quadrant.about, x + 10, y - 30 - used, half - 20, 8.5, lines=7, smallest=6)
    top = bottom - 34
    top -= _heading(pdf, data.labels["roadmap"], top)
    line_x = MARGIN + 86
    if data.actions:
        pdf.setStrokeColor(ACCENT)
        pdf.setLineWidth(2)
        step = min(44, (top - MARGIN) / max(len(data.actions), 1))
        pdf.line(line_x, top, line_x, top - step * (len(data.actions) - 1) - 10)
        for index, (day, action, who) in enumerate(data.actions):
            y = top - index * step
            pdf.setFillColor(ACCENT)
            pdf.circle(line_x, y - 5, 5, stroke=0, fill=1)
            _text(pdf, day, line_x - 12, y, 70, 9.5, style=BOLD, lines=1, align="right")
            text = f"{action} ({who})" if who else action
            _text(pdf, text, line_x + 14, y, WIDTH - MARGIN - line_x - 14, 9.5, lines=2, smallest=7)


def render_plan(data: PlanData) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1, lang=data.language)
    pdf.setTitle(data.labels["title"])
    pdf.setAuthor(data.learner)
    pdf.setSubject(data.course)
    for page in (_page_one, _page_two, _page_three):
        page(pdf, data)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
