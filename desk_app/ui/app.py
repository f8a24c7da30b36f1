"""The GUI's composition root: QApplication, fonts, Qt's labels in Vietnamese, excepthook, login, window."""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desk_app.services.settings import LANGUAGE
from desk_app.ui.errors import report_unexpected
from desk_app.ui.main_window import MainWindow
from desk_app.ui.officer_session import OfficerSession
from desk_app.ui.splash import (
    FONT_FILES,
    load_fonts,
    make_application,
    remember_language,
    safe_mode_requested,
    since_launch,
)
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.watchdog import BlockWatchdog

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

    from desk_app.core.dossier import Actor
    from desk_app.services.container import Services
    from desk_app.ui.events import AppEvents
    from desk_app.ui.splash import EarlyStart

log = logging.getLogger(__name__)
UI_FONT = "DeskUI"
__all__ = ["FONT_FILES", "build_window", "load_fonts", "make_application", "run_gui", "safe_mode_requested"]


def install_excepthook() -> None:
    """Unexpected errors are logged (no personal data) and shown, not left to kill the app."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report_unexpected(QApplication.activeWindow(), kind, exc, tb)

    sys.excepthook = hook


def run_gui(
    services: Services,
    *,
    safe_mode: bool = False,
    bench_user: str | None = None,
    early: EarlyStart | None = None,
) -> int:
    """Start the desk application over built services; returns the exit code.

    ``early`` carries the application and the login already on screen (``desk_app.ui.splash``).
    """
    started = time.perf_counter()
    app = early.app if early is not None else make_application(safe_mode=safe_mode_requested(safe_mode))
    install_excepthook()
    tasks = early.tasks if early is not None else TaskRunner()
    data_dir = services.db_path.parent
    remember_language(data_dir, services.settings.get(LANGUAGE))
    session = OfficerSession(services, tasks, data_dir / "ui-state.ini")
    actor = _first_officer(session, services, bench_user, early)
    if actor is None:
        tasks.shutdown()
        return 0
    session.open(actor)
    watchdog = BlockWatchdog()
    watchdog.start()
    if bench_user is not None:
        QTimer.singleShot(0, lambda: _report_ready(started, app))
    else:
        # Load the printing modules while the officer starts typing, not at the first print. A task,
        # not a daemon thread: an import still running while the interpreter finalises can crash it.
        tasks.run(lambda: services.printing, on_success=_ignore, on_error=_log_warm_failure)
    code = app.exec()
    watchdog.stop()
    tasks.shutdown()
    return code


def _first_officer(
    session: OfficerSession, services: Services, bench_user: str | None, early: EarlyStart | None
) -> Actor | None:
    """The officer of the first window: the benchmark's user, or whoever logs in."""
    login = early.login if early is not None else None
    if login is None:
        return services.users.actor(bench_user) if bench_user is not None else session.login()
    if bench_user is not None:
        login.close()
        return services.users.actor(bench_user)
    if not login.isVisible():
        return None  # closed while the application was loading
    login.set_users(services.users)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.actor


def _ignore(_value: object) -> None:
    pass


def _log_warm_failure(exc: BaseException) -> None:
    log.warning("printing modules not preloaded: %s", exc)


def build_window(
    services: Services, tasks: TaskRunner, events: AppEvents, actor: Actor, state_file: Path | None
) -> MainWindow:
    """The main window over built services (tests call this too)."""
    return MainWindow(services, tasks, events, actor, state_file)


def _report_ready(started: float, app: QApplication) -> None:
    elapsed = since_launch() if os.environ.get("DESK_APP_BENCH_T0") else time.perf_counter() - started
    sys.stdout.write(f"ready {elapsed:.3f}\n")
    sys.stdout.flush()
    app.quit()
