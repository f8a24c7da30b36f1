"""Hôm nay is the first screen: today's lists with their counts, and Enter opens a dossier."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desk_app.core.clock import FixedClock
from desk_app.core.today import TodayGroup
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.helpers import accepted
from tests.ui.test_reception_flow import OFFICER


def test_the_home_screen_lists_what_today_holds_and_opens_a_dossier(
    window: MainWindow, keyboard: Keyboard, services: Services, clock: FixedClock
) -> None:
    due_today, ready = accepted(services, 2)  # same-day procedure: due 17:00 today
    for code in (ready,):
        services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
        services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department="Tư pháp"), OFFICER)
        services.dossiers.act(code, ActionRequest(Action.FINISH), OFFICER)
    assert window.current_screen() is window.today  # the first screen after login
    window.today.refresh()
    groups = window.today.overview.groups if window.today.overview else {}
    assert [d.code for d in groups[TodayGroup.DUE_TODAY]] == [due_today]
    assert [d.code for d in groups[TodayGroup.READY]] == [ready]
    titles = [window.today.groups.item(i).text() for i in range(window.today.groups.count())]
    assert titles[1] == "Đến hạn hôm nay (1)"
    assert "việc chờ gửi" in window.today.sync_label.text()  # offline: the data is safe, it will be sent
    window.today.groups.setCurrentRow(1)
    assert window.today.model.data(window.today.model.index(0, 1)).startswith("còn ")
    window.today.table.setFocus()
    keyboard.press(Qt.Key.Key_Return, widget=window.today.table)
    assert window.current_screen() is window.lookup
    assert window.lookup.detail.detail is not None and window.lookup.detail.detail.summary.code == due_today


def test_an_overdue_dossier_says_by_how_much(
    window: MainWindow, services: Services, clock: FixedClock
) -> None:
    (code,) = accepted(services)
    clock.advance(timedelta(days=3, hours=2))  # Friday 09:30 → Monday 11:30; due Friday 17:00
    window.today.refresh()
    overview = window.today.overview
    assert overview is not None
    assert [d.code for d in overview.groups[TodayGroup.OVERDUE]] == [code]
    window.today.groups.setCurrentRow(0)
    assert window.today.model.data(window.today.model.index(0, 1)) == "quá 2 ngày 18 giờ"
