"""Scans from any screen, Telex typing next to scans, handover batches, returns, actions from the lookup."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard, Messages, answer_next_dialog
from tests.ui.helpers import accepted, finished
from tests.ui.test_reception_flow import CCCD_QR, OFFICER
from tests.unit.printing.pdfcheck import barcodes, text_of


def test_a_scan_keeps_what_was_typed_in_the_focused_field(window: MainWindow, keyboard: Keyboard) -> None:
    screen = window.reception
    phone = screen.applicant.fields["phone"]
    phone.setFocus()
    keyboard.type("0901")
    keyboard.scan(CCCD_QR)
    assert screen.form.name == "Nguyễn Văn Bình"
    assert phone.text() == "0901"  # the burst went into the phone field and was taken back out
    assert screen.form.phone == "0901"


def test_telex_composition_is_typing_not_a_scan(
    window: MainWindow, keyboard: Keyboard, messages: Messages
) -> None:
    name = window.reception.applicant.fields["name"]
    name.setFocus()
    for piece in ("Ng", "uy", "ễ", "n", " V", "ă", "n", " Bình"):
        keyboard.commit(piece)
    keyboard.press(Qt.Key.Key_Return)
    assert name.text() == "Nguyễn Văn Bình"
    assert messages.shown == []


def test_a_dossier_code_scanned_on_the_reception_screen_opens_it(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    window.show_screen(1)
    window.reception.applicant.fields["name"].setFocus()
    keyboard.type("Lê")
    keyboard.scan(code)
    assert window.current_screen() is window.lookup
    assert window.lookup.detail.detail is not None
    assert window.lookup.detail.detail.summary.code == code
    assert window.reception.form.name == "Lê"  # the half-typed reception is untouched


def test_an_unknown_scan_says_what_it_expected(
    window: MainWindow, keyboard: Keyboard, messages: Messages
) -> None:
    window.reception.applicant.fields["name"].setFocus()
    keyboard.scan("HELLO-WORLD-1234")
    assert messages.shown
    assert "mã hồ sơ" in messages.shown[-1]


def test_a_scanned_stack_becomes_one_handover_batch(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    codes = accepted(services, 3)
    window.show_screen(3)
    screen = window.handover
    screen.department.setFocus()
    keyboard.type("Công chức Tư pháp - Hộ tịch")
    for code in [*codes, codes[0]]:  # the same paper scanned twice counts once
        keyboard.scan(code)
    assert screen.model.rowCount() == 3
    assert f"Hồ sơ {codes[0]} đã có trong lần bàn giao này (quét trùng)" in screen.count_label.text()
    answer_next_dialog(keyboard)
    screen.submit_button.click()
    batch = screen.last_batch
    assert batch is not None
    assert sorted(batch.codes) == sorted(codes)
    for code in codes:
        detail = services.dossiers.show(code, OFFICER)
        assert detail.summary.status == DossierStatus.PROCESSING
        assert detail.department == "Công chức Tư pháp - Hộ tịch"
    slip = window.printer.shown[-1]
    assert slip.document == "handover-batch"
    assert batch.label in text_of(slip.pdf)
    decoded = {text for _fmt, text in barcodes(slip.pdf, 0, 200)}
    assert set(codes) <= decoded


def test_a_handover_with_no_department_changes_nothing(
    window: MainWindow, keyboard: Keyboard, services: Services, messages: Messages
) -> None:
    (code,) = accepted(services)
    window.show_screen(3)
    window.handover.code_entry.setFocus()
    keyboard.scan(code)
    window.handover.submit_button.click()
    assert messages.shown
    assert services.dossiers.show(code, OFFICER).summary.status == DossierStatus.RECEIVED
    assert window.handover.model.rowCount() == 1  # still there to fix and retry


def test_return_of_the_result(
    window: MainWindow, keyboard: Keyboard, services: Services, messages: Messages
) -> None:
    code = finished(services)
    window.show_screen(4)
    screen = window.returns
    screen.code_entry.setFocus()
    keyboard.scan(code)
    assert screen.return_button.isEnabled()
    assert screen.collector.text() == "Trần Thị Bích Ngọc"  # proposed from the dossier, editable
    screen.collector.selectAll()
    keyboard.type("Trần Văn Nam")
    screen.collector_id.clear()
    screen.collector_id.setFocus()
    keyboard.type("079090001234")
    screen.proxy.setChecked(True)
    screen.authorisation.setFocus()
    keyboard.type("UQ-15/2026")
    keyboard.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    detail = services.dossiers.show(code, OFFICER)
    assert detail.summary.status == DossierStatus.RETURNED, messages.shown
    returned = next(e for e in detail.events if e.action == Action.RETURN_RESULT.value)
    assert returned.data["collector"] == "Trần Văn Nam"
    assert "đã trả" in screen.state_label.text().lower()


def test_a_dossier_not_finished_cannot_be_returned(
    window: MainWindow, keyboard: Keyboard, services: Services
) -> None:
    (code,) = accepted(services)
    window.show_screen(4)
    window.returns.code_entry.setFocus()
    keyboard.scan(code)
    assert not window.returns.return_button.isEnabled()
    assert "Chưa trả được" in window.returns.state_label.text()


def test_reschedule_from_the_lookup_prints_the_apology(
    window: MainWindow, keyboard: Keyboard, services: Services, monkeypatch
) -> None:
    from desk_app.ui.dialogs.action_dialog import ActionDialog

    (code,) = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    window.show_screen(2)
    window.lookup.search.setFocus()
    keyboard.scan(code)
    detail = window.lookup.detail.detail
    assert detail is not None
    assert Action.RESCHEDULE.value in window.lookup.detail.action_buttons
    assert list(window.lookup.detail.print_buttons) == ["receipt", "control-sheet"]  # no apology yet

    def fill_and_accept(dialog: ActionDialog) -> int:
        dialog.reason.setPlainText("Cần xác minh thêm với UBND xã nơi cư trú trước đây")
        # Wednesday 25/11/2026 10:00, a working moment after the first appointment (the desk's clock
        # says 20/11/2026); the dialog's own default follows the real clock.
        dialog.new_due.setText("25/11/2026 10:00")
        return 1

    monkeypatch.setattr(ActionDialog, "exec", fill_and_accept)
    answer_next_dialog(keyboard)
    window.lookup.detail.action_buttons[Action.RESCHEDULE.value].click()
    after = services.dossiers.show(code, OFFICER)
    assert after.reschedule_count == 1
    assert window.printer.shown[-1].document == "apology"
    assert "xác minh thêm" in text_of(window.printer.shown[-1].pdf)
    assert window.lookup.detail.detail is not None
    assert window.lookup.detail.detail.reschedule_count == 1  # the view shows the new state
    assert "apology" in window.lookup.detail.print_buttons
    assert "refusal" not in window.lookup.detail.print_buttons
