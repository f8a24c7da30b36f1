"""Login with an officer account; the password check (argon2, ~0.2 s) runs off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.i18n import _
from desk_app.ui.qt_vi import relabel_button_box

if TYPE_CHECKING:
    from desk_app.core.dossier import Actor
    from desk_app.services.users import UserService
    from desk_app.ui.tasks import TaskRunner


class LoginDialog(QDialog):
    """Username and password; a wrong pair says so and lets the officer try again."""

    def __init__(self, users: UserService, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self._tasks = tasks
        self.actor: Actor | None = None
        self.setWindowTitle(_("Đăng nhập — Một cửa"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        relabel_button_box(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Đăng nhập"))
        form = QFormLayout()
        form.addRow(_("Tên đăng nhập"), self.username)
        form.addRow(_("Mật khẩu"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        self.buttons.setEnabled(False)
        self.error.setText(_("Đang kiểm tra…"))
        self._tasks.run(
            lambda: self._users.authenticate(username, password),
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
