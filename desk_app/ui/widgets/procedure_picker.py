"""Search-as-you-type over the catalogue; Enter picks the highlighted (or first) procedure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from desk_app.i18n import _
from desk_app.ui.qmodels.table import Column, DtoTableModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.dto import ProcedureSummary


def procedure_columns() -> list[Column[ProcedureSummary]]:
    """Code, name, field."""
    return [
        Column(_("Mã"), lambda p: p.code),
        Column(_("Tên thủ tục"), lambda p: p.name, tooltip=lambda p: f"{p.name}\n{p.field_name}"),
    ]


class ProcedurePicker(QWidget):
    """A search field over a hit list."""

    sig_procedure_chosen = Signal(str)
    """The officer picked a procedure (its code)."""

    def __init__(
        self,
        catalogue: CatalogueService,
        parent: QWidget | None = None,
        *,
        frequent: Callable[[], list[ProcedureSummary]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._frequent = frequent
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Tìm thủ tục: tên, mã hoặc lĩnh vực (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        self.model: DtoTableModel[ProcedureSummary] = DtoTableModel(procedure_columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.table.activated.connect(lambda index: self._choose(index.row()))

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        if text.strip():
            hits = self._catalogue.search(text, limit=30)
        else:
            hits = self._frequent() if self._frequent else []
        self.model.set_rows(hits)
        if hits:
            self.table.selectRow(0)

    def show_frequent(self) -> None:
        """The desk's most received procedures, while nothing is typed (Enter takes the first)."""
        if not self.search.text():
            self._on_search_text_changed("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down move through the hits while typing; Enter picks."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                current = self.table.currentIndex().row()
                step = 1 if key == Qt.Key.Key_Down else -1
                self.table.selectRow(max(0, min(self.model.rowCount() - 1, current + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self._choose(max(0, self.table.currentIndex().row()))
                return True
        return False

    def _choose(self, row: int) -> None:
        self.sig_procedure_chosen.emit(self.model.row_at(row).code)
