"""The symbols of every slip survive real printers: decoded by zxing-cpp and by zbar at 300, 200 and
150 dpi, and at 200 dpi degraded like a cheap laser print or a photocopy (three seeds).

``python tools/decode_table.py`` prints the same matrix as a table (the documents issue's note)."""

from __future__ import annotations

import pytest

from tests.unit.printing.pdfcheck import decoded, degraded, page_image
from tests.unit.printing.slip_symbols import CONDITIONS, KNOWN_LIMITS, SLIPS


@pytest.mark.parametrize("slip", list(SLIPS))
@pytest.mark.parametrize(("condition", "dpi", "seed"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_every_symbol_decodes_with_both_decoders(
    slip: str, condition: str, dpi: int, seed: int | None
) -> None:
    render, symbols = SLIPS[slip]
    image = page_image(render(), 0, dpi)
    if seed is not None:
        image = degraded(image, seed)
    found = decoded(image)
    for decoder, texts in found.items():
        for symbol, text in symbols:
            if (condition, decoder, symbol) not in KNOWN_LIMITS:
                assert text in texts, (slip, condition, decoder, symbol)
