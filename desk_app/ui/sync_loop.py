"""The background sync loop: a 10 s timer and a wake-up after local commits, through the TaskRunner.

One run at a time; transient failures back off (1 s … 60 s with jitter) and retry forever.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from desk_app.services.changes import Changes
from desk_app.services.sync import Backoff, SyncReport

if TYPE_CHECKING:
    from desk_app.services.sync import SyncService
    from desk_app.ui.events import AppEvents
    from desk_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
PERIOD_MS = 10_000
WAKE_MS = 1_000  # after a local commit: soon, but after the officer's next keystrokes


class SyncLoop(QObject):
    """Emits ``events.sig_sync_state`` with each ``SyncReport``; ``last`` keeps the latest."""

    def __init__(
        self, sync: SyncService, tasks: TaskRunner, events: AppEvents, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._tasks = tasks
        self._events = events
        self._backoff = Backoff()
        self.running = False
        self._stopped = False
        self.last: SyncReport | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_now)
        events.sig_changed.connect(self._on_events_changed)

    def start(self) -> None:
        """First run soon after start-up, then every 10 s."""
        self._timer.start(WAKE_MS)

    def stop(self) -> None:
        """No further runs (the officer's session ended); a run in progress finishes on its own."""
        self._stopped = True
        self._timer.stop()
        self._events.sig_changed.disconnect(self._on_events_changed)

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & Changes.OUTBOX and not self.running and self._timer.remainingTime() > WAKE_MS:
            self._timer.start(WAKE_MS)

    @Slot()
    def run_now(self) -> None:
        """Run once in the io pool (skipped when a run is in progress)."""
        if self.running:
            return
        self.running = True
        self._tasks.run(self._sync.run_once, on_success=self._on_done, on_error=self._on_failed, pool="io")

    def _on_done(self, report: SyncReport) -> None:
        self.running = False
        self.last = report
        if self._stopped:
            return
        if report.ok:
            self._backoff.reset()
            delay = PERIOD_MS
        elif report.transient:
            delay = round(self._backoff.next_delay(unreachable=report.unreachable) * 1000) + 500
        else:
            delay = PERIOD_MS * 6  # not enrolled, revoked, update needed: look again now and then
        self._timer.start(delay)
        self._events.sig_sync_state.emit(report)
        self._events.sig_changed.emit(Changes.OUTBOX if report.acked or report.rejected else Changes.NONE)
        if report.applied:
            self._events.sig_changed.emit(Changes.DOSSIERS | Changes.CATALOGUE | Changes.CALENDAR)

    def _on_failed(self, exc: BaseException) -> None:
        log.error("sync run failed: %s", type(exc).__name__)
        self._on_done(SyncReport(error=type(exc).__name__, transient=True))
