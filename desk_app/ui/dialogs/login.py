"""Login with an officer account; the password check (argon2, ~0.2 s) runs off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from desk_app.i18n import _
from desk_app.ui.dialogs.form_dialog import arrange, ok_cancel
from desk_app.ui.style import decorate

if TYPE_CHECKING:
    from desk_app.core.dossier import Actor
    from desk_app.services.users import UserService
    from desk_app.ui.tasks import TaskRunner


class LoginDialog(QDialog):
    """Username and password; a wrong pair says so and lets the officer try again."""

    def __init__(self, users: UserService | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users  # None while the app is still loading (the login shows first)
        self._tasks = tasks
        self._pending: tuple[str, str] | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(_("Đăng nhập — Một cửa"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        self.buttons, ok = ok_cancel(_("Đăng nhập"))
        decorate(ok, "primary")
        self.setMinimumWidth(380)  # room for the 10-pt labels and a name typed with its accents
        rows = [(_("Tên đăng nhập"), self.username), (_("Mật khẩu"), self.password)]
        arrange(self, rows, self.error, self.buttons, self._on_buttons_accepted)

    def set_users(self, users: UserService) -> None:
        """The services are ready: check the password typed while they loaded, if any."""
        self._users = users
        if self._pending is not None:
            username, password = self._pending
            self._pending = None
            self._check(users, username, password)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        self.buttons.setEnabled(False)
        if self._users is None:
            self._pending = (username, password)
            self.error.setText(_("Đang khởi động…"))
            return
        self._check(self._users, username, password)

    def _check(self, users: UserService, username: str, password: str) -> None:
        self.error.setText(_("Đang kiểm tra…"))
        self._tasks.run(
            lambda: users.authenticate(username, password),
            on_success=self._on_authenticated,
            on_error=self._on_failed,
            pool="io",
        )

    def _on_authenticated(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(getattr(exc, "user_message", _("Không đăng nhập được.")))
        self.password.clear()
        self.password.setFocus()
