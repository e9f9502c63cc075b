"""The certificate PDF, drawn with reportlab from plain data: no ORM, no request.

A pure function so it can be tested and benchmarked alone (bench/certificates.py). The
lines themselves (fonts for every script, right-to-left order, wrapping) are set by
typesetting.py; this module places them on the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from certificates.qr import draw_qr
from core.typesetting import BOLD, REGULAR, Block, draw_block, fit, register_fonts

PAGE = landscape(A4)
INK = HexColor("#1d2327")
MUTED = HexColor("#4a5560")
# The text column: 30 mm from the page's sides (16 mm inside the inner frame), under the logo
# and the issuer, above the signature, the certificate code and the QR code.
COLUMN_WIDTH = PAGE[0] - 60 * mm
COLUMN_TOP = PAGE[1] - 46 * mm
COLUMN_BOTTOM = 62 * mm
BASE = 30 * mm
QR_SIDE = 34 * mm
SIGNATORY_LEFT, SIGNATORY_WIDTH = 30 * mm, 80 * mm
CODE_RIGHT = PAGE[0] - 34 * mm - QR_SIDE
CODE_WIDTH = CODE_RIGHT - (SIGNATORY_LEFT + SIGNATORY_WIDTH + 8 * mm)
HEADING_BASELINE = PAGE[1] - 62 * mm


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on a certificate, already in the certificate's language."""

    name: str
    course_title: str
    completion_date: str
    course_length: str
    code: str
    verify_url: str
    language: str
    heading: str
    statement: str
    issuer: str
    signatory_name: str = ""
    signatory_title: str = ""
    accent_colour: str = "#0b5563"
    logo: bytes | None = None
    signature: bytes | None = None
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Part:
    """One block of the text column, with the room left above it in the usual layout."""

    text: str
    style: str
    colour: HexColor
    size: float
    floor: float
    smallest: float
    max_lines: int
    gap: float


def _column_parts(data: CertificateData, accent: HexColor) -> list[_Part]:
    details = f"{data.labels.get('date', '')} {data.completion_date}".strip()
    if data.course_length:
        details += f"   ·   {data.labels.get('length', '')} {data.course_length}".rstrip()
    parts = [
        _Part(data.heading.upper(), BOLD, accent, 30, 18, 12, 2, 0),
        _Part(data.name, BOLD, INK, 32, 20, 10, 4, 34.5),
        _Part(data.statement, REGULAR, MUTED, 14, 11, 8, 2, 17),
        _Part(data.course_title, BOLD, INK, 20, 14, 9, 5, 16.5),
        _Part(details, REGULAR, MUTED, 12, 9, 7, 2, 22.5),
    ]
    return [part for part in parts if part.text.strip()]


def _column(data: CertificateData, accent: HexColor) -> list[tuple[_Part, Block, float]]:
    """Each block of the column with its first baseline.

    The blocks keep their usual places while they fit. A long name or title takes more
    lines and pushes the blocks below it down, then the whole column up; then the gaps
    between the blocks shrink to half; then every block is set a size smaller.
    """
    parts = _column_parts(data, accent)
    if not parts:
        return []
    room = COLUMN_TOP - COLUMN_BOTTOM
    for step in range(12):
        scale = 0.92**step
        blocks = [
            fit(
                part.text,
                part.style,
                COLUMN_WIDTH,
                part.size * scale,
                floor=part.floor * scale,
                smallest=part.smallest * scale,
                max_lines=part.max_lines,
            )
            for part in parts
        ]
        heights = sum(block.height for block in blocks)
        gaps = sum(part.gap for part in parts[1:])
        squeeze = min(1.0, (room - heights) / gaps) if gaps else 1.0
        if squeeze >= 0.5 and heights <= room:
            break
    squeeze = max(squeeze, 0.0)
    top = HEADING_BASELINE + blocks[0].ascent
    needed = heights + gaps * squeeze
    top = min(max(top, COLUMN_BOTTOM + needed), COLUMN_TOP)
    placed = []
    for index, (part, block) in enumerate(zip(parts, blocks, strict=True)):
        if index:
            top -= part.gap * squeeze
        placed.append((part, block, top - block.ascent))
        top -= block.height
    return placed


def render_certificate(data: CertificateData) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=PAGE, lang=data.language, pageCompression=1, invariant=True
    )
    pdf.setTitle(f"{data.heading}: {data.course_title} – {data.name}")
    pdf.setAuthor(data.issuer)
    pdf.setSubject(data.course_title)
    pdf.setCreator("Ennakoinnin perusteet – foresight course platform")
    pdf.setKeywords([data.code])
    width, height = PAGE
    accent = HexColor(data.accent_colour)

    pdf.setStrokeColor(accent)
    pdf.setLineWidth(4 * mm)
    pdf.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    pdf.setLineWidth(0.6 * mm)
    pdf.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)

    if data.logo:
        pdf.drawImage(
            ImageReader(io.BytesIO(data.logo)),
            24 * mm,
            height - 44 * mm,
            width=50 * mm,
            height=22 * mm,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
    pdf.setFillColor(MUTED)
    issuer = fit(data.issuer, REGULAR, width - 104 * mm, 11, floor=8, max_lines=3)
    draw_block(pdf, issuer, width - 24 * mm, height - 30 * mm, "right")

    for part, block, baseline in _column(data, accent):
        pdf.setFillColor(part.colour)
        draw_block(pdf, block, width / 2, baseline, "centre")

    if data.signature:
        pdf.drawImage(
            ImageReader(io.BytesIO(data.signature)),
            SIGNATORY_LEFT,
            BASE + 12 * mm,
            width=55 * mm,
            height=18 * mm,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
    if data.signatory_name:
        pdf.setStrokeColor(MUTED)
        pdf.setLineWidth(0.3 * mm)
        pdf.line(SIGNATORY_LEFT, BASE + 10 * mm, SIGNATORY_LEFT + SIGNATORY_WIDTH, BASE + 10 * mm)
        pdf.setFillColor(INK)
        name = fit(data.signatory_name, BOLD, SIGNATORY_WIDTH, 11, floor=7)
        draw_block(pdf, name, SIGNATORY_LEFT, BASE + 4 * mm, "left")
        pdf.setFillColor(MUTED)
        title = fit(data.signatory_title, REGULAR, SIGNATORY_WIDTH, 10, floor=7, max_lines=2)
        draw_block(pdf, title, SIGNATORY_LEFT, BASE - 1 * mm, "left")

    draw_qr(pdf, data.verify_url, width - 30 * mm - QR_SIDE, BASE - 6 * mm, QR_SIDE)
    pdf.setFillColor(INK)
    code_lines = [
        (data.labels.get("code", ""), REGULAR, 9, 6, BASE + 18 * mm),
        (data.code, BOLD, 13, 8, BASE + 12 * mm),
        (data.labels.get("verify", ""), REGULAR, 9, 6, BASE + 4 * mm),
        (data.verify_url, REGULAR, 9, 6, BASE - 1 * mm),
    ]
    for text, style, size, floor, baseline in code_lines:
        draw_block(
            pdf, fit(text, style, CODE_WIDTH, size, floor=floor), CODE_RIGHT, baseline, "right"
        )

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
