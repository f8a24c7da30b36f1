"""Trả kết quả: the dossier's own buttons work there too (they used to do nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, answer_next_dialog
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import OFFICER

DEPT = "Tư pháp - Hộ tịch"


def test_the_result_comes_back_and_is_returned_from_the_returns_screen(
    window: MainWindow, keyboard: Keyboard, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    (code,) = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department=DEPT), OFFICER)
    monkeypatch.setattr(ActionDialog, "exec", lambda _dialog: 1)  # confirm as the officer would
    window.show_screen(4)
    window.returns.code_entry.setFocus()
    keyboard.scan(code)
    assert window.returns.return_button.text().startswith("Có kết quả và trả ngay")  # the one-step offer
    window.returns.detail.action_buttons[Action.FINISH.value].click()
    assert services.dossiers.show(code, OFFICER).summary.status == DossierStatus.FINISHED
    assert window.returns.return_button.isEnabled()  # the screen shows the new state at once
    window.returns.collector.setText("Tran Thi Bich Ngoc")
    window.returns.return_button.click()
    assert services.dossiers.show(code, OFFICER).summary.status == DossierStatus.RETURNED


def test_reprint_buttons_on_the_returns_screen_open_the_preview(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    window.show_screen(4)
    window.returns.code_entry.setFocus()
    keyboard.scan(code)
    before = len(window.printer.shown)
    answer_next_dialog(keyboard, Qt.Key.Key_Escape)  # close the preview
    window.returns.detail.print_buttons["control-sheet"].click()
    assert len(window.printer.shown) == before + 1
    assert window.printer.shown[-1].document == "control-sheet"


def test_back_from_the_department_the_result_is_recorded_and_returned_in_one_step(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    window.show_screen(4)
    window.returns.code_entry.setFocus()
    keyboard.scan(code)
    assert not window.returns.return_button.isEnabled(), "still at the department: nothing to return"
    services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department=DEPT), OFFICER)
    window.returns.code_entry.setFocus()
    keyboard.scan(code)
    assert window.returns.return_button.isEnabled()
    assert "trong một bước" in window.returns.state_label.text()
    window.returns.collector.setFocus()
    keyboard.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    detail = services.dossiers.show(code, OFFICER)
    assert detail.summary.status == DossierStatus.RETURNED
    actions = [e.action for e in detail.events][-2:]
    assert actions == [Action.FINISH.value, Action.RETURN_RESULT.value]
