"""Declared events: strict parsing; the projection: what each event does to a dossier."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desk_app.core.events import (
    Applicant,
    DossierEvent,
    EventType,
    MalformedEvent,
    Printed,
    Reception,
    Step,
    canonical_json,
    payload_sha256,
)
from desk_app.core.projection import DESK_LOCATION, DossierState, NotApplicable, project, replay
from desk_app.core.workflow import DossierStatus

AT = "2026-11-20T09:30:00+07:00"
LATER = "2026-11-21T10:00:00+07:00"


def reception(action: str = "receive", to_status: int = 2, **body: Any) -> DossierEvent:
    fields: dict[str, Any] = {
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "procedure_version": 1,
        "channel": "direct",
        "rule_set": "TT03-2025",
        "received_at": AT,
        "applicant": Applicant(kind="person", name="Đỗ Thị Hà", id_number="079198001234"),
        "summary": "Đăng ký khai sinh",
        "bundles": 1,
        "needs_receipt": True,
    }
    fields.update(body)
    return DossierEvent(
        event_id="e-0",
        event_type=EventType.RECEIVED,
        dossier_id="d-1",
        unit_code="000.00.01.H01",
        desk_id="desk-1",
        action=action,
        to_status=to_status,
        occurred_at=AT,
        actor="canbo1",
        data=Reception(**fields),
    )


def step(action: str, to_status: int, n: int, at: str = LATER, **body: Any) -> DossierEvent:
    return DossierEvent(
        event_id=f"e-{n}",
        event_type=EventType.STEP,
        dossier_id="d-1",
        unit_code="000.00.01.H01",
        action=action,
        to_status=to_status,
        occurred_at=at,
        actor="canbo1",
        data=Step(**body),
    )


def test_a_payload_round_trips_through_its_canonical_json() -> None:
    event = reception(missing=(5, 32))
    text = event.canonical()
    assert DossierEvent.from_json_text(text) == event
    assert text == canonical_json(event.to_json())
    assert len(payload_sha256(text)) == 64
    assert "null" not in canonical_json(event.to_json()["data"])  # fields not the action's are left out


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.update(colour="red"), "unknown_field"),
        (lambda p: p.pop("actor"), "missing_field"),
        (lambda p: p.update(to_status="2"), "bad_type"),
        (lambda p: p.update(to_status=True), "bad_type"),
        (lambda p: p.update(event_type="dossier.renamed"), "unknown_event_type"),
        (lambda p: p["data"].pop("channel"), "missing_field"),
        (lambda p: p["data"].update(bundles="1"), "bad_type"),
        (lambda p: p["data"]["applicant"].update(age=40), "unknown_field"),
        (lambda p: p["data"].update(received=[{"position": 1}]), "missing_field"),
        (lambda p: p.pop("data"), "missing_field"),
    ],
)
def test_a_malformed_body_is_refused_with_its_reason_never_defaulted(change: Any, reason: str) -> None:
    payload = reception().to_json()
    change(payload)
    with pytest.raises(MalformedEvent) as refused:
        DossierEvent.from_json(payload)
    assert refused.value.reason == reason


def test_a_second_supplement_request_counts_two() -> None:
    state = replay(
        [
            reception("request-supplement", 5, missing=(5,)),
            step("receive-supplement", 2, 1, dossier_code="000.00.01.H01-261120-0001", due_at=LATER),
            step("request-supplement", 5, 2, missing=(32,), supplement_round=2, flagged=True),
        ]
    )
    assert state is not None
    assert (state.status, state.supplement_count) == (DossierStatus.SUPPLEMENT_REQUESTED, 2)


def test_a_refusal_closes_the_dossier() -> None:
    state = project(None, reception("refuse", 3))
    assert (state.status, state.closed_at, state.supplement_count) == (3, AT, 0)


def test_a_supplement_that_completes_gives_code_register_number_and_acceptance() -> None:
    first = project(None, reception("request-supplement", 5, missing=(5,)))
    assert (first.dossier_code, first.register_number, first.accepted_at) == (None, None, None)
    done = project(
        first,
        step(
            "receive-supplement",
            2,
            1,
            round=1,
            dossier_code="000.00.01.H01-261121-0001",
            register_year=2026,
            register_number=17,
            accepted_at=LATER,
            due_at="2026-11-25T10:00:00+07:00",
            counted_from=LATER,
            calendar_version=3,
            limit="3d",
            due_source="computed",
        ),
    )
    assert (done.dossier_code, done.register_year, done.register_number, done.accepted_at) == (
        "000.00.01.H01-261121-0001",
        2026,
        17,
        LATER,
    )
    assert (done.due_at, done.original_due_at, done.holder, done.row_version) == (
        "2026-11-25T10:00:00+07:00",
        "2026-11-25T10:00:00+07:00",
        DESK_LOCATION,
        2,
    )


def test_a_department_step_moves_the_status_but_not_the_paper() -> None:
    state = replay([reception(), step("transfer", 4, 1, department="Địa chính")])
    assert state is not None
    finished = project(
        state, replace(step("finish", 9, 2, department="Địa chính"), department_step="finished")
    )
    assert (finished.status, finished.finished_at, finished.holder) == (9, LATER, "Địa chính")
    info = project(state, replace(step("dept-started", 4, 3), department_step="started"))
    assert (info.status, info.row_version) == (4, state.row_version + 1)


def test_what_cannot_apply_where_it_falls_is_skipped_by_replay() -> None:
    state = project(None, reception())
    with pytest.raises(NotApplicable):
        project(state, step("return", 10, 1))
    with pytest.raises(NotApplicable):
        project(state, reception())
    assert replay([step("finish", 9, 1), reception(), step("return", 10, 2)]) == state


def test_a_print_changes_nothing() -> None:
    state = project(None, reception())
    printed = DossierEvent(
        event_id="p-1",
        event_type=EventType.PRINTED,
        dossier_id="d-1",
        unit_code="000.00.01.H01",
        action="print",
        to_status=2,
        occurred_at=LATER,
        actor="canbo1",
        data=Printed(document="receipt", print=1),
    )
    assert project(state, printed) == state
    assert DossierState.from_dict(state.as_dict()) == state
