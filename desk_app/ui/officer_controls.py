"""Who is at the counter: the officer's menu (password, lock, log-out) and the idle lock.

A shared counter PC changes hands during the day; a screen left open shows citizens' data, so it locks
after the idle time the admin set (``security.idle_lock_minutes``) and asks the same officer's password.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QToolButton

from desk_app.i18n import _
from desk_app.services.settings import IDLE_LOCK_MINUTES
from desk_app.ui.dialogs.password import ChangePasswordDialog
from desk_app.ui.dialogs.unlock import UnlockDialog
from desk_app.ui.errors import message

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow, QWidget

    from desk_app.core.dossier import Actor
    from desk_app.services.settings import SettingsService
    from desk_app.services.users import UserService
    from desk_app.ui.tasks import TaskRunner

CHECK_MS = 15_000
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleWatch(QObject):
    """Emits ``sig_idle`` once the keyboard and mouse have been still for the set minutes (0: never)."""

    sig_idle = Signal()

    def __init__(
        self,
        minutes: Callable[[], int],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._minutes = minutes
        self.clock = clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Watch every input of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (the session ends)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key, click or mouse move counts as the officer being there."""
        if event.type() in _INPUT:
            self.last_input = self.clock()
        return super().eventFilter(watched, event)

    @Slot()
    def check(self) -> None:
        """Emit when idle for longer than the setting allows."""
        minutes = self._minutes()
        if minutes > 0 and self.clock() - self.last_input >= minutes * 60:
            self.last_input = self.clock()
            self.sig_idle.emit()


class OfficerControls(QObject):
    """The status bar's officer button and its menu; ``sig_log_out`` asks the app for a new login."""

    sig_log_out = Signal()

    def __init__(
        self,
        window: QMainWindow,
        users: UserService,
        settings: SettingsService,
        tasks: TaskRunner,
        actor: Actor,
        content: QWidget,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._users = users
        self._tasks = tasks
        self._actor = actor
        self._content = content
        self.locked = False
        self.button = QToolButton()
        self.button.setText(
            _("Cán bộ: {user} ({role})").format(user=actor.username, role=actor.role.label) + " ▾"
        )
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.password_action = self._action(menu, _("Đổi mật khẩu…"), "", self.change_password)
        self.lock_action = self._action(menu, _("Khóa màn hình"), "Ctrl+Shift+L", self.lock)
        self.log_out_action = self._action(menu, _("Đăng xuất / Đổi cán bộ"), "Ctrl+L", self.log_out)
        self.button.setMenu(menu)
        self.idle = IdleWatch(lambda: settings.get(IDLE_LOCK_MINUTES), parent=self)
        self.idle.sig_idle.connect(self.lock)

    def _action(self, menu: QMenu, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            self._window.addAction(action)  # the shortcut works with the menu closed
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @Slot()
    def change_password(self) -> None:
        """Ask for the current and the new password."""
        dialog = ChangePasswordDialog(self._users, self._tasks, self._actor, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            message(self._window, _("Đổi mật khẩu"), _("Đã đổi mật khẩu."), warning=False)

    @Slot()
    def lock(self) -> None:
        """Hide the screens until the officer's password is given again (or another officer logs in)."""
        if self.locked:
            return
        self.locked = True
        self._content.setVisible(False)
        dialog = UnlockDialog(self._users, self._tasks, self._actor, self._window)
        dialog.exec()
        self.locked = False
        self._content.setVisible(True)
        self.idle.last_input = self.idle.clock()
        if dialog.switch_officer:
            self.log_out()

    @Slot()
    def log_out(self) -> None:
        """End this officer's session; the app shows the login again."""
        self.sig_log_out.emit()
