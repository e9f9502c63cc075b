"""Media for the demo content, made by code (a diagram, a worksheet) or kept small on disk."""

import io
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

MEDIA_DIR = Path(__file__).resolve().parent / "media"
# The standard PDF fonts cover Finnish and Swedish letters; nothing to embed.
SLIDE_FONT, SLIDE_FONT_BOLD = "Helvetica", "Helvetica-Bold"
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
]


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def worksheet_pdf() -> bytes:
    """A one-page bilingual worksheet for the three time horizons."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, lang="fi")
    pdf.setTitle("Aikajänteet – Time horizons")
    pdf.setAuthor("Ennakoinnin perusteet yrittäjille")
    pdf.setSubject("Tehtäväpohja / Worksheet")
    width, height = A4
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(20 * mm, height - 25 * mm, "Aikajänteet / Time horizons")
    pdf.setFont("Helvetica", 11)
    rows = [
        ("Lyhyt / Short: 1–3 v / yrs", 60),
        ("Keskipitkä / Medium: 4–5 v / yrs", 60),
        ("Pitkä / Long: 6+ v / yrs", 60),
    ]
    y = height - 40 * mm
    for label, box in rows:
        pdf.drawString(20 * mm, y, label)
        pdf.rect(20 * mm, y - box * mm, width - 40 * mm, box * mm - 4 * mm)
        y -= (box + 8) * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def initials_png(name: str, size: int = 320) -> bytes:
    """A speaker's placeholder portrait: their initials on the site's teal."""
    image = PILImage.new("RGB", (size, size), "#0b5563")
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = _font(size // 3)
    box = draw.textbbox((0, 0), initials, font=font)
    position = ((size - (box[2] - box[0])) / 2 - box[0], (size - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, initials, fill="#ffffff", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def slides_pdf(title: str, slides: list[dict], language: str) -> bytes:
    """A lecture's slides as a landscape PDF: one page a slide, a title and its points."""
    buffer = io.BytesIO()
    pagesize = (297 * mm, 167 * mm)
    pdf = canvas.Canvas(buffer, pagesize=pagesize, lang=language)
    pdf.setTitle(title)
    pdf.setAuthor("Ennakoinnin perusteet yrittäjille")
    width, height = pagesize
    for number, slide in enumerate(slides, start=1):
        pdf.setFillColor(HexColor("#0b5563"))
        pdf.rect(0, height - 30 * mm, width, 30 * mm, stroke=0, fill=1)
        pdf.setFillColor(HexColor("#ffffff"))
        pdf.setFont(SLIDE_FONT_BOLD, 22)
        pdf.drawString(18 * mm, height - 19 * mm, slide["title"])
        pdf.setFillColor(HexColor("#1d2327"))
        pdf.setFont(SLIDE_FONT, 16)
        y = height - 48 * mm
        for point in slide.get("points", []):
            for line_number, line in enumerate(simpleSplit(point, SLIDE_FONT, 16, width - 50 * mm)):
                pdf.drawString(
                    (24 if line_number else 18) * mm, y, ("" if line_number else "• ") + line
                )
                y -= 9 * mm
            y -= 3 * mm
        pdf.setFont(SLIDE_FONT, 10)
        pdf.drawRightString(width - 12 * mm, 8 * mm, f"{title} – {number}/{len(slides)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
