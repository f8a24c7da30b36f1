"""Đồng bộ: what waits in the outbox for central, and what needs an officer's attention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desk_app.i18n import N_, _
from desk_app.services.changes import Changes
from desk_app.ui.qmodels.table import RIGHT, Column, DtoTableModel
from desk_app.ui.timefmt import show_time

if TYPE_CHECKING:
    from desk_app.services.outbox import OutboxService, OutboxSummary
    from desk_app.ui.context import ScreenContext

STATE_NAMES = {
    "pending": N_("Chờ gửi"),
    "accepted": N_("Trung tâm đã nhận"),
    "needs_attention": N_("Cần xử lý"),
}


def outbox_columns() -> list[Column[OutboxSummary]]:
    """Sequence, type, time, attempts, state, detail."""
    return [
        Column(_("Số thứ tự"), lambda r: r.desk_seq, RIGHT),
        Column(_("Sự kiện"), lambda r: r.event_type),
        Column(_("Thời điểm"), lambda r: show_time(r.local_time)),
        Column(_("Số lần gửi"), lambda r: r.attempts, RIGHT),
        Column(_("Tình trạng"), lambda r: _(STATE_NAMES.get(r.state, r.state))),
        Column(_("Chi tiết"), lambda r: r.detail, tooltip=lambda r: r.detail),
    ]


class SyncScreen(QWidget):
    """The outbox, newest first (the sync engine fills in sent/accepted/attention)."""

    def __init__(self, outbox: OutboxService, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self.summary = QLabel()
        self.model: DtoTableModel[OutboxSummary] = DtoTableModel(outbox_columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ctx.events.sig_changed.connect(self._on_events_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Counts and the newest rows."""
        counts = self._outbox.counts()
        self.summary.setText(
            _("Chờ gửi: {p} · Trung tâm đã nhận: {a} · Cần xử lý: {r}").format(
                p=counts.pending, a=counts.accepted, r=counts.needs_attention
            )
        )
        self.model.set_rows(self._outbox.recent())

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & (Changes.OUTBOX | Changes.DOSSIERS) and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Fresh on every visit."""
        super().showEvent(event)
        self.refresh()
