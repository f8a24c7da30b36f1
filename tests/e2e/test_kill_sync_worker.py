"""kill -9 of the desk's sync worker in the middle of its requests (sync.md §3.4 B2).

A fault proxy delays every request and every answer (0–2 s in all), so most kills land while a push
or a pull is in flight: before central commits, or after it committed and before the desk recorded
the answer. Meanwhile the officer keeps receiving. After the last kill the desk syncs until quiet and
every invariant is checked; I3 (acks are true) is also checked every 25 kills mid-run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from tests.central_fixtures import needs_postgres
from tests.e2e.checker import DeskFiles, acks_are_true, check, convergence
from tests.e2e.conftest import enrolled_desk
from tests.e2e.test_fault_run import REPO, CentralProcess
from tests.faultproxy import FaultProxy
from tests.pgcluster import Cluster, free_port
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = [needs_postgres, pytest.mark.slow, pytest.mark.timeout(900)]
KILLS_SYNC = int(os.environ.get("KILLS_SYNC", "200"))
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def test_sync_worker_killed_inside_requests(
    pg: Cluster, central_url: str, central: Any, slot_templates: Any, tmp_path: Path
) -> None:
    rng = random.Random(41)
    port = free_port()
    server = CentralProcess(central_url, port)
    server.start()
    proxy = FaultProxy(port, seed=41, latency=(0.0, 2.0), enabled=False).start()
    officer, db = enrolled_desk(
        tmp_path / "desk", slot_templates(1), 1, f"http://127.0.0.1:{proxy.port}", central
    )
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.sync_zygote", str(db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    files = [DeskFiles(db, 1)]
    in_request = 0
    try:
        for kill in range(1, KILLS_SYNC + 1):
            for _ in range(rng.randint(0, 2)):
                officer.reception.receive(draft(officer), OFFICER)
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0.05, 0.8))
            in_request += proxy.in_flight > 0
            os.kill(pid, signal.SIGKILL)
            if kill % 25 == 0:
                acks = acks_are_true(files, central_url)
                assert acks == [], acks
    finally:
        zygote.stdin.close()
        zygote.wait(30)
        zygote.stdout.close()
    deadline = time.monotonic() + 60
    while True:  # heal: no more kills; sync until quiet (I5 within 60 s)
        report = officer.sync.run_once()
        assert report.ok, report.error
        if not report.pushed and not report.pulled and officer.sync.status().pending == 0:
            break
        assert time.monotonic() < deadline, "no convergence within 60 s"
    verdict = check(files, central_url)
    print(f"B2 kills={KILLS_SYNC} inside_requests={in_request} {verdict.figures}")
    officer.close()
    proxy.stop()
    server.kill()
    assert in_request >= KILLS_SYNC // 2  # the kills really hit requests in flight
    assert verdict.figures["central_events"] > 0
    assert verdict.violations == [], verdict.violations
    assert convergence(files, central_url) == []
