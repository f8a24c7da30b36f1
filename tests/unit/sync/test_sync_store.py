"""SqliteSyncStore, the engine's port over the desk database: queue, acks, hwm, cursors, tail recovery."""

from __future__ import annotations

import pytest

from desk_app.services.container import build_services
from desk_app.sync.protocol import (
    APPLIED,
    DUPLICATE,
    KIND_CATALOGUE,
    REJECTED,
    STREAM_REFERENCE,
    STREAM_UNIT,
    PullItem,
    PullPage,
    PushResult,
    canonical_json,
    payload_sha256,
)
from tests.unit.sync.desk_harness import Desk
from tests.unit.sync.fake_central import URL, FakeCentral

SERVER_TIME = "2026-11-20T02:30:00+00:00"


def test_an_enrolled_desk_starts_with_an_empty_queue_and_no_cursors(desk: Desk, central: FakeCentral) -> None:
    store = desk.services.sync.store
    identity = store.identity()
    assert identity.enrolled
    assert identity.url == URL
    assert [identity.central_desk_id] == [d.desk_id for d in central.state.desks.values()]
    assert identity.server_epoch == central.state.epoch
    assert (store.max_seq(), store.max_acked_seq(), store.next_push_seq()) == (0, 0, 1)
    assert store.pending(10) == []
    assert store.cursor(STREAM_UNIT) is None
    assert store.cursor(STREAM_REFERENCE) is None


def test_pending_rows_come_in_desk_seq_order_with_their_hash(desk: Desk) -> None:
    desk.receive(3)
    store = desk.services.sync.store
    batch = store.pending(2)
    assert [e.desk_seq for e in batch] == [1, 2]
    for event in batch:
        assert event.payload_sha256 == payload_sha256(canonical_json(event.payload))
        assert event.payload["event_id"] == event.event_id
        assert event.aggregate_id == event.payload["dossier_id"]
    assert [e.desk_seq for e in store.pending(100)] == [1, 2, 3]
    assert (store.max_seq(), store.next_push_seq()) == (3, 1)


def test_acks_and_rejections_of_a_push(desk: Desk) -> None:
    desk.receive(3)
    store = desk.services.sync.store
    e1, e2, e3 = (e.event_id for e in store.pending(3))
    store.record_results(
        [
            PushResult(e1, APPLIED, 10),
            PushResult(e2, DUPLICATE, 11),
            PushResult(e3, REJECTED, 12, "code_conflict"),
        ],
        SERVER_TIME,
    )
    assert store.pending(10) == []
    assert store.max_acked_seq() == 2
    assert store.next_push_seq() == 4  # nothing pending: after the counter
    assert desk.rows(
        "SELECT event_id, acked_at, server_seq, rejected_reason FROM outbox ORDER BY desk_seq"
    ) == [
        (e1, SERVER_TIME, 10, None),
        (e2, SERVER_TIME, 11, None),
        (e3, None, 12, "code_conflict"),
    ]
    assert dict(desk.rows("SELECT event_id, server_seq FROM dossier_events")) == {e1: 10, e2: 11, e3: 12}
    assert [(c[1], c[2]) for c in store.conflicts()] == [(e3, "code_conflict")]
    # Central lost what is above 1 (restored): acked and refused rows alike are pending again.
    assert store.unack_above(1) == 2
    assert [e.event_id for e in store.pending(10)] == [e2, e3]
    assert store.max_acked_seq() == 1
    assert (
        desk.rows("SELECT server_seq, rejected_reason FROM outbox WHERE desk_seq > 1") == [(None, None)] * 2
    )


def test_failures_count_attempts_and_a_stopped_event_leaves_the_queue(desk: Desk) -> None:
    desk.receive(2)
    store = desk.services.sync.store
    e1, e2 = (e.event_id for e in store.pending(2))
    store.record_failure([e1, e2], "Transient")
    store.record_failure([e1], "Unreachable")
    assert desk.rows("SELECT attempts, last_error FROM outbox ORDER BY desk_seq") == [
        (2, "Unreachable"),
        (1, "Transient"),
    ]
    assert desk.services.sync.status().pending == 2  # failures are not sends
    store.stop_event(e2, "payload_mismatch")
    assert [e.event_id for e in store.pending(10)] == [e1]
    assert [(c[1], c[2]) for c in store.conflicts()] == [(e2, "payload_mismatch")]


def test_a_cursor_is_stored_with_its_page_and_survives_a_restart(desk: Desk) -> None:
    store = desk.services.sync.store
    store.apply_page(STREAM_UNIT, PullPage((), 42, False, "epoch-x"))
    assert store.cursor(STREAM_UNIT) == ("epoch-x", 42)
    assert store.cursor(STREAM_REFERENCE) is None
    assert store.identity().server_epoch == "epoch-x"
    desk.close()
    desk.services = build_services(desk.path, clock=desk.clock)
    store = desk.services.sync.store
    assert store.cursor(STREAM_UNIT) == ("epoch-x", 42)
    store.apply_page(STREAM_REFERENCE, PullPage((), 7, False, "epoch-x"))
    store.reset_stream(STREAM_UNIT)
    assert store.cursor(STREAM_UNIT) is None
    assert store.cursor(STREAM_REFERENCE) == ("epoch-x", 7)


def test_a_page_is_applied_whole_or_not_at_all(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    cursor = desk.services.sync.store.cursor(STREAM_UNIT)
    step = central.department_step(code, "finished")
    item = central.unit_items(desk.unit_code)[-1]
    broken = PullItem(item.server_seq + 1, KIND_CATALOGUE, {"no": "release_version"})
    with pytest.raises(KeyError):
        desk.services.sync.store.apply_page(
            STREAM_UNIT, PullPage((item, broken), item.server_seq + 1, False, central.state.epoch)
        )
    assert desk.services.sync.store.cursor(STREAM_UNIT) == cursor
    assert desk.rows("SELECT 1 FROM dossier_events WHERE event_id = ?", (step,)) == []
    assert desk.status(code) == 2
    applied = desk.services.sync.store.apply_page(
        STREAM_UNIT, PullPage((item,), item.server_seq, False, central.state.epoch)
    )
    assert applied == 1
    assert desk.status(code) == 9


def test_tail_recovery_moves_colliding_rows_past_centrals_mark(desk: Desk) -> None:
    desk.receive(3)
    store = desk.services.sync.store
    ids = [e.event_id for e in store.pending(3)]
    day = desk.one("SELECT code_date FROM code_counters")
    moved = store.recover_tail(5, {day: 7}, 2)  # central holds desk_seq 1..5 of other events
    assert moved == 2
    assert desk.rows("SELECT event_id, desk_seq FROM outbox ORDER BY desk_seq") == [
        (ids[0], 1),
        (ids[1], 6),
        (ids[2], 7),
    ]
    assert dict(desk.rows("SELECT event_id, desk_seq FROM dossier_events")) == {
        ids[0]: 1,
        ids[1]: 6,
        ids[2]: 7,
    }
    assert store.max_seq() == 7
    assert store.next_push_seq() == 1
    assert "tail_loss" in [c[2] for c in store.conflicts()]
    (code,) = desk.receive(1)
    assert code.endswith("-1008")  # codes continue after central's mark for the day (7)
    assert desk.one("SELECT max(desk_seq) FROM outbox") == 8


def test_tail_recovery_without_collisions_only_raises_the_counters(desk: Desk) -> None:
    desk.receive(1)
    store = desk.services.sync.store
    assert store.recover_tail(4, {}, None) == 0
    assert desk.rows("SELECT desk_seq FROM outbox") == [(1,)]
    assert store.max_seq() == 4
    desk.receive(1)
    assert desk.one("SELECT max(desk_seq) FROM outbox") == 5


def test_the_clock_offset_and_the_last_success_are_recorded(desk: Desk) -> None:
    store = desk.services.sync.store
    store.record_clock(SERVER_TIME, 1234, False)
    status = desk.services.sync.status()
    assert (status.clock_offset_ms, status.last_sync_ok_at) == (1234, None)
    store.record_clock(SERVER_TIME, -5, True)
    status = desk.services.sync.status()
    assert status.clock_offset_ms == -5
    assert status.last_sync_ok_at is not None
