from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import ChecklistAnswer
from desk_app.core.clock import FixedClock
from desk_app.core.codes import DOSSIER_CODE_RE
from desk_app.core.errors import CodeExhausted, DomainError, InvalidInput
from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.journal import ClockWentBackwards
from desk_app.services.reception import LateEntry
from desk_app.services.timefmt import parse_iso
from desk_app.services.users import PermissionDenied
from tests.unit.services.lifecycle import OFFICER, SUPERVISOR, at, counts, draft, outbox_is_gapless


def test_accept_writes_code_due_date_event_and_outbox_together(services: Services) -> None:
    outcome, _changes = services.reception.receive(
        draft(services, received_at=at(2026, 11, 20, 9, 30)), OFFICER
    )
    assert outcome.outcome == "accepted"
    assert outcome.code == "000.00.19.H57-261120-1001"
    assert DOSSIER_CODE_RE.match(outcome.code)
    assert outcome.status == DossierStatus.RECEIVED
    assert outcome.due_at == parse_iso("2026-11-20T17:00:00+07:00")  # khai sinh: same day (demo override)
    assert outcome.register_number == 1
    assert outcome.missing == ()
    assert counts(services.db_path)["dossier_events"] == counts(services.db_path)["outbox"] == 1
    assert outbox_is_gapless(services.db_path)
    detail = services.dossiers.show(outcome.code, OFFICER)
    assert detail.events[0].action == "receive"
    assert detail.summary.applicant_name == "Trần Thị Bích Ngọc"
    assert detail.applicant_phone == "0901234567"
    assert detail.calendar_version == 1
    conn = sqlite3.connect(services.db_path)
    payload = json.loads(conn.execute("SELECT payload FROM outbox").fetchone()[0])
    conn.close()
    assert payload["event_type"] == "dossier.received"
    assert payload["data"]["procedure_code"] == "1.001193"
    assert parse_iso(payload["data"]["due_at"]) == outcome.due_at


def test_codes_follow_each_other_within_the_slot(services: Services) -> None:
    codes = [
        services.reception.receive(draft(services, received_at=at(2026, 11, 20, 9, m)), OFFICER)[0].code
        for m in range(3)
    ]
    assert codes == [f"000.00.19.H57-261120-100{n}" for n in (1, 2, 3)]


def test_incomplete_lists_every_missing_item_once_and_gives_no_code(services: Services) -> None:
    outcome, _ = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)
    assert outcome.outcome == "supplement"
    assert outcome.code is None
    assert outcome.due_at is None
    assert outcome.status == DossierStatus.SUPPLEMENT_REQUESTED
    published = services.catalogue.procedure("1.004873")
    required = [c.position for c in published.components if c.kind != "note"]
    assert [m.position for m in outcome.missing]
    assert {m.position for m in outcome.missing} <= set(required)
    detail = services.dossiers.show(outcome.id, OFFICER)
    assert detail.supplement_count == 1


def test_the_supplement_request_asks_only_for_what_applies_and_is_missing(services: Services) -> None:
    """Birth registration, direct, the CCCD scanned, only the paper Tờ khai handed in: the request asks
    for the Giấy chứng sinh alone: not the identity paper just scanned, not a case, not the online
    e-form, not the postal certified copies, not a note."""
    from dataclasses import replace

    from tests.unit.services.lifecycle import APPLICANT

    scanned = replace(APPLICANT, from_card=True)
    handed = (ChecklistAnswer(32, 1, 0),)
    outcome, _ = services.reception.receive(
        replace(draft(services, "1.001193", answers=handed), applicant=scanned), OFFICER
    )
    assert outcome.outcome == "supplement"
    assert [m.position for m in outcome.missing] == [5]
    request = services.dossiers.show(outcome.id, OFFICER)
    assert request.supplement_count == 1


def test_the_supplement_completes_the_dossier_and_the_clock_starts_then(
    services: Services, clock: FixedClock
) -> None:
    outcome, _ = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)
    clock.advance(timedelta(days=4))  # Tuesday 24/11 is Culture Day; the supplement comes Tuesday 09:30
    detail, _ = services.dossiers.act(outcome.id, ActionRequest(Action.RECEIVE_SUPPLEMENT), OFFICER)
    assert detail.summary.status == DossierStatus.RECEIVED
    assert detail.summary.code == "000.00.19.H57-261124-1001"
    assert detail.summary.accepted_at == parse_iso("2026-11-24T09:30:00+07:00")
    assert detail.counted_from == parse_iso("2026-11-25T07:30:00+07:00")  # received on a day off: Wednesday
    assert detail.summary.due_at == parse_iso("2026-11-30T07:30:00+07:00")  # Thu 26, Fri 27, Mon 30
    assert detail.register_number == 1


def test_a_second_supplement_request_needs_a_supervisor_and_a_reason(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.REQUEST_SUPPLEMENT, missing_positions=(1,)), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.RECEIVE_SUPPLEMENT), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    before = counts(services.db_path)
    second = ActionRequest(Action.REQUEST_SUPPLEMENT, missing_positions=(1,), reason="Thiếu chữ ký")
    with pytest.raises(DomainError, match="lãnh đạo bộ phận duyệt"):
        services.dossiers.act(code, second, OFFICER)
    with pytest.raises(DomainError, match="ghi rõ lý do"):
        services.dossiers.act(
            code, ActionRequest(Action.REQUEST_SUPPLEMENT, missing_positions=(1,)), SUPERVISOR
        )
    assert counts(services.db_path) == before
    detail, _ = services.dossiers.act(code, second, SUPERVISOR)
    assert detail.supplement_count == 2
    assert detail.events[-1].data["flagged"] is True


def test_supplement_requests_name_published_items_only(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    with pytest.raises(InvalidInput, match="ngoài danh mục"):
        services.dossiers.act(
            code, ActionRequest(Action.REQUEST_SUPPLEMENT, missing_positions=(999,)), OFFICER
        )
    with pytest.raises(InvalidInput, match="Cần chọn"):
        services.dossiers.act(code, ActionRequest(Action.REQUEST_SUPPLEMENT), OFFICER)
    with pytest.raises(InvalidInput, match="không có trong danh mục"):
        services.reception.receive(draft(services, answers=(ChecklistAnswer(999, 1, 0),)), OFFICER)


def test_refusal_needs_a_reason(services: Services) -> None:
    before = counts(services.db_path)
    with pytest.raises(DomainError, match="lý do"):
        services.reception.receive(draft(services), OFFICER, refuse_reason="  ")
    assert counts(services.db_path) == before
    outcome, _ = services.reception.receive(draft(services), OFFICER, refuse_reason="Không thuộc thẩm quyền")
    assert (outcome.outcome, outcome.code, outcome.status) == ("refused", None, DossierStatus.REFUSED)


def test_unknown_limit_takes_the_officers_date(services: Services) -> None:
    with pytest.raises(InvalidInput, match="hãy nhập ngày hẹn trả"):
        services.reception.receive(draft(services, "1.000110"), OFFICER)
    assert counts(services.db_path)["code_counters"] == 0  # the code was not consumed
    outcome, _ = services.reception.receive(
        draft(services, "1.000110", due_at=at(2026, 11, 27, 10, 0)), OFFICER
    )
    assert outcome.due_at == parse_iso("2026-11-27T10:00:00+07:00")
    assert services.dossiers.show(outcome.id, OFFICER).calendar_version is None
    with pytest.raises(InvalidInput, match="sau thời điểm nhận"):
        services.reception.receive(draft(services, "1.000110", due_at=at(2026, 11, 19)), OFFICER)


@pytest.mark.parametrize(
    ("when", "why"),
    [
        (at(2026, 11, 28, 9, 0), "nghỉ cuối tuần"),  # a Saturday
        (at(2026, 11, 24, 9, 0), ""),  # Tuesday 24/11, Culture Day in the demo calendar
        (at(2026, 11, 27, 19, 0), "ngoài giờ làm việc"),  # a Friday evening
    ],
)
def test_an_officers_appointment_must_be_a_working_moment(
    services: Services, when: datetime, why: str
) -> None:
    before = counts(services.db_path)
    with pytest.raises(InvalidInput, match=f"không phải giờ làm việc \\({why}"):
        services.reception.receive(draft(services, "1.000110", due_at=when), OFFICER)
    assert counts(services.db_path) == before  # nothing written, no code consumed


def test_postal_dossiers_count_from_the_handover_record(services: Services) -> None:
    with pytest.raises(InvalidInput, match="biên bản giao nhận"):
        services.reception.receive(draft(services, channel=Channel.POSTAL), OFFICER)
    outcome, _ = services.reception.receive(
        draft(services, "1.004873", channel=Channel.POSTAL, postal_handover_at=at(2026, 11, 19, 16, 0)),
        OFFICER,
    )
    detail = services.dossiers.show(outcome.id, OFFICER)
    assert detail.summary.received_at == parse_iso("2026-11-19T16:00:00+07:00")
    assert detail.counted_from == parse_iso("2026-11-20T07:30:00+07:00")  # after the 15:00 cut-off


def test_bad_applicant_data_changes_nothing(services: Services) -> None:
    from dataclasses import replace

    from tests.unit.services.lifecycle import APPLICANT

    before = counts(services.db_path)
    for bad, message in (
        (replace(APPLICANT, name=" "), "họ tên"),
        (replace(APPLICANT, phone="12ab"), "điện thoại"),
        (replace(APPLICANT, id_number="999198001234"), "mã tỉnh"),
        (replace(APPLICANT, email="x@"), "thư điện tử"),
    ):
        with pytest.raises(InvalidInput, match=message):
            services.reception.receive(replace(draft(services), applicant=bad), OFFICER)
    assert counts(services.db_path) == before


def test_a_clock_gone_backwards_blocks_new_codes(services: Services, clock: FixedClock) -> None:
    services.reception.receive(draft(services), OFFICER)
    clock.advance(timedelta(hours=-3))
    with pytest.raises(ClockWentBackwards, match="Đồng hồ máy tính"):
        services.reception.receive(draft(services), OFFICER)


def test_the_thousandth_dossier_of_a_slot_is_refused(services: Services) -> None:
    conn = sqlite3.connect(services.db_path)
    with conn:
        conn.execute("INSERT INTO code_counters VALUES ('000.00.19.H57', '261120', 1, 999)")
    conn.close()
    before = counts(services.db_path)
    with pytest.raises(CodeExhausted, match="hết 999 số"):
        services.reception.receive(draft(services), OFFICER)
    assert counts(services.db_path) == before


def test_paper_back_entry_keeps_the_original_time_and_code(services: Services) -> None:
    paper = draft(services, received_at=at(2026, 11, 19, 10, 15))
    late = LateEntry("000.00.19.H57-261119-1005", "Mất điện sáng 19/11")
    with pytest.raises(PermissionDenied, match="Trưởng bộ phận"):
        services.reception.receive(paper, OFFICER, late_entry=late)
    with pytest.raises(InvalidInput, match="lý do nhập bù"):
        services.reception.receive(paper, SUPERVISOR, late_entry=LateEntry(late.code, ""))
    with pytest.raises(InvalidInput, match="không khớp ngày"):
        services.reception.receive(paper, SUPERVISOR, late_entry=LateEntry("000.00.19.H57-261118-1005", "x"))
    with pytest.raises(InvalidInput, match="không thuộc đơn vị"):
        services.reception.receive(paper, SUPERVISOR, late_entry=LateEntry("000.17.22.H56-261119-1005", "x"))
    outcome, _ = services.reception.receive(paper, SUPERVISOR, late_entry=late)
    assert outcome.code == late.code
    detail = services.dossiers.show(late.code, OFFICER)
    assert detail.late_entry
    assert detail.summary.received_at == parse_iso("2026-11-19T10:15:00+07:00")
    assert detail.events[0].actor == "truongbp"
    # Electronic codes of that day continue after the paper one; the same code cannot come twice.
    nxt = services.reception.receive(draft(services, received_at=at(2026, 11, 19, 15, 0)), OFFICER)[0]
    assert nxt.code == "000.00.19.H57-261119-1006"
    with pytest.raises(InvalidInput, match="đã có"):
        services.reception.receive(paper, SUPERVISOR, late_entry=late)


def test_a_reception_in_the_future_is_refused(services: Services) -> None:
    with pytest.raises(InvalidInput, match="tương lai"):
        services.reception.receive(draft(services, received_at=at(2026, 11, 21)), OFFICER)


def test_an_immediate_result_needs_no_receipt_unless_asked(services: Services) -> None:
    quick = services.reception.receive(draft(services, immediate_result=True), OFFICER)[0]
    asked = services.reception.receive(
        draft(services, immediate_result=True, receipt_requested=True), OFFICER
    )[0]
    normal = services.reception.receive(draft(services), OFFICER)[0]
    assert not services.dossiers.show(quick.id, OFFICER).needs_receipt
    assert services.dossiers.show(asked.id, OFFICER).needs_receipt
    assert services.dossiers.show(normal.id, OFFICER).needs_receipt


def test_a_refusal_needs_no_case_chosen_but_a_supplement_request_does(services: Services) -> None:
    """1.004222 (đăng ký thường trú) publishes exclusive cases: a request outside the unit's remit is
    refused before any case is chosen; deciding complete or incomplete needs the case."""
    outcome, _ = services.reception.receive(
        draft(services, "1.004222", answers=()), OFFICER, refuse_reason="Không thuộc thẩm quyền của xã"
    )
    assert outcome.outcome == "refused"
    before = counts(services.db_path)
    with pytest.raises(InvalidInput, match="chọn một trường hợp"):
        services.reception.receive(draft(services, "1.004222", answers=()), OFFICER)
    assert counts(services.db_path) == before
