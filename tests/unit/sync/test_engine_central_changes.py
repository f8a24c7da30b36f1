"""What happens on central's side: a new epoch, a restore from backup, an expired cursor, a revoked
token, a protocol the desk is too old for, a clock far from the desk's, re-enrolment (sync.md §2.9–2.12)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.core.clock import FixedClock
from desk_app.core.workflow import DossierStatus
from desk_app.services.journal import ClockWentBackwards
from desk_app.sync.protocol import STREAM_UNIT
from tests.unit.services.lifecycle import SUPERVISOR
from tests.unit.sync.desk_harness import (
    Desk,
    acks_are_true,
    disagreements,
    exactly_once,
    journal_matches_central,
)
from tests.unit.sync.fake_central import FakeCentral


def test_a_new_epoch_re_reads_the_streams_without_applying_anything_twice(
    desk: Desk, central: FakeCentral
) -> None:
    first, second = desk.receive(2)
    assert desk.sync().ok
    central.department_step(first, "finished")
    assert desk.sync().applied == 1
    journal = desk.rows("SELECT event_id, server_seq FROM dossier_events ORDER BY event_id")
    central.new_epoch()
    central.department_step(second, "started")
    report = desk.sync()
    assert report.ok, report.error
    assert "server_restored" in report.warnings
    assert report.pulled == 4  # the whole unit stream again, from 0
    assert report.applied == 1  # only the step that is new
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, central.state.head)
    assert desk.services.sync.store.identity().server_epoch == central.state.epoch
    assert set(journal) < set(desk.rows("SELECT event_id, server_seq FROM dossier_events"))
    assert desk.one("SELECT count(*) FROM dossier_events") == len(journal) + 1
    assert disagreements(desk, central) == []


def test_central_restored_from_a_backup_gets_the_lost_events_again(desk: Desk, central: FakeCentral) -> None:
    """D2 (the cht-core #8093 regression): acked on the desk, lost on central, pushed again."""
    desk.receive(3)
    assert desk.sync().ok
    backup = central.backup()
    desk.receive(3)
    assert desk.sync().acked == 3
    central.restore(backup)  # central lost desk_seq 4..6; its epoch changes
    assert len(central.desk_events()) == 3
    assert acks_are_true(desk, central) != []  # the desk's acks of 4..6 are no longer true
    report = desk.sync()
    assert report.ok, report.error
    assert "server_restored" in report.warnings
    assert "repush:3" in report.warnings
    assert report.acked == 3
    assert len(central.desk_events()) == 6
    assert exactly_once(desk, central) == []
    assert acks_are_true(desk, central) == []
    assert disagreements(desk, central) == []
    assert journal_matches_central(desk, central) == []


def test_a_department_step_central_lost_in_a_restore_is_not_kept_by_the_desk(
    desk: Desk, central: FakeCentral
) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    backup = central.backup()
    central.department_step(code, "finished")
    assert desk.sync().applied == 1
    central.restore(backup)  # the step is gone from central
    report = desk.sync()
    assert report.ok, report.error
    assert "server_restored" in report.warnings
    assert "lost_on_central:1" in report.warnings
    assert disagreements(desk, central) == []
    assert desk.status(code) == DossierStatus.RECEIVED
    # The step stays in the desk's journal for the audit, marked lost, and the officer is told.
    assert desk.one("SELECT central_copy FROM dossier_events WHERE origin LIKE 'dept:%'") == "lost"
    assert [i.reason for i in desk.services.sync.review_items()] == ["lost_on_central"]
    assert desk.sync().warnings == []  # settled once


def test_a_department_step_central_kept_through_its_restore_stays(desk: Desk, central: FakeCentral) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    central.department_step(code, "finished")
    assert desk.sync().applied == 1
    backup = central.backup()  # taken after the step: the restore keeps it
    central.restore(backup)
    report = desk.sync()
    assert report.ok, report.error
    assert "server_restored" in report.warnings
    assert not [w for w in report.warnings if w.startswith("lost_on_central")]
    assert desk.status(code) == DossierStatus.FINISHED
    assert desk.one("SELECT central_copy FROM dossier_events WHERE origin LIKE 'dept:%'") == "held"
    assert desk.services.sync.review_items() == []


def test_an_expired_cursor_replaces_the_stream_from_the_start(desk: Desk, central: FakeCentral) -> None:
    """D3: offline past the change log's retention: 410, then the stream is read again from 0."""
    (code,) = desk.receive(1)
    assert desk.sync().ok
    central.department_step(code, "finished")
    central.retention_floor = 1_000  # every cursor above 0 is now too old
    report = desk.sync()
    assert report.ok, report.error
    assert ("GET", "/v1/pull", "410") in central.requests
    assert report.applied == 1
    assert desk.status(code) == DossierStatus.FINISHED
    assert desk.one("SELECT count(*) FROM dossier_events") == 2
    assert desk.services.sync.store.cursor(STREAM_UNIT) == (central.state.epoch, central.state.head)


def test_a_revoked_desk_stops_syncing_and_keeps_its_queue(
    desk: Desk, central: FakeCentral, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.expected_warnings = True  # type: ignore[attr-defined]  # "sync stopped: Unauthorized"
    desk.receive(1)
    assert desk.sync().ok
    central.revoke(desk.central_desk_id)
    desk.receive(2)  # the desk keeps working offline
    report = desk.sync()
    assert not report.ok
    assert not report.transient
    assert "Unauthorized" in report.error
    assert desk.pending() == 2
    old_id = desk.central_desk_id
    desk.enrol()  # re-enrolment: a new identity on central; the queue continues where it was
    assert desk.central_desk_id != old_id
    healed = desk.sync()
    assert healed.ok, healed.error
    assert healed.acked == 2
    assert desk.pending() == 0
    assert [e.event.desk_seq for e in central.desk_events(desk.central_desk_id)] == [2, 3]
    assert acks_are_true(desk, central) == []
    assert disagreements(desk, central) == []


def test_an_old_protocol_keeps_the_queue_until_the_update(
    desk: Desk, central: FakeCentral, caplog: pytest.LogCaptureFixture
) -> None:
    """D4: 426, keep working offline, never drop the queue."""
    caplog.expected_warnings = True  # type: ignore[attr-defined]  # "sync stopped: UpgradeRequired"
    desk.receive(3)
    central.protocol_range = (2, 2)
    report = desk.sync()
    assert not report.ok
    assert not report.transient
    assert "UpgradeRequired" in report.error
    assert desk.pending() == 3
    assert central.desk_events() == []
    central.protocol_range = (1, 2)  # the desk's version is served again
    assert desk.sync().acked == 3


def test_a_clock_an_hour_off_centrals_blocks_new_codes(
    desk: Desk, central: FakeCentral, clock: FixedClock
) -> None:
    central.now = lambda: clock.now() + timedelta(hours=2)
    report = desk.sync()
    assert report.ok
    assert report.offset_ms == 2 * 3600 * 1000
    assert desk.services.sync.status().clock_offset_ms == 2 * 3600 * 1000
    with pytest.raises(ClockWentBackwards):
        desk.receive(1)
    assert desk.one("SELECT count(*) FROM dossiers") == 0
    desk.services.sync.confirm_clock(SUPERVISOR)  # a supervisor set the clock right
    assert len(desk.receive(1)) == 1


def test_a_clock_a_few_minutes_off_is_only_reported(
    desk: Desk, central: FakeCentral, clock: FixedClock
) -> None:
    central.now = lambda: clock.now() - timedelta(minutes=6)
    report = desk.sync()
    assert report.ok
    assert report.offset_ms == -6 * 60 * 1000
    assert len(desk.receive(1)) == 1


def test_a_new_desk_on_the_slot_continues_after_the_codes_central_holds(
    desk: Desk, central: FakeCentral, template_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Re-enrolment on a new PC: the old token is revoked; code counters start after central's marks."""
    caplog.expected_warnings = True  # type: ignore[attr-defined]  # the old desk: "Unauthorized"
    issued = desk.receive(3)
    assert desk.sync().ok
    path = tmp_path / "new-pc" / "desk.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    replacement = Desk(path, desk.clock, central)
    try:
        replacement.enrol()
        (code,) = replacement.receive(1)
        assert code not in issued
        assert code.endswith("-1004")  # slot 1, n = 4: after the three central holds
        assert replacement.sync().acked == 1
        assert "Unauthorized" in desk.sync().error
    finally:
        replacement.close()
