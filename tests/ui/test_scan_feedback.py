"""Each scan is heard and seen: one beep and a green flash when taken, two and orange or red when the
officer must look (issue 14 item 4)."""

from __future__ import annotations

from typing import Any

from desk_app.services.container import Services
from desk_app.services.settings import SCAN_FEEDBACK
from desk_app.ui.main_window import MainWindow
from desk_app.ui.scan_feedback import ScanVerdict
from tests.ui.conftest import Keyboard, Messages
from tests.ui.helpers import accepted


def test_a_known_code_is_taken_a_repeat_is_a_duplicate_and_junk_is_unknown(
    window: MainWindow, keyboard: Keyboard, services: Services, messages: Messages, qtbot: Any
) -> None:
    (code,) = accepted(services)
    feedback = window.scan_feedback
    window.show_screen(window.handover)
    window.handover.code_entry.setFocus()
    keyboard.scan(code)
    assert feedback.last is ScanVerdict.TAKEN and feedback.beeps == 1
    assert "#2e7d32" in window.statusBar().styleSheet()
    keyboard.scan(code)
    assert feedback.last is ScanVerdict.DUPLICATE
    keyboard.scan("XYZ-KHONG-PHAI-MA-HO-SO")
    assert feedback.last is ScanVerdict.UNKNOWN
    assert "#c62828" in window.statusBar().styleSheet()
    assert messages.shown, "an unknown code is also explained"
    qtbot.waitUntil(lambda: window.statusBar().styleSheet() == "", timeout=3000)  # the flash ends


def test_the_feedback_can_be_switched_off(window: MainWindow, keyboard: Keyboard, services: Services) -> None:
    services.settings.set(SCAN_FEEDBACK, False, "canbo1")
    (code,) = accepted(services)
    window.show_screen(window.handover)
    window.handover.code_entry.setFocus()
    keyboard.scan(code)
    assert window.scan_feedback.last is None and window.scan_feedback.beeps == 0
    assert window.statusBar().styleSheet() == ""
