"""The shell: navigation, the status bar and scan routing. No business logic lives here."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desk_app.core.scan import OPENS_DOSSIER, ScanKind, ScanResult
from desk_app.i18n import _
from desk_app.services.sync import CLOCK_WARN_MS
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import message
from desk_app.ui.geometry import available_area, keep_on_screen
from desk_app.ui.officer_controls import OfficerControls
from desk_app.ui.print_flow import PrintFlow
from desk_app.ui.scan_feedback import ScanFeedback
from desk_app.ui.screens.catalogue import CatalogueScreen
from desk_app.ui.screens.day_close import DayCloseScreen
from desk_app.ui.screens.handover import HandoverScreen
from desk_app.ui.screens.lookup import LookupScreen
from desk_app.ui.screens.reception import ReceptionScreen
from desk_app.ui.screens.register import RegisterScreen
from desk_app.ui.screens.reports import ReportsScreen
from desk_app.ui.screens.returns import ReturnScreen
from desk_app.ui.screens.settings import SettingsScreen
from desk_app.ui.screens.sync import SyncScreen
from desk_app.ui.screens.today import TodayScreen
from desk_app.ui.sync_loop import SyncLoop
from desk_app.ui.timefmt import show_time
from desk_app.ui.widgets.nav_panel import NavPanel
from desk_app.ui.widgets.scan_input import ScanInput

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.core.dossier import Actor
    from desk_app.services.changes import Changes
    from desk_app.services.container import Services
    from desk_app.services.printing import PrintService
    from desk_app.services.sync import SyncReport
    from desk_app.ui.events import AppEvents
    from desk_app.ui.tasks import TaskRunner


class _LazyPrinting:
    """Stands for the print service until a screen first prints (it is built then, once)."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def __getattr__(self, name: str) -> object:
        return getattr(self._services.printing, name)


class MainWindow(QMainWindow):
    """Screens on the left (Alt+1 … Alt+0), the status bar at the bottom; remembers its layout."""

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        events: AppEvents,
        actor: Actor,
        state_file: Path | None = None,
    ) -> None:
        super().__init__()
        self._services = services
        self._events = events
        self.printer = PrintFlow(services.settings, lambda: self)
        ctx = ScreenContext(
            actor, events, tasks, self.printer, services.settings.quick_reasons, services.clock.now
        )
        self.ctx = ctx
        s = services
        printing = cast("PrintService", _LazyPrinting(services))
        self.reception = ReceptionScreen(s.reception, s.catalogue, s.due_dates, s.drafts, printing, ctx)
        self.lookup = LookupScreen(s.dossiers, printing, ctx)
        self.handover = HandoverScreen(s.handover, s.dossiers, printing, ctx)
        self.returns = ReturnScreen(s.dossiers, printing, ctx)
        self.register = RegisterScreen(s.reports, printing, ctx)
        self.reports = ReportsScreen(s.reports, printing, ctx)
        self.catalogue = CatalogueScreen(s.catalogue, ctx)
        self.sync = SyncScreen(s.outbox, s.sync, ctx)
        self.settings_screen = SettingsScreen(s.settings, s.calendar, s.desk, ctx)
        self.day_close = DayCloseScreen(s.reports, printing, ctx)
        self.today = TodayScreen(s.today, ctx)
        self.screens: list[tuple[str, QWidget]] = [
            (_("Hôm nay"), self.today),
            (_("Tiếp nhận"), self.reception),
            (_("Tra cứu"), self.lookup),
            (_("Bàn giao"), self.handover),
            (_("Trả kết quả"), self.returns),
            (_("Sổ theo dõi"), self.register),
            (_("Báo cáo"), self.reports),
            (_("Danh mục TTHC"), self.catalogue),
            (_("Đồng bộ"), self.sync),
            (_("Cài đặt"), self.settings_screen),
            (_("Kết thúc ngày"), self.day_close),
        ]
        nav_icons: dict[QWidget, str] = {
            self.today: "home", self.reception: "file-import", self.lookup: "search",
            self.handover: "arrows-exchange", self.returns: "file-check", self.register: "notebook",
            self.reports: "chart-bar", self.catalogue: "list-details", self.sync: "refresh",
            self.settings_screen: "settings", self.day_close: "calendar-check",
        }  # fmt: skip
        self.nav_panel = NavPanel(services.desk.identity().unit_name, services.clock.now)
        self.nav = self.nav_panel.list
        self.stack = QStackedWidget()
        for number, (title, screen) in enumerate(self.screens, start=1):
            self.stack.addWidget(screen)
            # Alt+1 … Alt+0 and F1 … F10 reach the first ten
            self.nav_panel.add(title, nav_icons.get(screen), number if number <= 10 else None)
            if number <= 10:
                QShortcut(QKeySequence(f"Alt+{number % 10}"), self, lambda n=number - 1: self.show_screen(n))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav_panel)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([216, 1064])
        self.setCentralWidget(self.splitter)
        desk = services.desk.identity()
        self.setWindowTitle(_("Một cửa — {unit}").format(unit=desk.unit_name or desk.unit_code))
        self.officer = OfficerControls(self, services.users, services.settings, tasks, actor, self.splitter)
        self.sig_log_out = self.officer.sig_log_out
        self._desk = QLabel(_("Bàn: {unit} · dải số {slot}").format(unit=desk.unit_code, slot=desk.code_slot))
        self.online_label = QLabel(_("Ngoại tuyến (chưa đăng ký máy chủ trung tâm)"))
        self.pending_label = QLabel()
        self.calendar_label = QLabel()
        self.statusBar().addPermanentWidget(self.officer.button)
        for label in (self._desk, self.online_label, self.pending_label, self.calendar_label):
            self.statusBar().addPermanentWidget(label)
        self.scan_feedback = ScanFeedback(self.statusBar(), services.settings, self)
        events.sig_scan_verdict.connect(self.scan_feedback.signal)
        self.scan_input = ScanInput(self)
        self.scan_input.sig_scanned.connect(self._on_scan_input_scanned)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scan_input)
        self._state = QSettings(str(state_file), QSettings.Format.IniFormat) if state_file else None
        self._pending_sizes: list[int] = []
        events.sig_changed.connect(self._on_events_changed)
        events.sig_sync_state.connect(self._on_events_sync_state)
        self.sync_loop = SyncLoop(services.sync, tasks, events, self)
        self.sync.sig_sync_requested.connect(self.sync_loop.run_now)
        events.sig_open_dossier.connect(self._on_events_open_dossier)
        self._refresh_status()
        self._restore_layout()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(30_000)
        self._status_timer.timeout.connect(self._refresh_status)
        self._status_timer.start()

    def show_screen(self, screen: int | QWidget) -> None:
        """Switch to a screen, by its place in the list (as Alt+n does) or itself."""
        self.nav.setCurrentRow(screen if isinstance(screen, int) else self.stack.indexOf(screen))

    def current_screen(self) -> QWidget:
        """The screen on show."""
        return self.stack.currentWidget() or self.reception

    @Slot(object)
    def _on_scan_input_scanned(self, result: ScanResult) -> None:
        if self.officer.locked:
            return  # a scan at a locked screen opens nothing
        heard = self.scan_feedback.signals
        if result.kind not in OPENS_DOSSIER and result.kind is not ScanKind.CITIZEN_CARD:
            self._events.sig_scan_verdict.emit("unknown")  # before the message box, which waits
        self._route_scan(result)
        if self.scan_feedback.signals == heard:  # the screen found nothing to say (a duplicate would)
            self._events.sig_scan_verdict.emit("taken")

    def _route_scan(self, result: ScanResult) -> None:
        screen = self.current_screen()
        handler = getattr(screen, "handle_scan", None)
        if handler is not None and handler(result):
            return
        if result.kind in OPENS_DOSSIER:
            self.show_screen(self.lookup)
            self.lookup.open(result.code)
        elif result.kind is ScanKind.CITIZEN_CARD:
            self.show_screen(self.reception)
            self.reception.handle_scan(result)
        else:
            message(
                self,
                _("Mã quét không nhận ra"),
                result.problem
                or _("Mã vừa quét không phải mã hồ sơ, mã QR trên phiếu hẹn hay mã QR trên thẻ CCCD."),
            )

    @Slot(object)
    def _on_events_changed(self, _changes: Changes) -> None:
        self._refresh_status()

    @Slot(object)
    def _on_events_sync_state(self, report: SyncReport) -> None:
        status = self._services.sync.status()
        if not status.enrolled:
            self.online_label.setText(_("Ngoại tuyến (chưa đăng ký máy chủ trung tâm)"))
        elif report.ok:
            self.online_label.setText(
                _("Trực tuyến · đồng bộ lúc {t}").format(t=show_time(status.last_sync_ok_at))
            )
        else:
            self.online_label.setText(
                _("Ngoại tuyến · lần cuối {t}").format(t=show_time(status.last_sync_ok_at) or "—")
            )
        offset = status.clock_offset_ms
        if offset is not None and abs(offset) > CLOCK_WARN_MS:
            self.online_label.setText(
                self.online_label.text() + " · " + _("ĐỒNG HỒ LỆCH {m} PHÚT").format(m=round(offset / 60000))
            )
        self._refresh_status()

    @Slot(str)
    def _on_events_open_dossier(self, ref: str) -> None:
        self.show_screen(self.lookup)
        self.lookup.open(ref)

    @Slot()
    def _refresh_status(self) -> None:
        counts = self._services.outbox.counts()
        self.pending_label.setText(_("Chờ đồng bộ: {n}").format(n=counts.pending))
        rules = self._services.calendar.current_rules()
        self.calendar_label.setText(_("Lịch làm việc: phiên bản {v}").format(v=rules.version))

    def _restore_layout(self) -> None:
        """The last session's geometry kept on today's screen; the first time, the whole screen."""
        geometry = self._state.value("window/geometry") if self._state is not None else None
        if geometry is not None and self.restoreGeometry(geometry):
            keep_on_screen(self)
        else:
            self.setGeometry(available_area(self))
            self.setWindowState(Qt.WindowState.WindowMaximized)
        if self._state is None:
            return
        sizes = self._state.value("window/splitter_sizes")
        if isinstance(sizes, list) and all(str(v).isdigit() for v in sizes):
            self._pending_sizes = [int(v) for v in sizes]
        self.show_screen(int(str(self._state.value("window/screen", 0))))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Splitter sizes only mean something once the window has its real width."""
        super().showEvent(event)
        if self._pending_sizes:
            self.splitter.setSizes(self._pending_sizes)
            self._pending_sizes = []

    def start_session(self) -> None:
        """Start the sync loop and the idle lock once the window is on screen."""
        self.sync_loop.start()
        self.officer.idle.start()

    def end_session(self) -> None:
        """Stop what runs for this officer's session (sync loop, timers, idle lock) before a new login."""
        self.sync_loop.stop()
        self._status_timer.stop()
        self.officer.idle.stop()

    def save_layout(self) -> None:
        """Remember geometry, splitter and the screen in use."""
        if self._state is None:
            return
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/splitter_sizes", self.splitter.sizes())
        self._state.setValue("window/screen", self.nav.currentRow())
        self._state.sync()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Keep the half-typed reception and the layout."""
        self.reception.save_draft()
        self.save_layout()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scan_input)
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """F1 … F10 also switch screens (some keyboards' Alt keys are taken by Unikey)."""
        key = event.key()
        if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F10:
            self.show_screen(key - Qt.Key.Key_F1)
            return
        super().keyPressEvent(event)
