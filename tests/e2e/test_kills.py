"""kill -9 of central while desks push (sync.md §3.4 B3) and immediate PostgreSQL restarts (B4).

Three desks keep receiving and pushing over real HTTP while central is SIGKILLed and restarted
KILLS_SERVER times and PostgreSQL crashes KILLS_POSTGRES times; then every invariant is checked.
"""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from desk_app.core.dossier import Actor
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Role
from desk_app.services.container import Services
from tests.central_fixtures import needs_postgres
from tests.e2e.checker import DeskFiles, check, convergence
from tests.e2e.conftest import enrolled_desk
from tests.e2e.test_fault_run import CentralProcess
from tests.pgcluster import Cluster, free_port
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = [needs_postgres, pytest.mark.slow, pytest.mark.timeout(900)]
KILLS_SERVER = int(os.environ.get("KILLS_SERVER", "100"))  # sync.md §3.4 B3
KILLS_POSTGRES = int(os.environ.get("KILLS_POSTGRES", "20"))  # B4
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def _work(desk: Services, stop: threading.Event) -> None:
    desk.sync.timeout_s = 2.0
    while not stop.is_set():
        try:
            desk.reception.receive(draft(desk), OFFICER)
        except DomainError:
            time.sleep(0.1)
        desk.sync.run_once()


def test_central_and_postgres_killed_during_pushes(
    pg: Cluster, central_url: str, central: Any, slot_templates: Any, tmp_path: Path
) -> None:
    rng = random.Random(7)
    port = free_port()
    server = CentralProcess(central_url, port)
    server.start()
    desks, files = [], []
    for slot in (1, 2, 3):
        desk, db = enrolled_desk(
            tmp_path / f"desk{slot}", slot_templates(slot), slot, f"http://127.0.0.1:{port}", central
        )
        desks.append(desk)
        files.append(DeskFiles(db, slot))
    stop = threading.Event()
    workers = [threading.Thread(target=_work, args=(d, stop), daemon=True) for d in desks]
    for worker in workers:
        worker.start()
    crashes = {"server": 0, "postgres": 0}
    every = max(1, KILLS_SERVER // max(1, KILLS_POSTGRES))
    while crashes["server"] < KILLS_SERVER:
        time.sleep(rng.uniform(0.1, 0.6))
        server.kill()
        crashes["server"] += 1
        if crashes["postgres"] < KILLS_POSTGRES and crashes["server"] % every == 0:
            pg.restart_immediate()
            crashes["postgres"] += 1
        server.start()
    stop.set()
    for worker in workers:
        worker.join(60)
    for _round in range(3):
        for desk in desks:
            desk.sync.timeout_s = None
            assert desk.sync.run_once().ok
    verdict = check(files, central_url)
    print(f"KILLS {crashes} {verdict.figures}")
    for desk in desks:
        desk.close()
    server.kill()
    assert verdict.figures["central_events"] > 0
    assert verdict.violations == [], verdict.violations
    assert convergence(files, central_url) == []
