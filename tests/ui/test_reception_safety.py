"""Another citizen's card over a half-typed reception asks first and leaves nothing of the first
citizen; Ctrl+N can be taken back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages
from tests.ui.test_reception_flow import CCCD_QR, CTRL

OTHER_CARD = "079198001234|023456789|Trần Thị Bích Ngọc|02021998|Nữ|Phường Bến Nghé, TP. Hồ Chí Minh|10052022"


@pytest.mark.parametrize("replace_it", [True, False])
def test_a_second_card_asks_and_clears_every_personal_field(
    window: MainWindow,
    keyboard: Keyboard,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
    replace_it: bool,
) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()
    keyboard.scan(CCCD_QR)
    screen.applicant.fields["phone"].setFocus()
    keyboard.type("0912345678")
    asked: list[str] = []
    monkeypatch.setattr(
        "desk_app.ui.screens.reception.ask", lambda _p, title, _t: asked.append(title) or replace_it
    )
    keyboard.scan(OTHER_CARD)
    assert asked == ["Thay người nộp?"]
    if replace_it:
        assert (screen.form.name, screen.form.id_number) == ("Trần Thị Bích Ngọc", "079198001234")
        assert screen.form.phone == ""  # nothing of the first citizen stays
        assert screen.applicant.fields["phone"].text() == ""
    else:
        assert (screen.form.name, screen.form.phone) == ("Nguyễn Văn Bình", "0912345678")


def test_the_same_card_again_asks_nothing(window: MainWindow, keyboard: Keyboard, services: Services) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()
    keyboard.scan(CCCD_QR)
    keyboard.scan(CCCD_QR)
    assert screen.form.name == "Nguyễn Văn Bình"


def test_ctrl_n_by_mistake_is_undone(window: MainWindow, keyboard: Keyboard) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()
    keyboard.scan(CCCD_QR)
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    assert screen.form.procedure_code == "1.001193"
    keyboard.press(Qt.Key.Key_N, CTRL)
    assert screen.form.is_empty
    assert "Đã xoá hồ sơ đang nhập của Nguyễn Văn Bình" in screen.last_decision.label.text()
    screen.last_decision.undo_button.click()
    assert screen.form.name == "Nguyễn Văn Bình"
    assert screen.form.procedure_code == "1.001193"
