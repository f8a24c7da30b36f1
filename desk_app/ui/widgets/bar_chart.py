"""A plain bar chart drawn with QPainter (no chart library for five bars)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 28


class BarChart(QWidget):
    """``set_bars([(label, value, colour)])``; values are drawn on the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int, str]] = []
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[tuple[str, int, str]]) -> None:
        """Replace the bars and repaint."""
        self.bars = bars
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Bars scaled to the largest value, labels under them."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.bars:
            painter.end()
            return
        top = max(1, *(value for _l, value, _c in self.bars))
        width = (self.width() - 2 * MARGIN) / len(self.bars)
        height = self.height() - 2 * MARGIN - 16
        for i, (label, value, colour) in enumerate(self.bars):
            bar_h = height * value / top
            x = MARGIN + i * width + width * 0.15
            rect = QRectF(x, MARGIN + height - bar_h, width * 0.7, bar_h)
            painter.fillRect(rect, QColor(colour))
            painter.setPen(QColor("black"))
            painter.drawText(
                QRectF(x, MARGIN + height - bar_h - 18, width * 0.7, 16),
                Qt.AlignmentFlag.AlignCenter,
                str(value),
            )
            painter.drawText(
                QRectF(MARGIN + i * width, MARGIN + height + 4, width, 32),
                Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                label,
            )
        painter.end()
