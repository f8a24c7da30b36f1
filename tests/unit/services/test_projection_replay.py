"""The stored dossier row is the projection of its journal, for every column, on any valid history.

Random histories go through the real services (reception, every later action the state machine allows,
prints); afterwards each row must equal ``replay`` of its events from scratch, and re-learning the
events into an empty desk must give the same rows.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk_app.core.catalogue import Channel
from desk_app.core.clock import FixedClock
from desk_app.core.errors import DomainError
from desk_app.core.events import DossierEvent
from desk_app.core.projection import COLUMNS, replay
from desk_app.core.workflow import Action
from desk_app.models import DossierEventRecord, DossierRecord
from desk_app.services import journal
from desk_app.services.container import Services, build_services
from desk_app.services.dossier_state import journal_events, state_of
from desk_app.services.dossiers import ActionRequest
from desk_app.services.reception_checklist import checklist_items
from desk_app.services.sync_apply import conflict
from desk_app.services.sync_relearn import relearn
from desk_app.services.uow import reading, writing
from desk_app.sync.protocol import KIND_EVENT, PullItem
from tests.unit.services.lifecycle import SUPERVISOR, at, draft

_ENDING = {Action.REFUSE, Action.WITHDRAW, Action.STOP, Action.RETURN_RESULT}
PROCEDURES = ("1.004873", "1.001193")
DEPARTMENTS = ("Công chức Tư pháp - Hộ tịch", "Công chức Địa chính")

# One step of a history: which dossier, which action (by index into what is allowed), a minute count.
steps = st.lists(
    st.tuples(
        st.integers(0, 2), st.integers(0, 11), st.integers(1, 60 * 30), st.booleans(), st.integers(0, 9)
    ),
    min_size=1,
    max_size=25,
)
receptions = st.lists(
    st.tuples(st.sampled_from(PROCEDURES), st.sampled_from(("complete", "missing", "refuse"))),
    min_size=1,
    max_size=3,
)


def _request(services: Services, code: str, action: Action, minutes: int, flag: bool) -> ActionRequest:
    clock_now = services.clock.now()
    if action is Action.REQUEST_SUPPLEMENT:
        detail = services.dossiers.show(code, SUPERVISOR)
        items = checklist_items(services.catalogue.procedure(detail.summary.procedure_code))
        channel = Channel(detail.channel)
        required = [i.position for i in items if i.required_kind and i.on_channel(channel)]
        return ActionRequest(action, missing_positions=tuple(required[:1]))
    return ActionRequest(
        action,
        reason="Lý do thử nghiệm",
        department=DEPARTMENTS[minutes % 2],
        holder=DEPARTMENTS[1] if flag and action is Action.FINISH else "",
        collector_name="Lê Văn Tám",
        fee_vnd=50_000,
        new_due_at=clock_now + timedelta(days=10 + minutes % 5),
    )


def _rows(services: Services) -> dict[str, dict[str, object]]:
    with reading(services.db) as uow:
        return {
            r.dossier_id: state_of(uow.session, r).as_dict()
            for r in uow.session.scalars(select(DossierRecord)).all()
        }


def _relearned_rows_match(services: Services, template: Path) -> None:
    """A desk that lost everything re-learns the same rows from central's stream of its events."""
    copy, _clock, folder = _fresh(template)  # same desk identity: the events are its own
    try:
        with reading(services.db) as uow:
            payloads = uow.session.scalars(
                select(DossierEventRecord.payload).order_by(DossierEventRecord.desk_seq)
            ).all()
        with writing(copy.db) as uow:
            desk = journal.identity(uow.session)
            for seq, payload in enumerate(payloads, start=1):
                body = json.loads(payload)
                item = PullItem(
                    seq,
                    KIND_EVENT,
                    {
                        "event_id": body["event_id"],
                        "event_type": body["event_type"],
                        "origin": f"desk:{desk.desk_id}",
                        "payload": body,
                    },
                )
                assert relearn(uow.session, item, copy.clock.now(), conflict)
            uow.commit()
        assert _rows(copy) == _rows(services)
    finally:
        copy.close()
        shutil.rmtree(folder, ignore_errors=True)


def _fresh(template: Path) -> tuple[Services, FixedClock, Path]:
    folder = Path(tempfile.mkdtemp(prefix="replay-"))
    path = folder / "desk.sqlite3"
    shutil.copyfile(template, path)
    clock = FixedClock(at(2026, 11, 20))
    return build_services(path, clock=clock), clock, folder


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(receptions=receptions, history=steps)
def test_every_row_is_the_replay_of_its_events(
    template_db: Path, receptions: list[tuple[str, str]], history: list[tuple[int, int, int, bool, int]]
) -> None:
    services, clock, folder = _fresh(template_db)
    try:
        refs: list[str] = []
        for code, how in receptions:
            answers = () if how == "missing" else None
            outcome = services.reception.receive(
                draft(services, code, answers=answers),
                SUPERVISOR,
                refuse_reason="Không thuộc thẩm quyền" if how == "refuse" else None,
            )[0]
            refs.append(outcome.id)
        for which, choice, minutes, flag, ending in history:
            clock.advance(timedelta(minutes=minutes))
            ref = refs[which % len(refs)]
            detail = services.dossiers.show(ref, SUPERVISOR)
            if flag and detail.summary.code and minutes % 7 == 0:
                services.printing.dossier_document("control-sheet", ref, SUPERVISOR)
            # Ending a dossier is one choice in ten, so histories get long enough to reach every action.
            allowed = [a for a in detail.allowed_actions if ending == 0 or Action(a) not in _ENDING]
            if not allowed:
                continue
            action = Action(allowed[choice % len(allowed)])
            try:
                services.dossiers.act(ref, _request(services, ref, action, minutes, flag), SUPERVISOR)
                event(f"done: {action.value}")
            except DomainError:
                event(
                    f"refused: {action.value}"
                )  # a refused action changes nothing; the property below still has to hold
        with reading(services.db) as uow:
            session = uow.session
            for record in session.scalars(select(DossierRecord)).all():
                events = journal_events(session, record.dossier_id)
                stored = state_of(session, record).as_dict()
                replayed = replay(events)
                assert replayed is not None
                differing = {
                    c: (stored[c], replayed.as_dict()[c])
                    for c in COLUMNS
                    if stored[c] != replayed.as_dict()[c]
                }
                assert differing == {}, f"{[e.action for e in events]}: {differing}"
                for stored_event in events:  # every stored payload parses back to itself
                    assert DossierEvent.from_json_text(stored_event.canonical()) == stored_event
        _relearned_rows_match(services, template_db)
    finally:
        services.close()
        shutil.rmtree(folder, ignore_errors=True)
