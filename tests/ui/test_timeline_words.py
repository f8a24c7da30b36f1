"""The timeline speaks Vietnamese: a print names its document, no identifier is shown."""

from __future__ import annotations

from desk_app.services.container import Services
from desk_app.sync.engine import SyncReport
from desk_app.ui.main_window import MainWindow
from desk_app.ui.qmodels.table import DtoTableModel
from desk_app.ui.screens.catalogue import procedure_html
from desk_app.ui.screens.sync import outbox_columns, sync_result_words
from desk_app.ui.widgets.dossier_detail import event_columns
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import OFFICER

IDENTIFIERS = ("print", "receipt", "control-sheet", "dossier.step", "dossier.printed", "dossier.received")


def test_a_print_in_the_timeline_names_its_document_and_which_print(services: Services) -> None:
    (code,) = accepted(services)
    services.printing.dossier_document("receipt", code, OFFICER)
    services.printing.dossier_document("receipt", code, OFFICER)
    model = DtoTableModel(event_columns(), services.dossiers.show(code, OFFICER).events)
    cells = [
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert "In: Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in cells
    assert "lần 2" in cells
    assert not [c for c in cells if c in IDENTIFIERS]


WORDS_NOT_SHOWN = ("dossier.", "desk-app", "same-day", "working-days", "direct:", "online:", "postal:")


def test_the_outbox_and_the_catalogue_speak_the_officers_words(
    services: Services, window: MainWindow
) -> None:
    accepted(services)
    outbox = DtoTableModel(outbox_columns(), services.outbox.recent())
    cells = [
        str(outbox.data(outbox.index(r, c)))
        for r in range(outbox.rowCount())
        for c in range(outbox.columnCount())
    ]
    assert "Tiếp nhận hồ sơ" in cells
    html = procedure_html(services.catalogue.procedure("1.001193"))
    assert "Trực tiếp:" in html
    window.show_screen(window.stack.indexOf(window.sync))
    shown = [*cells, html, window.sync.server.text()]
    assert not [w for w in WORDS_NOT_SHOWN for text in shown if w in text]


def test_sync_now_says_what_happened_offline_and_online(window: MainWindow) -> None:
    window.show_screen(window.sync)
    assert "chưa đăng ký" in sync_result_words(SyncReport(), enrolled=False)
    window.sync.result_label.clear()
    window.ctx.events.sig_sync_state.emit(SyncReport(transient=True, unreachable=True))
    assert window.sync.result_label.text()  # the desk is not enrolled here: it says so, never silence
    assert "sẽ tự gửi lại khi có mạng" in sync_result_words(SyncReport(transient=True), enrolled=True)
    assert sync_result_words(SyncReport(ok=True, acked=3, applied=2), enrolled=True) == (
        "Đã đồng bộ: gửi 3 việc, nhận 2 việc từ trung tâm."
    )
