"""Báo cáo: Biểu 06 for a period, as a table and a bar chart; export to PDF or XLSX."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.ui.errors import show_error
from desk_app.ui.export import Exporter
from desk_app.ui.qmodels.table import RIGHT, Column, DtoTableModel
from desk_app.ui.style import decorate
from desk_app.ui.widgets.bar_chart import BarChart
from desk_app.ui.widgets.period import PeriodWidget
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from desk_app.core.stats import Bieu06Row
    from desk_app.services.printing import PrintService
    from desk_app.services.reports import ReportService
    from desk_app.ui.context import ScreenContext


def bieu06_columns() -> list[Column[Bieu06Row]]:
    """The form's columns: received (online, direct or postal, carried over), resolved, in progress.

    Withdrawn dossiers are no column of the form: the note under the table accounts for them.
    """
    return [
        Column(_("Lĩnh vực"), lambda r: r.field_name, tooltip=lambda r: r.field_name),
        Column(_("Tiếp nhận"), lambda r: r.received_total, RIGHT),
        Column(_("Trực tuyến"), lambda r: r.received_online, RIGHT),
        Column(_("Trực tiếp, bưu chính"), lambda r: r.received_direct_postal, RIGHT),
        Column(_("Kỳ trước chuyển qua"), lambda r: r.carried_over, RIGHT),
        Column(_("Đã giải quyết"), lambda r: r.resolved_total, RIGHT),
        Column(_("Trước hạn"), lambda r: r.early, RIGHT),
        Column(_("Đúng hạn"), lambda r: r.on_time, RIGHT),
        Column(_("Quá hạn"), lambda r: r.late, RIGHT),
        Column(_("Đang giải quyết"), lambda r: r.in_progress_total, RIGHT),
        Column(_("Trong hạn"), lambda r: r.within_time, RIGHT),
        Column(_("Quá hạn (đang giải quyết)"), lambda r: r.overdue, RIGHT),
    ]


class ReportsScreen(QWidget):
    """The statistics report of the national form (Biểu 06)."""

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
        self.period = PeriodWidget(reports.today())
        self.model: DtoTableModel[Bieu06Row] = DtoTableModel(bieu06_columns())
        self.table = table_view(self.model, stretch=0)
        self.chart = BarChart()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.exporter = Exporter(self, ctx.tasks)
        show = QPushButton(_("Lập báo cáo"))
        pdf = QPushButton(_("Xuất PDF"))
        xlsx = QPushButton(_("Xuất Excel"))
        decorate(show, "primary", "chart-bar")
        decorate(pdf, None, "printer")
        decorate(xlsx, None, "file-spreadsheet")
        bar = QHBoxLayout()
        bar.addWidget(self.period, 1)
        for button in (show, pdf, xlsx):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        show.clicked.connect(self.refresh)
        pdf.clicked.connect(lambda: self._export("pdf"))
        xlsx.clicked.connect(lambda: self._export("xlsx"))

    @Slot()
    def refresh(self) -> None:
        """Compute the report for the period."""
        start, end = self.period.period()
        try:
            rows = self._reports.bieu06(start, end)
        except DomainError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        total = rows[-1] if rows else None
        if total is None:
            self.chart.set_bars([])
            self.note.setText("")
            return
        self.note.setText(
            _(
                "Trong kỳ có {n} hồ sơ do cá nhân, tổ chức rút: tính vào số tiếp nhận, không tính vào "
                "đã giải quyết hay đang giải quyết."
            ).format(n=total.withdrawn)
            if total.withdrawn
            else ""
        )
        self.chart.set_bars(
            [
                (_("Trước hạn"), total.early, "#2e7d32"),
                (_("Đúng hạn"), total.on_time, "#1565c0"),
                (_("Quá hạn"), total.late, "#c62828"),
                (_("Đang giải quyết trong hạn"), total.within_time, "#f9a825"),
                (_("Đang giải quyết quá hạn"), total.overdue, "#6a1b9a"),
            ]
        )

    def _export(self, kind: str) -> None:
        start, end = self.period.period()
        render = self._printing.bieu06_pdf if kind == "pdf" else self._printing.bieu06_xlsx
        self.exporter.export(lambda: render(start, end), f"bieu06-{start:%Y%m%d}-{end:%Y%m%d}.{kind}")
