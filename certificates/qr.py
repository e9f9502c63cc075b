"""The certificate's QR code: reportlab's symbol, module for module, made faster.

reportlab's encoder lays the whole symbol out and scores it for each of the eight masks, one
Python call a module, builds the error correction polynomial anew for every block, and its
widget then makes a shape object for every run of dark modules. Here the symbol is laid out
once, the eight candidates are rows of bits scored with reportlab's own rules (so the same
mask wins), the error correction uses a cached generator, and the symbol is drawn straight
onto the canvas. tests/certificates/test_qr.py holds it to reportlab's output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import chain, cycle, product, zip_longest
from typing import TYPE_CHECKING

from reportlab.graphics.barcode.qrencoder import (
    EXP_TABLE,
    LOG_TABLE,
    QRBitBuffer,
    QRCode,
    QRErrorCorrectLevel,
    QRRSBlock,
    QRUtil,
)
from reportlab.lib.colors import black

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

BORDER = 4  # the quiet zone, in modules, as reportlab's QrCodeWidget leaves it
_RUNS = re.compile(r"0{5,}|1{5,}")
_DARK = re.compile(r"1+")
_FINDER_LIKE = "10111010000"


def _bits(row: list[bool]) -> int:
    return int("".join("1" if dark else "0" for dark in row), 2)


@dataclass(frozen=True)
class _Layout:
    """What every symbol of a version shares. Rows are ints: column j of a row is bit
    `size - 1 - j`, so a row written in binary reads from left to right."""

    size: int
    patterns: tuple[int, ...]  # the finder, timing and alignment patterns; format info blank
    places: tuple[tuple[int, int], ...]  # (row, bit) of each data module, in filling order
    masks: tuple[tuple[int, ...], ...]  # for each mask, the data modules it flips


@cache
def _layout(version: int) -> _Layout:
    size = version * 4 + 17
    blank = QRCode(version, QRErrorCorrectLevel.M)
    blank.dataCache = []  # no data: makeImpl draws the patterns, and mask 0 over the rest
    blank.makeImpl(True, 0)
    positions = blank.dataPosIterator()
    masks = []
    for pattern in range(8):
        flips = [0] * size
        mask = QRUtil.getMask(pattern)
        for col, row in positions:
            if mask(row, col):
                flips[row] |= 1 << (size - 1 - col)
        masks.append(tuple(flips))
    return _Layout(
        size=size,
        patterns=tuple(
            _bits(row) ^ flip for row, flip in zip(blank.modules, masks[0], strict=True)
        ),
        places=tuple((row, size - 1 - col) for col, row in positions),
        masks=tuple(masks),
    )


def _penalty(rows: list[int], size: int) -> int:
    """reportlab's score of a symbol (QRUtil.getLostPoint), from rows of bits.

    Its rules: a run of five or more modules of one colour in a row or a column costs its
    length less two; each 2×2 block of one colour costs 3; a finder-like 1011101 0000 in a
    row (reportlab compares its columns as tuples against a list, so never in a column, and
    never ending in the last module) costs 40; and the share of dark modules away from half.
    """
    lines = [format(row, f"0{size}b") for row in rows]
    columns = ["".join(column) for column in zip(*lines, strict=True)]
    runs = _RUNS.findall(" ".join(lines + columns))
    score = sum(map(len, runs)) - 2 * len(runs)
    pairs = (1 << (size - 1)) - 1
    full = (1 << size) - 1
    for upper, lower in zip(rows, rows[1:], strict=False):
        same = ~(upper ^ lower) & full
        score += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & pairs).bit_count()
    score += 40 * sum(line[:-1].count(_FINDER_LIKE) for line in lines)
    dark = sum(row.bit_count() for row in rows)
    return score + 10 * (abs(100 * dark // (size * size) - 50) // 5)


@cache
def _generator(count: int) -> tuple[int, ...]:
    """The Reed-Solomon generator of `count` error correction codewords: the logarithms of
    its coefficients after the leading 1."""
    poly = [1]
    for power in range(count):  # times (x - α^power)
        times = [*poly, 0]
        for index, coefficient in enumerate(poly):
            if coefficient:
                times[index + 1] ^= EXP_TABLE[(LOG_TABLE[coefficient] + power) % 255]
        poly = times
    return tuple(LOG_TABLE[coefficient] for coefficient in poly[1:])


def _error_correction(data: list[int], count: int) -> list[int]:
    remainder = [*data] + [0] * count
    for index in range(len(data)):
        coefficient = remainder[index]
        if coefficient:
            log = LOG_TABLE[coefficient]
            for offset, term in enumerate(_generator(count), index + 1):
                remainder[offset] ^= EXP_TABLE[(log + term) % 255]
    return remainder[len(data) :]


def _codewords(version: int, level: int, segments: list) -> list[int]:
    """reportlab's QRCode.createData: the data, padded, in blocks, with their error
    correction, interleaved."""
    blocks = QRRSBlock.getRSBlocks(version, level)
    capacity = 8 * sum(block.dataCount for block in blocks)
    buffer = QRBitBuffer()
    for segment in segments:
        segment.write(buffer, version)
    if buffer.getLengthInBits() > capacity:
        raise ValueError(f"code length overflow. ({buffer.getLengthInBits()} > {capacity})")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    for pad in cycle((QRCode.PAD0, QRCode.PAD1)):
        if buffer.getLengthInBits() >= capacity:
            break
        buffer.put(pad, 8)
    data, corrections, offset = [], [], 0
    for block in blocks:
        chunk = buffer.buffer[offset : offset + block.dataCount]
        offset += block.dataCount
        data.append(chunk)
        corrections.append(_error_correction(chunk, block.totalCount - block.dataCount))
    return [
        codeword
        for column in chain(zip_longest(*data), zip_longest(*corrections))
        for codeword in column
        if codeword is not None
    ]


class _QRCode(QRCode):
    def make(self) -> None:
        if self.version is None:
            self.version = self.calculate_version()
        layout = _layout(self.version)
        rows = list(layout.patterns)
        codewords = _codewords(self.version, self.errorCorrectLevel, self.dataList)
        for (row, bit), (byte, shift) in zip(
            layout.places, product(codewords, range(7, -1, -1)), strict=False
        ):
            if byte >> shift & 1:
                rows[row] |= 1 << bit
        # Scored with the format information blank, as reportlab scores them.
        candidates = [
            [row ^ flip for row, flip in zip(rows, mask, strict=True)] for mask in layout.masks
        ]
        scores = [_penalty(candidate, layout.size) for candidate in candidates]
        best = scores.index(min(scores))
        self.moduleCount = layout.size
        self.modules = [
            [bool(row >> (layout.size - 1 - col) & 1) for col in range(layout.size)]
            for row in candidates[best]
        ]
        self.setupTypeInfo(False, best)
        if self.version >= 7:
            self.setupTypeNumber(False)


def qr_modules(text: str, level: str = "M") -> list[str]:
    """The symbol's rows, top to bottom, "1" for a dark module (no quiet zone)."""
    code = _QRCode(None, getattr(QRErrorCorrectLevel, level))
    code.addData(text)
    code.make()
    return ["".join("1" if dark else "0" for dark in row) for row in code.modules]


def draw_qr(pdf: Canvas, text: str, x: float, y: float, side: float) -> None:
    """A QR code of `text`, quiet zone included, in the square of `side` points whose lower
    left corner is at (x, y)."""
    rows = qr_modules(text)
    module = side / (len(rows) + 2 * BORDER)
    runs = [
        f"{match.start()} {index} {match.end() - match.start()} 1 re f"
        for index, row in enumerate(rows)
        for match in _DARK.finditer(row)
    ]
    pdf.saveState()
    pdf.setFillColor(black)
    # One unit a module, rows counted downwards from the symbol's top left corner. Each run
    # of dark modules is filled alone, as reportlab's widget does: readers draw a lone
    # rectangle with crisp edges, where one path of all of them would be anti-aliased.
    pdf.transform(module, 0, 0, -module, x + BORDER * module, y + side - BORDER * module)
    pdf.addLiteral("\n".join(runs))
    pdf.restoreState()
