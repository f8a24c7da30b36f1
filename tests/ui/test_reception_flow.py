"""A full reception driven only by key events and a scanner burst; then the other two decisions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.core.dossier import Actor
from desk_app.core.paper_names import without_list_mark
from desk_app.core.workflow import DossierStatus, Role
from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages, answer_next_dialog
from tests.unit.printing.pdfcheck import squeezed
from tests.unit.printing.pdfcheck import text_of as pdf_text

CCCD_QR = (
    "001090123456|012345678|Nguyễn Văn Bình|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)
CTRL = Qt.KeyboardModifier.ControlModifier
OFFICER = Actor("canbo1", Role.OFFICER)


def test_standard_reception_by_keyboard_and_scan(
    window: MainWindow, keyboard: Keyboard, services: Services, tmp_path: Path
) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()

    keyboard.scan(CCCD_QR)
    assert screen.form.name == "Nguyễn Văn Bình"
    assert screen.form.id_number == "001090123456"
    assert set(screen.form.from_card) == {"name", "id_number", "address"}
    assert QApplication.focusWidget() is screen.picker.search

    keyboard.type("khai si")
    assert screen.picker.model.row_at(0).code == "1.001193"
    keyboard.press(Qt.Key.Key_Return)
    assert screen.form.procedure_code == "1.001193"
    assert not screen.accept_button.isEnabled()
    assert "Còn thiếu" in screen.status_label.text()

    keyboard.press(Qt.Key.Key_D, CTRL)
    assert screen.status_label.text() == "Đủ hồ sơ"
    assert "Hẹn trả kết quả: 17:00 ngày 20/11/2026" in screen.due_label.text()

    answer_next_dialog(keyboard)  # Enter in the preview prints
    keyboard.press(Qt.Key.Key_Return, CTRL)

    outcome = screen.last_outcome
    assert outcome is not None and outcome.outcome == "accepted" and outcome.code
    detail = services.dossiers.show(outcome.code, OFFICER)
    assert detail.summary.status == DossierStatus.RECEIVED
    assert detail.summary.applicant_name == "Nguyễn Văn Bình"
    assert detail.applicant_from_card
    assert [d.document for d in window.printer.shown] == ["receipt", "control-sheet"]
    receipt = pdf_text(window.printer.shown[0].pdf)
    assert outcome.code in receipt and "Nguyễn Văn Bình" in receipt
    assert "khai sinh" in receipt
    assert (tmp_path / "printed.pdf").stat().st_size > 1000  # the receipt went to the (PDF) printer
    assert (tmp_path / "printed-2.pdf").stat().st_size > 1000  # and the control sheet
    assert services.drafts.load("canbo1") is None
    assert screen.form.is_empty
    assert screen.last_decision.label.text() == f"Đã tiếp nhận {outcome.code}, hẹn trả 17:00 20/11/2026."
    # One scan and 11 keystrokes: 7 letters, Enter, Ctrl+D, Ctrl+Enter, Enter in the preview.
    assert keyboard.scans == 1
    assert keyboard.keystrokes == 11, keyboard.log


def test_the_next_reception_of_a_frequent_procedure_takes_four_keys(
    window: MainWindow, keyboard: Keyboard
) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()
    keyboard.scan(CCCD_QR)
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_D, CTRL)
    answer_next_dialog(keyboard)
    keyboard.press(Qt.Key.Key_Return, CTRL)
    first = keyboard.keystrokes

    keyboard.scan(CCCD_QR)
    assert screen.picker.model.row_at(0).code == "1.001193"  # the desk's most received procedure
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_D, CTRL)
    answer_next_dialog(keyboard)
    keyboard.press(Qt.Key.Key_Return, CTRL)
    assert screen.last_outcome is not None and screen.last_outcome.outcome == "accepted"
    assert keyboard.keystrokes - first == 4


def test_incomplete_dossier_prints_the_supplement_request(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    screen = window.reception
    window.show_screen(1)
    screen.applicant.fields["name"].setFocus()
    keyboard.type("Trần Thị Hoa")
    keyboard.press(Qt.Key.Key_Tab)
    screen.picker.search.setFocus()
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    assert screen.supplement_button.isEnabled() and not screen.accept_button.isEnabled()
    answer_next_dialog(keyboard, Qt.Key.Key_Escape)  # look at the preview, close it
    keyboard.press(Qt.Key.Key_B, CTRL)
    outcome = screen.last_outcome
    assert outcome is not None and outcome.outcome == "supplement" and outcome.code is None
    assert outcome.missing
    assert [d.document for d in window.printer.shown] == ["supplement"]
    assert screen.last_decision.label.text().startswith("Đã lập phiếu yêu cầu bổ sung HDHS-2026-1-")
    text = pdf_text(window.printer.shown[0].pdf)
    for missing in outcome.missing:
        assert squeezed(without_list_mark(missing.name)) in squeezed(text)
    detail = services.dossiers.show(outcome.id, OFFICER)
    assert detail.summary.status == DossierStatus.SUPPLEMENT_REQUESTED


def test_refusal_asks_for_the_reason_and_prints_the_slip(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desk_app.ui.dialogs.action_dialog import ActionDialog

    def give_reason() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ActionDialog):
            QTimer.singleShot(10, give_reason)
            return
        dialog.activateWindow()  # the offscreen platform activates a dialog only when asked
        QApplication.processEvents()
        keyboard.type("Thủ tục không thuộc thẩm quyền của xã", widget=dialog.reason)
        answer_next_dialog(keyboard, Qt.Key.Key_Escape)  # the preview that follows
        keyboard.press(Qt.Key.Key_Return, CTRL, widget=dialog)

    screen = window.reception
    window.show_screen(screen)
    screen.applicant.fields["name"].setFocus()
    keyboard.type("Lê Văn Cường")
    screen.picker.search.setFocus()
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    QTimer.singleShot(0, give_reason)
    keyboard.press(Qt.Key.Key_R, CTRL)
    outcome = screen.last_outcome
    assert outcome is not None and outcome.outcome == "refused"
    assert "không thuộc thẩm quyền" in pdf_text(window.printer.shown[-1].pdf)
    assert services.dossiers.show(outcome.id, OFFICER).summary.status == DossierStatus.REFUSED


def test_a_refusal_with_no_reason_changes_nothing(
    window: MainWindow, keyboard: Keyboard, messages: Messages, services: Services, monkeypatch
) -> None:
    from desk_app.ui.dialogs.action_dialog import ActionDialog

    def blank_reason(dialog: ActionDialog) -> int:
        dialog.reason.setPlainText("   ")
        return 1

    monkeypatch.setattr(ActionDialog, "exec", blank_reason)
    screen = window.reception
    window.show_screen(screen)
    screen.applicant.fields["name"].setFocus()
    keyboard.type("Lê Văn Cường")
    screen.picker.search.setFocus()
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_R, CTRL)
    assert screen.last_outcome is None
    assert messages.shown and "lý do" in messages.shown[-1]
    assert services.dossiers.search("Lê Văn Cường") == []
    assert screen.form.name == "Lê Văn Cường"  # the form is kept for the officer to fix


def test_a_fallback_handed_in_instead_of_the_paper_is_recorded_as_such(window: MainWindow) -> None:
    """1.001193 item 5: the witness statement instead of the Giấy chứng sinh is one tick under it."""
    from PySide6.QtCore import Qt as _Qt

    screen = window.reception
    screen._on_picker_procedure_chosen("1.001193")
    screen._on_complete_button_clicked()
    paper = screen.checklist._items[5]
    assert paper.childCount() == 2
    witness = paper.child(0)
    assert "người làm chứng" in witness.text(0)
    witness.setCheckState(0, _Qt.CheckState.Checked)
    assert paper.checkState(0) == _Qt.CheckState.Unchecked  # the paper itself was not handed in
    tick = screen.checklist.ticks()[5]
    assert (tick.received, tick.substitute) == (True, 1)
    assert screen.form.ticks[5].substitute == 1
    items = screen._items
    answer = next(a for a in screen.form.answers(items) if a.position == 5)
    assert answer.substitute == 1
    assert screen.form.evaluate(items).complete
    paper.setCheckState(0, _Qt.CheckState.Checked)  # the paper after all: the fallback is unticked
    assert screen.checklist.ticks()[5].substitute == 0
