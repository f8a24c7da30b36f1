"""Snapshot-replace after central was restored from a backup (sync.md §2.5).

The unit stream is read again from the start. Every department step the desk pulled before is held as
unconfirmed; one that comes again is held, one central's log should still hold but did not send is
lost there: the dossier is projected without it, its row stays for the audit, a review item says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from desk_app.core.events import ReviewReason
from desk_app.models import CentralCopy, DossierEventRecord, SyncCursorRecord
from desk_app.services.dossier_state import refold
from desk_app.services.sync_apply import conflict
from desk_app.services.uow import reading, writing
from desk_app.sync.protocol import STREAM_UNIT

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.models.db import Database


def replace_stream(db: Database, stream: str) -> None:
    """Read ``stream`` again from the start; on the unit stream every pulled step is unconfirmed."""
    with writing(db) as uow:
        session = uow.session
        session.execute(delete(SyncCursorRecord).where(SyncCursorRecord.stream == stream))
        if stream == STREAM_UNIT:
            session.execute(
                update(DossierEventRecord)
                .where(
                    DossierEventRecord.desk_seq.is_(None),
                    DossierEventRecord.origin.not_like("desk:%"),
                    DossierEventRecord.central_copy == CentralCopy.HELD,
                )
                .values(central_copy=CentralCopy.UNCONFIRMED)
            )
        uow.commit()


def settle_stream(db: Database, now: datetime, stream: str, log_floor: int) -> int:
    """After ``stream`` was read to its end: settle the unconfirmed steps; returns how many were lost.

    A step older than the change log's retention (``log_floor``) cannot be judged: it stays held.
    """
    if stream != STREAM_UNIT or not _unsettled(db):
        return 0
    with writing(db) as uow:
        session = uow.session
        unsettled = session.execute(
            select(
                DossierEventRecord.event_id, DossierEventRecord.dossier_id, DossierEventRecord.server_seq
            ).where(DossierEventRecord.central_copy == CentralCopy.UNCONFIRMED)
        ).all()
        lost = [r for r in unsettled if (r.server_seq or 0) >= log_floor]
        kept = [r.event_id for r in unsettled if (r.server_seq or 0) < log_floor]
        for ids, copy in (([r.event_id for r in lost], CentralCopy.LOST), (kept, CentralCopy.HELD)):
            if ids:
                session.execute(
                    update(DossierEventRecord)
                    .where(DossierEventRecord.event_id.in_(ids))
                    .values(central_copy=copy)
                )
        for row in lost:
            detail = f"server_seq {row.server_seq}"
            conflict(session, row.event_id, ReviewReason.LOST_ON_CENTRAL, detail, now)
        session.flush()
        for dossier_id in sorted({r.dossier_id for r in lost}):
            refold(session, dossier_id)
        uow.commit()
        return len(lost)


def _unsettled(db: Database) -> bool:
    """Any step still unconfirmed (a read: every sync asks, and almost always the answer is no)."""
    with reading(db) as uow:
        found = uow.session.scalar(
            select(DossierEventRecord.event_id)
            .where(DossierEventRecord.central_copy == CentralCopy.UNCONFIRMED)
            .limit(1)
        )
        return found is not None
