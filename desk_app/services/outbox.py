"""What waits in the outbox for central: counts for the status bar, rows for the sync screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desk_app.models import OutboxRecord
from desk_app.services.uow import reading

if TYPE_CHECKING:
    from desk_app.models.db import Database

PENDING = "pending"
SENT = "sent"  # sent at least once, no answer yet (a lost answer, central down)
ACCEPTED = "accepted"
NEEDS_ATTENTION = "needs_attention"


@dataclass(frozen=True, slots=True)
class OutboxSummary:
    """One outbox row as the sync screen lists it (no personal data: the payload stays out)."""

    desk_seq: int
    event_type: str
    aggregate_id: str
    local_time: str
    attempts: int
    state: str  # pending | sent | accepted | needs_attention
    detail: str


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """How many events wait, were accepted by central, or need an officer's attention."""

    pending: int
    accepted: int
    needs_attention: int


def _state(row: OutboxRecord) -> str:
    if row.rejected_reason is not None:
        return NEEDS_ATTENTION
    if row.acked_at is None:
        return SENT if row.attempts else PENDING
    return ACCEPTED


class OutboxService:
    """Read-only views of the outbox; the sync engine is what empties it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self) -> OutboxCounts:
        """Pending, accepted and rejected events."""
        with reading(self._db) as uow:
            rejected = uow.session.scalar(
                select(func.count()).where(OutboxRecord.rejected_reason.is_not(None))
            )
            pending = uow.session.scalar(
                select(func.count()).where(
                    OutboxRecord.acked_at.is_(None), OutboxRecord.rejected_reason.is_(None)
                )
            )
            total = uow.session.scalar(select(func.count()).select_from(OutboxRecord))
        pending, rejected, total = pending or 0, rejected or 0, total or 0
        return OutboxCounts(pending, total - pending - rejected, rejected)

    def recent(self, limit: int = 500) -> list[OutboxSummary]:
        """The newest rows first."""
        with reading(self._db) as uow:
            rows = uow.session.scalars(
                select(OutboxRecord).order_by(OutboxRecord.desk_seq.desc()).limit(limit)
            ).all()
            return [
                OutboxSummary(
                    r.desk_seq,
                    r.event_type,
                    r.aggregate_id,
                    r.local_time,
                    r.attempts,
                    _state(r),
                    r.rejected_reason or r.last_error or "",
                )
                for r in rows
            ]
