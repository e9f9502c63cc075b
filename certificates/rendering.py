"""The certificate PDF, drawn with reportlab from plain data: no ORM, no request.

A pure function so it can be tested and benchmarked alone (bench/certificates.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "CertificateSans", "CertificateSans-Bold"
PAGE = landscape(A4)
INK = HexColor("#1d2327")
MUTED = HexColor("#4a5560")


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


@cache
def register_fonts() -> None:
    """DejaVu Sans covers Latin with every European diacritic, Greek and Cyrillic."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _fit(text: str, font: str, size: float, width: float, minimum: float = 12) -> float:
    """The largest font size up to `size` at which `text` fits in `width`."""
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred(pdf: canvas.Canvas, text: str, y: float, font: str, size: float) -> None:
    width = PAGE[0] - 60 * mm
    size = _fit(text, font, size, width)
    pdf.setFont(font, size)
    pdf.drawCentredString(PAGE[0] / 2, y, text)


def _name(pdf: canvas.Canvas, name: str, y: float) -> None:
    """The name on one line when it fits at a readable size, else on up to three lines."""
    width = PAGE[0] - 60 * mm
    for size in range(32, 7, -1):
        lines = simpleSplit(name, BOLD, size, width)
        if len(lines) <= (1 if size >= 20 else 3):
            break
    pdf.setFont(BOLD, size)
    leading = size * 1.15
    top = y + leading * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        pdf.drawCentredString(PAGE[0] / 2, top - index * leading, line)


def _qr(pdf: canvas.Canvas, url: str, x: float, y: float, side: float) -> None:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def render_certificate(data: CertificateData) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, lang=data.language, pageCompression=1)
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
    pdf.setFont(REGULAR, 11)
    pdf.drawRightString(width - 24 * mm, height - 30 * mm, data.issuer)

    pdf.setFillColor(accent)
    _centred(pdf, data.heading.upper(), height - 62 * mm, BOLD, 30)
    pdf.setFillColor(INK)
    _name(pdf, data.name, height - 88 * mm)
    pdf.setFillColor(MUTED)
    _centred(pdf, data.statement, height - 102 * mm, REGULAR, 14)
    pdf.setFillColor(INK)
    _centred(pdf, data.course_title, height - 116 * mm, BOLD, 20)
    pdf.setFillColor(MUTED)
    details = f"{data.labels.get('date', '')} {data.completion_date}".strip()
    if data.course_length:
        details += f"   ·   {data.labels.get('length', '')} {data.course_length}".rstrip()
    _centred(pdf, details, height - 130 * mm, REGULAR, 12)

    base = 30 * mm
    if data.signature:
        pdf.drawImage(
            ImageReader(io.BytesIO(data.signature)),
            30 * mm,
            base + 12 * mm,
            width=55 * mm,
            height=18 * mm,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
    if data.signatory_name:
        pdf.setStrokeColor(MUTED)
        pdf.setLineWidth(0.3 * mm)
        pdf.line(30 * mm, base + 10 * mm, 110 * mm, base + 10 * mm)
        pdf.setFillColor(INK)
        pdf.setFont(BOLD, 11)
        pdf.drawString(30 * mm, base + 4 * mm, data.signatory_name)
        pdf.setFillColor(MUTED)
        pdf.setFont(REGULAR, 10)
        pdf.drawString(30 * mm, base - 1 * mm, data.signatory_title)

    side = 34 * mm
    _qr(pdf, data.verify_url, width - 30 * mm - side, base - 6 * mm, side)
    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 9)
    text_right = width - 34 * mm - side
    pdf.drawRightString(text_right, base + 18 * mm, data.labels.get("code", ""))
    pdf.setFont(BOLD, 13)
    pdf.drawRightString(text_right, base + 12 * mm, data.code)
    pdf.setFont(REGULAR, 9)
    pdf.drawRightString(text_right, base + 4 * mm, data.labels.get("verify", ""))
    pdf.drawRightString(text_right, base - 1 * mm, data.verify_url)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
