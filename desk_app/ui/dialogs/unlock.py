"""The locked screen: the same officer's password opens it again, or another officer logs in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from desk_app.i18n import _
from desk_app.ui.dialogs.login import LoginDialog

if TYPE_CHECKING:
    from desk_app.core.dossier import Actor
    from desk_app.services.users import UserService
    from desk_app.ui.tasks import TaskRunner


class UnlockDialog(LoginDialog):
    """Escape does not open the screen; "Đổi cán bộ" ends the session (``switch_officer``)."""

    def __init__(
        self, users: UserService, tasks: TaskRunner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(users, tasks, parent)
        self.switch_officer = False
        self.setWindowTitle(_("Màn hình đã khóa — Một cửa"))
        self.username.setText(actor.username)
        self.username.setReadOnly(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Mở khóa"))
        switch = self.buttons.addButton(_("Đổi cán bộ"), QDialogButtonBox.ButtonRole.ActionRole)
        switch.clicked.connect(self._on_switch_clicked)
        notice = QLabel(
            _("Màn hình đang khóa. Nhập mật khẩu để làm tiếp, hoặc “Đổi cán bộ” để người khác đăng nhập.")
        )
        notice.setWordWrap(True)
        layout = self.layout()
        if layout is not None:
            layout.addWidget(notice)
        self.password.setFocus()

    @Slot()
    def _on_switch_clicked(self) -> None:
        self.switch_officer = True
        super().reject()

    def reject(self) -> None:
        """Escape and the close box leave the screen locked."""
        if self.switch_officer:
            super().reject()
