"""Tra cứu: find a dossier by code, name or ID number (or scan it) and act on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DomainError
from desk_app.core.scan import OPENS_DOSSIER
from desk_app.i18n import _
from desk_app.services.changes import Changes
from desk_app.ui.dossier_actions import DetailActions
from desk_app.ui.errors import show_error
from desk_app.ui.qmodels.dossiers import DossierTableModel
from desk_app.ui.widgets.dossier_detail import DossierDetailWidget
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from desk_app.core.scan import ScanResult
    from desk_app.services.dossiers import DossierService
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext


class LookupScreen(QWidget):
    """Search field, result list and the selected dossier's detail."""

    def __init__(
        self,
        dossiers: DossierService,
        printing: PrintService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dossiers = dossiers
        self._printing = printing
        self._ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Mã hồ sơ, họ tên hoặc số định danh; hoặc quét mã trên phiếu"))
        self.search.setClearButtonEnabled(True)
        self.model = DossierTableModel(ctx.now)
        self.table = table_view(self.model, stretch=3)
        self.detail = DossierDetailWidget()
        splitter = QSplitter()
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.search)
        column.addWidget(self.table)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)  # the list wide enough for the code and its time-left badge
        QVBoxLayout(self).addWidget(splitter)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_row(current.row())
        )
        self.detail_actions = DetailActions(
            self, self.detail, self._dossiers, self._printing, self._ctx, self.detail.show_detail
        )
        self._ctx.events.sig_changed.connect(self._on_events_changed)

    def handle_scan(self, result: ScanResult) -> bool:
        """A scanned dossier code opens the dossier here."""
        if result.kind in OPENS_DOSSIER:
            self.open(result.code)
            return True
        return False

    def open(self, ref: str) -> None:
        """Show one dossier by its code or id."""
        try:
            detail = self._dossiers.show(ref, self._ctx.actor)
        except DomainError as exc:
            self._ctx.events.sig_scan_verdict.emit("unknown")
            show_error(self, exc)
            return
        self.model.set_rows([detail.summary])
        self.detail.show_detail(detail)

    @Slot()
    def _on_search_return_pressed(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        rows = self._dossiers.search(text)
        self.model.set_rows(rows)
        if len(rows) == 1:
            self.open(rows[0].code or rows[0].id)
        elif rows:
            self.table.selectRow(0)
        else:
            self.detail.show_detail(None)

    def _show_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            summary = self.model.row_at(row)
            try:
                self.detail.show_detail(self._dossiers.show(summary.code or summary.id, self._ctx.actor))
            except DomainError as exc:
                show_error(self, exc)

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        current = self.detail.detail
        if current is not None and changes & Changes.DOSSIERS and self.isVisible():
            self.open(current.summary.code or current.summary.id)
