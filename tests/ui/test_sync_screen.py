"""The GUI's side of sync: the loop runs through the TaskRunner, the status bar and the Đồng bộ screen
follow it, department updates show in the timeline, a clock far off central's blocks new codes."""

from __future__ import annotations

from typing import Any

import pytest

from desk_app.core.dossier import Actor
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Role
from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.central_fixtures import UNIT, ServerThread, needs_postgres
from tests.ui.conftest import Messages
from tests.ui.helpers import accepted

pytestmark = needs_postgres


def test_sync_from_the_gui(
    window: MainWindow, services: Services, central: Any, central_server: ServerThread, messages: Messages
) -> None:
    services.sync.enrol(
        central_server.url, central.admin.enrol_code(UNIT, 1), Actor("truongbp", Role.SUPERVISOR)
    )
    (code,) = accepted(services, 1)
    window.show_screen(8)
    window.sync.sig_sync_requested.emit()  # "Đồng bộ ngay"
    report = window.sync_loop.last
    assert report is not None
    assert report.ok, report.error
    assert report.acked == 1
    assert "Chờ gửi: 0" in window.sync.summary.text()
    assert "Trung tâm đã nhận: 1" in window.sync.summary.text()
    # The test desk's clock is frozen on 20/11/2026: central's clock says otherwise.
    assert "ĐỒNG HỒ LỆCH" in window.online_label.text()
    central.departments.update(code, "finished", "Tư pháp - Hộ tịch")
    window.sync_loop.run_now()
    window.show_screen(2)
    window.lookup.open(code)
    detail = window.lookup.detail.detail
    assert detail is not None
    assert detail.summary.status == 9
    actors = [
        window.lookup.detail.timeline.row_at(i).origin
        for i in range(window.lookup.detail.timeline.rowCount())
    ]
    assert "dept:Tư pháp - Hộ tịch" in actors
    # More than an hour off central's clock: no new codes until a supervisor confirms the clock.
    outcome_before = len(services.dossiers.search("Trần"))
    window.show_screen(1)
    from tests.unit.services.lifecycle import OFFICER, draft

    with pytest.raises(DomainError, match="lệch"):
        services.reception.receive(draft(services), OFFICER)
    assert len(services.dossiers.search("Trần")) == outcome_before
    services.sync.confirm_clock(Actor("truongbp", Role.SUPERVISOR))
    outcome, _changes = services.reception.receive(draft(services), OFFICER)
    assert outcome.code
