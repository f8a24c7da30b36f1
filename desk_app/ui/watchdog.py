"""Notices when the GUI thread was blocked: a timer that should tick every 50 ms arrives late."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)

TICK_MS = 50
BLOCK_LIMIT_MS = 100


class BlockWatchdog(QObject):
    """Logs a warning whenever the event loop could not run for more than ``BLOCK_LIMIT_MS``."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        limit_ms: float = BLOCK_LIMIT_MS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent)
        self.limit_ms = limit_ms
        self.worst_ms = 0.0
        self.blocks = 0
        self._clock = clock
        self._last = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Begin watching."""
        self._last = self._clock()
        self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = self._clock()
        blocked = (now - self._last) * 1000 - TICK_MS
        self._last = now
        self.worst_ms = max(self.worst_ms, blocked)
        if blocked > self.limit_ms:
            self.blocks += 1
            log.warning("GUI thread blocked for %.0f ms", blocked)
