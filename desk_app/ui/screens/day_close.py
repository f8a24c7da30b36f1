"""Kết thúc ngày: the day's figures for the officer, printable for the supervisor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.services.changes import Changes
from desk_app.services.documents import PrintedDocument
from desk_app.ui.errors import show_error
from desk_app.ui.style import decorate

if TYPE_CHECKING:
    from desk_app.services.printing import PrintService
    from desk_app.services.reports import ReportService
    from desk_app.ui.context import ScreenContext


class DayCloseScreen(QWidget):
    """Received, supplements, refused, handed over, back, returned, and what still waits to sync."""

    def __init__(
        self,
        reports: ReportService,
        printing: PrintService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._printing = printing
        self._ctx = ctx
        today = reports.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.values = {
            key: QLabel()
            for key in (
                "received",
                "supplement_requests",
                "refused",
                "handed_over",
                "received_back",
                "returned",
                "pending_sync",
            )
        }
        titles = {
            "received": _("Tiếp nhận"),
            "supplement_requests": _("Yêu cầu bổ sung"),
            "refused": _("Từ chối"),
            "handed_over": _("Đã chuyển bộ phận giải quyết"),
            "received_back": _("Nhận lại từ bộ phận"),
            "returned": _("Đã trả kết quả"),
            "pending_sync": _("Sự kiện chờ đồng bộ"),
        }
        form = QFormLayout()
        for key, label in self.values.items():
            form.addRow(titles[key], label)
        print_button = QPushButton(_("In bảng tổng hợp cuối ngày"))
        decorate(print_button, "primary", "printer")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Ngày")))
        bar.addWidget(self.day)
        bar.addStretch(1)
        bar.addWidget(print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(form)
        layout.addStretch(1)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        print_button.clicked.connect(self._on_print_button_clicked)
        ctx.events.sig_changed.connect(self._on_events_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The figures of the chosen day."""
        try:
            summary = self._reports.day_close(self.day.date().toPython())  # type: ignore[arg-type]
        except DomainError as exc:
            show_error(self, exc)
            return
        for key, label in self.values.items():
            label.setText(str(getattr(summary, key)))

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & (Changes.DOSSIERS | Changes.OUTBOX):
            self.refresh()

    @Slot()
    def _on_print_button_clicked(self) -> None:
        day = self.day.date().toPython()
        try:
            pdf = self._printing.day_close_pdf(day, self._ctx.actor)  # type: ignore[arg-type]
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.printer.show([PrintedDocument("day-close", f"{day}", pdf, 0)])
