"""The shell: drafts survive a closed window, layout remembered, Vietnamese Qt labels, English, errors,
login, the preview and printing failures, the blocked-GUI watchdog."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desk_app.core.dossier import Actor
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Role
from desk_app.i18n import set_language
from desk_app.services.container import Services
from desk_app.ui import pdf_pages, qt_vi
from desk_app.ui.app import build_window
from desk_app.ui.dialogs.login import LoginDialog
from desk_app.ui.dialogs.preview import PreviewDialog
from desk_app.ui.errors import show_error
from desk_app.ui.events import AppEvents
from desk_app.ui.main_window import MainWindow
from desk_app.ui.pdf_pages import PdfPages, PrintFailed
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.watchdog import BlockWatchdog
from tests.ui.conftest import Keyboard, Messages
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import CCCD_QR, OFFICER
from tests.unit.printing.pdfcheck import barcodes


def new_window(services: Services, qtbot: Any, state: Path) -> MainWindow:
    main = build_window(services, TaskRunner(immediate=True), AppEvents(), OFFICER, state)
    qtbot.addWidget(main)
    main.show()
    return main


def test_a_half_typed_reception_survives_a_closed_window(
    window: MainWindow, keyboard: Keyboard, services: Services, qtbot: Any, tmp_path: Path
) -> None:
    screen = window.reception
    screen.applicant.fields["name"].setFocus()
    keyboard.scan(CCCD_QR)
    keyboard.type("khai si")
    keyboard.press(Qt.Key.Key_Return)
    screen.checklist.setFocus()
    keyboard.press(Qt.Key.Key_Space)  # tick the first item
    qtbot.waitUntil(
        lambda: services.drafts.load("canbo1") is not None, timeout=30_000
    )  # the debounced autosave
    ticked = dict(screen.form.ticks)
    window.close()
    again = new_window(services, qtbot, tmp_path / "ui-state.ini")
    restored = again.reception.form
    assert restored.name == "Nguyễn Văn Bình"
    assert restored.procedure_code == "1.001193"
    assert restored.ticks == ticked
    assert set(restored.from_card) == {"name", "id_number", "address"}
    assert again.reception.checklist.ticks() == ticked


def test_the_window_remembers_its_layout(
    window: MainWindow, services: Services, qtbot: Any, tmp_path: Path
) -> None:
    window.show_screen(5)
    window.move(37, 41)
    window.splitter.setSizes([260, 900])
    saved = window.splitter.sizes()
    window.close()
    again = new_window(services, qtbot, tmp_path / "ui-state.ini")
    assert again.current_screen() is again.register
    # The offscreen platform clamps positions to its small virtual screen, so only check that the
    # geometry was stored and accepted back.
    from PySide6.QtCore import QSettings

    stored = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat).value("window/geometry")
    assert stored is not None
    assert again.restoreGeometry(stored)
    settings = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    assert [int(v) for v in settings.value("window/splitter_sizes")] == saved


def test_qt_standard_strings_are_vietnamese(qapp: QApplication) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert qt_vi.vietnamese("Unknown string") is None
    # Strings we have no entry for stay Qt's own (an empty answer would blank them, e.g. paper names).
    assert QCoreApplication.translate("QPageSize", "A5") == "A5"
    box = QMessageBox(
        QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    qt_vi.relabel_message_box(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Có"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qt_vi.relabel_button_box(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"


@pytest.fixture
def english(services: Services) -> Any:
    del services  # built first: building services sets the language too
    set_language("en")
    yield
    set_language("vi")


def test_the_english_catalogue(english: None, services: Services, qtbot: Any, tmp_path: Path) -> None:
    del english
    main = new_window(services, qtbot, tmp_path / "en.ini")
    labels = [main.nav.item(i).text() for i in range(main.nav.count())]
    assert labels[0].startswith("Today")
    assert labels[1].startswith("Reception")
    assert labels[4].startswith("Return result")
    assert main.reception.accept_button.text() == "Accept and print the receipt (Ctrl+Enter)"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    main.close()


def test_a_refusal_message_changes_nothing_and_says_what_to_do(
    messages: Messages, qapp: QApplication
) -> None:
    show_error(None, InvalidInput("Cần nhập họ tên người nộp hồ sơ."))
    assert messages.shown == ["Cần nhập họ tên người nộp hồ sơ."]


def test_an_unexpected_error_is_logged_without_its_text(
    messages: Messages, caplog: pytest.LogCaptureFixture, qapp: QApplication
) -> None:
    caplog.expected_warnings = True  # type: ignore[attr-defined]
    try:
        raise ValueError("Nguyễn Văn Bình 001090123456")
    except ValueError as exc:
        show_error(None, exc)
    assert messages.shown
    assert "ngoài dự kiến" in messages.shown[-1]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in logged
    assert "001090123456" not in logged
    assert "Nguyễn" not in logged


def test_login_accepts_the_right_password_only(services: Services, qtbot: Any) -> None:
    dialog = LoginDialog(services.users, TaskRunner(immediate=True))
    qtbot.addWidget(dialog)
    dialog.username.setText("canbo1")
    dialog.password.setText("sai mật khẩu")
    dialog._on_buttons_accepted()
    assert dialog.actor is None
    assert dialog.error.text()
    assert dialog.password.text() == ""
    dialog.password.setText("demo1234")
    dialog._on_buttons_accepted()
    assert dialog.actor == Actor("canbo1", Role.OFFICER)


def test_the_preview_shows_the_exact_pdf_and_prints_it(
    services: Services, qtbot: Any, tmp_path: Path
) -> None:
    (code,) = accepted(services)
    receipt, _changes = services.printing.dossier_document("receipt", code, OFFICER)
    dialog = PreviewDialog([receipt], "Giấy hẹn")
    qtbot.addWidget(dialog)
    pages = PdfPages(receipt.pdf)
    assert dialog.page_count == pages.count
    image = pages.render(0, 200)
    assert image.pixelColor(2, 2).name() == "#ffffff"  # composited on white, not transparent
    pages.close()
    dialog.pdf_target = str(tmp_path / "out.pdf")
    dialog._printer.setCurrentIndex(0)
    dialog._on_print_button_clicked()
    assert dialog.printed
    assert {t for _f, t in barcodes((tmp_path / "out.pdf").read_bytes(), 0, 200)} >= {code}


def test_a_failed_print_keeps_the_dialog_to_retry(
    services: Services, qtbot: Any, messages: Messages, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (code,) = accepted(services)
    receipt, _changes = services.printing.dossier_document("receipt", code, OFFICER)
    dialog = PreviewDialog([receipt], "Giấy hẹn")
    qtbot.addWidget(dialog)
    dialog.show()

    def jammed(pdf: bytes, printer: QPrinter, **_: Any) -> None:
        raise PrintFailed("Máy in “HP” không sẵn sàng.")

    monkeypatch.setattr("desk_app.ui.dialogs.preview.print_pdf", jammed)
    dialog._on_print_button_clicked()
    assert not dialog.printed
    assert dialog.isVisible()
    assert "Hồ sơ vẫn được giữ nguyên" in messages.shown[-1]
    assert services.dossiers.show(code, OFFICER).summary.status == 2
    monkeypatch.setattr("desk_app.ui.dialogs.preview.print_pdf", pdf_pages.print_pdf)
    dialog.pdf_target = str(tmp_path / "retry.pdf")
    dialog._on_print_button_clicked()
    assert dialog.printed


def test_an_unreadable_document_is_refused(qapp: QApplication) -> None:
    with pytest.raises(PrintFailed):
        PdfPages(b"not a pdf")


def test_the_watchdog_logs_a_blocked_gui_thread(qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.expected_warnings = True  # type: ignore[attr-defined]
    now = [100.0]  # the watchdog's clock, in seconds: how the event loop's timing falls is ours to set
    watchdog = BlockWatchdog(clock=lambda: now[0])
    watchdog.start()
    for _tick in range(3):  # ticks on time
        now[0] += 0.050
        watchdog._on_timer_timeout()
    assert watchdog.blocks == 0
    assert not caplog.records
    now[0] += 0.350  # the GUI thread was busy for 300 ms past its tick
    watchdog._on_timer_timeout()
    watchdog.stop()
    assert watchdog.blocks == 1
    assert watchdog.worst_ms == pytest.approx(300)
    assert any("blocked" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_the_watchdog_ticks_on_the_event_loop(qtbot: Any) -> None:
    watchdog = BlockWatchdog(limit_ms=60_000)  # no real block is that long: only the ticks are seen
    ticks = []
    watchdog._timer.timeout.connect(lambda: ticks.append(1))
    watchdog.start()
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=10_000)
    watchdog.stop()
    assert watchdog.blocks == 0


def test_the_task_runner_delivers_on_the_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner()
    results: list[Any] = []
    runner.run(lambda: 6 * 7, on_success=results.append, on_error=results.append)
    runner.run(lambda: 1 / 0, on_success=results.append, on_error=lambda e: results.append(type(e)))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=30_000)
    assert 42 in results
    assert ZeroDivisionError in results
    runner.shutdown()
