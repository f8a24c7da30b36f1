"""Faults between the desk and central (sync.md §2.3, §2.12): nothing lost, nothing twice, acks true.

The fake central drops the connection before or after applying a request, or answers 500; each run
that meets a fault must leave every acknowledgement true, and the next clean run must converge.
"""

from __future__ import annotations

import random

import pytest

from desk_app.core.workflow import Action, DossierStatus
from desk_app.sync import engine as engine_module
from desk_app.sync.protocol import STREAM_UNIT
from tests.unit.sync.desk_harness import (
    Desk,
    acks_are_true,
    disagreements,
    exactly_once,
    journal_matches_central,
)
from tests.unit.sync.fake_central import (
    FAULTS,
    HTTP_500,
    LOSE_RESPONSE,
    REFUSE,
    FakeCentral,
)

PATHS = ("/v1/meta", "/v1/push", "/v1/pull")


def converged(desk: Desk, central: FakeCentral) -> list[str]:
    """I1, I2, I3, I5 and the rows (I9) for one desk, in the quiet state."""
    problems = exactly_once(desk, central) + acks_are_true(desk, central)
    if desk.pending():
        problems.append(f"{desk.pending()} pending")
    cursor = desk.services.sync.store.cursor(STREAM_UNIT)
    if cursor != (central.state.epoch, central.state.head):
        problems.append(f"unit cursor {cursor}, central head {central.state.head}")
    return problems + disagreements(desk, central) + journal_matches_central(desk, central)


def test_a_refused_connection_is_unreachable_and_marks_nothing(desk: Desk, central: FakeCentral) -> None:
    desk.receive(3)
    central.fail_next("/v1/meta", REFUSE)
    report = desk.sync()
    assert not report.ok
    assert report.unreachable
    assert report.transient
    assert central.posts("/v1/push") == 0
    assert desk.rows("SELECT attempts, acked_at, server_seq FROM outbox") == [(0, None, None)] * 3
    assert desk.services.sync.status().pending == 3
    healed = desk.sync()
    assert healed.ok, healed.error
    assert healed.acked == 3
    assert converged(desk, central) == []


def test_a_push_that_cannot_connect_is_counted_as_an_attempt_not_a_send(
    desk: Desk, central: FakeCentral
) -> None:
    desk.receive(2)
    central.fail_next("/v1/push", REFUSE)
    report = desk.sync()
    assert report.unreachable
    assert central.desk_events() == []
    assert desk.rows("SELECT attempts, last_error, acked_at FROM outbox") == [(1, "Unreachable", None)] * 2
    assert desk.pending() == 2
    assert desk.sync().acked == 2
    assert converged(desk, central) == []


def test_a_500_is_transient_and_the_next_run_succeeds(desk: Desk, central: FakeCentral) -> None:
    desk.receive(2)
    central.fail_next("/v1/push", HTTP_500)
    report = desk.sync()
    assert not report.ok
    assert report.transient
    assert not report.unreachable
    assert "500" in report.error
    assert central.desk_events() == []
    assert desk.pending() == 2
    healed = desk.sync()
    assert healed.ok
    assert healed.acked == 2
    assert converged(desk, central) == []


def test_a_response_lost_after_central_applied_is_resent_and_acked_once(
    desk: Desk, central: FakeCentral
) -> None:
    desk.receive(4)
    central.fail_next("/v1/push", LOSE_RESPONSE)
    lost = desk.sync()
    assert not lost.ok
    assert lost.transient
    assert not lost.unreachable
    assert len(central.desk_events()) == 4  # central committed the batch
    assert desk.pending() == 4  # the desk never heard so
    assert acks_are_true(desk, central) == []
    again = desk.sync()
    assert again.ok, again.error
    assert (again.pushed, again.acked, again.rejected) == (4, 4, 0)  # resent: "duplicate" is an ack
    assert len(central.desk_events()) == 4
    seqs = {e.event.event_id: e.server_seq for e in central.desk_events()}
    assert dict(desk.rows("SELECT event_id, server_seq FROM outbox")) == seqs
    assert converged(desk, central) == []


def test_a_lost_response_in_the_middle_of_a_long_queue(
    desk: Desk, central: FakeCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "MAX_BATCH", 2)
    desk.receive(5)
    central.fail_next("/v1/push", LOSE_RESPONSE, after=1)  # the first batch is answered, the second not
    report = desk.sync()
    assert not report.ok
    assert report.acked == 2
    assert len(central.desk_events()) == 4
    assert desk.pending() == 3
    assert acks_are_true(desk, central) == []
    healed = desk.sync()
    assert healed.ok
    assert healed.acked == 3  # the two central already had, and the fifth
    assert converged(desk, central) == []


def test_a_pulled_page_whose_answer_is_lost_is_applied_by_the_next_run(
    desk: Desk, central: FakeCentral
) -> None:
    (code,) = desk.receive(1)
    assert desk.sync().ok
    central.department_step(code, "finished")
    cursor = desk.services.sync.store.cursor(STREAM_UNIT)
    central.fail_next("/v1/pull", LOSE_RESPONSE)
    assert desk.sync().transient
    assert desk.status(code) == DossierStatus.RECEIVED
    assert desk.services.sync.store.cursor(STREAM_UNIT) == cursor  # no page, no cursor move
    report = desk.sync()
    assert report.applied == 1
    assert desk.status(code) == DossierStatus.FINISHED
    assert desk.one("SELECT count(*) FROM dossier_events") == 2
    assert converged(desk, central) == []


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("mode", FAULTS)
def test_any_fault_on_any_call_then_a_clean_run_converges(
    desk: Desk, central: FakeCentral, path: str, mode: str
) -> None:
    first, second = desk.receive(2)
    assert desk.sync().ok
    central.department_step(first, "finished")
    desk.receive(1)
    desk.act(second, Action.TRANSFER)
    central.fail_next(path, mode)
    faulted = desk.sync()
    assert not faulted.ok
    assert faulted.transient
    assert faulted.unreachable == (mode == REFUSE)
    assert acks_are_true(desk, central) == []
    stored = len(central.desk_events())
    # A failed meta or push stores nothing, unless only the push's answer was lost; a pull fails
    # after the push went through.
    landed = path == "/v1/pull" or (path, mode) == ("/v1/push", LOSE_RESPONSE)
    assert stored == (4 if landed else 2)
    assert desk.pending() == (0 if path == "/v1/pull" else 2)
    healed = desk.sync()
    assert healed.ok, healed.error
    assert converged(desk, central) == []
    assert desk.status(first) == DossierStatus.FINISHED
    assert desk.status(second) == DossierStatus.PROCESSING


def _random_run(desk: Desk, central: FakeCentral, rng: random.Random) -> int:
    """Receptions, desk transfers, department steps and faulted runs; returns the runs that failed.

    The desk acts only on its half of the dossiers and the departments only on theirs, so nothing
    here is a race central must refuse: every event must end up applied, exactly once.
    """
    ours: list[str] = []
    theirs: list[str] = []
    failed = 0
    for _ in range(30):
        roll = rng.random()
        if roll < 0.3:
            code = desk.receive(1)[0]
            (ours if rng.random() < 0.5 else theirs).append(code)
        elif roll < 0.45 and ours:
            code = rng.choice(ours)
            if desk.status(code) == DossierStatus.RECEIVED:
                desk.act(code, Action.TRANSFER)
        elif roll < 0.55 and theirs:
            code = rng.choice(theirs)
            dossier = central.state.dossiers.get(desk.dossier_id(code))
            if dossier is not None and dossier.status == DossierStatus.RECEIVED:
                central.department_step(code, rng.choice(("started", "finished")))
        else:
            for _ in range(rng.randint(0, 2)):
                central.fail_next(rng.choice(PATHS), rng.choice(FAULTS), after=rng.randint(0, 2))
            report = desk.sync()
            failed += not report.ok
            assert report.ok or report.transient, report.error
            assert acks_are_true(desk, central) == []
            assert exactly_once(desk, central) == [] or desk.pending()
    return failed


@pytest.mark.parametrize("seed", range(5))
def test_random_faults_then_heal_converge(
    desk: Desk, central: FakeCentral, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(engine_module, "MAX_BATCH", 3)
    monkeypatch.setattr(engine_module, "MAX_PAGE", 4)
    failed = _random_run(desk, central, random.Random(seed))
    assert failed  # the schedule really did hit faults
    central.faults.clear()  # heal
    report = desk.sync()
    assert report.ok, report.error
    assert all(e.status == "applied" for e in central.desk_events())
    assert desk.review_reasons() == []
    assert converged(desk, central) == []
    quiet = desk.sync()
    assert (quiet.pushed, quiet.applied) == (0, 0)
