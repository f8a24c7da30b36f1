"""What a scan sounds and looks like: a beep and a coloured flash of the status bar for each scan.

The officer looks at the citizen, not the screen, while scanning: one beep means taken, two beeps
mean look (a duplicate, or a code the desk does not know). Switchable (``scan.feedback``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from desk_app.i18n import N_, _
from desk_app.services.settings import SCAN_FEEDBACK

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from desk_app.services.settings import SettingsService


class ScanVerdict(StrEnum):
    """How a scan went, as the officer needs to hear it."""

    TAKEN = "taken"
    DUPLICATE = "duplicate"
    UNKNOWN = "unknown"


_LOOK = {
    ScanVerdict.TAKEN: ("#2e7d32", N_("Đã quét"), 1),
    ScanVerdict.DUPLICATE: ("#ef6c00", N_("Quét trùng"), 2),
    ScanVerdict.UNKNOWN: ("#c62828", N_("Mã không nhận ra"), 2),
}
FLASH_MS = 600
SECOND_BEEP_MS = 180


class ScanFeedback(QObject):
    """Flashes ``bar`` in the verdict's colour with its word, and beeps once or twice."""

    def __init__(self, bar: QStatusBar, settings: SettingsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bar = bar
        self._settings = settings
        self.last: ScanVerdict | None = None
        self.signals = 0
        self.beeps = 0
        self._off = QTimer(self)
        self._off.setSingleShot(True)
        self._off.setInterval(FLASH_MS)
        self._off.timeout.connect(self._on_off_timeout)

    @Slot(str)
    def signal(self, verdict: str) -> None:
        """Give the feedback for one scan (nothing when switched off in settings)."""
        self.signals += 1
        if not self._settings.get(SCAN_FEEDBACK):
            return
        self.last = ScanVerdict(verdict)
        colour, word, beeps = _LOOK[self.last]
        self._bar.setStyleSheet(f"QStatusBar {{ background: {colour}; color: white; }}")
        self._bar.showMessage(_(word), FLASH_MS * 3)
        self._off.start()
        self._beep()
        if beeps > 1:
            QTimer.singleShot(SECOND_BEEP_MS, self._beep)

    def _beep(self) -> None:
        self.beeps += 1
        QApplication.beep()

    @Slot()
    def _on_off_timeout(self) -> None:
        self._bar.setStyleSheet("")
