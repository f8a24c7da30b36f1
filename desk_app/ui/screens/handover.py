"""Bàn giao: scan a stack of dossiers into one batch, hand it over (or receive it back), print the slip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DomainError
from desk_app.core.scan import ScanKind, classify
from desk_app.i18n import _
from desk_app.services.documents import PrintedDocument
from desk_app.ui.errors import show_error
from desk_app.ui.qmodels.dossiers import DossierTableModel
from desk_app.ui.style import decorate
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from desk_app.core.scan import ScanResult
    from desk_app.services.dossiers import DossierService
    from desk_app.services.handover import HandoverBatch, HandoverService
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext


class HandoverScreen(QWidget):
    """Every scanned dossier joins the batch; the batch moves together or not at all."""

    def __init__(
        self,
        handover: HandoverService,
        dossiers: DossierService,
        printing: PrintService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._handover = handover
        self._dossiers = dossiers
        self._printing = printing
        self._ctx = ctx
        self.direction = QComboBox()
        self.direction.addItem(_("Chuyển đến bộ phận giải quyết"), False)
        self.direction.addItem(_("Nhận lại từ bộ phận giải quyết"), True)
        self.department = QLineEdit()
        self.department.setPlaceholderText(_("Ví dụ: Công chức Tư pháp - Hộ tịch"))
        self.received_by = QLineEdit()
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(_("Quét mã vạch trên phiếu, hoặc gõ mã hồ sơ rồi Enter"))
        self.model = DossierTableModel(ctx.now)
        self.table = table_view(self.model, stretch=2)
        self.count_label = QLabel()
        self.remove_button = QPushButton(_("Bỏ hồ sơ đang chọn (Delete)"))
        self.remove_button.setShortcut("Delete")
        self.submit_button = QPushButton(_("Lập phiếu bàn giao và in"))
        decorate(self.submit_button, "primary", "printer")
        self.last_batch: HandoverBatch | None = None
        form = QFormLayout()
        form.addRow(_("Chiều bàn giao"), self.direction)
        form.addRow(_("Cơ quan, bộ phận"), self.department)
        form.addRow(_("Người nhận"), self.received_by)
        form.addRow(_("Mã hồ sơ"), self.code_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.code_entry.returnPressed.connect(self._on_code_entry_return_pressed)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self._refresh_count()

    def handle_scan(self, result: ScanResult) -> bool:
        """Scanned dossiers join the batch instead of opening."""
        if result.kind not in (ScanKind.DOSSIER_CODE, ScanKind.SLIP_QR):
            return False
        self.add(result.code)
        return True

    def add(self, ref: str) -> None:
        """Add a dossier to the batch (once)."""
        try:
            detail = self._dossiers.show(ref, self._ctx.actor)
        except DomainError as exc:
            self._ctx.events.sig_scan_verdict.emit("unknown")  # a code this desk does not hold
            show_error(self, exc)
            return
        rows = self.model.rows
        self._refresh_count()
        if any(r.id == detail.summary.id for r in rows):
            self._ctx.events.sig_scan_verdict.emit("duplicate")
            # A second scan of the same slip is common in a stack: say so rather than stay silent.
            self.count_label.setText(
                _("Hồ sơ {code} đã có trong lần bàn giao này (quét trùng). Đã quét {n} hồ sơ.").format(
                    code=detail.summary.code or detail.summary.id, n=len(rows)
                )
            )
            return
        self.model.set_rows([*rows, detail.summary])
        self.table.selectRow(self.model.rowCount() - 1)  # Delete takes back the scan just made
        self._refresh_count()

    @Slot()
    def _on_code_entry_return_pressed(self) -> None:
        text = self.code_entry.text().strip()
        self.code_entry.clear()
        if text:
            result = classify(text)
            self.add(result.code or text)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            rows = self.model.rows
            del rows[row]
            self.model.set_rows(rows)
            if rows:
                self.table.selectRow(min(row, len(rows) - 1))
            self._refresh_count()

    def _show_batch(self, label: str, pdf: bytes) -> None:
        self._ctx.printer.show([PrintedDocument("handover-batch", label, pdf, 0)])

    def _refresh_count(self) -> None:
        self.count_label.setText(_("Đã quét {n} hồ sơ").format(n=self.model.rowCount()))
        self.submit_button.setEnabled(self.model.rowCount() > 0)
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    @Slot()
    def _on_submit_button_clicked(self) -> None:
        codes = [r.code or r.id for r in self.model.rows]
        try:
            batch, changes = self._handover.hand_over(
                codes,
                self.department.text(),
                self._ctx.actor,
                back=bool(self.direction.currentData()),
                received_by=self.received_by.text(),
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self.last_batch = batch
        self._ctx.events.sig_changed.emit(changes)
        self.model.set_rows([])
        self._refresh_count()
        label = batch.label
        self._ctx.tasks.run(
            lambda: self._printing.batch_pdf(label),
            on_success=lambda pdf: self._show_batch(label, pdf),
            on_error=lambda exc: show_error(self, exc),
        )
