"""The first window, before the heavy imports: the login is on screen while the rest loads.

``early_start()`` needs only QtWidgets, the fonts and the stylesheet; SQLAlchemy, the services and
the printing stack are imported behind it by ``EarlyStart.keep_responsive()`` in a worker thread,
while the event loop keeps the login alive (the officer can type). It also takes the
single-instance lock: a second launch on the same data folder shows the running window and quits.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desk_app import paths
from desk_app.i18n import set_language
from desk_app.ui import qt_vi, style

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from desk_app.ui.dialogs.login import LoginDialog
    from desk_app.ui.single_instance import SingleInstance
    from desk_app.ui.tasks import TaskRunner

T = TypeVar("T")
_STARTED = time.perf_counter()
_TRANSLATORS: list[qt_vi.QtVietnameseTranslator] = []
_PINNED: list[bool] = []
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
STATE_FILE = "ui-state.ini"
LANGUAGE_KEY = "ui/language"
BENCH_T0 = "DESK_APP_BENCH_T0"  # the launcher's time.time(): milestones are printed from it


def keep_singletons_alive() -> None:
    """Make None, True and False immortal, as CPython 3.12 does (PEP 683).

    PySide6 6.12 on CPython 3.11 returns None from every void method (``setText``, ``parent()`` …)
    and True from ``Signal.emit`` without a new reference, so each call takes one reference away. After
    a few thousand calls the interpreter frees None while finalising: "Fatal Python error:
    none_dealloc" at exit (bool_dealloc for True). Their counts are raised once, out of reach.
    """
    if sys.version_info >= (3, 12) or _PINNED:
        return
    import ctypes

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field
        refcount.value += 1 << 40
    _PINNED.append(True)


def safe_mode_requested(flag: bool) -> bool:
    """``--safe-mode`` or ``DESK_APP_SAFE_MODE=1``: software rendering for old PCs and remote desktops."""
    return flag or os.environ.get("DESK_APP_SAFE_MODE", "") not in ("", "0")


def make_application(*, safe_mode: bool = False) -> QApplication:
    """The QApplication with our fonts and Qt's own strings relabelled (reuses a running one)."""
    keep_singletons_alive()
    if safe_mode:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL)
        os.environ.setdefault("QT_OPENGL", "software")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("OneStopDesk")
    if _TRANSLATORS:
        return app
    load_fonts()  # the print font, for the preview
    style.apply(app)  # Noto Sans on every OS (full Vietnamese), the palette, the stylesheet
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


def since_launch() -> float:
    """Seconds since the launcher started us (``DESK_APP_BENCH_T0``), else since this module loaded."""
    t0 = os.environ.get(BENCH_T0)
    return time.time() - float(t0) if t0 else time.perf_counter() - _STARTED


def milestone(name: str) -> None:
    """One benchmark line on stdout, when a launcher asked for them."""
    if os.environ.get(BENCH_T0) and sys.stdout is not None:
        sys.stdout.write(f"{name} {since_launch():.3f}\n")
        sys.stdout.flush()


def remembered_language(data_dir: Path) -> str | None:
    """The desk's language as the last run saw it (the database is not open yet)."""
    value = QSettings(str(data_dir / STATE_FILE), QSettings.Format.IniFormat).value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value else None


def remember_language(data_dir: Path, language: str) -> None:
    """Kept for the next launch's login, shown before the database is opened."""
    state = QSettings(str(data_dir / STATE_FILE), QSettings.Format.IniFormat)
    if state.value(LANGUAGE_KEY) != language:
        state.setValue(LANGUAGE_KEY, language)
        state.sync()


class EarlyStart:
    """The QApplication, the single-instance lock, the task runner and the login already on screen."""

    def __init__(self, app: QApplication, instance: SingleInstance, tasks: TaskRunner) -> None:
        self.app = app
        self.instance = instance
        self.tasks = tasks
        self.login: LoginDialog | None = None

    def show_login(self) -> LoginDialog:
        """The login, before any service exists; a password typed now is checked once they do."""
        from desk_app.ui.dialogs.login import LoginDialog

        self.login = LoginDialog(None, self.tasks)
        self.login.show()
        QTimer.singleShot(0, lambda: milestone("login"))
        return self.login

    def keep_responsive(self, work: Callable[[], T]) -> T:
        """Run ``work`` (imports, mostly) in a thread while the login stays responsive."""
        results: list[T] = []
        errors: list[BaseException] = []

        def run() -> None:
            try:
                results.append(work())
            except BaseException as exc:  # re-raised on the GUI thread
                errors.append(exc)

        thread = threading.Thread(target=run, name="start-up")
        thread.start()
        while thread.is_alive():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            thread.join(0.01)
        if errors:
            raise errors[0]
        return results[0]


def early_start(db_path: Path, *, safe_mode: bool = False) -> EarlyStart | None:
    """The app and the login on screen; None when another instance owns ``db_path``'s folder."""
    from desk_app.ui.single_instance import SingleInstance, bring_to_front
    from desk_app.ui.tasks import TaskRunner

    app = make_application(safe_mode=safe_mode_requested(safe_mode))
    data_dir = db_path.parent
    instance = SingleInstance(data_dir)
    if not instance.claim():
        return None
    instance.sig_raise_requested.connect(bring_to_front)
    language = remembered_language(data_dir)
    if language:
        set_language(language)
    early = EarlyStart(app, instance, TaskRunner())
    early.show_login()
    return early
