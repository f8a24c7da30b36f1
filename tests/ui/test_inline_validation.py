"""Validation as the officer types: letters never enter the phone, a faulty ID is marked under the form,
and a decision with a faulty field puts the cursor there instead of popping a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages
from tests.ui.test_reception_flow import CTRL


def test_letters_never_enter_the_phone(window: MainWindow, keyboard: Keyboard) -> None:
    screen = window.reception
    window.show_screen(screen)
    screen.applicant.fields["phone"].setFocus()
    keyboard.type("09a01b234567")
    assert screen.applicant.fields["phone"].text() == "0901234567"


def test_an_eleven_digit_id_is_marked_and_never_accepted(
    window: MainWindow, keyboard: Keyboard, messages: Messages, services: Services
) -> None:
    screen = window.reception
    window.show_screen(screen)
    screen.applicant.fields["name"].setFocus()
    keyboard.type("Lê Văn Cường")
    screen.applicant.fields["id_number"].setFocus()
    keyboard.type("00109012345")
    assert "12 chữ số" in screen.applicant.hint.text()
    assert "#c62828" in screen.applicant.fields["id_number"].styleSheet()
    screen.picker.search.setFocus()
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_D, CTRL)
    keyboard.press(Qt.Key.Key_Return, CTRL)  # accept: refused by the field, not by a dialog
    assert screen.last_outcome is None
    assert messages.shown == []
    assert QApplication.focusWidget() is screen.applicant.fields["id_number"]
    screen.applicant.fields["id_number"].selectAll()
    keyboard.type("001090123456")
    assert screen.applicant.hint.text() == ""
