"""A dossier row and its events: reading the projected state, storing it, re-projecting from the journal.

The row is a cache of ``replay(events)`` (core/projection.py); these are the only functions that move
state between the two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from desk_app.core.events import DossierEvent
from desk_app.core.projection import COLUMNS, DossierState, NotApplicable, project
from desk_app.models import CentralCopy, DossierEventRecord, DossierRecord, ProcedureVersionRecord
from desk_app.models.outbox import OutboxRecord
from desk_app.services.uow import driver

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_STORED = tuple(c for c in COLUMNS if c != "procedure_version")


def state_of(session: Session, record: DossierRecord) -> DossierState:
    """The projected state a row holds."""
    version = session.scalar(
        select(ProcedureVersionRecord.version).where(ProcedureVersionRecord.id == record.procedure_version_id)
    )
    return DossierState(
        procedure_version=int(version or 0), **{name: getattr(record, name) for name in _STORED}
    )


def store(record: DossierRecord, state: DossierState) -> None:
    """Write the projected state into the row (the procedure version id is the caller's)."""
    for name in _STORED:
        value = getattr(state, name)
        if getattr(record, name) != value:
            setattr(record, name, value)


_INSERT = (
    f"INSERT INTO dossiers (origin, procedure_version_id, {', '.join(_STORED)}) "
    f"VALUES ('local', ?, {', '.join('?' * len(_STORED))})"
)


def insert_new(session: Session, state: DossierState, procedure_version_id: int) -> None:
    """Insert the row of a dossier this desk creates (one plain statement: the reception's hot path)."""
    driver(session).execute(_INSERT, (procedure_version_id, *(getattr(state, name) for name in _STORED)))


def new_record(state: DossierState, procedure_version_id: int) -> DossierRecord:
    """A row for a dossier this desk creates or re-learns."""
    return DossierRecord(
        origin="local",
        procedure_version_id=procedure_version_id,
        **{name: getattr(state, name) for name in _STORED},
    )


def journal_events(session: Session, dossier_id: str) -> list[DossierEvent]:
    """The dossier's events in central's order, then this desk's pending ones.

    Events central refused, and pulled steps central lost in a restore, are left out.
    """
    refused = select(OutboxRecord.event_id).where(OutboxRecord.rejected_reason.is_not(None))
    payloads = session.scalars(
        select(DossierEventRecord.payload)
        .where(
            DossierEventRecord.dossier_id == dossier_id,
            DossierEventRecord.event_id.not_in(refused),
            DossierEventRecord.central_copy != CentralCopy.LOST,
        )
        .order_by(
            DossierEventRecord.server_seq.is_(None),
            DossierEventRecord.server_seq,
            DossierEventRecord.desk_seq,
            DossierEventRecord.recorded_at,
        )
    ).all()
    return [DossierEvent.from_json_text(p) for p in payloads]


def refold(session: Session, dossier_id: str) -> tuple[bool, set[str]]:
    """Project the dossier again from its journal and store it.

    Returns whether the row changed and the ids of the events that did not apply where central's
    order puts them (a desk action that lost a race, a department step the desk's history refuses).
    """
    record = session.get(DossierRecord, dossier_id)
    if record is None:
        return False, set()
    state: DossierState | None = None
    skipped: set[str] = set()
    for event in journal_events(session, dossier_id):
        try:
            state = project(state, event)
        except NotApplicable:
            skipped.add(event.event_id)
    if state is None:
        return False, skipped
    before = state_of(session, record)
    if before == state:
        return False, skipped
    store(record, state)
    return True, skipped
