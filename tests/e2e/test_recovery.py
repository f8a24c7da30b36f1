"""Restore and tail-loss scenarios (sync.md §3.6): D1 desk tail loss, D2 server restore, D3 long
offline (410), D4 an old client (426)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from central.migrate import new_epoch
from central.models import DeskEventRecord
from desk_app.core.dossier import Actor
from desk_app.core.workflow import Action, Role
from desk_app.services.container import Services, build_services
from desk_app.services.dossiers import ActionRequest
from desk_app.sync import client as sync_client
from tests.central_fixtures import UNIT, ServerThread, needs_postgres
from tests.e2e.checker import DeskFiles, check, convergence
from tests.e2e.conftest import DeskFactory
from tests.pgcluster import Cluster
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = needs_postgres
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def receive(desk: Services, n: int) -> list[str]:
    return [str(desk.reception.receive(draft(desk), OFFICER)[0].code) for _ in range(n)]


def backup(desk: Services, tmp_path: Path) -> tuple[Services, Path]:
    """Copy the closed desk's file (a backup after a checkpoint: the file alone is whole); reopen it."""
    desk.close()
    snapshot = tmp_path / "snapshot.sqlite3"
    shutil.copyfile(desk.db_path, snapshot)
    return build_services(desk.db_path), snapshot


def restore(desk: Services, snapshot: Path) -> Services:
    """Close the desk, put the backup back in place of its database (the tail is lost), reopen."""
    path = desk.db_path
    desk.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(snapshot, path)
    return build_services(path)


def central_events(central: Any) -> int:
    with central.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(DeskEventRecord)) or 0)


def test_d2_server_restored_from_a_backup(
    pg: Cluster,
    central: Any,
    central_url: str,
    central_server: ServerThread,
    desk_factory: DeskFactory,
    tmp_path: Path,
) -> None:
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    receive(desk, 5)
    assert desk.sync.run_once().acked == 5
    database = central_url.rsplit("/", 1)[1]
    pg.dump(database, tmp_path / "t0.dump")
    receive(desk, 5)
    assert desk.sync.run_once().acked == 5
    central.engine.dispose()
    pg.restore(database, tmp_path / "t0.dump")  # the last 5 events are gone from central
    new_epoch(central.engine)  # the restore runbook's step
    assert central_events(central) == 5
    report = desk.sync.run_once()
    assert report.ok, report.error
    assert "server_restored" in report.warnings
    assert central_events(central) == 10
    assert convergence([DeskFiles(desk.db_path, 1)], central_url) == []
    assert check([DeskFiles(desk.db_path, 1)], central_url).violations == []


def test_d3_a_cursor_older_than_retention_replaces_the_stream(
    central: Any, central_url: str, central_server: ServerThread, desk_factory: DeskFactory
) -> None:
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    (code,) = receive(desk, 1)
    assert desk.sync.run_once().ok
    central.departments.update(code, "finished", "Tư pháp")
    central.reads.retention_floor = 10_000  # the desk was offline past the change log's retention
    report = desk.sync.run_once()
    assert report.ok, report.error
    assert desk.dossiers.show(code, OFFICER).summary.status == 9
    assert convergence([DeskFiles(desk.db_path, 1)], central_url) == []


def test_d4_an_old_client_keeps_its_queue_until_updated(
    central: Any,
    central_server: ServerThread,
    desk_factory: DeskFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.expected_warnings = True  # type: ignore[attr-defined]  # "sync stopped: UpgradeRequired"
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    receive(desk, 3)
    monkeypatch.setattr(sync_client, "PROTOCOL_VERSION", 0)
    old = desk.sync.run_once()
    assert not old.ok
    assert not old.transient
    assert "UpgradeRequired" in old.error
    assert desk.sync.status().pending == 3  # the queue is kept
    monkeypatch.undo()  # the app is updated
    assert desk.sync.run_once().acked == 3


def test_d1_desk_tail_loss(
    central: Any, central_url: str, central_server: ServerThread, desk_factory: DeskFactory, tmp_path: Path
) -> None:
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    receive(desk, 5)
    assert desk.sync.run_once().ok
    path = desk.db_path
    desk, snapshot = backup(desk, tmp_path)
    pushed = receive(desk, 10)
    desk.dossiers.act(pushed[0], ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    assert desk.sync.run_once().acked == 11
    central.departments.update(pushed[0], "finished", "Tư pháp")
    never_pushed = receive(desk, 10)
    desk = restore(desk, snapshot)  # the tail is lost on this desk
    reissued = receive(desk, 2)  # issued before the desk learns of the loss: codes central already has
    assert reissued == pushed[:2]
    report = desk.sync.run_once()
    assert report.ok, report.error
    assert any(w.startswith("tail_loss") for w in report.warnings)
    reasons = [item.reason for item in desk.sync.review_items()]
    assert "tail_loss" in reasons  # "possible re-issued codes" for the period
    assert reasons.count("code_conflict") == 2  # the re-issued codes are refused by central, visibly
    assert reasons.count("relearn_code_reissued") == 2  # and central's holders of them are not overwritten
    # The other 8 pushed dossiers are re-learned from the unit stream, with their later steps.
    for code in pushed[2:]:
        assert desk.dossiers.show(code, OFFICER).summary.status == 2
    assert desk.sync.run_once().ok
    # The 10 never pushed are the documented loss: their numbers are issued again from central's marks.
    fresh = receive(desk, 1)
    assert fresh[0] not in reissued
    assert fresh[0] not in pushed
    assert never_pushed[0] not in pushed
    assert desk.sync.run_once().acked == 1
    files = [DeskFiles(path, 1)]
    verdict = check(files, central_url)
    # I4 "numbers contiguous from 1" cannot hold on a desk that lost its tail (re-issue is reported as
    # review items above, not silent); every other invariant must.
    assert [v for v in verdict.violations if "numbers not contiguous from 1" not in v] == []
    assert convergence(files, central_url) == []
    desk.close()


def test_d1_a_lost_step_of_a_pushed_dossier_is_re_learned(
    central: Any, central_url: str, central_server: ServerThread, desk_factory: DeskFactory, tmp_path: Path
) -> None:
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    (code,) = receive(desk, 1)
    assert desk.sync.run_once().ok
    path = desk.db_path
    desk, snapshot = backup(desk, tmp_path)
    desk.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    assert desk.sync.run_once().acked == 1
    central.departments.update(code, "finished", "Tư pháp")
    desk = restore(desk, snapshot)  # the tail is lost on this desk
    assert desk.dossiers.show(code, OFFICER).summary.status == 2  # the transfer was lost here
    report = desk.sync.run_once()
    assert report.ok, report.error
    shown = desk.dossiers.show(code, OFFICER)
    assert shown.summary.status == 9  # transfer re-learned, then the department's step applied
    assert convergence([DeskFiles(path, 1)], central_url) == []
    assert check([DeskFiles(path, 1)], central_url).violations == []
    desk.close()


def test_d1_more_new_events_than_were_lost_are_renumbered_after_centrals_mark(
    central: Any, central_url: str, central_server: ServerThread, desk_factory: DeskFactory, tmp_path: Path
) -> None:
    """Found by the stateful model: the renumbered rows once followed the old counter, leaving a gap."""
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    path = desk.db_path
    desk, snapshot = backup(desk, tmp_path)
    receive(desk, 1)
    assert desk.sync.run_once().acked == 1  # central: desk_seq 1
    desk = restore(desk, snapshot)  # the tail is lost on this desk
    receive(desk, 2)  # desk_seq 1 and 2 again, other events: 1 collides, 2 is past central's mark
    report = desk.sync.run_once()
    assert report.ok, report.error
    assert report.acked + report.rejected == 2
    with central.sessions() as session:
        seqs = sorted(session.scalars(select(DeskEventRecord.desk_seq)).all())
    assert seqs == [1, 2, 3]
    assert convergence([DeskFiles(path, 1)], central_url) == []
    desk.close()


def test_d1_a_lost_step_older_than_the_desks_later_action_does_not_undo_it(
    central: Any, central_url: str, central_server: ServerThread, desk_factory: DeskFactory, tmp_path: Path
) -> None:
    """Found by the stateful model: a re-learned transfer was replayed over a later finish."""
    desk = desk_factory(1)
    desk.sync.enrol(central_server.url, central.admin.enrol_code(UNIT, 1), SUPERVISOR)
    (first,) = receive(desk, 1)
    desk, snapshot = backup(desk, tmp_path)
    receive(desk, 1)
    desk.dossiers.act(first, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
    assert desk.sync.run_once().acked == 3
    desk = restore(desk, snapshot)  # the transfer and the second dossier are lost here
    desk.dossiers.act(first, ActionRequest(Action.FINISH), OFFICER)  # acting on what the desk still shows
    report = desk.sync.run_once()
    assert report.ok, report.error
    assert desk.dossiers.show(first, OFFICER).summary.status == 9
    files = [DeskFiles(desk.db_path, 1)]
    assert check(files, central_url).violations == []
    assert convergence(files, central_url) == []
    desk.close()
