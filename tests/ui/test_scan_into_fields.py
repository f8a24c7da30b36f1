"""A scan while the focus is in a date, number or choice field is taken back out and still recognised."""

from __future__ import annotations

from PySide6.QtCore import QDate

from desk_app.core.errors import InvalidInput
from desk_app.services.container import Services
from desk_app.ui.errors import show_error
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages
from tests.ui.helpers import accepted


def test_a_scan_in_a_date_field_leaves_the_date_and_opens_the_dossier(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    settings = window.settings_screen
    window.show_screen(window.stack.indexOf(settings))
    settings.override_day.setDate(QDate(2026, 12, 24))
    settings.override_day.setFocus()
    keyboard.scan(code)
    assert settings.override_day.date() == QDate(2026, 12, 24)  # not 01/09/5726
    assert window.current_screen() is window.lookup
    assert window.lookup.detail.detail is not None
    assert window.lookup.detail.detail.summary.code == code


def test_a_scan_in_a_choice_field_leaves_the_choice(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    settings = window.settings_screen
    window.show_screen(window.stack.indexOf(settings))
    settings.override_kind.setCurrentIndex(1)
    settings.override_kind.setFocus()
    keyboard.scan(code)
    assert settings.override_kind.currentIndex() == 1
    assert window.lookup.detail.detail is not None


def test_a_screen_not_on_show_never_pops_a_refusal(window: MainWindow, messages: Messages) -> None:
    window.show_screen(window.today)
    show_error(window.register, InvalidInput("Ngày không hợp lệ"))  # a reload behind the screen in use
    assert messages.shown == []
    window.show_screen(window.register)
    show_error(window.register, InvalidInput("Ngày không hợp lệ"))
    assert messages.shown == ["Ngày không hợp lệ"]
