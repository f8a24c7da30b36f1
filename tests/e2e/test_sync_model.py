"""A Hypothesis stateful model of sync (sync.md §3.3): desks, departments, faults, crashes; the real
central code on a real PostgreSQL, reached through an in-process transport that can lose answers.

After every step the cheap invariants hold (I2, I3, I4, I6); at the end everything heals, every desk
syncs until quiet, and the full checker runs (I1–I7) plus convergence (I5).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import shutil
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from central.app import build_central
from central.migrate import new_epoch
from central.services.errors import CentralError
from desk_app.core.dossier import Actor
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Action, Role
from desk_app.services.container import Services, build_services
from desk_app.services.dossiers import ActionRequest
from tests.budget import budget, scaled
from tests.central_fixtures import UNIT, needs_postgres
from tests.e2e.checker import DeskFiles, check, convergence
from tests.unit.services.lifecycle import OFFICER, draft

pytestmark = [needs_postgres, pytest.mark.timeout(1500)]
FAULTS = ("ok", "drop_response", "duplicate", "http_503", "drop_request")
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)
_numbers = itertools.count(1)
# sync.md §3.3 asks 200 × 60 within 5 min. On the 2-core machine 200 × 40 takes about that long, so
# `make test` runs at least MINIMUM examples and then as many as its budget allows (up to MAXIMUM);
# `make test-long` runs six times the budget and five times the maximum.
MODEL_STEPS = int(os.environ.get("DESK_APP_MODEL_STEPS", "40"))
MODEL_CHUNK = 10
MODEL_SECONDS = float(os.environ.get("DESK_APP_MODEL_SECONDS", "150"))
MODEL_MINIMUM = int(os.environ.get("DESK_APP_MODEL_MINIMUM", "30"))
MODEL_MAXIMUM = int(os.environ.get("DESK_APP_MODEL_EXAMPLES", "200"))


class ModelTimeout(BaseException):
    """The model ran past its hard deadline: reported as a timeout, never caught by Hypothesis as a
    failing example (which it would replay, and then call the strategy flaky)."""


_hard_deadline = [float("inf")]


def _within_deadline() -> None:
    if time.monotonic() > _hard_deadline[0]:
        raise ModelTimeout("the stateful model ran past its hard deadline (a hang or a far too slow machine)")


MODEL_RANDOM = os.environ.get("DESK_APP_MODEL_RANDOM") == "1"
MODEL_FIRST_SEED = int(os.environ.get("DESK_APP_MODEL_SEED", "0"))  # replay from a failing chunk


class CentralTransport(httpx.BaseTransport):
    """Routes the desk's requests to central's services in-process, with an injectable fault."""

    def __init__(self, central: Any) -> None:
        self.central = central
        self.fault = "ok"

    def _call(self, request: httpx.Request) -> tuple[int, dict[str, Any]]:
        token = request.headers.get("authorization", "")[7:] or None
        try:
            if request.url.path == "/v1/enrol":
                body = json.loads(request.content)
                return 200, self.central.admin.enrol(
                    body["code"], body["unit_code"], body["code_slot"], body["first_desk_seq"]
                )
            if request.url.path == "/v1/meta":
                return 200, self.central.reads.meta(token)
            if request.url.path == "/v1/push":
                return 200, self.central.push.push(
                    token, json.loads(request.content), request.headers.get("x-clock-offset-ms")
                )
            query = {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()}
            return 200, self.central.reads.pull(
                token, query["stream"], int(query["after"]), int(query["limit"])
            )
        except CentralError as exc:
            return exc.status, exc.body()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault, self.fault = self.fault, "ok"  # one fault, on the next request
        if fault == "http_503":
            return httpx.Response(503, request=request)
        if fault == "drop_request":
            raise httpx.ConnectError("dropped", request=request)
        status, body = self._call(request)
        if fault == "duplicate":
            status, body = self._call(request)
        if fault == "drop_response":
            raise httpx.ReadTimeout("answer lost after central committed", request=request)
        return httpx.Response(status, json=body, request=request)


@pytest.fixture
def model_env(pg: Any, central_template: str, slot_templates: Any, tmp_path: Path) -> dict[str, Any]:
    """What each example builds from."""
    return {"pg": pg, "template": central_template, "slots": slot_templates, "tmp": tmp_path}


def test_sync_model(model_env: dict[str, Any]) -> None:
    env = model_env

    class SyncModel(RuleBasedStateMachine):
        @initialize()
        def start(self) -> None:
            _within_deadline()
            number = next(_numbers)
            self.url = env["pg"].create_database(f"model_{number}", template=env["template"])
            self.central = build_central(self.url, migrate=False)
            new_epoch(self.central.engine)
            self.central.admin.create_unit(UNIT, "model")
            self.transport = CentralTransport(self.central)
            self.folder = env["tmp"] / f"example{number}"
            self.desks: list[Services] = []
            self.files: list[DeskFiles] = []
            for slot in (1, 2):
                db = self.folder / f"desk{slot}" / "desk.sqlite3"
                db.parent.mkdir(parents=True)
                shutil.copyfile(env["slots"](slot), db)
                self.files.append(DeskFiles(db, slot))
                self.desks.append(self._open(db))
            for desk, slot in zip(self.desks, (1, 2), strict=True):
                desk.sync.enrol("http://central", self.central.admin.enrol_code(UNIT, slot), SUPERVISOR)
            self.codes: list[tuple[int, str]] = []
            self.backups = [f.db.with_name("backup.sqlite3") for f in self.files]
            self.restored: set[int] = set()
            self.releases = 0

        def _open(self, db: Path) -> Services:
            services = build_services(db)
            services.sync.transport = lambda: self.transport
            return services

        @rule(desk=st.integers(0, 1))
        def create_dossier(self, desk: int) -> None:
            outcome, _c = self.desks[desk].reception.receive(draft(self.desks[desk]), OFFICER)
            assert outcome.code
            self.codes.append((desk, outcome.code))

        @rule(pick=st.integers(0, 1000), action=st.sampled_from(["transfer", "receive-back", "finish"]))
        def add_step(self, pick: int, action: str) -> None:
            if not self.codes:
                return
            desk, code = self.codes[pick % len(self.codes)]
            request = ActionRequest(Action(action), department="Tư pháp")
            with contextlib.suppress(DomainError):  # not allowed in this state: refused, nothing changes
                self.desks[desk].dossiers.act(code, request, OFFICER)

        @rule(pick=st.integers(0, 1000), step=st.sampled_from(["started", "finished", "stopped"]))
        def department_step(self, pick: int, step: str) -> None:
            if not self.codes:
                return
            _desk, code = self.codes[pick % len(self.codes)]
            with contextlib.suppress(CentralError):  # central does not know it yet, or not possible now
                self.central.departments.update(code, step, "Tư pháp")

        @rule(desk=st.integers(0, 1), fault=st.sampled_from(FAULTS))
        def sync(self, desk: int, fault: str) -> None:
            self.transport.fault = fault
            self.desks[desk].sync.run_once()

        @rule(desk=st.integers(0, 1))
        def desk_crash(self, desk: int) -> None:
            self.desks[desk].close()  # the process dies; the file is what is left
            self.desks[desk] = self._open(self.files[desk].db)

        @rule(desk=st.integers(0, 1))
        def desk_backup(self, desk: int) -> None:
            self.desks[desk].close()  # a backup of the closed file (as the nightly copy is taken)
            shutil.copyfile(self.files[desk].db, self.backups[desk])
            self.desks[desk] = self._open(self.files[desk].db)

        @rule(desk=st.integers(0, 1))
        def desk_restore_backup(self, desk: int) -> None:
            """Tail loss: the desk's database goes back to its last backup (sync.md §2.12)."""
            if not self.backups[desk].exists():
                return
            self.desks[desk].close()
            for suffix in ("-wal", "-shm"):
                Path(f"{self.files[desk].db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.backups[desk], self.files[desk].db)
            self.restored.add(desk)
            self.desks[desk] = self._open(self.files[desk].db)

        @rule()
        def publish_calendar_release(self) -> None:
            self.releases += 1
            self.central.releases.publish(
                "calendar",
                {
                    "format": "onestop-calendar-release",
                    "format_version": 1,
                    "release_version": self.releases,
                    "effective_from": "2026-12-01",
                    "office_hours": [["07:30", "11:30"], ["13:30", "17:00"]],
                    "cutoff": "15:00",
                    "overrides": [
                        {
                            "day": (date(2027, 1, 1) + timedelta(days=self.releases)).isoformat(),
                            "kind": "day_off",
                            "note": "model",
                        }
                    ],
                },
            )

        def _tolerated(self, violation: str) -> bool:
            # A desk that lost its tail may have re-issued numbers: reported as review items, not silent.
            return "numbers not contiguous from 1" in violation and any(
                f"slot {self.files[d].slot} " in violation for d in self.restored
            )

        @rule()
        def server_restart(self) -> None:
            self.central.close()
            self.central = build_central(self.url, migrate=False)
            self.transport.central = self.central

        @invariant()
        def acks_are_true_and_local_state_is_whole(self) -> None:
            _within_deadline()
            if not hasattr(self, "central"):
                return
            verdict = check(self.files, self.url)
            serious = [
                v
                for v in verdict.violations
                if v.startswith(("I2", "I3", "I4", "I6")) and not self._tolerated(v)
            ]
            assert serious == [], serious

        def teardown(self) -> None:
            if not hasattr(self, "central"):
                return
            try:
                self.transport.fault = "ok"
                for _round in range(3):
                    for desk in self.desks:
                        report = desk.sync.run_once()
                        assert report.ok, report.error
                verdict = check(self.files, self.url)
                violations = [v for v in verdict.violations if not self._tolerated(v)]
                assert violations == [], violations
                for desk in self.restored:  # a re-issue is shown to the officer, never silent
                    reissued = [v for v in verdict.violations if f"slot {self.files[desk].slot} " in v]
                    reasons = {item.reason for item in self.desks[desk].sync.review_items()}
                    assert not reissued or "tail_loss" in reasons, reissued
                assert convergence(self.files, self.url) == []
            finally:
                for desk in self.desks:
                    desk.close()
                self.central.close()

    # Examples run in chunks, chunk k with seed k: the same examples on every run and on every machine
    # (a red CI is never chance, and a failure replays from its seed), while the wall-clock budget
    # decides how many chunks run. DESK_APP_MODEL_RANDOM=1 starts from a random seed to explore.
    first = random.SystemRandom().randrange(10**6) if MODEL_RANDOM else MODEL_FIRST_SEED
    chunk_settings = settings(
        max_examples=MODEL_CHUNK,
        stateful_step_count=MODEL_STEPS,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    model_budget = budget("stateful sync model", MODEL_SECONDS, MODEL_MINIMUM, MODEL_MAXIMUM)
    # The budget ends the run; this deadline only catches a hang, well before pytest's timeout.
    _hard_deadline[0] = time.monotonic() + scaled(model_budget.seconds + 600)
    chunks = 0
    while model_budget.more(chunks * MODEL_CHUNK):
        chunk_seed = first + chunks
        print(f"model chunk seed={chunk_seed}")
        run_state_machine_as_test(seed(chunk_seed)(SyncModel), settings=chunk_settings)
        chunks += 1
    print(model_budget.record(chunks * MODEL_CHUNK, f"examples x {MODEL_STEPS} steps (seeds {first}..)"))
