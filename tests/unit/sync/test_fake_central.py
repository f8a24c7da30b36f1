"""The stand-in itself keeps the protocol's rules (sync.md §2.3, §2.6), seen through the real client.

The engine tests are only as good as the central they run against: each rule the real server's own
tests check (tests/central/test_push_protocol.py) is checked here for the fake, over real outbox rows.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace

import pytest

from desk_app.sync import errors
from desk_app.sync.client import SyncClient
from desk_app.sync.protocol import (
    APPLIED,
    DUPLICATE,
    MAX_BATCH,
    STREAM_REFERENCE,
    STREAM_UNIT,
    PushEvent,
    canonical_json,
    payload_sha256,
)
from tests.unit.sync.desk_harness import Desk
from tests.unit.sync.fake_central import URL, FakeCentral


@pytest.fixture
def client(desk: Desk, central: FakeCentral) -> Iterator[SyncClient]:
    """A bare client enrolled on the desk's slot (the desk's own enrolment is replaced)."""
    identity = desk.services.sync.store.identity()
    code = central.enrol_code(identity.unit_code, identity.code_slot)
    enrolment = SyncClient(URL, transport=central.transport()).enrol(
        code, identity.unit_code, identity.code_slot, 1
    )
    built = SyncClient(URL, enrolment.token, transport=central.transport())
    yield built
    built.close()


def events(desk: Desk, n: int) -> list[PushEvent]:
    desk.receive(n)
    return desk.services.sync.store.pending(n)


def edited(event: PushEvent, **changes: object) -> PushEvent:
    payload = copy.deepcopy(event.payload)
    payload.update(changes)
    return replace(event, payload=payload, payload_sha256=payload_sha256(canonical_json(payload)))


def test_applied_then_a_resend_is_a_duplicate_with_the_same_server_seq(
    desk: Desk, client: SyncClient
) -> None:
    batch = events(desk, 2)
    first = client.push("a", batch)
    assert [r.status for r in first.results] == [APPLIED, APPLIED]
    assert first.desk_hwm == 2
    again = client.push("b", batch)
    assert [r.status for r in again.results] == [DUPLICATE, DUPLICATE]
    assert [r.server_seq for r in again.results] == [r.server_seq for r in first.results]
    assert all(r.acked for r in again.results)


def test_same_id_other_payload_is_a_payload_mismatch(
    desk: Desk, client: SyncClient, central: FakeCentral
) -> None:
    (event,) = events(desk, 1)
    client.push("a", [event])
    with pytest.raises(errors.PayloadMismatch) as caught:
        client.push("b", [edited(event, note="changed")])
    assert caught.value.event_id == event.event_id
    assert central.state.events[event.event_id].event.payload_sha256 == event.payload_sha256


def test_a_hash_that_does_not_match_the_payload_is_a_payload_mismatch(desk: Desk, client: SyncClient) -> None:
    (event,) = events(desk, 1)
    with pytest.raises(errors.PayloadMismatch):
        client.push("a", [replace(event, payload_sha256="0" * 64)])


def test_a_gap_names_the_expected_desk_seq_and_stores_nothing(
    desk: Desk, client: SyncClient, central: FakeCentral
) -> None:
    one, two, three = events(desk, 3)
    with pytest.raises(errors.Gap) as caught:
        client.push("a", [two])
    assert (caught.value.expected, caught.value.hwm) == (1, 0)
    client.push("b", [one])
    head = central.state.head
    with pytest.raises(errors.Gap) as caught:
        client.push("c", [one, three])  # the whole request is refused: "one" is not answered either
    assert caught.value.expected == 2
    assert central.state.head == head
    assert client.meta().desk_hwm == 1
    assert [r.status for r in client.push("d", [two, three]).results] == [APPLIED, APPLIED]


def test_a_reused_desk_seq_names_the_hwm(desk: Desk, client: SyncClient) -> None:
    one, two = events(desk, 2)
    client.push("a", [one, two])
    with pytest.raises(errors.SeqReused) as caught:
        client.push("b", [replace(two, event_id="00000000-0000-7000-8000-000000000000")])
    assert (caught.value.hwm, caught.value.desk_seq) == (2, 2)


def test_an_unknown_token_is_unauthorized(central: FakeCentral) -> None:
    stranger = SyncClient(URL, "not-a-token", transport=central.transport())
    with pytest.raises(errors.Unauthorized):
        stranger.meta()
    stranger.close()


def test_at_most_max_batch_events_per_push(desk: Desk, client: SyncClient) -> None:
    (event,) = events(desk, 1)
    with pytest.raises(errors.Refused):
        client.push("a", [event] * (MAX_BATCH + 1))


def test_server_seqs_are_gap_free_and_the_pull_pages_follow_them(
    desk: Desk, client: SyncClient, central: FakeCentral
) -> None:
    codes = [str(e.payload["dossier_code"]) for e in events(desk, 3)]
    client.push("a", desk.services.sync.store.pending(3))
    central.department_step(codes[1], "finished")
    assert central.state.head == 4
    page = client.pull(STREAM_UNIT, 0, 2)
    assert [i.server_seq for i in page.items] == [1, 2]
    assert (page.next_cursor, page.has_more) == (2, True)
    rest = client.pull(STREAM_UNIT, page.next_cursor, 2)
    assert [i.server_seq for i in rest.items] == [3, 4]
    assert rest.items[-1].body["origin"].startswith("dept:")
    assert (rest.next_cursor, rest.has_more) == (4, False)
    empty = client.pull(STREAM_REFERENCE, 0, 10)
    assert (empty.items, empty.next_cursor, empty.has_more) == ((), 4, False)  # to the head
    assert page.server_epoch == central.state.epoch


def test_an_expired_cursor_is_410(desk: Desk, client: SyncClient, central: FakeCentral) -> None:
    client.push("a", events(desk, 1))
    central.retention_floor = 5
    with pytest.raises(errors.CursorExpired):
        client.pull(STREAM_UNIT, 1, 10)
    assert len(client.pull(STREAM_UNIT, 0, 10).items) == 1  # from the start is always possible


def test_meta_reports_the_hwm_and_the_codes_of_the_slot(desk: Desk, client: SyncClient) -> None:
    batch = events(desk, 2)
    client.push("a", batch)
    meta = client.meta()
    assert meta.desk_hwm == 2
    day = str(batch[0].payload["dossier_code"]).split("-")[1]
    assert meta.code_hwm == {day: 2}
    assert meta.should_continue
