"""A desk database that lost its tail re-learns from central (sync.md §2.12, §3.6 D1).

The tail is lost as in tests/e2e/test_recovery.py: the closed database is copied (a backup), the
desk works and syncs on, then the copy is put back. Central still holds what was pushed meanwhile and
sends it back on the unit stream; afterwards every desk row must equal the replay of central's events.
"""

from __future__ import annotations

from pathlib import Path

from desk_app.core.workflow import Action, DossierStatus
from tests.unit.sync.desk_harness import (
    Desk,
    acks_are_true,
    disagreements,
    exactly_once,
    journal_matches_central,
)
from tests.unit.sync.fake_central import FakeCentral


def test_a_lost_step_of_a_pushed_dossier_is_re_learned(
    desk: Desk, central: FakeCentral, tmp_path: Path
) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    snapshot = desk.backup(tmp_path / "snapshot.sqlite3")
    desk.act(code, Action.TRANSFER)
    assert desk.sync().acked == 1
    central.department_step(code, "finished")
    desk.restore(snapshot)  # the transfer is lost on this desk
    assert desk.status(code) == DossierStatus.RECEIVED
    assert desk.one("SELECT value FROM desk_counters WHERE name = 'desk_seq'") == 1
    report = desk.sync()
    assert report.ok, report.error
    assert "tail_loss" in report.warnings  # central's hwm (2) is past the desk's counter (1)
    assert "tail_loss" in desk.review_reasons()
    assert desk.status(code) == DossierStatus.FINISHED  # transfer re-learned, then the department's step
    assert desk.one("SELECT department FROM dossiers WHERE dossier_code = ?", (code,)) == "Tư pháp"
    # The counter follows central's mark: the next event is numbered after what central holds.
    assert desk.one("SELECT value FROM desk_counters WHERE name = 'desk_seq'") == 2
    assert disagreements(desk, central) == []
    assert journal_matches_central(desk, central) == []
    desk.act(code, Action.RETURN_RESULT, collector_name="Lê Văn Tám")
    assert desk.sync().acked == 1
    assert [e.event.desk_seq for e in central.desk_events()] == [1, 2, 3]
    assert disagreements(desk, central) == []


def test_pushed_dossiers_lost_with_the_tail_are_rebuilt_from_central(
    desk: Desk, central: FakeCentral, tmp_path: Path
) -> None:
    desk.receive(1)
    assert desk.sync().ok
    snapshot = desk.backup(tmp_path / "snapshot.sqlite3")
    lost = desk.receive(3)
    desk.act(lost[0], Action.TRANSFER)
    assert desk.sync().acked == 4
    central.department_step(lost[1], "finished")
    rows_before = {code: desk.rows("SELECT * FROM dossiers WHERE dossier_code = ?", (code,)) for code in lost}
    desk.restore(snapshot)
    assert desk.one("SELECT count(*) FROM dossiers") == 1
    report = desk.sync()
    assert report.ok, report.error
    assert desk.one("SELECT count(*) FROM dossiers") == 4
    assert desk.status(lost[0]) == DossierStatus.PROCESSING
    assert desk.status(lost[1]) == DossierStatus.FINISHED
    assert desk.status(lost[2]) == DossierStatus.RECEIVED
    # Rebuilt rows are the rows the desk had (the department's step aside), column by column.
    assert desk.rows("SELECT * FROM dossiers WHERE dossier_code = ?", (lost[0],)) == rows_before[lost[0]]
    assert desk.rows("SELECT * FROM dossiers WHERE dossier_code = ?", (lost[2],)) == rows_before[lost[2]]
    assert disagreements(desk, central) == []
    assert journal_matches_central(desk, central) == []
    # Re-learned events come from central; they are not queued to be sent back to it.
    assert desk.pending() == 0
    assert desk.one("SELECT count(*) FROM outbox") == 1
    again = desk.sync()
    assert (again.pushed, again.applied) == (0, 0)


def test_codes_re_issued_after_the_loss_are_refused_and_not_overwritten(
    desk: Desk, central: FakeCentral, tmp_path: Path
) -> None:
    """D1 of sync.md §3.6: pushed, lost, re-issued before the desk heard of the loss."""
    desk.receive(2)
    assert desk.sync().ok
    snapshot = desk.backup(tmp_path / "snapshot.sqlite3")
    pushed = desk.receive(5)
    desk.act(pushed[0], Action.TRANSFER)
    assert desk.sync().acked == 6
    central.department_step(pushed[0], "finished")
    never_pushed = desk.receive(3)
    desk.restore(snapshot)
    reissued = desk.receive(2)  # before the next sync: the numbers central already holds
    assert reissued == pushed[:2]
    report = desk.sync()
    assert report.ok, report.error
    assert any(w.startswith("tail_loss") for w in report.warnings)
    reasons = desk.review_reasons()
    assert "tail_loss" in reasons
    assert reasons.count("code_conflict") == 2  # central refuses the re-issued codes, visibly
    assert reasons.count("relearn_code_reissued") == 2  # and its holders of them are not overwritten
    # The re-issued receptions are numbered after central's mark, so the push was not stuck.
    assert exactly_once(desk, central) == []
    assert acks_are_true(desk, central) == []
    for code in pushed[2:]:
        assert desk.status(code) == DossierStatus.RECEIVED  # re-learned
    assert disagreements(desk, central) == []
    # The never-pushed dossiers are the documented loss; new codes come after central's marks.
    fresh = desk.receive(1)[0]
    assert fresh not in pushed
    assert fresh not in reissued
    assert fresh > max(pushed)
    assert never_pushed[0] not in pushed
    assert desk.sync().acked == 1
    assert disagreements(desk, central) == []


def test_more_new_events_than_were_lost_are_numbered_after_centrals_mark(
    desk: Desk, central: FakeCentral, tmp_path: Path
) -> None:
    snapshot = desk.backup(tmp_path / "snapshot.sqlite3")
    desk.receive(1)
    assert desk.sync().acked == 1  # central: desk_seq 1
    desk.restore(snapshot)
    desk.receive(2)  # desk_seq 1 and 2 again, other events: 1 collides, 2 is past central's mark
    report = desk.sync()
    assert report.ok, report.error
    assert report.acked + report.rejected == 2
    assert sorted(e.event.desk_seq for e in central.desk_events()) == [1, 2, 3]
    assert desk.rows("SELECT desk_seq FROM outbox ORDER BY desk_seq") == [(2,), (3,)]
    assert desk.pending() == 0
    assert exactly_once(desk, central) == []
    assert disagreements(desk, central) == []
