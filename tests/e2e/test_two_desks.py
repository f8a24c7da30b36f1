"""Two desks, one central: offline work, then sync; department updates and catalogue releases come down."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from central.models import DeskEventRecord, DossierRecord
from desk_app import paths
from desk_app.core.dossier import Actor
from desk_app.core.workflow import DossierStatus, Role
from desk_app.services.catalogue_sources import make_release, read_catalogue_file
from desk_app.services.container import Services
from tests.central_fixtures import UNIT, ServerThread, needs_postgres
from tests.e2e.conftest import DeskFactory
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = needs_postgres
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def enrol(desk: Services, central: Any, url: str, slot: int) -> None:
    desk.sync.enrol(url, central.admin.enrol_code(UNIT, slot), SUPERVISOR)


def receive(desk: Services, n: int) -> list[str]:
    codes = []
    for _ in range(n):
        outcome, _changes = desk.reception.receive(draft(desk), OFFICER)
        assert outcome.code
        codes.append(outcome.code)
    return codes


def test_two_desks_offline_then_online(
    central: Any, central_server: ServerThread, desk_factory: DeskFactory
) -> None:
    one, two = desk_factory(1), desk_factory(2)
    enrol(one, central, central_server.url, 1)
    enrol(two, central, central_server.url, 2)
    central_server.stop()  # the network goes down
    codes = receive(one, 5) + receive(two, 5)
    offline = one.sync.run_once()
    assert not offline.ok
    assert offline.transient
    assert one.sync.status().pending == 5
    server = ServerThread(central, port=central_server.port).start()  # the network is back
    try:
        for desk in (one, two):
            report = desk.sync.run_once()
            assert report.ok, report.error
            assert report.acked == 5
            assert desk.sync.status().pending == 0
        with central.sessions() as session:
            stored = session.scalars(select(DossierRecord.dossier_code)).all()
            events = session.scalar(select(func.count()).select_from(DeskEventRecord))
        assert sorted(stored) == sorted(codes)
        assert len(set(codes)) == 10  # distinct codes across desks
        assert events == 10
        again = one.sync.run_once()  # nothing more to send: nothing duplicated
        assert again.pushed == 0
    finally:
        server.stop()


def test_a_department_update_appears_on_the_desk(
    central: Any, central_server: ServerThread, desk_factory: DeskFactory
) -> None:
    desk = desk_factory(1)
    enrol(desk, central, central_server.url, 1)
    (code,) = receive(desk, 1)
    assert desk.sync.run_once().ok
    central.departments.update(code, "started", "Tư pháp - Hộ tịch")
    central.departments.update(code, "finished", "Tư pháp - Hộ tịch", "Đã ký giấy khai sinh")
    report = desk.sync.run_once()
    assert report.ok
    assert report.applied == 2
    detail = desk.dossiers.show(code, OFFICER)
    assert detail.summary.status == DossierStatus.FINISHED
    origins = [e.origin for e in detail.events]
    assert origins.count("dept:Tư pháp - Hộ tịch") == 2
    assert "return" in detail.allowed_actions
    # The desk returns the result; central accepts it after the department's step.
    from desk_app.core.workflow import Action
    from desk_app.services.dossiers import ActionRequest

    desk.dossiers.act(code, ActionRequest(Action.RETURN_RESULT, collector_name="Trần Thị Bích Ngọc"), OFFICER)
    assert desk.sync.run_once().acked == 1
    with central.sessions() as session:
        assert session.scalar(select(DossierRecord.status).where(DossierRecord.dossier_code == code)) == 10


def test_a_desk_step_that_lost_the_race_with_a_department_follows_central(
    central: Any, central_server: ServerThread, desk_factory: DeskFactory
) -> None:
    """Found by the stateful model (chunk seed 4): the desk finishes a dossier offline while the
    department stops it at central; central refuses the desk's finish, and the desk must follow
    central's order (stopped), keeping the refusal as a review item, not stay "finished"."""
    from desk_app.core.workflow import Action
    from desk_app.services.dossiers import ActionRequest

    desk = desk_factory(1)
    enrol(desk, central, central_server.url, 1)
    (code,) = receive(desk, 1)
    assert desk.sync.run_once().ok
    desk.dossiers.act(code, ActionRequest(Action.FINISH, department="Tư pháp"), OFFICER)
    central.departments.update(code, "stopped", "Tư pháp")
    for _round in range(2):
        assert desk.sync.run_once().ok
    assert desk.dossiers.show(code, OFFICER).summary.status == DossierStatus.STOPPED
    with central.sessions() as session:
        assert session.scalar(select(DossierRecord.status).where(DossierRecord.dossier_code == code)) == 8
    assert [item.reason for item in desk.sync.review_items()]


def test_a_catalogue_release_is_used_for_new_dossiers_and_old_ones_keep_their_version(
    central: Any, central_server: ServerThread, desk_factory: DeskFactory
) -> None:
    desk = desk_factory(1)
    enrol(desk, central, central_server.url, 1)
    old_outcome, _changes = desk.reception.receive(draft(desk), OFFICER)
    old_version = desk.catalogue.procedure("1.001193").version_id
    batch = read_catalogue_file(paths.resources_dir() / "catalogue" / "commune-catalogue.json")
    procedures = [p for p in batch.procedures if p.code == "1.001193"]
    from dataclasses import replace

    renamed = [replace(p, name=p.name + " (bản cập nhật)") for p in procedures]
    release = make_release(renamed, 2, {"origin": "test"}, "2026-12-02T00:00:00+07:00")
    assert central.releases.publish("catalogue", json.loads(json.dumps(release)))["published"]
    report = desk.sync.run_once()
    assert report.ok, report.error
    current = desk.catalogue.procedure("1.001193")
    assert current.name.endswith("(bản cập nhật)")
    assert current.version_id != old_version
    new_outcome, _changes = desk.reception.receive(draft(desk), OFFICER)
    old = desk.dossiers.show(old_outcome.id, OFFICER)
    new = desk.dossiers.show(new_outcome.id, OFFICER)
    assert old.procedure_version_id == old_version
    assert new.procedure_version_id == current.version_id
    assert desk.sync.run_once().applied == 0  # applying the stream again changes nothing
