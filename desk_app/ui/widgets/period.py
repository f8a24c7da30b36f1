"""A from–to pair of dates, defaulting to the current month."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget

from desk_app.i18n import _

if TYPE_CHECKING:
    from datetime import date


class PeriodWidget(QWidget):
    """Từ ngày … đến ngày …."""

    sig_period_changed = Signal()
    """Either date changed."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = QDateEdit(QDate(today.year, today.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, edit in ((_("Từ ngày"), self.start), (_("đến ngày"), self.end)):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _date: self.sig_period_changed.emit())
            layout.addWidget(QLabel(label))
            layout.addWidget(edit)
        layout.addStretch(1)

    def period(self) -> tuple[date, date]:
        """The chosen dates."""
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def set_period(self, start: date, end: date) -> None:
        """Set both dates."""
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
