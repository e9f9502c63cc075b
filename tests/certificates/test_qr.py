"""The certificate's QR code is reportlab's own symbol, module for module: the faster choice
of mask (certificates.qr) must pick the mask reportlab picks, for any payload."""

import pytest
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from certificates.qr import qr_modules

PAYLOADS = [
    "https://kurssi.example.fi/verify/7K3M-9QXV-A2BC-DEFG/",
    "http://testserver/verify/ABCD-EFGH-JKMN-PQRS/",
    "https://ennakointi.kymenlaakso.example/sv/verify/Z9Z9-Z9Z9-Z9Z9-Z9Z9/",
    "7K3M-9QXV-A2BC-DEFG",
    "0123456789" * 3,
    "x",
    # Long enough for version 7 and up, whose symbols carry the version information.
    "https://kurssi.example.fi/verify/" + "ABCD-EFGH-JKMN-PQRS/" * 8,
]


def reportlab_modules(text: str, level: str) -> list[str]:
    code = QRCode(None, getattr(QRErrorCorrectLevel, level))
    code.addData(text)
    code.make()
    return ["".join("1" if dark else "0" for dark in row) for row in code.modules]


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
@pytest.mark.parametrize("text", PAYLOADS)
def test_the_symbol_is_reportlabs_module_for_module(text, level):
    assert qr_modules(text, level) == reportlab_modules(text, level)
