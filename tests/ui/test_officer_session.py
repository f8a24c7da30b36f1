"""Roles on screen: read-only unit settings for officers, language per officer, password change,
idle lock, log-out / change of officer (issue 14 item 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.i18n import set_language
from desk_app.services.desk import DEMO_PASSWORD
from desk_app.services.settings import IDLE_LOCK_MINUTES, LANGUAGE, UNIT_NAME, officer_language
from desk_app.services.users import LoginFailed, PermissionDenied
from desk_app.ui.context import ScreenContext
from desk_app.ui.dialogs.unlock import UnlockDialog
from desk_app.ui.officer_controls import IdleWatch
from desk_app.ui.officer_session import OfficerSession
from desk_app.ui.screens.settings import SettingsScreen
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from desk_app.services.container import Services
    from desk_app.ui.main_window import MainWindow

OFFICER = Actor("canbo1", Role.OFFICER)
ADMIN = Actor("admin", Role.ADMIN)


def settings_screen(services: Services, actor: Actor, window: MainWindow) -> SettingsScreen:
    ctx = ScreenContext(actor, window.ctx.events, window.ctx.tasks, window.ctx.printer)
    return SettingsScreen(services.settings, services.calendar, services.desk, ctx)


def when_dialog(act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog once it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def fill_and_accept(*texts: str) -> Callable[[QDialog], None]:
    """Type ``texts`` into the dialog's empty, editable line edits in order, then press Enter."""

    def act(dialog: QDialog) -> None:
        fields = [f for f in dialog.findChildren(QLineEdit) if not f.isReadOnly()]
        for field, text in zip(fields, texts, strict=False):
            field.setText(text)
        dialog._on_buttons_accepted()  # what Enter / the Ok button calls

    return act


def test_officer_sees_unit_identity_read_only_and_saves_only_what_is_theirs(
    services: Services, window: MainWindow
) -> None:
    screen = settings_screen(services, OFFICER, window)
    assert screen.read_only_notice.isVisibleTo(screen)
    assert all(field.isReadOnly() for field in screen.unit.values())
    assert screen.hours.isReadOnly() and not screen.idle_lock.isEnabled()
    screen.unit[UNIT_NAME.key].setText("Tên đơn vị bị sửa")
    screen.language.setCurrentIndex(screen.language.findData("en"))
    screen._on_save_button_clicked()
    assert services.settings.get(UNIT_NAME) != "Tên đơn vị bị sửa"
    assert services.settings.get(officer_language("canbo1")) == "en"
    assert services.settings.get(LANGUAGE) == "vi", "the desk's language is not the officer's"
    assert services.settings.language_for("truongbp") == "vi"


def test_admin_edits_unit_identity_and_idle_time(services: Services, window: MainWindow) -> None:
    screen = settings_screen(services, ADMIN, window)
    assert not screen.read_only_notice.isVisibleTo(screen)
    screen.unit[UNIT_NAME.key].setText("UBND xã Thử Nghiệm")
    screen.idle_lock.setValue(5)
    screen._on_save_button_clicked()
    assert services.settings.get(UNIT_NAME) == "UBND xã Thử Nghiệm"
    assert services.settings.get(IDLE_LOCK_MINUTES) == 5


def test_the_service_refuses_an_officer_renaming_the_unit(services: Services) -> None:
    with pytest.raises(PermissionDenied, match="Quản trị"):
        services.settings.change(UNIT_NAME, "Khác", OFFICER)
    assert services.settings.get(UNIT_NAME) != "Khác"


def test_own_password_change_needs_the_current_password(services: Services) -> None:
    with pytest.raises(LoginFailed):
        services.users.change_own_password(OFFICER, "sai-mat-khau", "moi-12345")
    services.users.change_own_password(OFFICER, DEMO_PASSWORD, "moi-12345")
    assert services.users.authenticate("canbo1", "moi-12345") == OFFICER
    with pytest.raises(LoginFailed):
        services.users.authenticate("canbo1", DEMO_PASSWORD)


def test_change_password_from_the_officer_menu(services: Services, window: MainWindow, messages: Any) -> None:
    when_dialog(fill_and_accept(DEMO_PASSWORD, "moi-12345", "moi-12345"))
    window.officer.password_action.trigger()
    assert messages.shown[-1] == "Đã đổi mật khẩu."
    assert services.users.authenticate("canbo1", "moi-12345") == OFFICER


def test_idle_watch_fires_after_the_set_minutes_and_input_resets_it(qtbot: Any) -> None:
    now = [0.0]
    watch = IdleWatch(lambda: 10, clock=lambda: now[0])
    fired: list[bool] = []
    watch.sig_idle.connect(lambda: fired.append(True))
    now[0] = 9 * 60
    watch.check()
    assert not fired
    watch.last_input = now[0]  # the officer typed
    now[0] += 9 * 60
    watch.check()
    assert not fired
    now[0] += 61
    watch.check()
    assert fired == [True]
    never = IdleWatch(lambda: 0, clock=lambda: now[0])
    never.sig_idle.connect(lambda: fired.append(False))
    now[0] += 10_000
    never.check()
    assert fired == [True]


def test_a_locked_screen_hides_the_data_ignores_escape_and_opens_with_the_password(
    window: MainWindow,
) -> None:
    seen: dict[str, object] = {}

    def escape_then_password(dialog: QDialog) -> None:
        seen["content_hidden"] = not window.splitter.isVisible()
        assert isinstance(dialog, UnlockDialog)
        dialog.reject()  # Escape
        seen["still_open_after_escape"] = dialog.isVisible()
        dialog.password.setText(DEMO_PASSWORD)
        dialog._on_buttons_accepted()

    when_dialog(escape_then_password)
    window.officer.lock()
    assert seen == {"content_hidden": True, "still_open_after_escape": True}
    assert window.splitter.isVisible() and not window.officer.locked


def test_log_out_brings_the_login_and_the_next_officer_gets_their_own_window_and_language(
    services: Services, qtbot: Any, tmp_path: Path
) -> None:
    services.settings.set(officer_language("truongbp"), "en", "truongbp")
    session = OfficerSession(services, TaskRunner(immediate=True), tmp_path / "ui-state.ini")
    first = session.open(OFFICER)
    assert "canbo1" in first.officer.button.text()
    closed: list[bool] = []
    first.destroyed.connect(lambda: closed.append(True))
    when_dialog(fill_and_accept("truongbp", DEMO_PASSWORD))
    first.officer.log_out_action.trigger()
    second = session.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: closed == [True])  # the first officer's window is gone, not hidden
    assert "truongbp" in second.officer.button.text()
    assert "Officer: truongbp" in second.officer.button.text()  # English, truongbp's choice
    assert session.logins == 2
    second.close()
    set_language("vi")


def test_ctrl_l_is_the_log_out_shortcut(window: MainWindow) -> None:
    assert window.officer.log_out_action.shortcut().toString() == "Ctrl+L"
    assert window.officer.log_out_action in window.actions()


def test_qt_calendar_names_follow_the_officers_language(
    services: Services, qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QCalendarWidget

    session = OfficerSession(services, TaskRunner(immediate=True), tmp_path / "ui-state.ini")
    window = session.open(OFFICER)
    qtbot.addWidget(window)
    calendar = QCalendarWidget()
    assert calendar.locale().language() == QLocale.Language.Vietnamese
    assert "12" in calendar.locale().monthName(12) and "December" not in calendar.locale().monthName(12)
    assert calendar.locale().dayName(1) == "Thứ Hai"


def test_a_supervisor_edits_the_quick_reasons_the_dialogs_offer(
    services: Services, window: MainWindow
) -> None:
    from desk_app.core.workflow import Action
    from desk_app.services.settings import QUICK_REASONS

    officer_screen = settings_screen(services, OFFICER, window)
    assert all(box.isReadOnly() for box in officer_screen.reasons.boxes.values())
    screen = settings_screen(services, Actor("truongbp", Role.SUPERVISOR), window)
    box = screen.reasons.boxes[QUICK_REASONS[Action.RESCHEDULE].key]
    box.setPlainText("Chờ kết quả xác minh của Công an xã\n\n  Cần lấy ý kiến Phòng Tư pháp  ")
    screen._on_save_button_clicked()
    assert services.settings.quick_reasons(Action.RESCHEDULE) == [
        "Chờ kết quả xác minh của Công an xã",
        "Cần lấy ý kiến Phòng Tư pháp",
    ]
    assert window.ctx.reasons(Action.RESCHEDULE)[0] == "Chờ kết quả xác minh của Công an xã"
    with pytest.raises(PermissionDenied):
        services.settings.change(QUICK_REASONS[Action.REFUSE], "x", OFFICER)
