"""Sổ theo dõi: the register of a period, fetched page by page; export to PDF or XLSX."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DomainError
from desk_app.core.workflow import DossierStatus
from desk_app.i18n import _
from desk_app.services.changes import Changes
from desk_app.ui.errors import show_error
from desk_app.ui.export import Exporter
from desk_app.ui.qmodels.table import CODE_SAMPLE, Column, LazyTableModel
from desk_app.ui.style import decorate
from desk_app.ui.timefmt import show_time
from desk_app.ui.widgets.period import PeriodWidget
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.services.printing import PrintService
    from desk_app.services.reports import RegisterRow, ReportService
    from desk_app.ui.context import ScreenContext

PAGE = 200


def register_columns() -> list[Column[RegisterRow]]:
    """The register book's columns."""
    return [
        Column(_("Số"), lambda r: f"{r.number}/{r.year}"),
        Column(_("Mã hồ sơ"), lambda r: r.code, fits=CODE_SAMPLE),
        Column(_("Thủ tục"), lambda r: r.procedure_name, tooltip=lambda r: r.procedure_name),
        Column(_("Người nộp"), lambda r: r.applicant_name),
        Column(_("Nhận lúc"), lambda r: show_time(r.accepted_at)),
        Column(_("Hẹn trả"), lambda r: show_time(r.due_at)),
        Column(_("Chuyển đến"), lambda r: r.department),
        Column(_("Trả lúc"), lambda r: show_time(r.returned_at)),
        Column(_("Trạng thái"), lambda r: DossierStatus(r.status).label),
    ]


class RegisterTableModel(LazyTableModel["RegisterRow"]):
    """Register rows, a page at a time."""


class RegisterScreen(QWidget):
    """Period and status filters over the register; nothing is loaded beyond what is scrolled to."""

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
        self.period = PeriodWidget(reports.today())
        self.status = QComboBox()
        self.status.addItem(_("Mọi trạng thái"), None)
        for status in DossierStatus:
            self.status.addItem(status.label, int(status))
        self.model = RegisterTableModel(register_columns(), self._fetch, page=PAGE)
        self.table = table_view(self.model, stretch=2)
        self.exporter = Exporter(self, ctx.tasks)
        pdf = QPushButton(_("Xuất PDF (sổ in)"))
        xlsx = QPushButton(_("Xuất Excel"))
        decorate(pdf, None, "printer")
        decorate(xlsx, None, "file-spreadsheet")
        bar = QHBoxLayout()
        bar.addWidget(self.period, 1)
        bar.addWidget(self.status)
        bar.addWidget(pdf)
        bar.addWidget(xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.period.sig_period_changed.connect(self.reload)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        pdf.clicked.connect(lambda: self._export("pdf"))
        xlsx.clicked.connect(lambda: self._export("xlsx"))
        ctx.events.sig_changed.connect(self._on_events_changed)
        self._loaded = False

    def _fetch(self, offset: int, limit: int) -> Sequence[RegisterRow]:
        start, end = self.period.period()
        status = self.status.currentData()
        try:
            return self._reports.register(start, end, offset=offset, limit=limit, status=status)
        except DomainError as exc:
            show_error(self, exc)
            return []

    @Slot()
    def reload(self) -> None:
        """Query again with the current filters."""
        self._loaded = True
        self.model.reload()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Load on first show, not at start-up."""
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & Changes.REGISTER:
            self._loaded = False
            if self.isVisible():
                self.reload()

    def _export(self, kind: str) -> None:
        start, end = self.period.period()
        render = self._printing.register_pdf if kind == "pdf" else self._printing.register_xlsx
        self.exporter.export(lambda: render(start, end), f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.{kind}")
