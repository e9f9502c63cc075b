"""Text for the site's PDFs (certificates, plans, worksheets) set as lines of glyphs: font
fallback, bidi order, shaping and wrapping.

Pure: strings and the font files in core/fonts/ go in, lines of glyph runs come out, and
`draw_line` puts one on a reportlab canvas.

Each word is set in the first font of its family that has all its letters, else letter by
letter: DejaVu Sans (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic); Noto Sans
Arabic for the Urdu and Kashmiri letters DejaVu lacks; Noto Sans Devanagari; Noto Sans Thai
(the Noto files are the npm @fontsource 5.3.0 WOFF files saved as TrueType, OFL); then
Adobe's Chinese, Japanese and Korean fonts, which PDF readers supply, so that no CJK font of
many megabytes has to be embedded. Lines are ordered by the Unicode bidi algorithm and
shaped with HarfBuzz. A line whose glyphs do not spell its text (mixed directions,
conjuncts, fonts the PDF does not embed) carries the text in reading order as /ActualText,
so that copying and searching give the text as typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import uharfbuzz
from bidi import algorithm as bidi
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "CertificateSans", "CertificateSans-Bold"
ELLIPSIS = "…"

_TRUETYPE = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    "CertificateArabic": "NotoSansArabic-Regular.ttf",
    "CertificateArabic-Bold": "NotoSansArabic-Bold.ttf",
    "CertificateDevanagari": "NotoSansDevanagari-Regular.ttf",
    "CertificateDevanagari-Bold": "NotoSansDevanagari-Bold.ttf",
    "CertificateThai": "NotoSansThai-Regular.ttf",
    "CertificateThai-Bold": "NotoSansThai-Bold.ttf",
}
_FALLBACKS = {
    REGULAR: (REGULAR, "CertificateArabic", "CertificateDevanagari", "CertificateThai"),
    BOLD: (BOLD, "CertificateArabic-Bold", "CertificateDevanagari-Bold", "CertificateThai-Bold"),
}

_HAN = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_FULLWIDTH = ((0xFF00, 0xFFEF),)
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))
_CHINESE, _JAPANESE, _KOREAN = "STSong-Light", "HeiseiKakuGo-W5", "HYGothic-Medium"
_CID_RANGES = {
    _CHINESE: _HAN + _FULLWIDTH + ((0x3100, 0x312F),),
    _JAPANESE: _HAN + _FULLWIDTH + _KANA,
    _KOREAN: _HAN + _FULLWIDTH + _HANGUL,
}

_SCRIPTS = frozenset(
    "LATIN GREEK CYRILLIC ARMENIAN GEORGIAN HEBREW ARABIC DEVANAGARI THAI CJK HIRAGANA "
    "KATAKANA HANGUL".split()
)
# Scripts whose letters change form, join or reorder: these go through HarfBuzz.
_COMPLEX = frozenset({"HEBREW", "ARABIC", "DEVANAGARI", "THAI"})
_JOINERS = frozenset("\u200c\u200d")
_SOFT_BREAKS = frozenset("-/_.?&=:")
_VIRAMA = 9  # canonical combining class


@dataclass(frozen=True)
class Run:
    """Glyphs of one font in one direction, in visual order, for `text` in reading order.
    `advance` is in 1/1000 em."""

    text: str
    font: str
    glyphs: str
    advance: float
    rtl: bool


@dataclass(frozen=True)
class Line:
    """One line: its text in reading order and its runs from left to right."""

    text: str
    runs: tuple[Run, ...]

    @property
    def advance(self) -> float:
        return sum(run.advance for run in self.runs)

    def width(self, size: float) -> float:
        return self.advance * size / 1000


@dataclass(frozen=True)
class Block:
    """Lines of one piece of text, all at one size."""

    lines: tuple[Line, ...]
    size: float

    @property
    def leading(self) -> float:
        return self.size * 1.25

    @property
    def ascent(self) -> float:
        """Room above the first baseline: accents stacked on capitals, Arabic marks."""
        return self.size * 0.95 if self.lines else 0

    @property
    def descent(self) -> float:
        return self.size * 0.3 if self.lines else 0

    @property
    def height(self) -> float:
        if not self.lines:
            return 0
        return self.ascent + self.leading * (len(self.lines) - 1) + self.descent

    @property
    def width(self) -> float:
        return max((line.width(self.size) for line in self.lines), default=0)


# Fonts


@cache
def register_fonts() -> None:
    for name, file in _TRUETYPE.items():
        _register_truetype(name, FONT_DIR / file)
    for name in _CID_RANGES:
        pdfmetrics.registerFont(UnicodeCIDFont(name))


_coverage: dict[str, frozenset[int]] = {}
_glyph_codes: dict[str, dict[int, int]] = {}
_harfbuzz: dict[str, uharfbuzz.Font] = {}


def _register_truetype(name: str, path: Path) -> None:
    """Registers the font, and gives each glyph no character maps to a private-use code.

    reportlab writes glyphs into the PDF by character code, and a shaped Arabic or
    Devanagari line uses glyphs (ligatures, conjuncts, joined forms) no character maps to.
    The codes are handed out in glyph order when the font is loaded, so the same text gives
    the same bytes in any process, whatever it drew before.
    """
    font = TTFont(name, str(path))
    face = font.face
    hb_font = uharfbuzz.Font(uharfbuzz.Face(path.read_bytes()))
    _coverage[name] = frozenset(face.charToGlyph)
    codes = {glyph: min(chars) for glyph, chars in face.glyphToChar.items()}
    private = (code for code in range(0xE000, 0xF900) if code not in face.charToGlyph)
    scale = 1000 / hb_font.face.upem
    for glyph in range(hb_font.face.glyph_count):
        if glyph in codes:
            continue
        code = next(private)
        codes[glyph] = code
        face.charToGlyph[code] = glyph
        face.glyphToChar.setdefault(glyph, []).append(code)
        face.charWidths[code] = hb_font.get_glyph_h_advance(glyph) * scale
    _glyph_codes[name] = codes
    _harfbuzz[name] = hb_font
    pdfmetrics.registerFont(font)


def _covers(font: str, char: str) -> bool:
    code = ord(char)
    if font in _coverage:
        return code in _coverage[font]
    return any(low <= code <= high for low, high in _CID_RANGES[font])


def _family(text: str, style: str) -> tuple[str, ...]:
    """The fonts to try for a line: kana makes Han Japanese, Hangul makes it Korean."""
    codes = [ord(char) for char in text]
    if any(low <= code <= high for code in codes for low, high in _KANA):
        cjk = (_JAPANESE, _CHINESE, _KOREAN)
    elif any(low <= code <= high for code in codes for low, high in _HANGUL):
        cjk = (_KOREAN, _CHINESE, _JAPANESE)
    else:
        cjk = (_CHINESE, _JAPANESE, _KOREAN)
    return _FALLBACKS[style] + cjk


# Characters


def _script(char: str) -> str | None:
    """The script a letter belongs to, or None for digits, punctuation, spaces and marks."""
    name = unicodedata.name(char, "").split(" ", 1)[0]
    return name if name in _SCRIPTS else None


def _follows(char: str) -> bool:
    """True for characters drawn with the letter before them: marks, joiners, selectors."""
    return (
        unicodedata.category(char).startswith("M")
        or char in _JOINERS
        or 0xFE00 <= ord(char) <= 0xFE0F
    )


def _closing(cluster: str) -> bool:
    """Punctuation that ends what comes before it: no line starts with it."""
    return unicodedata.category(cluster[0]) in ("Pe", "Pf", "Po")


def _graphemes(text: str) -> list[str]:
    """Letters with their marks, and Devanagari consonants joined by a virama, kept whole."""
    clusters: list[str] = []
    for char in text:
        if clusters and (
            _follows(char)
            or clusters[-1][-1] in _JOINERS
            or unicodedata.combining(clusters[-1][-1]) == _VIRAMA
        ):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _levels(text: str) -> list[int]:
    """Each character's embedding level by the Unicode bidi algorithm (rules P2 to I2)."""
    storage = bidi.get_empty_storage()
    base = bidi.get_base_level(text)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    bidi.get_embedding_levels(text, storage)
    chars = list(storage["chars"])
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    kept = {id(char) for char in storage["chars"]}
    levels: list[int] = []
    for char in chars:
        # Characters rule X9 sets aside (joiners, embedding codes) stay with the one before.
        levels.append(char["level"] if id(char) in kept or not levels else levels[-1])
    return levels


def _fonts(text: str, family: tuple[str, ...]) -> list[str]:
    """A font for each character: a word in one font where one font has all its letters."""
    choice: list[str | None] = [
        None
        if char.isspace() or _follows(char)
        else next((font for font in family if _covers(font, char)), family[0])
        for char in text
    ]
    start = 0
    for end in [*(i for i, char in enumerate(text) if char.isspace()), len(text)]:
        word = text[start:end]
        if len({font for font in choice[start:end] if font}) > 1:
            whole = next((f for f in family if all(_covers(f, c) for c in word)), None)
            if whole:
                choice[start:end] = [whole] * len(word)
        start = end + 1
    fonts: list[str] = []
    for index, char in enumerate(text):
        font = choice[index]
        if font is None and fonts and not char.isspace() and not _covers(fonts[-1], char):
            font = next((f for f in family if _covers(f, char)), None)
        if font is None:
            font = fonts[-1] if fonts else next((f for f in choice if f), family[0])
        fonts.append(font)
    return fonts


# Lines


def _shape(text: str, font: str, rtl: bool) -> Run:
    """HarfBuzz's glyphs for one run, as the shaped string reportlab's text object draws."""
    hb_font = _harfbuzz[font]
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(hb_font, buffer)
    scale = 1000 / hb_font.face.upem
    codes = _glyph_codes[font]
    widths = pdfmetrics.getFont(font).face.charWidths
    chars, data = [], []
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        code = codes[info.codepoint]
        chars.append(chr(code))
        data.append(
            ShapeData(
                info.cluster,
                position.x_advance * scale,
                position.y_advance * scale,
                position.x_offset * scale,
                position.y_offset * scale,
                widths.get(code, 0),
            )
        )
    glyphs = ShapedStr("".join(chars), shapeData=data)
    return Run(text, font, glyphs, sum(d.x_advance for d in data), rtl)


def _run(text: str, font: str, level: int) -> Run:
    rtl = level % 2 == 1
    if font in _harfbuzz and (
        rtl or any(_follows(char) or _script(char) in _COMPLEX for char in text)
    ):
        return _shape(text, font, rtl)
    # Bidi marks and other format characters are invisible; HarfBuzz hides them itself.
    glyphs = "".join(char for char in text if unicodedata.category(char) != "Cf")
    glyphs = glyphs[::-1] if rtl else glyphs
    return Run(text, font, glyphs, pdfmetrics.stringWidth(glyphs, font, 1000), rtl)


@lru_cache(maxsize=4096)
def set_line(text: str, style: str = REGULAR) -> Line:
    """`text` as one line in the `style` family (REGULAR or BOLD), ready to draw."""
    if not text:
        return Line(text, ())
    levels = _levels(text)
    fonts = _fonts(text, _family(text, style))
    scripts: list[str | None] = []
    for char in text:
        scripts.append(_script(char) or (scripts[-1] if scripts else None))
    # Runs in reading order: a new one where the font, the direction or the script changes.
    pieces: list[tuple[int, Run]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or (fonts[index], levels[index], scripts[index]) != (
            fonts[start],
            levels[start],
            scripts[start],
        ):
            pieces.append((levels[start], _run(text[start:index], fonts[start], levels[start])))
            start = index
    # Rule L2: from the highest level down to the lowest odd one, reverse every stretch of
    # runs at that level or higher.
    order = list(range(len(pieces)))
    highest = max(level for level, _ in pieces)
    lowest_odd = min(level for level, _ in pieces) | 1
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if pieces[order[index]][0] >= level:
                end = index
                while end < len(order) and pieces[order[end]][0] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return Line(text, tuple(pieces[i][1] for i in order))


# Wrapping


def _word_pieces(word: str, style: str, limit: float) -> list[str]:
    """A word too long for a line, cut between letters: after a hyphen or a slash if one
    falls in the last two thirds of a piece, and never so that a comma, a full stop or a
    closing bracket starts a line."""
    pieces: list[str] = []
    current: list[str] = []
    widths: list[float] = []
    soft = 0  # clusters of `current` up to its last hyphen or slash
    for cluster in _graphemes(word):
        width = set_line(cluster, style).advance
        if current and sum(widths) + width > limit:
            cut = soft if soft > len(current) / 3 else len(current)
            if cut > 1 and _closing((current + [cluster])[cut]):
                cut -= 1
            pieces.append("".join(current[:cut]))
            current, widths, soft = current[cut:], widths[cut:], 0
        current.append(cluster)
        widths.append(width)
        if cluster[-1] in _SOFT_BREAKS:
            soft = len(current)
    if current:
        pieces.append("".join(current))
    return pieces


def _break(text: str, style: str, limit: float) -> list[str]:
    """Greedy lines of at most `limit` (1/1000 em): between words, inside a word only when
    it is longer than a line by itself."""
    space = set_line("x x", style).advance - set_line("xx", style).advance
    lines: list[str] = []
    current, advance = "", 0.0
    for word in text.split():
        width = set_line(word, style).advance
        if current and advance + space + width <= limit:
            current, advance = f"{current} {word}", advance + space + width
            continue
        if current:
            lines.append(current)
        current, advance = word, width
        if width > limit:
            *full, current = _word_pieces(word, style, limit)
            lines.extend(full)
            advance = set_line(current, style).advance
    if current:
        lines.append(current)
    return lines


def _lines(text: str, style: str, limit: float) -> list[Line]:
    """Lines measured as a whole: where kerning makes one longer than its words added up,
    break again a little narrower."""
    for attempt in range(6):
        lines = [set_line(line, style) for line in _break(text, style, limit * 0.97**attempt)]
        if all(line.advance <= limit for line in lines):
            break
    return lines


def _ellipsized(text: str, style: str, limit: float) -> Line:
    clusters = _graphemes(text)
    while clusters:
        line = set_line("".join(clusters).rstrip() + ELLIPSIS, style)
        if line.advance <= limit:
            return line
        clusters.pop()
    return set_line(ELLIPSIS, style)


def fit(
    text: str,
    style: str,
    width: float,
    size: float,
    *,
    floor: float | None = None,
    smallest: float | None = None,
    max_lines: int = 1,
) -> Block:
    """`text` in at most `max_lines` lines no wider than `width` points.

    On one line from `size` down to `floor`; then wrapped, from `floor` down to `smallest`;
    at `smallest` and still too long, the last line ends in an ellipsis.
    """
    text = " ".join(text.replace("\t", " ").splitlines()).strip()
    if not text:
        return Block((), size)
    floor = size if floor is None else floor
    smallest = floor if smallest is None else smallest
    one_line = set_line(text, style)
    current = size
    while current > floor:
        if one_line.width(current) <= width:
            return Block((one_line,), current)
        current -= 1
    current = floor
    while current >= smallest:
        lines = _lines(text, style, width * 1000 / current)
        if len(lines) <= max_lines:
            return Block(tuple(lines), current)
        current -= 1 if current > 12 else 0.5
    limit = width * 1000 / smallest
    lines = _lines(text, style, limit)[:max_lines]
    lines[-1] = _ellipsized(lines[-1].text, style, limit)
    return Block(tuple(lines), smallest)


# Drawing


def _pdf_text(text: str) -> str:
    """A PDF text string in UTF-16 with its byte order mark, written in hex."""
    return "<" + ("\ufeff" + text).encode("utf-16-be").hex().upper() + ">"


def _spelled_by_glyphs(line: Line) -> bool:
    """True when a PDF reader gets the text back from the glyphs alone: the whole line runs
    one way, each glyph stands for its own characters, in order (no conjunct, no vowel drawn
    before its consonant, no glyph without a character), and every glyph is in an embedded
    font (a reader without the CJK fonts drops characters it cannot draw).

    Readers put the glyphs of a right-to-left line back into reading order themselves, but
    they cannot undo the bidi algorithm on a line that mixes directions, and they apply the
    same guess to /ActualText too (pdfium reverses a right-to-left /ActualText). So a line
    carries /ActualText exactly when its glyphs are not enough.
    """
    if len({run.rtl for run in line.runs}) > 1:
        return False
    for run in line.runs:
        coverage = _coverage.get(run.font)
        if coverage is None or any(ord(glyph) not in coverage for glyph in run.glyphs):
            return False
        glyphs = reversed(run.glyphs) if run.rtl else run.glyphs
        spelled = "".join(unicodedata.normalize("NFKC", glyph) for glyph in glyphs)
        if spelled != unicodedata.normalize("NFKC", run.text):
            return False
    return True


def draw_line(pdf: Canvas, line: Line, size: float, x: float, y: float, align: str) -> None:
    """Draws `line` with its baseline at `y`, starting, centred or ending at `x`
    (`align` "left", "centre" or "right")."""
    width = line.width(size)
    left = {"left": x, "centre": x - width / 2, "right": x - width}[align]
    actual = not _spelled_by_glyphs(line)
    if actual:
        pdf.addLiteral(f"/Span <</ActualText {_pdf_text(line.text)}>> BDC")
    text = pdf.beginText()
    for run in line.runs:
        text.setFont(run.font, size)
        text.setTextOrigin(left, y)
        text.textOut(run.glyphs)
        left += run.advance * size / 1000
    pdf.drawText(text)
    if actual:
        pdf.addLiteral("EMC")


def draw_block(pdf: Canvas, block: Block, x: float, y: float, align: str) -> None:
    """Draws the block's lines downwards from the first baseline at `y`."""
    for index, line in enumerate(block.lines):
        draw_line(pdf, line, block.size, x, y - index * block.leading, align)


def draw_text(
    pdf: Canvas,
    text: str,
    x: float,
    top: float,
    width: float,
    size: float,
    *,
    style: str = REGULAR,
    lines: int = 1,
    smallest: float | None = None,
    align: str = "left",
    colour=None,
) -> float:
    """`text` fitted into `width` (`fit`, at most `lines` lines) and drawn from `top` down;
    returns the height it took (0 for no text)."""
    block = fit(text, style, width, size, floor=size, smallest=smallest, max_lines=lines)
    if not block.lines:
        return 0
    if colour is not None:
        pdf.setFillColor(colour)
    draw_block(pdf, block, x, top - block.ascent, align)
    return block.height
