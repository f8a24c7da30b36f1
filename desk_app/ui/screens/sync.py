"""Đồng bộ: what waits in the outbox for central, and what needs an officer's attention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.errors import DomainError
from desk_app.core.events import EventType
from desk_app.i18n import N_, _
from desk_app.services.changes import Changes
from desk_app.services.sync_words import outbox_detail, problem_title
from desk_app.ui.errors import message, show_error
from desk_app.ui.qmodels.table import RIGHT, Column, DtoTableModel
from desk_app.ui.style import decorate
from desk_app.ui.timefmt import show_time
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from desk_app.services.outbox import OutboxService, OutboxSummary
    from desk_app.services.sync import ReviewItem, SyncService
    from desk_app.sync.engine import SyncReport
    from desk_app.ui.context import ScreenContext

STATE_NAMES = {
    "pending": N_("Chờ gửi"),
    "sent": N_("Đã gửi, chờ trung tâm xác nhận"),
    "accepted": N_("Trung tâm đã nhận"),
    "needs_attention": N_("Cần xử lý"),
}


# The outbox's event types in the officer's words (never "dossier.step").
EVENT_NAMES: dict[str, str] = {
    EventType.RECEIVED: N_("Tiếp nhận hồ sơ"),
    EventType.STEP: N_("Bước xử lý hồ sơ"),
    EventType.PRINTED: N_("In giấy tờ"),
}


def outbox_columns() -> list[Column[OutboxSummary]]:
    """Sequence, type, time, attempts, state, detail."""
    return [
        Column(_("Số thứ tự"), lambda r: r.desk_seq, RIGHT),
        Column(_("Sự kiện"), lambda r: _(EVENT_NAMES.get(r.event_type, N_("Sự kiện khác")))),
        Column(_("Thời điểm"), lambda r: show_time(r.local_time)),
        Column(_("Số lần gửi"), lambda r: r.attempts, RIGHT),
        Column(_("Tình trạng"), lambda r: _(STATE_NAMES.get(r.state, r.state))),
        Column(_("Chi tiết"), lambda r: outbox_detail(r.detail), tooltip=lambda r: outbox_detail(r.detail)),
    ]


def review_columns() -> list[Column[ReviewItem]]:
    """What happened, when, and what to do."""
    return [
        Column(_("Thời điểm"), lambda r: show_time(r.created_at)),
        Column(_("Vấn đề"), lambda r: problem_title(r.reason)),
        Column(_("Việc cần làm"), lambda r: r.advice, tooltip=lambda r: r.advice),
    ]


class SyncScreen(QWidget):
    """The outbox (pending / accepted / needs attention) and the review items with what to do."""

    sig_sync_requested = Signal()
    """The officer pressed "Đồng bộ ngay"."""

    def __init__(
        self, outbox: OutboxService, sync: SyncService, ctx: ScreenContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._sync = sync
        self._ctx = ctx
        self.server = QLabel()
        self.review: DtoTableModel[ReviewItem] = DtoTableModel(review_columns())
        self.review_view = table_view(self.review, stretch=2)
        self.review_view.setMaximumHeight(180)
        sync_now = QPushButton(_("Đồng bộ ngay"))
        decorate(sync_now, "primary", "refresh")
        resolve = QPushButton(_("Đã xử lý mục đang chọn"))
        clock = QPushButton(_("Xác nhận đã chỉnh đồng hồ"))
        sync_now.clicked.connect(self._on_sync_now_button_clicked)
        self.result_label = QLabel()  # what the last "Đồng bộ ngay" did, in words
        resolve.clicked.connect(self._on_resolve_button_clicked)
        clock.clicked.connect(self._on_clock_button_clicked)
        buttons = QHBoxLayout()
        for button in (sync_now, resolve, clock):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.model: DtoTableModel[OutboxSummary] = DtoTableModel(outbox_columns())
        self.table = table_view(self.model, stretch=5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(QLabel(_("Cần xử lý")))
        layout.addWidget(self.review_view)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ctx.events.sig_changed.connect(self._on_events_changed)
        ctx.events.sig_sync_state.connect(self._on_events_sync_state)
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
        status = self._sync.status()
        self.server.setText(
            _("Máy chủ trung tâm: {url} · lần đồng bộ thành công gần nhất: {t}").format(
                url=status.url
                or _("chưa đăng ký với máy chủ trung tâm (quản trị viên đăng ký trong phần Đồng bộ)"),
                t=show_time(status.last_sync_ok_at) or "—",
            )
        )
        self.review.set_rows(self._sync.review_items())

    @Slot()
    def _on_resolve_button_clicked(self) -> None:
        row = self.review_view.currentIndex().row()
        if row < 0:
            message(self, _("Cần xử lý"), _("Chọn một mục trong danh sách Cần xử lý trước."), warning=False)
            return
        try:
            changes = self._sync.resolve(self.review.row_at(row).id, self._ctx.actor)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        self.refresh()

    @Slot()
    def _on_clock_button_clicked(self) -> None:
        try:
            changes = self._sync.confirm_clock(self._ctx.actor)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & (Changes.OUTBOX | Changes.DOSSIERS) and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Fresh on every visit."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _on_sync_now_button_clicked(self) -> None:
        self.result_label.setText(_("Đang đồng bộ…"))
        self.sig_sync_requested.emit()

    @Slot(object)
    def _on_events_sync_state(self, report: SyncReport) -> None:
        self.result_label.setText(sync_result_words(report, self._sync.status().enrolled))
        if self.isVisible():
            self.refresh()


def sync_result_words(report: SyncReport, enrolled: bool) -> str:
    """What a sync run did, as the officer needs to know it (never an exception's text)."""
    if not enrolled:
        return _("Bàn chưa đăng ký với máy chủ trung tâm: dữ liệu vẫn an toàn trên máy này.")
    if report.ok:
        return _("Đã đồng bộ: gửi {sent} việc, nhận {got} việc từ trung tâm.").format(
            sent=report.acked, got=report.applied
        )
    if report.transient:
        return _("Không kết nối được máy chủ trung tâm; dữ liệu an toàn trên máy, sẽ tự gửi lại khi có mạng.")
    return _("Máy chủ trung tâm từ chối đồng bộ; xem mục Cần xử lý hoặc báo quản trị viên.")
