"""Worksheets to print or fill in on screen: fillable PDF forms (AcroForm), drawn by code.

Pure: a worksheet's texts (already in the reader's language) go in, PDF bytes come out.
Each field has a name and a tooltip (its accessible name); multi-line fields wrap.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from core.typesetting import BOLD, REGULAR, draw_text, register_fonts

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#0b5563")
FIELD_BORDER = HexColor("#4a5560")
FIELD_FILL = HexColor("#f3f7f8")
MARGIN = 42


@dataclass(frozen=True)
class WorksheetTexts:
    language: str
    title: str
    intro: str
    labels: dict[str, str]  # field or area name → its label, in the reader's language
    footer: str = ""
    guide: tuple[str, ...] = ()  # the workshop guide's steps


def _text(
    pdf,
    text: str,
    x: float,
    top: float,
    width: float,
    size: float = 10,
    *,
    style: str = REGULAR,
    lines: int = 6,
    align: str = "left",
    colour=INK,
) -> float:
    return draw_text(
        pdf,
        text,
        x,
        top,
        width,
        size,
        style=style,
        lines=lines,
        smallest=max(6, size - 3),
        align=align,
        colour=colour,
    )


def _field(
    pdf,
    name: str,
    tooltip: str,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    multiline: bool = True,
) -> None:
    pdf.acroForm.textfield(
        name=name,
        tooltip=tooltip,
        x=x,
        y=y,
        width=width,
        height=height,
        borderColor=FIELD_BORDER,
        fillColor=FIELD_FILL,
        textColor=INK,
        borderWidth=1,
        fontName="Helvetica",
        fontSize=0 if multiline else 10,  # 0: the viewer fits the text to the box
        fieldFlags="multiline" if multiline else "",
        maxlen=2000 if multiline else 200,
        forceBorder=True,
    )


def _header(pdf, texts: WorksheetTexts, width: float, height: float) -> float:
    top = height - MARGIN
    top -= (
        _text(
            pdf,
            texts.title,
            MARGIN,
            top,
            width - 2 * MARGIN,
            18,
            style=BOLD,
            lines=2,
            colour=ACCENT,
        )
        + 6
    )
    top -= _text(pdf, texts.intro, MARGIN, top, width - 2 * MARGIN, 9.5, lines=4) + 12
    return top


def _labelled(
    pdf,
    texts: WorksheetTexts,
    name: str,
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    multiline: bool = True,
) -> None:
    label = texts.labels[name]
    used = _text(pdf, label, x, top, width, 9, style=BOLD, lines=2)
    _field(pdf, name, label, x, top - used - 4 - height, width, height, multiline=multiline)


def _pestel(pdf, texts, width, height):
    top = _header(pdf, texts, width, height)
    _labelled(pdf, texts, "business", MARGIN, top, width - 2 * MARGIN, 24, multiline=False)
    top -= 52
    column = (width - 2 * MARGIN - 14) / 3
    box = (top - MARGIN - 40) / 2
    for index, key in enumerate(
        ["political", "economic", "social", "technological", "environmental", "legal"]
    ):
        x = MARGIN + (index % 3) * (column + 14)
        y = top - (index // 3) * (box + 26)
        _labelled(pdf, texts, key, x, y, column, box - 12)


def _table(pdf, texts, width, height, columns: list[tuple[str, float]], rows: int, prefix: str):
    top = _header(pdf, texts, width, height)
    usable = width - 2 * MARGIN
    x = MARGIN
    for key, share in columns:
        _text(pdf, texts.labels[key], x + 2, top, usable * share - 4, 9, style=BOLD, lines=2)
        x += usable * share
    top -= 30
    row_height = min(54, (top - MARGIN) / rows)
    for row in range(1, rows + 1):
        x = MARGIN
        for key, share in columns:
            name = f"{prefix}_{row}_{key}"
            _field(
                pdf,
                name,
                f"{texts.labels[key]} {row}",
                x,
                top - row * row_height,
                usable * share - 4,
                row_height - 6,
                multiline=share > 0.15,
            )
            x += usable * share


def _signal_log(pdf, texts, width, height):
    _table(
        pdf,
        texts,
        width,
        height,
        [("date", 0.14), ("signal", 0.34), ("source", 0.2), ("meaning", 0.32)],
        10,
        "row",
    )


def _futures_table(pdf, texts, width, height):
    _table(
        pdf,
        texts,
        width,
        height,
        [("factor", 0.25), ("state_a", 0.25), ("state_b", 0.25), ("state_c", 0.25)],
        6,
        "row",
    )


def _roadmap(pdf, texts, width, height):
    _table(
        pdf,
        texts,
        width,
        height,
        [("action", 0.5), ("when", 0.16), ("who", 0.17), ("done", 0.17)],
        8,
        "row",
    )


def _wheel(pdf, texts, width, height):
    top = _header(pdf, texts, width, height)
    cx, cy = width / 2, (top + MARGIN) / 2
    outer = min((top - MARGIN) / 2 - 30, width / 2 - MARGIN - 48)
    inner = outer * 0.45
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(1.2)
    pdf.circle(cx, cy, inner, stroke=1, fill=0)
    pdf.circle(cx, cy, outer, stroke=1, fill=0)
    _text(pdf, texts.labels["change"], cx, cy + 40, 160, 8.5, style=BOLD, lines=2, align="centre")
    _field(pdf, "change", texts.labels["change"], cx - 60, cy - 22, 120, 44)
    for index in range(4):
        angle = math.pi / 4 + index * math.pi / 2
        ex, ey = cx + inner * math.cos(angle), cy + inner * math.sin(angle)
        _field(
            pdf,
            f"effect_{index + 1}",
            f"{texts.labels['effect']} {index + 1}",
            ex - 50,
            ey - 18,
            100,
            36,
        )
        for sub in range(2):
            spread = (sub - 0.5) * 0.6
            sx = cx + outer * math.cos(angle + spread)
            sy = cy + outer * math.sin(angle + spread)
            _field(
                pdf,
                f"effect_{index + 1}_{sub + 1}",
                f"{texts.labels['second']} {index + 1}.{sub + 1}",
                sx - 45,
                sy - 17,
                90,
                34,
            )
    _text(
        pdf,
        f"{texts.labels['effect']} · {texts.labels['second']}",
        cx,
        MARGIN + 24,
        width - 2 * MARGIN,
        8.5,
        lines=1,
        align="centre",
    )


def _scenarios(pdf, texts, width, height):
    top = _header(pdf, texts, width, height)
    _labelled(pdf, texts, "x", MARGIN, top, (width - 2 * MARGIN) / 2 - 8, 22, multiline=False)
    _labelled(
        pdf, texts, "y", width / 2 + 8, top, (width - 2 * MARGIN) / 2 - 8, 22, multiline=False
    )
    top -= 60
    size = min(width - 2 * MARGIN, top - MARGIN)
    left = (width - size) / 2
    half = size / 2
    pdf.setStrokeColor(INK)
    pdf.setLineWidth(1.5)
    pdf.line(left, top - half, left + size, top - half)
    pdf.line(left + half, top - size, left + half, top)
    for key, (qx, qy) in {
        "low_high": (left, top),
        "high_high": (left + half, top),
        "low_low": (left, top - half),
        "high_low": (left + half, top - half),
    }.items():
        _labelled(pdf, texts, key, qx + 10, qy - 8, half - 20, 22, multiline=False)
        _field(
            pdf,
            f"{key}_about",
            f"{texts.labels[key]}: {texts.labels['about']}",
            qx + 10,
            qy - half + 10,
            half - 20,
            half - 64,
        )


def _guide(pdf, texts, width, height):
    top = _header(pdf, texts, width, height)
    for number, step in enumerate(texts.guide, start=1):
        top -= _text(pdf, f"{number}. {step}", MARGIN, top, width - 2 * MARGIN, 10, lines=4) + 8
    top -= 8
    for name in ("topic", "participants", "date"):
        _labelled(
            pdf,
            texts,
            name,
            MARGIN,
            top,
            width - 2 * MARGIN,
            22 if name != "participants" else 44,
            multiline=name == "participants",
        )
        top -= 50 if name != "participants" else 72


@dataclass(frozen=True)
class Sheet:
    key: str
    draw: Callable
    landscape: bool = False


SHEETS = {
    sheet.key: sheet
    for sheet in (
        Sheet("pestel", _pestel, landscape=True),
        Sheet("signal-log", _signal_log, landscape=True),
        Sheet("futures-wheel", _wheel),
        Sheet("scenarios", _scenarios),
        Sheet("futures-table", _futures_table, landscape=True),
        Sheet("roadmap", _roadmap, landscape=True),
        Sheet("workshop-guide", _guide),
    )
}


def render_worksheet(key: str, texts: WorksheetTexts) -> bytes:
    sheet = SHEETS[key]
    register_fonts()
    size = landscape(A4) if sheet.landscape else A4
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=size, pageCompression=1, invariant=1, lang=texts.language)
    pdf.setTitle(texts.title)
    sheet.draw(pdf, texts, *size)
    if texts.footer:
        _text(
            pdf,
            texts.footer,
            MARGIN,
            MARGIN - 14,
            size[0] - 2 * MARGIN,
            7.5,
            lines=1,
            colour=FIELD_BORDER,
        )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
