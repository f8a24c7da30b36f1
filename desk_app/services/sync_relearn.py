"""Re-learning this desk's own dossiers from the unit stream after its database lost its tail.

A restored backup (or power loss on hardware that lies about fsync) can lose dossiers and steps this
desk already pushed. Central still has them and sends them back on the ``unit_dossiers`` stream; the
desk rebuilds each from its ``dossier.received`` payload and replays its later steps (sync.md §2.12).
A dossier whose code or register number was re-issued here in the meantime is not overwritten: it
becomes a review item (a printed code is never renumbered automatically).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text

from desk_app.core.events import DossierEvent, MalformedEvent, Reception, ReviewReason
from desk_app.core.projection import CREATING, NotApplicable, project
from desk_app.models import ChecklistAnswerRecord, DossierRecord, ProcedureVersionRecord
from desk_app.services import journal
from desk_app.services.dossier_state import new_record, refold

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.sync.protocol import PullItem


def is_own(session: Session, payload: dict[str, Any]) -> bool:
    """The event was written by this desk (its identity survives a restore; central's desk id may not)."""
    return payload.get("desk_id") == journal.identity(session).desk_id


def relearn(
    session: Session,
    item: PullItem,
    now: datetime,
    conflict: Callable[[Session, str, str, str, datetime], None],
) -> bool:
    """Apply one of this desk's own events that the desk does not hold; True when something changed."""
    body = item.body
    event_id = str(body.get("event_id"))
    try:
        event = DossierEvent.from_json(body.get("payload"))
    except MalformedEvent as exc:
        conflict(session, event_id, ReviewReason.RELEARN_MALFORMED, exc.reason, now)
        return False
    dossier = session.get(DossierRecord, event.dossier_id)
    if event.event_type in CREATING:
        if dossier is not None:
            return False
        dossier = _rebuild(session, event, now, conflict)
        if dossier is None:
            return False
    elif dossier is None:
        return False  # its reception could not be re-learned: that is already a review item
    desk = journal.identity(session)
    journal.record_pulled_event(
        session,
        event_id=event.event_id,
        dossier_id=dossier.dossier_id,
        server_seq=item.server_seq,
        event_type=event.event_type.value,
        action=event.action,
        statuses=(event.from_status, event.to_status),
        actor=event.actor,
        occurred_at=event.occurred_at,
        recorded_at=now,
        note=event.note,
        payload=event.canonical(),
        origin=f"desk:{desk.desk_id}",
    )
    if event.event_type not in CREATING:
        # Central's order places the lost step among the desk's later actions: project them all again.
        session.flush()
        refold(session, dossier.dossier_id)
    return True


def _rebuild(
    session: Session,
    event: DossierEvent,
    now: datetime,
    conflict: Callable[[Session, str, str, str, datetime], None],
) -> DossierRecord | None:
    body = event.data
    assert isinstance(body, Reception)
    code = event.dossier_code
    version_id = session.scalar(
        select(ProcedureVersionRecord.id)
        .where(ProcedureVersionRecord.code == body.procedure_code)
        .order_by(
            (ProcedureVersionRecord.version == body.procedure_version).desc(),
            ProcedureVersionRecord.version.desc(),
        )
        .limit(1)
    )
    if version_id is None:
        conflict(session, event.event_id, ReviewReason.RELEARN_UNKNOWN_PROCEDURE, body.procedure_code, now)
        return None
    if code and session.scalar(select(DossierRecord.dossier_id).where(DossierRecord.dossier_code == code)):
        conflict(
            session,
            event.event_id,
            ReviewReason.RELEARN_CODE_REISSUED,
            f"{code}: central holds this desk's dossier with this code; the desk re-issued it after the loss",
            now,
        )
        return None
    year, number = body.register_year, body.register_number
    if number is not None and session.scalar(
        select(DossierRecord.dossier_id).where(
            DossierRecord.register_year == year, DossierRecord.register_number == number
        )
    ):
        conflict(
            session,
            event.event_id,
            ReviewReason.RELEARN_REGISTER_REISSUED,
            f"{code}: register number {number}/{year}",
            now,
        )
        return None
    try:
        state = project(None, event)
    except NotApplicable as exc:
        conflict(session, event.event_id, ReviewReason.RELEARN_MALFORMED, str(exc), now)
        return None
    dossier = new_record(state, version_id)
    session.add(dossier)
    session.flush()
    if body.received:
        session.execute(
            insert(ChecklistAnswerRecord),
            [
                {
                    "dossier_id": dossier.dossier_id,
                    "round": 0,
                    "position": paper.position,
                    "originals": paper.originals,
                    "copies": paper.copies,
                    "shown": paper.shown,
                    "applies": True,
                }
                for paper in body.received
            ],
        )
    if number is not None:
        _at_least(session, f"register:{year}", int(number))
    return dossier


def _at_least(session: Session, name: str, value: int) -> None:
    session.execute(
        text(
            "INSERT INTO desk_counters (name, value) VALUES (:name, :v) "
            "ON CONFLICT (name) DO UPDATE SET value = max(value, :v)"
        ),
        {"name": name, "v": value},
    )
