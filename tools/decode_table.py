"""Print the decode table of every slip's symbols: each symbol × 300/200/150 dpi and 200 dpi degraded,
read by zxing-cpp and by zbar (what tests/unit/printing/test_barcode_survival.py asserts)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.unit.printing.pdfcheck import decoded, degraded, page_image
from tests.unit.printing.slip_symbols import CONDITIONS, SLIPS


def main() -> int:
    print("| slip | symbol | " + " | ".join(c[0] for c in CONDITIONS) + " |")
    print("|---|---|" + "---|" * len(CONDITIONS))
    for slip, (render, symbols) in SLIPS.items():
        pdf = render()
        reads = []
        for _condition, dpi, seed in CONDITIONS:
            image = page_image(pdf, 0, dpi)
            reads.append(decoded(degraded(image, seed) if seed is not None else image))
        for symbol, text in symbols:
            cells = [
                "/".join(f"{d} {'✓' if text in found[d] else '✗'}" for d in ("zxing", "zbar"))
                for found in reads
            ]
            print(f"| {slip} | {symbol} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
