"""The officer's input for one action on a dossier: only the fields that action uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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

from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import ACTION_LABELS, Action
from desk_app.i18n import _
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.qt_vi import relabel_button_box
from desk_app.ui.widgets.moment_edit import MomentEdit
from desk_app.ui.widgets.return_fields import ReturnFields

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

_NEEDS_REASON = {
    Action.REFUSE,
    Action.STOP,
    Action.WITHDRAW,
    Action.RESCHEDULE,
    Action.REQUEST_SUPPLEMENT,
    Action.REQUEST_FEE,
}
_NEEDS_DEPARTMENT = {Action.TRANSFER, Action.RECEIVE_BACK}


class ActionDialog(QDialog):
    """Build with the action; ``request()`` gives the ActionRequest after ``exec()`` accepted.

    Tab moves between fields, Ctrl+Enter submits; a date that cannot be read keeps the dialog open.
    """

    def __init__(
        self,
        action: Action,
        parent: QWidget | None = None,
        *,
        default_department: str = "",
        default_due: datetime | None = None,
        reasons: Sequence[str] = (),
    ) -> None:
        # Owned by the top-level window, not the screen: the screens' own Ctrl+Enter (WidgetWithChildren)
        # would otherwise also match inside the dialog, and an ambiguous shortcut fires neither.
        super().__init__(parent.window() if parent is not None else None)
        self.action = action
        self.setWindowTitle(_(ACTION_LABELS[action]).capitalize())
        form = QFormLayout()
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.reason.setTabChangesFocus(True)  # Tab leaves the reason, as in every other field
        self.quick = QComboBox()
        self.quick.addItem(_("— Chọn lý do thường gặp —"))
        self.quick.addItems(list(reasons))
        self.quick.activated.connect(self._on_quick_activated)
        self.department = QLineEdit(default_department)
        self.returned = ReturnFields()
        self.new_due = MomentEdit()
        if default_due is not None:
            self.new_due.set_moment(default_due)
        self.fee = QSpinBox()
        self.fee.setRange(0, 2_000_000_000)
        self.fee.setSingleStep(10_000)
        self.fee.setSuffix(" đồng")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        self._add_rows(form, bool(reasons))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        relabel_button_box(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

    def _add_rows(self, form: QFormLayout, with_quick_picks: bool) -> None:
        action = self.action
        if action in _NEEDS_REASON:
            form.addRow(_("Lý do"), self.reason)
            if with_quick_picks:
                form.addRow("", self.quick)
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

    @Slot(int)
    def _on_quick_activated(self, index: int) -> None:
        if index <= 0:
            return
        picked = self.quick.itemText(index)
        typed = self.reason.toPlainText().strip()
        self.reason.setPlainText(f"{typed}\n{picked}" if typed else picked)
        self.quick.setCurrentIndex(0)
        self.reason.setFocus()

    def accept(self) -> None:
        """Close only with a readable date; otherwise say why and keep what was typed."""
        if self.action is Action.RESCHEDULE:
            try:
                self.new_due.moment()
            except InvalidInput as exc:
                self.problem.setText(exc.user_message)
                self.new_due.setFocus()
                return
        self.problem.clear()
        super().accept()

    def request(self) -> ActionRequest:
        """What the officer entered."""
        return ActionRequest(
            action=self.action,
            reason=self.reason.toPlainText(),
            department=self.department.text(),
            **(self.returned.values() if self.action is Action.RETURN_RESULT else {}),
            new_due_at=self.new_due.moment() if self.action is Action.RESCHEDULE else None,
            fee_vnd=self.fee.value() if self.action is Action.REQUEST_FEE else None,
        )
