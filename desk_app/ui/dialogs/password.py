"""Đổi mật khẩu: the officer's own password, given the current one; the check runs off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.ui.dialogs.form_dialog import arrange, ok_cancel

if TYPE_CHECKING:
    from desk_app.core.dossier import Actor
    from desk_app.services.users import UserService
    from desk_app.ui.tasks import TaskRunner


class ChangePasswordDialog(QDialog):
    """Current password, new one twice; a refusal is shown in the dialog, which stays open."""

    def __init__(
        self, users: UserService, tasks: TaskRunner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._tasks = tasks
        self._actor = actor
        self.setWindowTitle(_("Đổi mật khẩu — {user}").format(user=actor.username))
        self.current, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field in (self.current, self.new, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("fieldHint")
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        self.buttons, _ok = ok_cancel(_("Đổi mật khẩu"))
        rows = [
            (_("Mật khẩu hiện tại"), self.current),
            (_("Mật khẩu mới"), self.new),
            (_("Nhập lại mật khẩu mới"), self.again),
        ]
        arrange(self, rows, self.error, self.buttons, self._on_buttons_accepted)
        self.current.setFocus()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(_("Hai lần nhập mật khẩu mới không giống nhau."))
            self.again.clear()
            self.again.setFocus()
            return
        current, new = self.current.text(), self.new.text()
        self.buttons.setEnabled(False)
        self.error.setText(_("Đang kiểm tra…"))
        self._tasks.run(
            lambda: self._users.change_own_password(self._actor, current, new),
            on_success=lambda _changes: self.accept(),
            on_error=self._on_failed,
            pool="io",
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        text = exc.user_message if isinstance(exc, DomainError) else _("Không đổi được mật khẩu.")
        self.error.setText(text)
