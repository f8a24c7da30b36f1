"""The GUI's composition root: QApplication, fonts, Qt's labels in Vietnamese, excepthook, login, window."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from desk_app import paths
from desk_app.i18n import set_language
from desk_app.services.settings import LANGUAGE
from desk_app.ui import qt_vi
from desk_app.ui.dialogs.login import LoginDialog
from desk_app.ui.errors import report_unexpected
from desk_app.ui.events import AppEvents
from desk_app.ui.main_window import MainWindow
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.watchdog import BlockWatchdog

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

    from desk_app.core.dossier import Actor
    from desk_app.services.container import Services

log = logging.getLogger(__name__)
_TRANSLATORS: list[qt_vi.QtVietnameseTranslator] = []
UI_FONT = "DeskUI"
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


def safe_mode_requested(flag: bool) -> bool:
    """``--safe-mode`` or ``DESK_APP_SAFE_MODE=1``: software rendering for old PCs and remote desktops."""
    return flag or os.environ.get("DESK_APP_SAFE_MODE", "") not in ("", "0")


def make_application(*, safe_mode: bool = False) -> QApplication:
    """The QApplication with our fonts and Qt's own strings relabelled (reuses a running one)."""
    if safe_mode:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL)
        os.environ.setdefault("QT_OPENGL", "software")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("OneStopDesk")
    if _TRANSLATORS:
        return app
    families = load_fonts()
    if sys.platform != "win32" and families:
        # Bare Linux boxes may have no font with Vietnamese glyphs; Windows has Segoe UI.
        app.setFont(QFont(families[0], 10))
    _TRANSLATORS.append(qt_vi.install(app))  # Qt does not own it: keep it alive with the process
    return app


def load_fonts() -> list[str]:
    """Register the shipped TTFs with Qt (the wheel ships no fonts); the families loaded."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / name))
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return families


def install_excepthook() -> None:
    """Unexpected errors are logged (no personal data) and shown, not left to kill the app."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report_unexpected(QApplication.activeWindow(), kind, exc, tb)

    sys.excepthook = hook


def run_gui(services: Services, *, safe_mode: bool = False, bench_user: str | None = None) -> int:
    """Start the desk application over built services; returns the exit code."""
    started = time.perf_counter()
    app = make_application(safe_mode=safe_mode_requested(safe_mode))
    set_language(services.settings.get(LANGUAGE))
    install_excepthook()
    tasks = TaskRunner()
    events = AppEvents()
    if bench_user is not None:
        actor = services.users.actor(bench_user)
    else:
        login = LoginDialog(services.users, tasks)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        actor = login.actor
    window = build_window(services, tasks, events, actor, services.db_path.parent / "ui-state.ini")
    window.show()
    watchdog = BlockWatchdog(window)
    watchdog.start()
    window.sync_loop.start()
    if bench_user is not None:
        QTimer.singleShot(0, lambda: _report_ready(started, app))
    else:
        # Load the printing modules while the officer starts typing, not at the first print.
        threading.Thread(target=lambda: services.printing, name="warm-printing", daemon=True).start()
    code = app.exec()
    tasks.shutdown()
    return code


def build_window(
    services: Services, tasks: TaskRunner, events: AppEvents, actor: Actor, state_file: Path | None
) -> MainWindow:
    """The main window over built services (tests call this too)."""
    return MainWindow(services, tasks, events, actor, state_file)


def _report_ready(started: float, app: QApplication) -> None:
    sys.stdout.write(f"ready {time.perf_counter() - started:.3f}\n")
    sys.stdout.flush()
    app.quit()
