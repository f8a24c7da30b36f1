"""Action dialogs by keyboard: Tab leaves the reason, Ctrl+Enter submits, a refusal keeps what was typed,
and a new appointment starts at the next working day's closing time."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.core.clock import VN_TZ
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import OFFICER


def test_tab_leaves_the_reason_and_ctrl_enter_submits(keyboard: Keyboard) -> None:
    dialog = ActionDialog(Action.STOP)
    dialog.show()
    dialog.reason.setFocus()
    keyboard.type("Theo đề nghị")
    keyboard.press(Qt.Key.Key_Tab, widget=dialog.reason)
    assert dialog.reason.toPlainText() == "Theo đề nghị"  # no tab character typed into it
    assert not dialog.reason.hasFocus()
    keyboard.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, widget=dialog)
    assert dialog.result() == ActionDialog.DialogCode.Accepted


def test_the_new_appointment_defaults_to_the_next_working_days_closing(
    window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    (code,) = accepted(services)  # Friday 20/11/2026, due 17:00 the same day
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    assert services.dossiers.suggested_new_due(
        services.dossiers.show(code, OFFICER).summary.due_at
    ) == datetime(2026, 11, 23, 17, 0, tzinfo=VN_TZ)  # Monday: Saturday and Sunday are skipped
    seen: list[str] = []

    def look(dialog: ActionDialog) -> int:
        seen.append(dialog.new_due.text())
        return 0

    monkeypatch.setattr(ActionDialog, "exec", look)
    window.show_screen(2)
    window.lookup.open(code)
    window.lookup.detail.action_buttons[Action.RESCHEDULE.value].click()
    assert seen == ["23/11/2026 17:00"]


def test_a_refused_action_keeps_the_dialog_and_the_typed_reason(
    window: MainWindow, services: Services, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    (code,) = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    rounds: list[str] = []

    def officer(dialog: ActionDialog) -> int:
        rounds.append(dialog.reason.toPlainText())
        if len(rounds) == 1:
            dialog.reason.setPlainText("Cần xác minh nơi cư trú")
            dialog.new_due.setText("21/11/2026 10:00")  # a Saturday: refused
            return 1
        dialog.new_due.setText("25/11 10h")  # the short form
        return 1

    monkeypatch.setattr(ActionDialog, "exec", officer)
    monkeypatch.setattr("desk_app.ui.dossier_actions.reprint", lambda *_args: None)
    window.show_screen(2)
    window.lookup.open(code)
    window.lookup.detail.action_buttons[Action.RESCHEDULE.value].click()
    QApplication.processEvents()
    assert rounds == ["", "Cần xác minh nơi cư trú"]  # shown again with the reason still typed
    assert any("không phải giờ làm việc" in m for m in messages.shown)
    assert services.dossiers.show(code, OFFICER).reschedule_count == 1


def test_quick_picks_fill_the_reason_and_an_unreadable_date_keeps_the_dialog(window: MainWindow) -> None:
    reasons = window.ctx.reasons(Action.RESCHEDULE)
    assert reasons, "the common reschedule reasons ship with the desk"
    dialog = ActionDialog(Action.RESCHEDULE, window, reasons=reasons)
    dialog.show()
    dialog.quick.setCurrentIndex(2)
    dialog.quick.activated.emit(2)
    assert dialog.reason.toPlainText() == reasons[1]
    dialog.quick.activated.emit(1)
    assert dialog.reason.toPlainText() == f"{reasons[1]}\n{reasons[0]}"  # a second pick is added below
    dialog.new_due.setText("31/11")
    dialog.accept()
    assert dialog.isVisible() and "không có thật" in dialog.problem.text()
    dialog.new_due.setText("15/12 16:30")
    dialog.accept()
    assert dialog.result() == ActionDialog.DialogCode.Accepted
    request = dialog.request()
    assert request.new_due_at is not None and (request.new_due_at.day, request.new_due_at.hour) == (15, 16)
