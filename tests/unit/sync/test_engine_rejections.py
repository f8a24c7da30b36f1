"""Central's refusals reach the desk as review items, never silently (sync.md §2.1.6, §2.7, I7).

A desk acting offline can lose a race with a department: central decides in server_seq order and
refuses the desk's step; the desk then shows a review item and follows central's order.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from desk_app.core.workflow import Action, DossierStatus
from desk_app.sync import engine as engine_module
from desk_app.sync.protocol import canonical_json, payload_sha256
from tests.unit.services.lifecycle import SUPERVISOR
from tests.unit.sync.desk_harness import Desk, acks_are_true, disagreements, journal_matches_central
from tests.unit.sync.fake_central import LOSE_RESPONSE, FakeCentral


def _last_event(desk: Desk) -> str:
    return str(desk.one("SELECT event_id FROM outbox ORDER BY desk_seq DESC LIMIT 1"))


def _lost_race(desk: Desk, central: FakeCentral) -> tuple[str, str]:
    """A department finishes a dossier on central while the desk, offline, transfers it."""
    (code,) = desk.receive(1)
    assert desk.sync().ok
    central.department_step(code, "finished")
    desk.act(code, Action.TRANSFER)
    assert desk.status(code) == DossierStatus.PROCESSING  # the desk moves at once, offline
    return code, _last_event(desk)


def test_a_step_that_lost_a_race_is_refused_and_shown_for_review(desk: Desk, central: FakeCentral) -> None:
    code, transfer = _lost_race(desk, central)
    report = desk.sync()
    assert report.ok, report.error
    assert (report.pushed, report.acked, report.rejected) == (1, 0, 1)
    assert central.state.events[transfer].status == "rejected"
    assert central.state.events[transfer].reason == "invalid_transition"
    (item,) = desk.services.sync.review_items()
    assert (item.event_id, item.reason) == (transfer, "invalid_transition")
    assert item.advice  # the officer is told what to do
    assert (
        desk.one("SELECT rejected_reason FROM outbox WHERE event_id = ?", (transfer,)) == "invalid_transition"
    )
    assert desk.services.sync.status().needs_attention == 1
    # The desk follows central's order: the department's finish stands, the transfer is not history.
    assert desk.status(code) == DossierStatus.FINISHED
    assert desk.one("SELECT department FROM dossiers WHERE dossier_code = ?", (code,)) is None
    assert disagreements(desk, central) == []
    assert journal_matches_central(desk, central) == []


def test_a_refused_event_is_not_sent_again(desk: Desk, central: FakeCentral) -> None:
    _lost_race(desk, central)
    assert desk.sync().rejected == 1
    pushes = central.posts("/v1/push")
    again = desk.sync()
    assert again.ok
    assert (again.pushed, again.rejected) == (0, 0)
    assert central.posts("/v1/push") == pushes
    assert len(desk.services.sync.review_items()) == 1  # one item, not one per run


def test_later_events_of_a_refused_dossier_are_blocked_by_prior(desk: Desk, central: FakeCentral) -> None:
    first, other = desk.receive(2)
    assert desk.sync().ok
    central.department_step(first, "finished")
    desk.act(first, Action.TRANSFER)
    transfer = _last_event(desk)
    desk.act(first, Action.FINISH)
    finish = _last_event(desk)
    desk.act(other, Action.TRANSFER)  # another dossier of the same batch goes through
    report = desk.sync()
    assert (report.acked, report.rejected) == (1, 2)
    items = {i.event_id: i.reason for i in desk.services.sync.review_items()}
    assert items == {transfer: "invalid_transition", finish: "blocked_by_prior"}
    assert desk.status(first) == DossierStatus.FINISHED
    assert desk.status(other) == DossierStatus.PROCESSING
    assert disagreements(desk, central) == []


def test_a_supervisor_closes_a_review_item(desk: Desk, central: FakeCentral) -> None:
    _lost_race(desk, central)
    desk.sync()
    (item,) = desk.services.sync.review_items()
    desk.services.sync.resolve(item.id, SUPERVISOR)
    assert desk.services.sync.review_items() == []
    assert desk.one("SELECT resolved_at FROM sync_conflicts WHERE id = ?", (item.id,)) is not None


def test_a_resent_event_whose_payload_changed_is_stopped_and_the_rest_go_on(
    desk: Desk, central: FakeCentral
) -> None:
    desk.receive(1)
    assert desk.sync().ok
    first = _last_event(desk)
    original = central.state.events[first].event.payload_sha256
    # A bug rewrote a sent event: same id, other content; and it is sent again.
    (payload,) = desk.rows("SELECT payload FROM outbox WHERE event_id = ?", (first,))[0]
    changed = {**json.loads(payload), "note": "rewritten"}
    with closing(sqlite3.connect(desk.path)) as conn:
        conn.execute(
            "UPDATE outbox SET payload = ?, payload_sha256 = ?, acked_at = NULL WHERE event_id = ?",
            (canonical_json(changed), payload_sha256(canonical_json(changed)), first),
        )
        conn.commit()
    desk.receive(1)
    second = _last_event(desk)
    report = desk.sync()
    assert report.ok, report.error
    assert f"payload_mismatch:{first}" in report.warnings
    assert desk.one("SELECT rejected_reason FROM outbox WHERE event_id = ?", (first,)) == "payload_mismatch"
    assert desk.one("SELECT acked_at IS NOT NULL FROM outbox WHERE event_id = ?", (second,)) == 1
    assert [(i.event_id, i.reason) for i in desk.services.sync.review_items()] == [
        (first, "payload_mismatch")
    ]
    assert central.state.events[first].event.payload_sha256 == original  # central kept the first version
    assert central.state.events[second].status == "applied"


def test_an_event_whose_hash_is_wrong_stays_stopped_and_the_run_ends(
    desk: Desk, central: FakeCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "MAX_ROUNDS", 20)  # the real bound is 10,000 rounds
    desk.receive(3)
    with closing(sqlite3.connect(desk.path)) as conn:  # a desk bug: the second event's hash is wrong
        conn.execute("UPDATE outbox SET payload_sha256 = ? WHERE desk_seq = 2", ("0" * 64,))
        conn.commit()
    bad = str(desk.one("SELECT event_id FROM outbox WHERE desk_seq = 2"))
    desk.sync()
    assert desk.one("SELECT rejected_reason FROM outbox WHERE desk_seq = 2") == "payload_mismatch"
    assert [i.reason for i in desk.services.sync.review_items() if i.event_id == bad] == ["payload_mismatch"]
    assert central.posts("/v1/push") < 10


def test_a_rejection_whose_answer_was_lost_is_still_shown_for_review(
    desk: Desk, central: FakeCentral
) -> None:
    _code, transfer = _lost_race(desk, central)
    central.fail_next("/v1/push", LOSE_RESPONSE)
    assert desk.sync().transient
    assert central.state.events[transfer].status == "rejected"
    report = desk.sync()
    assert report.ok, report.error
    assert acks_are_true(desk, central) == []  # holds either way: central does hold the event
    assert [(i.event_id, i.reason) for i in desk.services.sync.review_items()] == [
        (transfer, "invalid_transition")
    ]
    assert (
        desk.one("SELECT rejected_reason FROM outbox WHERE event_id = ?", (transfer,)) == "invalid_transition"
    )
