"""One test per rule of the push protocol (sync.md §3.2), against a real PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select, text

from central.models import ChangeLogRecord, DeskEventRecord, DossierRecord, ReviewTicketRecord
from central.services.errors import CentralError
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from tests.central.helpers import edited, enrol, receive, wire
from tests.central_fixtures import needs_postgres
from tests.unit.services.lifecycle import OFFICER

pytestmark = needs_postgres


def count(central: Any, model: Any) -> int:
    with central.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_applied_then_a_resend_is_duplicate(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services, 2)
    events = services.sync.store.pending(100)
    first = central.push.push(token, wire(events))
    assert [r["status"] for r in first["results"]] == ["applied", "applied"]
    assert first["desk_hwm"] == 2
    again = central.push.push(token, wire(events))
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert [r["server_seq"] for r in again["results"]] == [r["server_seq"] for r in first["results"]]
    assert count(central, DeskEventRecord) == 2
    assert count(central, DossierRecord) == 2


def test_same_id_other_payload_is_422(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services)
    (event,) = services.sync.store.pending(100)
    central.push.push(token, wire([event]))
    with pytest.raises(CentralError) as refused:
        central.push.push(token, wire([edited(event, note="changed")]))
    assert refused.value.status == 422
    assert refused.value.code == "payload_mismatch"


def test_a_hash_that_does_not_match_the_payload_is_422(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services)
    (event,) = services.sync.store.pending(100)
    with pytest.raises(CentralError) as refused:
        central.push.push(token, wire([replace(event, payload_sha256="0" * 64)]))
    assert refused.value.status == 422


def test_a_gap_is_409_with_the_expected_seq(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services, 3)
    events = services.sync.store.pending(100)
    with pytest.raises(CentralError) as refused:
        central.push.push(token, wire([events[0], events[2]]))
    assert (refused.value.status, refused.value.code, refused.value.detail["expected"]) == (409, "gap", 2)
    assert count(central, DeskEventRecord) == 0  # nothing of the refused batch is kept


def test_a_reused_desk_seq_is_409_with_the_hwm(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services, 2)
    events = services.sync.store.pending(100)
    central.push.push(token, wire(events))
    impostor = replace(edited(events[1], note="x"), event_id="0190f000-0000-7000-8000-000000000001")
    with pytest.raises(CentralError) as refused:
        central.push.push(token, wire([impostor]))
    assert refused.value.code == "desk_seq_reused"
    assert refused.value.detail["desk_hwm"] == 2


def test_a_code_conflict_is_rejected_with_a_ticket_and_blocks_that_dossier_only(
    central: Any, services: Services
) -> None:
    token = enrol(central, services)
    receive(services, 2)
    codes = [e.payload["dossier_code"] for e in services.sync.store.pending(100)]
    services.dossiers.act(codes[0], ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    first, second, transfer = services.sync.store.pending(100)
    central.push.push(token, wire([first]))
    # The second dossier claims the first one's code (a re-issued code after a lost tail).
    clash = edited(second, dossier_code=first.payload["dossier_code"])
    other = edited(transfer, dossier_code=first.payload["dossier_code"])
    answer = central.push.push(token, wire([clash, other]))
    statuses = [(r["status"], r["reason"]) for r in answer["results"]]
    assert statuses[0] == ("rejected", "code_conflict")
    # The transfer is of the first dossier (another aggregate): it goes through.
    assert statuses[1][0] == "applied"
    with central.sessions() as session:
        tickets = session.scalars(select(ReviewTicketRecord.reason)).all()
        rejected = session.scalars(
            select(DeskEventRecord.status).where(DeskEventRecord.status == "rejected")
        ).all()
    assert tickets == ["code_conflict"]
    assert rejected == ["rejected"]  # stored, never dropped


def test_two_dossiers_of_one_batch_with_one_code_keep_the_first(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services, 2)
    first, second = services.sync.store.pending(100)
    clash = edited(second, dossier_code=first.payload["dossier_code"])
    answer = central.push.push(token, wire([first, clash]))
    assert [(r["status"], r["reason"]) for r in answer["results"]] == [
        ("applied", ""),
        ("rejected", "code_conflict"),
    ]
    with central.sessions() as session:
        held = session.scalars(select(DossierRecord.dossier_id)).all()
    assert held == [first.aggregate_id]


def test_later_events_of_a_rejected_dossier_are_blocked_by_prior(central: Any, services: Services) -> None:
    token = enrol(central, services)
    (code,) = receive(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    received, transfer = services.sync.store.pending(100)
    answer = central.push.push(token, wire([edited(received, unit_code="000.00.01.H01"), transfer]))
    assert [(r["status"], r["reason"]) for r in answer["results"]] == [
        ("rejected", "wrong_unit"),
        ("rejected", "blocked_by_prior"),
    ]


def test_a_code_outside_the_desk_slot_is_rejected(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services)
    (event,) = services.sync.store.pending(100)
    code = event.payload["dossier_code"]
    answer = central.push.push(token, wire([edited(event, dossier_code=code[:-4] + "2001")]))
    assert answer["results"][0]["reason"] == "wrong_slot"


def test_an_invalid_transition_is_rejected(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services)
    (event,) = services.sync.store.pending(100)
    central.push.push(token, wire([event]))
    step = replace(
        edited(event, event_type="dossier.step", action="return", from_status=9, to_status=10, data={}),
        event_id="0190f000-0000-7000-8000-0000000000aa",
        desk_seq=2,
        event_type="dossier.step",
    )
    answer = central.push.push(token, wire([step]))
    assert (answer["results"][0]["status"], answer["results"][0]["reason"]) == (
        "rejected",
        "invalid_transition",
    )


def test_unknown_and_revoked_tokens_are_401(central: Any, services: Services) -> None:
    token = enrol(central, services)
    with pytest.raises(CentralError) as unknown:
        central.push.push("not-a-token", wire([]))
    assert unknown.value.status == 401
    desk_id = central.reads.meta(token)["desk_id"]
    assert central.admin.revoke(desk_id)
    with pytest.raises(CentralError) as revoked:
        central.reads.meta(token)
    assert revoked.value.status == 401


def test_enrolment_codes_are_one_time_and_must_match_the_desk(central: Any, services: Services) -> None:
    code = central.admin.enrol_code("000.00.19.H57", 1)
    with pytest.raises(CentralError) as mismatch:
        central.admin.enrol(code, "000.00.19.H57", 2, 1)
    assert mismatch.value.code == "identity_mismatch"
    central.admin.enrol(code, "000.00.19.H57", 1, 1)
    with pytest.raises(CentralError) as used:
        central.admin.enrol(code, "000.00.19.H57", 1, 1)
    assert used.value.status == 403


def test_re_enrolment_revokes_the_old_desk_and_continues_the_sequence(
    central: Any, services: Services
) -> None:
    old = enrol(central, services)
    receive(services, 2)
    central.push.push(old, wire(services.sync.store.pending(1)))  # one acked... on central
    receive(services)
    new = enrol(central, services)  # the desk says its next push starts at its first pending row
    with pytest.raises(CentralError):
        central.reads.meta(old)
    assert central.reads.meta(new)["desk_hwm"] == services.sync.store.next_push_seq() - 1


def test_the_change_log_is_gap_free_in_commit_order(central: Any, services: Services) -> None:
    token = enrol(central, services)
    receive(services, 5)
    events = services.sync.store.pending(100)
    central.push.push(token, wire(events[:2]))
    central.push.push(token, wire([edited(events[2], unit_code="000.00.01.H01"), *events[3:]]))
    with central.sessions() as session:
        seqs = session.scalars(select(ChangeLogRecord.server_seq).order_by(ChangeLogRecord.server_seq)).all()
        head = session.execute(text("SELECT value FROM seq_counters WHERE name = 'change'")).scalar_one()
        event_seqs = sorted(session.scalars(select(DeskEventRecord.server_seq)).all())
    assert seqs == list(range(1, head + 1))
    assert event_seqs == seqs  # every event has its place in the log, rejected ones too


def test_at_most_100_events_per_push(central: Any, services: Services) -> None:
    token = enrol(central, services)
    with pytest.raises(CentralError) as refused:
        central.push.push(token, {"batch_id": "x", "events": [{}] * 101})
    assert refused.value.status == 400


def test_a_calendar_release_desks_could_not_read_is_refused(central: Any) -> None:
    release = {
        "format": "onestop-calendar-release",
        "format_version": 1,
        "release_version": 1,
        "office_hours": [["07:30", "11:30"], ["13:30", "17:00"]],
        "overrides": [{"day": "2027-01-01", "kind": "holiday"}],  # not a kind desks know
    }
    with pytest.raises(CentralError) as refused:
        central.releases.publish("calendar", release)
    assert (refused.value.status, refused.value.code) == (400, "bad_release")
    release["overrides"] = [{"day": "2027-01-01", "kind": "day_off"}]
    assert central.releases.publish("calendar", release)["published"]
