"""The code and the QR of every slip survive real printers: decoded by zxing-cpp and by zbar at 300, 200
and 150 dpi, and at 200 dpi degraded like a cheap laser print or a photocopy (three seeds)."""

from __future__ import annotations

import pytest

from desk_app.printing.forms import control_sheet, receipt
from tests.unit.printing.pdfcheck import decoded, degraded, page_image
from tests.unit.printing.test_forms import CODE, DOSSIER, QR

SLIPS = {
    "receipt": lambda: receipt.render(DOSSIER),
    "receipt-A4": lambda: receipt.render(DOSSIER, paper="A4"),
    "control-sheet": lambda: control_sheet.render(control_sheet.ControlSheetData(DOSSIER, ())),
}
# At 150 dpi a 0.38 mm module is 2.2 pixels: zbar's 1D scanner loses the Code128 (zxing reads it, and
# so do the 1D imagers the counters use). 0.42 mm would not fit the code on an A5 line.
KNOWN_LIMITS = {("150 dpi", "zbar", "Code128")}
CONDITIONS = [("300 dpi", 300, None), ("200 dpi", 200, None), ("150 dpi", 150, None)] + [
    (f"200 dpi degraded #{seed}", 200, seed) for seed in range(3)
]


@pytest.mark.parametrize("slip", list(SLIPS))
@pytest.mark.parametrize(("condition", "dpi", "seed"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_both_symbols_decode_with_both_decoders(
    slip: str, condition: str, dpi: int, seed: int | None
) -> None:
    image = page_image(SLIPS[slip](), 0, dpi)
    if seed is not None:
        image = degraded(image, seed)
    found = decoded(image)
    for decoder, texts in found.items():
        for symbol, text in (("Code128", CODE), ("QR", QR)):
            if (condition, decoder, symbol) not in KNOWN_LIMITS:
                assert text in texts, (slip, condition, decoder, symbol)
