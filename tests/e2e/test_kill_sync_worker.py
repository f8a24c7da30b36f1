"""kill -9 of the desk's sync worker in the middle of its requests (sync.md §3.4 B2).

The fault proxy holds a chosen request of the worker's round until the kill: either *before* it is
forwarded (central never sees it) or *after* central answered (central committed, the desk never
hears), on a push whenever the officer has just received dossiers. Every kill therefore lands inside
a request by construction; which one is drawn from a seeded generator. Meanwhile the officer keeps
receiving. After the last kill the desk syncs until quiet and every invariant is checked; I3 (acks
are true) is also checked every 25 kills mid-run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from tests.budget import budget, scaled
from tests.central_fixtures import needs_postgres
from tests.e2e.checker import DeskFiles, acks_are_true, check, convergence
from tests.e2e.conftest import enrolled_desk
from tests.e2e.test_fault_run import REPO, CentralProcess
from tests.faultproxy import FaultProxy
from tests.pgcluster import Cluster, free_port
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = [needs_postgres, pytest.mark.slow, pytest.mark.timeout(900)]
KILLS_MINIMUM = int(os.environ.get("KILLS_SYNC_MINIMUM", "60"))
KILLS_SYNC = int(os.environ.get("KILLS_SYNC", "200"))
KILLS_SECONDS = float(os.environ.get("KILLS_SYNC_SECONDS", "90"))
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def test_sync_worker_killed_inside_requests(
    pg: Cluster, central_url: str, central: Any, slot_templates: Any, tmp_path: Path, request: Any
) -> None:
    rng = random.Random(41)
    port = free_port()
    server = CentralProcess(central_url, port)
    server.start()
    proxy = FaultProxy(port, seed=41, enabled=False).start()
    request.addfinalizer(proxy.stop)
    request.addfinalizer(server.stop)
    officer, db = enrolled_desk(
        tmp_path / "desk", slot_templates(1), 1, f"http://127.0.0.1:{proxy.port}", central
    )
    request.addfinalizer(officer.close)
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.sync_zygote", str(db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    files = [DeskFiles(db, 1)]
    held: Counter[str] = Counter()
    kills = budget("B2 sync worker kills", KILLS_SECONDS, KILLS_MINIMUM, KILLS_SYNC)
    done = 0
    try:
        while kills.more(done):
            received = rng.randint(0, 2)
            for _ in range(received):
                officer.reception.receive(draft(officer), OFFICER)
            phase = rng.choice(("before", "after"))
            if received:
                proxy.arm(phase, path="/v1/push")
            else:
                proxy.arm(phase, nth=rng.randint(1, 3))
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            reached = proxy.held.wait(scaled(60))
            os.kill(pid, signal.SIGKILL)
            proxy.release()
            assert reached, f"kill {done + 1}: the worker never reached the request to hold"
            held[f"{proxy.held_path} {phase}"] += 1
            done += 1
            if done % 25 == 0:
                acks = acks_are_true(files, central_url)
                assert acks == [], acks
    finally:
        zygote.stdin.close()
        zygote.wait(30)
        zygote.stdout.close()
    deadline = time.monotonic() + scaled(60)
    while True:  # heal: no more kills; sync until quiet (I5 within 60 s)
        report = officer.sync.run_once()
        assert report.ok, report.error
        if not report.pushed and not report.pulled and officer.sync.status().pending == 0:
            break
        assert time.monotonic() < deadline, "no convergence within 60 s"
    verdict = check(files, central_url)
    print(kills.record(done, f"kills inside requests {dict(held)}"), verdict.figures)
    # Pushes were killed both before central committed and after it committed unheard.
    assert held["/v1/push before"] and held["/v1/push after"], held
    assert verdict.figures["central_events"] > 0
    assert verdict.violations == [], verdict.violations
    assert convergence(files, central_url) == []
