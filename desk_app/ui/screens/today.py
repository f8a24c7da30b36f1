"""Hôm nay: the first screen after login — what is overdue, due, ready to hand back or waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.core.today import GROUP_TITLES, TodayGroup
from desk_app.i18n import _
from desk_app.services.changes import Changes
from desk_app.ui.qmodels.dossiers import due_badge_column, due_column
from desk_app.ui.qmodels.table import CODE_SAMPLE, Column, DtoTableModel
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desk_app.services.dto import DossierSummary
    from desk_app.services.today import TodayOverview, TodayService
    from desk_app.ui.context import ScreenContext


def today_columns(now: Callable[[], datetime]) -> list[Column[DossierSummary]]:
    """Code, time left (live against ``now``), due, procedure, applicant, status."""
    return [
        Column(_("Mã hồ sơ"), lambda d: d.code or _("(chưa cấp mã)"), fits=CODE_SAMPLE),
        due_badge_column(now),
        due_column(),
        Column(_("Thủ tục"), lambda d: d.procedure_name, tooltip=lambda d: d.procedure_name),
        Column(_("Người nộp"), lambda d: d.applicant_name),
        Column(_("Trạng thái"), lambda d: d.status_label),
    ]


class TodayScreen(QWidget):
    """The groups with their counts on the left, the chosen group's dossiers on the right."""

    def __init__(self, today: TodayService, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._ctx = ctx
        self.overview: TodayOverview | None = None
        self.sync_label = QLabel()
        self.sync_label.setStyleSheet("font-weight: bold;")
        self.groups = QListWidget()
        self.groups.setObjectName("todayGroups")  # larger rows (resources/style/desk.qss)
        self.groups.setMaximumWidth(280)
        self.model: DtoTableModel[DossierSummary] = DtoTableModel(today_columns(today.now))
        self.table = table_view(self.model, stretch=3)
        row = QHBoxLayout()
        row.addWidget(self.groups)
        row.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sync_label)
        layout.addLayout(row, 1)
        hint = QLabel(_("Enter hoặc nhấp đúp vào một dòng để mở hồ sơ."))
        layout.addWidget(hint)
        self.groups.currentRowChanged.connect(self._on_groups_current_row_changed)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        for keys in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.table.currentIndex().row()))
        ctx.events.sig_changed.connect(self._on_events_changed)

    def refresh(self) -> None:
        """Read today's lists again (keeps the chosen group)."""
        first_time = self.overview is None
        chosen = max(self.groups.currentRow(), 0)
        self.overview = self._today.overview(self._ctx.actor)
        if first_time:  # open on the most urgent list that has something in it
            lists = [self.overview.groups[group] for group in TodayGroup]
            chosen = next((i for i, rows in enumerate(lists) if rows), 0)
        self.sync_label.setText(self.overview.sync_words)
        self.groups.blockSignals(True)
        self.groups.clear()
        for group in TodayGroup:
            count = len(self.overview.groups[group])
            item = QListWidgetItem(f"{_(GROUP_TITLES[group])} ({count})")
            if group is TodayGroup.OVERDUE and count:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.groups.addItem(item)
        self.groups.blockSignals(False)
        self.groups.setCurrentRow(chosen)
        self._show_group(chosen)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Fresh lists each time the screen appears."""
        super().showEvent(event)
        self.refresh()

    @Slot(int)
    def _on_groups_current_row_changed(self, row: int) -> None:
        self._show_group(row)

    def _show_group(self, row: int) -> None:
        if self.overview is None or not 0 <= row < len(TodayGroup):
            return
        self.model.set_rows(self.overview.groups[list(TodayGroup)[row]])
        if self.model.rowCount():
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            summary = self.model.row_at(row)
            self._ctx.events.sig_open_dossier.emit(summary.code or summary.id)

    @Slot(object)
    def _on_events_changed(self, changes: Changes) -> None:
        if changes & (Changes.DOSSIERS | Changes.OUTBOX) and self.isVisible():
            self.refresh()
