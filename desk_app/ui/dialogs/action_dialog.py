"""The officer's input for one action on a dossier: only the fields that action uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.clock import to_local
from desk_app.core.workflow import ACTION_LABELS, Action
from desk_app.i18n import _
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.qt_vi import relabel_button_box
from desk_app.ui.timefmt import to_moment
from desk_app.ui.widgets.return_fields import ReturnFields

if TYPE_CHECKING:
    from datetime import datetime

_NEEDS_REASON = {
    Action.STOP,
    Action.WITHDRAW,
    Action.RESCHEDULE,
    Action.REQUEST_SUPPLEMENT,
    Action.REQUEST_FEE,
}
_NEEDS_DEPARTMENT = {Action.TRANSFER, Action.RECEIVE_BACK}


class ActionDialog(QDialog):
    """Build with the action; ``request()`` gives the ActionRequest after ``exec()`` accepted."""

    def __init__(
        self,
        action: Action,
        parent: QWidget | None = None,
        *,
        default_department: str = "",
        default_due: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(_(ACTION_LABELS[action]).capitalize())
        form = QFormLayout()
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.reason.setTabChangesFocus(True)  # Tab leaves the reason, as in every other field
        self.department = QLineEdit(default_department)
        self.returned = ReturnFields()
        self.new_due = QDateTimeEdit(_qt_moment(default_due) if default_due else QDateTime.currentDateTime())
        self.new_due.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.new_due.setCalendarPopup(True)
        self.fee = QSpinBox()
        self.fee.setRange(0, 2_000_000_000)
        self.fee.setSingleStep(10_000)
        self.fee.setSuffix(" đồng")
        if action in _NEEDS_REASON:
            form.addRow(_("Lý do"), self.reason)
        if action in _NEEDS_DEPARTMENT:
            form.addRow(_("Cơ quan, bộ phận"), self.department)
        if action is Action.RESCHEDULE:
            form.addRow(_("Ngày hẹn mới"), self.new_due)
        if action is Action.REQUEST_FEE:
            form.addRow(_("Số tiền"), self.fee)
        if action is Action.RETURN_RESULT:
            self.returned.add_rows(form)
        if form.rowCount() == 0:
            form.addRow(QLabel(_("Xác nhận thực hiện: {action}?").format(action=_(ACTION_LABELS[action]))))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        relabel_button_box(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

    def request(self) -> ActionRequest:
        """What the officer entered."""
        return ActionRequest(
            action=self.action,
            reason=self.reason.toPlainText(),
            department=self.department.text(),
            **(self.returned.values() if self.action is Action.RETURN_RESULT else {}),
            new_due_at=to_moment(self.new_due) if self.action is Action.RESCHEDULE else None,
            fee_vnd=self.fee.value() if self.action is Action.REQUEST_FEE else None,
        )


def _qt_moment(moment: datetime) -> QDateTime:
    """A moment as the date-time field shows it: Vietnam's wall clock."""
    local = to_local(moment)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
