from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from desk_app.core.clock import FixedClock
from desk_app.core.errors import DomainError, InvalidInput, NotFound
from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.timefmt import parse_iso
from desk_app.services.users import LoginFailed, PermissionDenied
from tests.unit.services.lifecycle import OFFICER, at, counts, draft, outbox_is_gapless

DEPT = "Công chức Tư pháp - Hộ tịch"


def accepted(services: Services, code: str = "1.004873") -> str:
    outcome = services.reception.receive(draft(services, code), OFFICER)[0]
    assert outcome.code is not None
    return outcome.code


def test_the_whole_path_to_the_citizen(services: Services, clock: FixedClock) -> None:
    code = accepted(services)
    detail, _ = services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    assert (detail.summary.status, detail.summary.holder, detail.department) == (
        DossierStatus.PROCESSING,
        DEPT,
        DEPT,
    )
    clock.advance(timedelta(hours=2))
    detail, _ = services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department=DEPT), OFFICER)
    assert detail.summary.holder == "Bộ phận Một cửa"
    detail, _ = services.dossiers.act(code, ActionRequest(Action.FINISH), OFFICER)
    assert detail.finished_at == parse_iso("2026-11-20T11:30:00+07:00")
    with pytest.raises(InvalidInput, match="giấy ủy quyền"):
        services.dossiers.act(
            code, ActionRequest(Action.RETURN_RESULT, collector_name="Lê Văn Tám", proxy=True), OFFICER
        )
    detail, _ = services.dossiers.act(
        code,
        ActionRequest(
            Action.RETURN_RESULT,
            collector_name="Lê Văn Tám",
            collector_id_number="001090123456",
            proxy=True,
            authorisation="Giấy ủy quyền số 12 ngày 19/11/2026",
        ),
        OFFICER,
    )
    assert detail.summary.status == DossierStatus.RETURNED
    assert detail.returned_at == parse_iso("2026-11-20T11:30:00+07:00")
    assert [e.action for e in detail.events] == ["receive", "transfer", "receive-back", "finish", "return"]
    assert detail.events[-1].data["authorisation"] == "Giấy ủy quyền số 12 ngày 19/11/2026"
    assert detail.allowed_actions == ()
    assert "Không thể thực hiện" in detail.blocked["transfer"]
    assert outbox_is_gapless(services.db_path)


def test_refused_actions_change_nothing(services: Services) -> None:
    code = accepted(services)
    before = counts(services.db_path)
    for request, message in (
        (ActionRequest(Action.RETURN_RESULT, collector_name="A"), "Không thể thực hiện"),
        (ActionRequest(Action.TRANSFER), "cơ quan"),
        (ActionRequest(Action.STOP), "lý do"),
        (ActionRequest(Action.RESCHEDULE, reason="x"), "sau ngày hẹn cũ"),
    ):
        with pytest.raises(DomainError, match=message):
            services.dossiers.act(code, request, OFFICER)
    assert counts(services.db_path) == before
    with pytest.raises(NotFound):
        services.dossiers.act("000.00.19.H57-261120-1999", ActionRequest(Action.FINISH), OFFICER)


def test_reschedule_once_only(services: Services) -> None:
    code = accepted(services)
    old_due = services.dossiers.show(code, OFFICER).summary.due_at
    sunday = ActionRequest(Action.RESCHEDULE, reason="Cần xác minh thêm", new_due_at=at(2026, 11, 29, 10, 0))
    with pytest.raises(InvalidInput, match="không phải giờ làm việc"):
        services.dossiers.act(code, sunday, OFFICER)
    assert services.dossiers.show(code, OFFICER).reschedule_count == 0
    first = ActionRequest(Action.RESCHEDULE, reason="Cần xác minh thêm", new_due_at=at(2026, 12, 2, 10, 0))
    detail, _ = services.dossiers.act(code, first, OFFICER)
    assert (detail.summary.due_at, detail.original_due_at, detail.reschedule_count) == (
        at(2026, 12, 2, 10, 0),
        old_due,
        1,
    )
    assert "reschedule" not in detail.allowed_actions
    with pytest.raises(DomainError, match="chỉ được hẹn lại một lần"):
        services.dossiers.act(
            code, ActionRequest(Action.RESCHEDULE, reason="x", new_due_at=at(2026, 12, 9)), OFFICER
        )


def test_stop_and_withdraw_close_the_dossier(services: Services) -> None:
    stopped = accepted(services)
    detail, _ = services.dossiers.act(
        stopped, ActionRequest(Action.STOP, reason="Theo yêu cầu cơ quan"), OFFICER
    )
    assert detail.summary.status == DossierStatus.STOPPED
    assert detail.finished_at is not None
    withdrawn = accepted(services)
    detail, _ = services.dossiers.act(
        withdrawn, ActionRequest(Action.WITHDRAW, reason="Công dân rút"), OFFICER
    )
    assert (detail.summary.status, detail.finished_at) == (DossierStatus.WITHDRAWN, None)


def test_fee_request_then_back_to_the_department(services: Services) -> None:
    code = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    detail, _ = services.dossiers.act(code, ActionRequest(Action.REQUEST_FEE, fee_vnd=8000), OFFICER)
    assert detail.summary.status == DossierStatus.FEE_REQUESTED
    detail, _ = services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    assert detail.summary.status == DossierStatus.PROCESSING


def test_a_supplement_during_processing_restarts_the_clock(services: Services, clock: FixedClock) -> None:
    code = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    services.dossiers.act(
        code,
        ActionRequest(Action.REQUEST_SUPPLEMENT, missing_positions=(1,), reason="Tờ khai thiếu chữ ký"),
        OFFICER,
    )
    clock.advance(timedelta(days=5))  # Wednesday 25/11 09:30
    detail, _ = services.dossiers.act(code, ActionRequest(Action.RECEIVE_SUPPLEMENT), OFFICER)
    assert detail.summary.code == code
    assert detail.summary.due_at == parse_iso("2026-11-30T09:30:00+07:00")  # 3 working days from 25/11
    assert detail.summary.status == DossierStatus.RECEIVED


def test_a_batch_hands_over_every_scanned_dossier_or_none(services: Services) -> None:
    codes = [accepted(services) for _ in range(3)]
    batch, _ = services.handover.hand_over([*codes, codes[0], ""], DEPT, OFFICER)
    assert batch.label == "BG-2026-0001"
    assert batch.codes == tuple(codes)
    for code in codes:
        assert services.dossiers.show(code, OFFICER).summary.holder == DEPT
    back, _ = services.handover.hand_over(codes[:2], DEPT, OFFICER, back=True)
    assert back.label == "BG-2026-0002"
    before = counts(services.db_path)
    # codes[2] is fine, codes[0] is not with the department any more: nothing moves.
    with pytest.raises(InvalidInput, match=f"Hồ sơ {codes[0]}") as caught:
        services.handover.hand_over([codes[2], codes[0]], DEPT, OFFICER, back=True)
    assert "Chưa bàn giao hồ sơ nào" in caught.value.user_message
    assert counts(services.db_path) == before
    with pytest.raises(InvalidInput, match="không phải mã hồ sơ"):
        services.handover.hand_over(["khai sinh"], DEPT, OFFICER)


def test_events_are_append_only(services: Services) -> None:
    code = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    conn = sqlite3.connect(services.db_path)
    first = conn.execute("SELECT event_id, payload FROM dossier_events ORDER BY desk_seq").fetchall()
    conn.close()
    services.dossiers.act(code, ActionRequest(Action.FINISH), OFFICER)
    conn = sqlite3.connect(services.db_path)
    after = conn.execute("SELECT event_id, payload FROM dossier_events ORDER BY desk_seq").fetchall()
    outbox = conn.execute("SELECT event_id, payload FROM outbox ORDER BY desk_seq").fetchall()
    conn.close()
    assert after[: len(first)] == first
    assert outbox == after


def test_dossier_search(services: Services) -> None:
    code = accepted(services)
    hits = services.dossiers.search("bich ngoc")
    assert [h.code for h in hits] == [code]
    assert hits[0].procedure_name == "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
    assert [h.code for h in services.dossiers.search("079198001234")] == [code]
    assert services.dossiers.search("không ai") == []


def test_users_and_roles(services: Services) -> None:
    admin = services.users.authenticate("admin", "demo1234")
    assert admin.role.value == "admin"
    with pytest.raises(LoginFailed):
        services.users.authenticate("admin", "wrong-password")
    with pytest.raises(LoginFailed):
        services.users.authenticate("nobody", "demo1234")
    with pytest.raises(PermissionDenied):
        services.users.add("canbo2", "Cán bộ 2", OFFICER.role, "mat-khau-1", OFFICER)
    services.users.add("canbo2", "Cán bộ 2", OFFICER.role, "mat-khau-1", admin)
    with pytest.raises(InvalidInput, match="đã có"):
        services.users.add("canbo2", "Cán bộ 2", OFFICER.role, "mat-khau-1", admin)
    with pytest.raises(InvalidInput, match="ít nhất 8"):
        services.users.add("canbo3", "", OFFICER.role, "short", admin)
    services.users.set_password("canbo2", "mat-khau-2", services.users.actor("canbo2"))
    assert services.users.authenticate("canbo2", "mat-khau-2").username == "canbo2"
    with pytest.raises(PermissionDenied):
        services.users.set_password("admin", "mat-khau-3", services.users.actor("canbo2"))
    assert [u[0] for u in services.users.list()] == ["admin", "canbo1", "canbo2", "truongbp"]
