"""The appointment a reception will get, live: the computed due date, or a field for the officer's."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.ui.widgets.moment_edit import MomentEdit

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.services.dto import ProcedureDetail
    from desk_app.services.due_dates import DueDateService


class DueLine(QWidget):
    """The line "Hẹn trả kết quả: 17:00 ngày 20/11/2026" and why; a date field when the limit is unknown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.officer_due = MomentEdit()
        self.officer_due.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addWidget(self.officer_due)

    def clear(self) -> None:
        """No procedure chosen."""
        self.label.setText("")
        self.officer_due.hide()

    def refresh(self, detail: ProcedureDetail, due_dates: DueDateService) -> None:
        """The due date for a reception now, or the officer's field when the catalogue gives none."""
        now = due_dates.now()
        try:
            due = due_dates.for_detail(detail, now)
        except DomainError as exc:
            self.label.setText(_("Hẹn trả: {why}").format(why=exc.user_message))
            if self.officer_due.isHidden():
                self.officer_due.set_moment(now + timedelta(days=5))
            self.officer_due.show()
            return
        self.officer_due.hide()
        why = " ".join(due.explanation[:-1])  # the last part repeats the due date shown in bold
        self.label.setText(
            _("<b>Hẹn trả kết quả: {due:%H:%M} ngày {due:%d/%m/%Y}</b><br><small>{why}</small>").format(
                due=due.due_at, why=why
            )
        )
        self.label.setToolTip(_("Lịch làm việc phiên bản {v}").format(v=due.calendar_version))

    def officer_moment(self) -> datetime | None:
        """The appointment the officer typed, when the field is in use (InvalidInput when unreadable)."""
        return self.officer_due.moment() if self.officer_due.isVisible() else None
