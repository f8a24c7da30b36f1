"""Every table model through qtmodeltester; lazy register; reports; settings; catalogue; sync view."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex

from desk_app.core.calendar import CalendarOverride, OverrideKind
from desk_app.core.dossier import Actor
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Role
from desk_app.services.changes import Changes
from desk_app.services.container import Services
from desk_app.services.settings import AUTO_PRINT, PAPER, UNIT_NAME
from desk_app.ui.context import ScreenContext
from desk_app.ui.main_window import MainWindow
from desk_app.ui.qmodels.dossiers import DossierTableModel
from desk_app.ui.qmodels.table import DtoTableModel
from desk_app.ui.screens.register import RegisterTableModel, register_columns
from desk_app.ui.screens.reports import bieu06_columns
from desk_app.ui.screens.settings import SettingsScreen, override_columns, parse_cutoff, parse_hours
from desk_app.ui.screens.sync import outbox_columns
from desk_app.ui.widgets.dossier_detail import event_columns
from desk_app.ui.widgets.procedure_picker import procedure_columns
from tests.ui.conftest import Messages
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import OFFICER


def test_every_table_model_passes_the_model_tester(qtmodeltester: Any, services: Services) -> None:
    codes = accepted(services, 3)
    detail = services.dossiers.show(codes[0], OFFICER)
    dossiers = DossierTableModel()
    dossiers.set_rows(services.dossiers.search("Trần"))
    models = [
        dossiers,
        DtoTableModel(event_columns(), list(detail.events)),
        DtoTableModel(procedure_columns(), services.catalogue.search("khai sinh")),
        DtoTableModel(bieu06_columns(), services.reports.bieu06(date(2026, 11, 1), date(2026, 11, 30))),
        DtoTableModel(outbox_columns(), services.outbox.recent()),
        DtoTableModel(
            override_columns(), [CalendarOverride(date(2026, 12, 31), OverrideKind.DAY_OFF, "TB 1")]
        ),
        DtoTableModel(event_columns(), []),
    ]
    for model in models:
        qtmodeltester.check(model, force_py=True)
    lazy = RegisterTableModel(
        register_columns(),
        lambda offset, limit: services.reports.register(
            date(2026, 11, 1), date(2026, 11, 30), offset=offset, limit=limit
        ),
        page=2,
    )
    lazy.reload()
    qtmodeltester.check(lazy, force_py=True)
    assert dossiers.rowCount() == 3


def test_the_register_fetches_page_by_page(services: Services) -> None:
    accepted(services, 5)
    calls: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list[Any]:
        calls.append((offset, limit))
        return services.reports.register(date(2026, 11, 1), date(2026, 11, 30), offset=offset, limit=limit)

    model = RegisterTableModel(register_columns(), fetch, page=2)
    model.reload()
    assert model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 5
    assert calls == [(0, 2), (2, 2), (4, 2)]
    assert [model.row_at(i).number for i in range(5)] == [1, 2, 3, 4, 5]


def test_register_screen_filters_and_exports(window: MainWindow, services: Services, tmp_path: Any) -> None:
    accepted(services, 2)
    window.show_screen(5)
    screen = window.register
    screen.period.set_period(date(2026, 11, 1), date(2026, 11, 30))
    assert screen.model.rowCount() == 2
    screen.status.setCurrentIndex(screen.status.findData(10))  # returned: none yet
    assert screen.model.rowCount() == 0
    screen.exporter.target = str(tmp_path / "so.xlsx")
    screen._export("xlsx")
    assert (tmp_path / "so.xlsx").read_bytes()[:2] == b"PK"
    screen.exporter.target = str(tmp_path / "so.pdf")
    screen._export("pdf")
    assert (tmp_path / "so.pdf").read_bytes()[:4] == b"%PDF"


def test_reports_screen_counts_and_draws(window: MainWindow, services: Services) -> None:
    accepted(services, 3)
    window.show_screen(6)
    screen = window.reports
    screen.period.set_period(date(2026, 11, 1), date(2026, 11, 30))
    screen.refresh()
    total = screen.model.row_at(screen.model.rowCount() - 1)
    assert total.received_total == 3
    assert sum(value for _label, value, _colour in screen.chart.bars) == total.in_progress_total + (
        total.early + total.on_time + total.late
    )
    image = screen.chart.grab().toImage()
    assert image.width() > 0


def test_settings_are_saved_and_refused_when_wrong(
    window: MainWindow, services: Services, messages: Messages
) -> None:
    window.show_screen(9)
    screen = SettingsScreen(
        services.settings,
        services.calendar,
        services.desk,
        ScreenContext(Actor("admin", Role.ADMIN), window.ctx.events, window.ctx.tasks, window.printer),
    )  # the unit's identity and hours are the admin's (an officer's screen shows them read-only)
    screen.unit[UNIT_NAME.key].setText("Trung tâm Phục vụ hành chính công xã Hòa Bình")
    screen.papers["receipt"].setCurrentText("A4")
    screen.auto_print.setChecked(True)
    screen._on_save_button_clicked()
    assert services.settings.get(UNIT_NAME) == "Trung tâm Phục vụ hành chính công xã Hòa Bình"
    assert services.settings.get(PAPER["receipt"]) == "A4"
    assert services.settings.get(AUTO_PRINT) is True
    before = services.calendar.current_rules()
    screen.hours.setText("7:30-11:30 13:30-17:00")  # missing comma
    screen._on_save_hours_button_clicked()
    assert messages.shown
    assert "07:30-11:30" in messages.shown[-1]
    assert services.calendar.current_rules() == before


def test_parse_hours_and_cutoff() -> None:
    assert parse_hours("07:30-11:30, 13:30-17:00")[1][1].hour == 17
    assert parse_cutoff("") is None
    assert parse_cutoff("15:00") is not None
    for bad in ("25:00", "15h"):
        with pytest.raises(InvalidInput, match="15:00"):
            parse_cutoff(bad)


def test_catalogue_screen_shows_the_published_components(window: MainWindow) -> None:
    window.show_screen(7)
    screen = window.catalogue
    screen.picker.search.setText("khai sinh")
    screen.show_procedure(screen.picker.model.row_at(0).code)
    html = screen.view.toPlainText()
    assert "1.001193" in html
    assert "Tờ khai" in html


def test_sync_screen_lists_the_outbox(window: MainWindow, services: Services) -> None:
    accepted(services, 2)
    window.show_screen(8)
    screen = window.sync
    screen.refresh()
    assert screen.model.rowCount() == 2
    assert "Chờ gửi: 2" in screen.summary.text()
    window.ctx.events.sig_changed.emit(Changes.OUTBOX)  # as every GUI write does
    assert "Chờ đồng bộ: 2" in window.pending_label.text()


def test_day_close_screen(window: MainWindow, services: Services) -> None:
    accepted(services, 2)
    window.show_screen(10)
    window.day_close.day.setDate(window.day_close.day.date().fromString("20/11/2026", "dd/MM/yyyy"))
    window.day_close.refresh()
    assert window.day_close.values["received"].text() == "2"


def test_every_dossier_list_shows_a_live_time_left_badge(services: Services) -> None:
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from desk_app.core.workflow import DossierStatus
    from desk_app.ui.qmodels.dossiers import LATE, SOON

    (code,) = accepted(services)
    summary = services.dossiers.show(code, OFFICER).summary
    assert summary.due_at is not None
    now = [summary.due_at - timedelta(hours=3)]
    model = DossierTableModel(lambda: now[0])
    returned = replace(summary, status=DossierStatus.RETURNED)
    model.set_rows([summary, returned])
    badge = model.index(0, DossierTableModel.BADGE)
    assert model.headerData(DossierTableModel.BADGE, Qt.Orientation.Horizontal) == "Còn / quá hạn"
    assert model.data(badge) == "còn 3 giờ"
    assert model.data(badge, Qt.ItemDataRole.ForegroundRole) == QColor(SOON)
    now[0] = summary.due_at + timedelta(days=2, hours=3)
    assert model.data(badge) == "quá 2 ngày 3 giờ"  # the same row, a minute later on the clock
    assert model.data(badge, Qt.ItemDataRole.ForegroundRole) == QColor(LATE)
    assert model.data(model.index(1, DossierTableModel.BADGE)) == "", "a finished dossier has no badge"
