"""One officer at a time: login → main window; "Đăng xuất / Đổi cán bộ" → login again, same process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QDialog

from desk_app.i18n import set_language
from desk_app.services.settings import LANGUAGE
from desk_app.ui.dialogs.login import LoginDialog
from desk_app.ui.events import AppEvents
from desk_app.ui.main_window import MainWindow
from desk_app.ui.qt_vi import apply_locale

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.core.dossier import Actor
    from desk_app.services.container import Services
    from desk_app.ui.tasks import TaskRunner


class OfficerSession(QObject):
    """Owns the main window of the officer logged in; each officer's window is built in their language."""

    def __init__(self, services: Services, tasks: TaskRunner, state_file: Path | None) -> None:
        super().__init__()
        self._services = services
        self._tasks = tasks
        self._state_file = state_file
        self.window: MainWindow | None = None
        self.logins = 0

    def begin(self, username: str | None = None) -> bool:
        """Log in (or act as ``username`` without a password, for benchmarks); False when cancelled."""
        actor = self._services.users.actor(username) if username is not None else self.login()
        if actor is None:
            return False
        self.open(actor)
        return True

    def login(self) -> Actor | None:
        """The login dialog, in the desk's language (nobody is logged in yet)."""
        language = self._services.settings.get(LANGUAGE)
        set_language(language)
        apply_locale(language)
        dialog = LoginDialog(self._services.users, self._tasks)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def open(self, actor: Actor) -> MainWindow:
        """The main window for ``actor``, shown, with its sync loop and idle lock running."""
        language = self._services.settings.language_for(actor.username)
        set_language(language)
        apply_locale(language)
        window = MainWindow(self._services, self._tasks, AppEvents(), actor, self._state_file)
        window.sig_log_out.connect(self._on_window_log_out)
        window.show()
        window.start_session()
        self.window = window
        self.logins += 1
        return window

    @Slot()
    def _on_window_log_out(self) -> None:
        app = QApplication.instance()
        old = self.window
        if old is None or not isinstance(app, QApplication):
            return
        app.setQuitOnLastWindowClosed(False)  # between two officers no window is open
        old.end_session()
        old.close()
        old.deleteLater()
        self.window = None
        actor = self.login()
        app.setQuitOnLastWindowClosed(True)
        if actor is None:
            app.quit()
            return
        self.open(actor)
