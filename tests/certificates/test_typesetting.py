"""Any name in any script, and any course title up to the longest the model allows, is
printed whole, readable and inside the certificate's frame; and copying it out of the PDF
gives the text as it was typed."""

from __future__ import annotations

import ctypes
import io
import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from certificates.rendering import CertificateData, render_certificate
from tests.certificates.test_rendering import certificate_data

MM = 72 / 25.4
FRAME = 14 * MM  # the inner border, 14 mm from each edge of the page
MARGIN = 3 * MM  # the white space every line keeps inside it
ROOT = Path(__file__).resolve().parents[2]

LONG_TITLE = (
    "Ennakoinnin perusteet yrittäjille: heikot signaalit, megatrendit, skenaariotyöskentely, "
    "toimintaympäristön muutosten tunnistaminen ja strateginen suunnittelu pienissä ja "
    "keskisuurissa yrityksissä Kymenlaaksossa, muualla Suomessa ja koko Euroopassa 2026"
)[:255]
SPACELESS_TITLE = ("https://kurssi.example.fi/kurssit/ennakoinnin-perusteet/" + "moduuli" * 40)[
    :255
]
SPACELESS_NAME = ("Wolfeschlegelsteinhausenbergerdorff" * 6)[:200]
ARABIC_TITLE = (
    "أساسيات استشراف المستقبل لرواد الأعمال: الإشارات الضعيفة والاتجاهات الكبرى وبناء "
    "السيناريوهات والتخطيط الاستراتيجي في الشركات الصغيرة والمتوسطة في منطقة كيمنلاكسو "
    "وفي فنلندا وفي أوروبا كلها من أجل مستقبل أفضل للجميع"
)[:255]
CJK_TITLE = ("未来洞察の基礎：弱いシグナル、メガトレンド、シナリオ作成と戦略計画" * 8)[:255]

SCRIPTS = [
    pytest.param("Äijä-Öörni Åkerström-Kyllönen", "Yrittäjän ennakointi", id="finnish"),
    pytest.param("Nguyễn Thị Ánh Tuyết Phượng", "Quản lý rủi ro và dự báo", id="vietnamese"),
    pytest.param("Ελένη Παπαδοπούλου", "Βασικές αρχές πρόβλεψης", id="greek"),
    pytest.param("Анна Петрова-Щербакова", "Основы форсайта", id="cyrillic"),
    pytest.param("محمد عبد الله الهاشمي", "أساسيات استشراف المستقبل", id="arabic"),
    pytest.param("عائشہ خان", "مستقبل کی منصوبہ بندی", id="urdu"),
    pytest.param("דוד כהן לוי", "יסודות החשיבה העתידית", id="hebrew"),
    pytest.param("Ahmed أحمد 2026", "Foresight أساسيات 101", id="mixed-arabic-latin-digits"),
    pytest.param("王小明", "创业者的未来洞察基础", id="chinese"),
    pytest.param("山田 たろう", "起業家のための未来洞察", id="japanese"),
    pytest.param("김민준", "기업가를 위한 미래 예측의 기초", id="korean"),
    pytest.param("श्रीमती प्रियंका क्षत्रिय", "उद्यमियों के लिए दूरदर्शिता", id="devanagari"),
    pytest.param("สมชาย ใจดี", "พื้นฐานการมองอนาคต", id="thai"),
    pytest.param(SPACELESS_NAME, "Ennakoinnin perusteet", id="200-characters-no-spaces"),
    pytest.param("Šárka Nguyễn-Øster", LONG_TITLE, id="255-character-title"),
    pytest.param("Šárka Nguyễn-Øster", SPACELESS_TITLE, id="255-character-title-no-spaces"),
    pytest.param("محمد", ARABIC_TITLE, id="255-character-arabic-title"),
    pytest.param("王小明", CJK_TITLE, id="255-character-japanese-title"),
    pytest.param(SPACELESS_NAME, SPACELESS_TITLE, id="longest-name-and-title-no-spaces"),
    pytest.param("Ö", "A", id="one-letter"),
]


def png(colour: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def full_certificate(name: str, title: str) -> bytes:
    """Every part of the page in use: a logo, a signature and a signatory."""
    return render_certificate(
        certificate_data(
            name=name,
            course_title=title,
            logo=png("navy", (200, 80)),
            signature=png("black", (220, 70)),
        )
    )


def comparable(text: str) -> str:
    """Shaped Arabic comes out as presentation forms, and wrapped lines add breaks."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class PrintedLine:
    baseline: float
    size: float
    left: float
    right: float
    marked: bool = False
    glyph_text: str = ""


@dataclass
class Page:
    """What a PDF reader finds on the certificate's page, read with pdfium."""

    width: float
    height: float
    glyphs: list[tuple[str, tuple[float, float, float, float]]]
    text_boxes: list[tuple[float, tuple[float, float, float, float]]]
    images: list[tuple[float, float, float, float]]
    qr_code: tuple[float, float, float, float]
    lines: list[str]


def actual_texts(data: bytes) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each /ActualText span on the page, with the origins of the text drawn in it."""
    reader = PdfReader(io.BytesIO(data))
    content = ContentStream(reader.pages[0].get_contents(), reader)
    spans: list[tuple[str, list[tuple[float, float]]]] = []
    for operands, operator in content.operations:
        if operator == b"BDC" and "/ActualText" in operands[1]:
            spans.append((str(operands[1]["/ActualText"]), []))
        elif operator == b"EMC":
            spans.append(("", []))
        elif operator == b"Tm" and spans:
            spans[-1][1].append((float(operands[4]), float(operands[5])))
    return [span for span in spans if span[0]]


def address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value


def read(data: bytes) -> Page:
    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        text_boxes, printed, line_of = [], [], {}
        for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
            left, bottom, right, top = text_object.get_bounds()
            baseline = text_object.get_matrix().f
            font_size = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(text_object.raw, font_size)
            size = font_size.value
            # Objects close together on one baseline (marks drawn raised count as on it)
            # are one line of text.
            line = next(
                (
                    line
                    for line in printed
                    if abs(line.baseline - baseline) < 0.5 * max(size, line.size)
                    and left <= line.right + size
                    and right >= line.left - size
                ),
                None,
            )
            if line is None:
                line = PrintedLine(baseline, size, left, right)
                printed.append(line)
            text_boxes.append((line.baseline, (left, bottom, right, top)))
            line.left, line.right = min(line.left, left), max(line.right, right)
            line.marked = line.marked or pdfium_c.FPDFPageObj_CountMarks(text_object.raw) > 0
            line_of[address(text_object.raw)] = line

        # pdfium's text of each line, from its glyphs, in the order pdfium reads them.
        textpage = page.get_textpage()
        glyphs = []
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
                continue
            char = textpage.get_text_range(index, 1)
            text_object = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
            line_of[address(text_object)].glyph_text += char
            if char.strip():
                glyphs.append((char, textpage.get_charbox(index)))

        # A reader that honours /ActualText (Acrobat, screen readers) takes a line's
        # /ActualText where it has one, else the text of its glyphs.
        spans = actual_texts(data)
        lines = []
        for line in sorted(printed, key=lambda line: (-line.baseline, line.left)):
            if not line.marked:
                lines.append(line.glyph_text)
                continue
            # A span left unclaimed whose text starts on this line (a line pdfium's bounds
            # split in two has one span).
            for index, (text, origins) in enumerate(spans):
                if any(
                    abs(y - line.baseline) < 0.5 * line.size
                    and line.left - line.size <= x <= line.right
                    for x, y in origins
                ):
                    lines.append(text)
                    spans[index] = ("", [])
                    break

        images = [
            image.get_bounds() for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        ]
        # The QR code's modules: the paths that are neither the borders nor the signature line.
        modules = [
            path.get_bounds()
            for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
            if path.get_bounds()[2] - path.get_bounds()[0] < 40 * MM
            and path.get_bounds()[3] - path.get_bounds()[1] > 0.5 * MM
        ]
        qr_code = (
            min(box[0] for box in modules),
            min(box[1] for box in modules),
            max(box[2] for box in modules),
            max(box[3] for box in modules),
        )
        return Page(page.get_width(), page.get_height(), glyphs, text_boxes, images, qr_code, lines)
    finally:
        document.close()


def overlap(first, second, tolerance: float = 0.25) -> bool:
    return (
        first[0] < second[2] - tolerance
        and second[0] < first[2] - tolerance
        and first[1] < second[3] - tolerance
        and second[1] < first[3] - tolerance
    )


@pytest.mark.parametrize(("name", "title"), SCRIPTS)
class TestEveryScriptAndLength:
    """The name and the title of one certificate, in one script or at the longest length."""

    def test_every_glyph_lies_inside_the_frame(self, name, title):
        page = read(full_certificate(name, title))

        inner = (FRAME + MARGIN, FRAME + MARGIN)
        outer = (page.width - FRAME - MARGIN, page.height - FRAME - MARGIN)
        outside = [
            (char, [round(v) for v in box])
            for char, box in page.glyphs
            if box[0] < inner[0] or box[1] < inner[1] or box[2] > outer[0] or box[3] > outer[1]
        ]
        assert not outside, f"glyphs past the frame: {outside[:10]}"
        for _, box in page.text_boxes:
            assert inner[0] <= box[0] and box[2] <= outer[0], box
            assert inner[1] <= box[1] and box[3] <= outer[1], box

    def test_no_line_overlaps_another_the_qr_code_or_the_pictures(self, name, title):
        page = read(full_certificate(name, title))

        for index, (baseline, box) in enumerate(page.text_boxes):
            assert not overlap(box, page.qr_code), f"text over the QR code: {box}"
            for image in page.images:
                assert not overlap(box, image), f"text over the logo or signature: {box}"
            for other_baseline, other in page.text_boxes[index + 1 :]:
                if other_baseline != baseline:
                    assert not overlap(box, other), f"lines overlap: {box} and {other}"

    def test_the_name_and_title_read_back_as_typed(self, name, title):
        page = read(full_certificate(name, title))

        printed = comparable("".join(page.lines))
        assert comparable(name) in printed, f"{name!r} not in {page.lines}"
        assert comparable(title) in printed, f"{title!r} not in {page.lines}"


def test_a_right_to_left_line_is_read_back_in_reading_order_from_its_glyphs():
    """A PDF viewer's own text layer (pdfium, as in Chrome) gets a plain Arabic or Hebrew
    name right from the glyphs, without /ActualText."""
    for name in ["محمد عبد الله الهاشمي", "דוד כהן לוי"]:
        document = pypdfium2.PdfDocument(full_certificate(name, "Ennakoinnin perusteet"))
        try:
            text = document[0].get_textpage().get_text_range()
        finally:
            document.close()
        assert name in text


def test_arabic_is_drawn_joined():
    """Shaped Arabic is drawn with the joined forms of its letters (the PDF's fonts map them
    to the presentation forms), not with the isolated letters a renderer without shaping
    draws."""
    reader = PdfReader(io.BytesIO(full_certificate("محمد", "Ennakoinnin perusteet")))
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    mapped = b"".join(
        font.get_object()["/ToUnicode"].get_data()
        for font in fonts
        if "/ToUnicode" in font.get_object()
    )
    # MEEM initial, HAH medial, MEEM medial and DAL final
    for form in [b"<FEE3>", b"<FEA4>", b"<FEE4>", b"<FEAA>"]:
        assert form in mapped


def test_the_same_data_gives_the_same_bytes():
    name, title = "محمد Ahmed श्रीमती 王小明", LONG_TITLE

    assert full_certificate(name, title) == full_certificate(name, title)


def test_the_same_data_gives_the_same_bytes_in_a_fresh_process():
    """The private codes shaped glyphs are written with do not depend on what the process
    drew before."""
    full_certificate("श्रीमती प्रियंका क्षत्रिय عائشہ", "Ennakoinnin perusteet")
    fields = {"name": "محمد श्रीमती", "course_title": "क्षत्रिय عائشہ", "language": "fi"}
    fields |= {"completion_date": "1.1.2026", "course_length": "", "code": "C"}
    fields |= {"verify_url": "https://x/", "heading": "H", "statement": "S", "issuer": "I"}
    script = (
        "import sys\n"
        "from certificates.rendering import CertificateData, render_certificate\n"
        f"sys.stdout.buffer.write(render_certificate(CertificateData(**{fields!r})))\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout

    assert fresh == render_certificate(CertificateData(**fields))
