"""Code128 drawn as vector bars and QR codes drawn as one path (stack-notes.md, Barcodes).

Bars are merged runs of python-barcode's module pattern, so a printer draws exact rectangles;
a raster image of a barcode is the weakest choice for the next desk's scanner.
"""

from __future__ import annotations

from functools import lru_cache

import barcode
import segno
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

# Module sizes from a sweep (render at 300/200/150 dpi, the 200 dpi render degraded with speckle then
# blur, decode with zxing-cpp and zbar): below 0.33 mm a degraded Code128 fails zbar, below 0.38 mm an
# occasional seed fails; QR decodes at 0.4 mm, 0.5 mm keeps a margin for worn toner.
MODULE_MM = 0.38
QUIET_MODULES = 10
QR_MODULE_MM = 0.5


def code128_modules(text: str) -> str:
    """The module pattern ('1' bar, '0' space) of ``text`` in Code128."""
    return str(barcode.get("code128", text).build()[0])


def bar_runs(modules: str) -> list[tuple[int, int]]:
    """(start, width) of each bar, in modules."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, bit in enumerate(f"{modules}0"):
        if bit == "1" and start is None:
            start = i
        elif bit == "0" and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


class Code128Flowable(Flowable):  # type: ignore[misc]
    """A Code128 symbol with its quiet zones, drawn as rectangles."""

    def __init__(self, text: str, *, module_mm: float = MODULE_MM, height_mm: float = 10.0) -> None:
        super().__init__()
        self.text = text
        self.modules = code128_modules(text)
        self.module = module_mm * mm
        self.bar_height = height_mm * mm
        self.width = (len(self.modules) + 2 * QUIET_MODULES) * self.module
        self.height = self.bar_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The symbol's fixed size (it is never scaled)."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the bars."""
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        for start, width in bar_runs(self.modules):
            canvas.rect(
                (QUIET_MODULES + start) * self.module,
                0,
                width * self.module,
                self.bar_height,
                stroke=0,
                fill=1,
            )


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix of ``text`` (level M); cached, as both copies of a slip carry the same one."""
    return tuple(tuple(bool(m) for m in row) for row in segno.make(text, error="m", micro=False).matrix)


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code (level M) drawn as one path, with a 4-module quiet zone."""

    def __init__(self, text: str, *, module_mm: float = QR_MODULE_MM) -> None:
        super().__init__()
        self.text = text
        self.matrix = qr_matrix(text)
        self.module = module_mm * mm
        self.size = (len(self.matrix) + 8) * self.module
        self.width = self.height = self.size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The symbol's fixed size."""
        return self.size, self.size

    def draw(self) -> None:
        """Draw the dark modules as one path."""
        canvas = self.canv
        path = canvas.beginPath()
        n = len(self.matrix)
        for row, line in enumerate(self.matrix):
            # One rectangle per run of dark modules: fewer path operators, same picture.
            for start, width in bar_runs("".join("1" if dark else "0" for dark in line)):
                y = (n - 1 - row + 4) * self.module
                path.rect((start + 4) * self.module, y, width * self.module, self.module)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)
