"""The sync engine, store and pull-apply against the in-memory central: the normal paths.

Push: every outbox row reaches central exactly once, in desk_seq order, and is acknowledged with
central's server_seq. Pull: department steps land on the dossier row as the projection says, once,
however often the stream is read; the desk's own events coming back change nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from desk_app.core.clock import FixedClock
from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import build_services
from desk_app.sync import engine as engine_module
from desk_app.sync.protocol import KIND_EVENT, STREAM_REFERENCE, STREAM_UNIT
from tests.unit.sync.desk_harness import Desk, disagreements, journal_matches_central
from tests.unit.sync.fake_central import FakeCentral


def test_a_desk_pushes_every_reception_once_in_desk_seq_order(desk: Desk, central: FakeCentral) -> None:
    codes = desk.receive(6)
    assert desk.pending() == 6
    report = desk.sync()
    assert report.ok, report.error
    assert (report.pushed, report.acked, report.rejected) == (6, 6, 0)
    stored = central.desk_events(desk.central_desk_id)
    assert [e.event.desk_seq for e in stored] == [1, 2, 3, 4, 5, 6]  # arrival order is desk_seq order
    assert len({e.event.event_id for e in stored}) == 6
    assert [e.server_seq for e in stored] == sorted(e.server_seq for e in stored)
    assert sorted(central.state.codes) == sorted(codes)
    # Every outbox row is acknowledged with the server_seq central gave it; nothing waits.
    assert desk.pending() == 0
    outbox = {r[0]: r[1:] for r in desk.rows("SELECT event_id, acked_at, server_seq FROM outbox")}
    assert {event_id: seq for event_id, (_acked, seq) in outbox.items()} == {
        e.event.event_id: e.server_seq for e in stored
    }
    assert all(acked for acked, _seq in outbox.values())
    assert desk.services.sync.status().accepted == 6
    # A second run has nothing to send and sends nothing.
    pushes = central.posts("/v1/push")
    again = desk.sync()
    assert again.ok
    assert again.pushed == 0
    assert central.posts("/v1/push") == pushes
    assert len(central.desk_events()) == 6


def test_what_central_holds_is_what_the_desk_wrote(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    desk.act(code, Action.TRANSFER)
    assert desk.sync().ok
    local = {
        r[0]: (r[1], r[2])
        for r in desk.rows("SELECT event_id, payload_sha256, payload FROM outbox ORDER BY desk_seq")
    }
    held = {e.event.event_id: e.event for e in central.desk_events()}
    assert set(held) == set(local)
    for event_id, (sha, _payload) in local.items():
        assert held[event_id].payload_sha256 == sha
    assert central.state.dossiers[desk.dossier_id(code)].status == DossierStatus.PROCESSING
    assert disagreements(desk, central) == []


def test_batches_of_at_most_max_batch_keep_the_order(
    desk: Desk, central: FakeCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "MAX_BATCH", 2)
    desk.receive(5)
    report = desk.sync()
    assert report.ok, report.error
    assert report.acked == 5
    assert central.posts("/v1/push") == 3  # 2 + 2 + 1
    assert [e.event.desk_seq for e in central.desk_events()] == [1, 2, 3, 4, 5]
    assert desk.pending() == 0


def test_the_desks_own_events_coming_back_are_not_applied_again(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    desk.act(code, Action.TRANSFER)
    before = desk.rows("SELECT * FROM dossiers")
    report = desk.sync()
    assert report.ok
    assert report.pulled == 2  # both events come back on the unit stream
    assert report.applied == 0  # and change nothing
    assert desk.one("SELECT count(*) FROM dossier_events") == 2
    assert desk.rows("SELECT * FROM dossiers") == before
    # The journal carries central's numbers, exactly as the stream does.
    assert journal_matches_central(desk, central) == []
    assert desk.one("SELECT count(*) FROM dossier_events WHERE server_seq IS NULL") == 0


def test_a_department_step_is_applied_to_the_dossier_once(desk: Desk, central: FakeCentral) -> None:
    first, second = desk.receive(2)
    desk.act(first, Action.TRANSFER)
    assert desk.sync().ok
    step = central.department_step(first, "finished")
    report = desk.sync()
    assert report.ok, report.error
    assert (report.pulled, report.applied) == (1, 1)
    assert desk.status(first) == DossierStatus.FINISHED
    assert desk.status(second) == DossierStatus.RECEIVED
    origin, seq = desk.rows("SELECT origin, server_seq FROM dossier_events WHERE event_id = ?", (step,))[0]
    assert origin == "dept:Tư pháp"
    assert seq == central.state.head
    row = desk.rows(
        "SELECT status, row_version, finished_at, department FROM dossiers WHERE dossier_code = ?", (first,)
    )[0]
    assert row[:2] == (9, 3)  # received, transferred, finished
    assert row[2] is not None
    assert row[3] == "Tư pháp"
    assert disagreements(desk, central) == []
    assert journal_matches_central(desk, central) == []


def test_pulling_the_stream_again_from_the_start_changes_nothing(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    central.department_step(code, "started")
    central.department_step(code, "finished")
    assert desk.sync().applied >= 1
    journal = desk.rows("SELECT event_id, server_seq FROM dossier_events ORDER BY event_id")
    row = desk.rows("SELECT * FROM dossiers")
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, central.state.head)
    desk.services.sync.store.reset_stream(STREAM_UNIT)  # the cursor is forgotten: read from 0
    assert desk.services.sync.store.cursor(STREAM_UNIT) is None
    report = desk.sync()
    assert report.ok
    assert report.pulled == 3
    assert report.applied == 0
    assert desk.rows("SELECT event_id, server_seq FROM dossier_events ORDER BY event_id") == journal
    assert desk.rows("SELECT * FROM dossiers") == row
    assert desk.status(code) == DossierStatus.FINISHED


def test_the_cursor_moves_only_forward_and_survives_a_restart(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    head = central.state.head
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, head)
    assert desk.services.sync.store.cursor(STREAM_REFERENCE) == (central.state.epoch, head)
    central.department_step(code, "finished")
    desk.close()
    desk.services = build_services(desk.path, clock=desk.clock)  # the app restarts
    desk.services.sync.transport = central.transport
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, head)
    report = desk.sync()
    assert report.pulled == 1  # only what came after the stored cursor
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, head + 1)
    assert desk.status(code) == DossierStatus.FINISHED


def test_a_long_stream_is_read_in_pages(
    desk: Desk, central: FakeCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "MAX_PAGE", 2)
    codes = desk.receive(3)
    assert desk.sync().ok
    for code in codes:
        central.department_step(code, "finished")
    pulls = central.posts("/v1/pull")
    report = desk.sync()
    assert report.ok
    assert report.applied == 3
    assert central.posts("/v1/pull") - pulls == 3  # unit: 2 + 1 items; reference: 1 empty page
    assert all(desk.status(code) == DossierStatus.FINISHED for code in codes)
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, central.state.head)


@pytest.fixture
def other_desk(template_db: Path, tmp_path: Path, clock: FixedClock, central: FakeCentral) -> Iterator[Desk]:
    """A second desk of the same unit: the demo template with its own desk id, on code slot 3."""
    path = tmp_path / "other" / "desk.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    with closing(sqlite3.connect(path)) as conn:  # what ``initialise_demo(slot=3)`` would have written
        conn.execute("UPDATE desk_identity SET code_slot = 3, desk_id = ?", (str(uuid.uuid4()),))
        conn.commit()
    built = Desk(path, clock, central)
    built.enrol()
    yield built
    built.close()


def test_two_desks_of_a_unit_see_only_their_own_dossiers(
    desk: Desk, other_desk: Desk, central: FakeCentral
) -> None:
    mine = desk.receive(2)
    theirs = other_desk.receive(2)
    assert not set(mine) & set(theirs)  # slots keep offline codes apart
    assert desk.sync().ok
    assert other_desk.sync().ok
    central.department_step(theirs[0], "finished")
    report = desk.sync()
    assert report.ok
    # The other desk's dossiers and steps are on the unit stream, and are not kept here.
    assert report.pulled == 3
    assert report.applied == 0
    assert sorted(r[0] for r in desk.rows("SELECT dossier_code FROM dossiers")) == sorted(mine)
    assert desk.one("SELECT count(*) FROM dossier_events") == 2
    assert other_desk.sync().applied == 1
    assert other_desk.status(theirs[0]) == DossierStatus.FINISHED
    for each in (desk, other_desk):
        assert disagreements(each, central) == []
        assert journal_matches_central(each, central) == []
    per_desk = {e.desk_id for e in central.desk_events()}
    assert per_desk == {desk.central_desk_id, other_desk.central_desk_id}
    assert [i.kind for i in central.unit_items(desk.unit_code)].count(KIND_EVENT) == 5
