"""The sync engine's port over the desk's SQLite database: every method one short transaction."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, delete, func, select, text, update

from desk_app.core.events import ReviewReason
from desk_app.models import (
    ClockStateRecord,
    DeskIdentityRecord,
    DossierEventRecord,
    OutboxRecord,
    SyncConflictRecord,
    SyncCursorRecord,
)
from desk_app.services import journal, sync_restore
from desk_app.services.settings import SYNC_DESK_ID, SYNC_URL
from desk_app.services.status_fold import follow_central
from desk_app.services.sync_apply import conflict
from desk_app.services.timefmt import iso
from desk_app.services.uow import reading, writing
from desk_app.sync.protocol import PullPage, PushEvent, PushResult
from desk_app.sync.store import SyncIdentity

if TYPE_CHECKING:
    from desk_app.core.clock import Clock
    from desk_app.models.db import Database
    from desk_app.services.settings import SettingsService
    from desk_app.services.sync_apply import PulledItems
    from desk_app.sync.protocol import Enrolment

# Stopped by the desk itself (a payload that fails its own hash): never sent, so central has no
# server_seq for it. Central numbers a desk's events without holes, so nothing after it can go either.
_STOPPED = OutboxRecord.rejected_reason.is_not(None) & OutboxRecord.server_seq.is_(None)
_FIRST_STOPPED = (
    select(func.coalesce(func.min(OutboxRecord.desk_seq), 2**62)).where(_STOPPED).scalar_subquery()
)
_PENDING = (
    OutboxRecord.acked_at.is_(None),
    OutboxRecord.rejected_reason.is_(None),
    OutboxRecord.desk_seq < _FIRST_STOPPED,
)


class SqliteSyncStore:
    """Implements ``desk_app.sync.store.SyncStore``."""

    def __init__(self, db: Database, clock: Clock, settings: SettingsService, items: PulledItems) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._items = items

    def identity(self) -> SyncIdentity:
        """The desk's sync identity."""
        with reading(self._db) as uow:
            desk = journal.identity(uow.session)
            return SyncIdentity(
                desk.unit_code,
                desk.code_slot,
                self._settings.get(SYNC_URL),
                self._settings.get(SYNC_DESK_ID),
                desk.enrolment_epoch,
                desk.server_epoch,
                desk.token_ref,
            )

    def save_enrolment(self, url: str, enrolment: Enrolment, token_ref: str) -> None:
        """A new enrolment: identity, counters at least the slot's marks, streams read again from 0."""
        with writing(self._db) as uow:
            session = uow.session
            desk = journal.identity(session)
            desk.enrolment_epoch = enrolment.enrolment_epoch
            desk.server_epoch = enrolment.server_epoch
            desk.token_ref = token_ref
            self._settings.write(session, SYNC_URL, url, journal.SYSTEM)
            self._settings.write(session, SYNC_DESK_ID, enrolment.desk_id, journal.SYSTEM)
            self._bump_codes(session, desk, enrolment.code_hwm)
            session.execute(delete(SyncCursorRecord))
            uow.commit()

    @staticmethod
    def _bump_codes(session, desk: DeskIdentityRecord, code_hwm: dict[str, int]) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001
        for day, n in code_hwm.items():
            session.execute(
                text(
                    "INSERT INTO code_counters (unit_code, code_date, code_slot, last_n) "
                    "VALUES (:u, :d, :s, :n) "
                    "ON CONFLICT (unit_code, code_date, code_slot) DO UPDATE SET last_n = max(last_n, :n)"
                ),
                {"u": desk.unit_code, "d": day, "s": desk.code_slot, "n": n},
            )

    def next_push_seq(self) -> int:
        """The first pending row, else the counter + 1."""
        with reading(self._db) as uow:
            first = uow.session.scalar(select(func.min(OutboxRecord.desk_seq)).where(*_PENDING))
            if first is not None:
                return int(first)
            counter = uow.session.scalar(text("SELECT value FROM desk_counters WHERE name = 'desk_seq'"))
            return int(counter or 0) + 1

    def pending(self, limit: int) -> list[PushEvent]:
        """Pending rows in desk_seq order."""
        with reading(self._db) as uow:
            rows = uow.session.scalars(
                select(OutboxRecord).where(*_PENDING).order_by(OutboxRecord.desk_seq).limit(limit)
            ).all()
            return [
                PushEvent(
                    r.event_id,
                    r.desk_seq,
                    r.event_type,
                    r.event_version,
                    r.aggregate_id,
                    json.loads(r.payload),
                    r.payload_sha256,
                    r.local_time,
                    r.hlc,
                )
                for r in rows
            ]

    def record_results(self, results: list[PushResult], server_time: str) -> None:
        """Acks (applied, duplicate) and rejections (review items) of one push, in one transaction."""
        now = self._clock.now()
        rows = [
            {
                "eid": r.event_id,
                "seq": r.server_seq,
                "acked": server_time if r.acked else None,
                "reason": None if r.acked else r.reason or "rejected",
            }
            for r in results
        ]
        if not rows:
            return
        outbox = cast(Table, OutboxRecord.__table__)
        events = cast(Table, DossierEventRecord.__table__)
        with writing(self._db) as uow:
            session = uow.session
            for result in results:
                if not result.acked:
                    conflict(
                        session,
                        result.event_id,
                        result.reason or ReviewReason.REJECTED,
                        "central refused this event",
                        now,
                    )
            # One executemany per table: a push answers up to 100 events.
            session.execute(
                update(outbox)
                .where(outbox.c.event_id == bindparam("eid"))
                .values(
                    server_seq=bindparam("seq"),
                    acked_at=bindparam("acked"),
                    rejected_reason=bindparam("reason"),
                ),
                rows,
            )
            session.execute(
                update(events)
                .where(events.c.event_id == bindparam("eid"))
                .values(server_seq=bindparam("seq")),
                rows,
            )
            refused = [r.event_id for r in results if not r.acked]
            if refused:
                # What central refused is not the dossier's history: the desk follows central's order.
                for dossier_id in set(
                    session.scalars(
                        select(DossierEventRecord.dossier_id).where(DossierEventRecord.event_id.in_(refused))
                    )
                ):
                    follow_central(session, dossier_id)
            uow.commit()

    def record_failure(self, event_ids: list[str], error: str) -> None:
        """Attempts + 1 and the error kind (no personal data)."""
        with writing(self._db) as uow:
            uow.session.execute(
                update(OutboxRecord)
                .where(OutboxRecord.event_id.in_(event_ids))
                .values(attempts=OutboxRecord.attempts + 1, last_error=error)
            )
            uow.commit()

    def stop_event(self, event_id: str, reason: str) -> None:
        """Out of the queue, into the review list."""
        with writing(self._db) as uow:
            uow.session.execute(
                update(OutboxRecord).where(OutboxRecord.event_id == event_id).values(rejected_reason=reason)
            )
            conflict(
                uow.session,
                event_id,
                reason,
                "the event was stopped; tell technical support",
                self._clock.now(),
            )
            uow.commit()

    def max_acked_seq(self) -> int:
        """The highest acknowledged desk_seq."""
        with reading(self._db) as uow:
            return int(
                uow.session.scalar(
                    select(func.max(OutboxRecord.desk_seq)).where(OutboxRecord.acked_at.is_not(None))
                )
                or 0
            )

    def unack_above(self, hwm: int) -> int:
        """Central lost what is above ``hwm``: pending again.

        Central's rejections are re-evaluated too; an event the desk stopped itself stays stopped.
        """
        with writing(self._db) as uow:
            done = uow.session.execute(
                update(OutboxRecord)
                .where(
                    OutboxRecord.desk_seq > hwm,
                    OutboxRecord.acked_at.is_not(None)
                    | (OutboxRecord.rejected_reason.is_not(None) & OutboxRecord.server_seq.is_not(None)),
                )
                .values(acked_at=None, server_seq=None, rejected_reason=None)
            )
            uow.commit()
            return int(getattr(done, "rowcount", 0) or 0)

    def max_seq(self) -> int:
        """The desk_seq counter."""
        with reading(self._db) as uow:
            return int(
                uow.session.scalar(text("SELECT value FROM desk_counters WHERE name = 'desk_seq'")) or 0
            )

    def recover_tail(self, server_hwm: int, code_hwm: dict[str, int], from_seq: int | None) -> int:
        """Counters at least central's marks; pending rows from ``from_seq`` on renumbered past its hwm."""
        now = self._clock.now()
        with writing(self._db) as uow:
            session = uow.session
            rows = session.execute(
                select(OutboxRecord.event_id, OutboxRecord.desk_seq)
                .where(*_PENDING)
                .order_by(OutboxRecord.desk_seq)
            ).all()
            counter = int(
                session.scalar(text("SELECT value FROM desk_counters WHERE name = 'desk_seq'")) or 0
            )
            moving = [] if from_seq is None else [r for r in rows if r.desk_seq >= from_seq]
            moved_ids = {r.event_id for r in moving}
            # The rows that keep their numbers: acknowledged, refused, or pending below ``from_seq``.
            kept = int(
                session.scalar(
                    select(func.max(OutboxRecord.desk_seq)).where(OutboxRecord.event_id.not_in(moved_ids))
                )
                or 0
            )
            # desk_seq is only transport order (event_id is identity): park the moved rows, then number
            # them right after central's mark. The old counter counted the moved rows themselves.
            for event_id, seq in moving:
                session.execute(
                    update(OutboxRecord).where(OutboxRecord.event_id == event_id).values(desk_seq=-seq)
                )
            next_seq = max(kept, server_hwm) if moving else max(counter, server_hwm)
            for event_id, _seq in moving:
                next_seq += 1
                session.execute(
                    update(OutboxRecord).where(OutboxRecord.event_id == event_id).values(desk_seq=next_seq)
                )
                session.execute(
                    update(DossierEventRecord)
                    .where(DossierEventRecord.event_id == event_id)
                    .values(desk_seq=next_seq)
                )
            session.execute(
                text("UPDATE desk_counters SET value = :v WHERE name = 'desk_seq'"),
                {"v": max(next_seq, server_hwm)},
            )
            desk = journal.identity(session)
            self._bump_codes(session, desk, code_hwm)
            conflict(
                session,
                f"tail-loss-{iso(now)}",
                ReviewReason.TAIL_LOSS,
                "this desk's database lost recent changes (restored backup or power loss): codes issued "
                "since the last sync may have been issued twice; check the paper register",
                now,
            )
            uow.commit()
            return len(moving)

    def cursor(self, stream: str) -> tuple[str, int] | None:
        """(epoch, cursor) of a stream."""
        with reading(self._db) as uow:
            record = uow.session.get(SyncCursorRecord, stream)
            return None if record is None else (record.server_epoch, record.cursor)

    def reset_stream(self, stream: str) -> None:
        """Read the stream again from the start."""
        with writing(self._db) as uow:
            uow.session.execute(delete(SyncCursorRecord).where(SyncCursorRecord.stream == stream))
            uow.commit()

    def replace_stream(self, stream: str) -> None:
        """Central was restored: read the stream again, each pulled step unconfirmed until it comes."""
        sync_restore.replace_stream(self._db, stream)

    def settle_stream(self, stream: str, log_floor: int) -> int:
        """After reading the stream to its end: settle the steps unconfirmed since central's restore."""
        return sync_restore.settle_stream(self._db, self._clock.now(), stream, log_floor)

    def apply_page(self, stream: str, page: PullPage) -> int:
        """Items and cursor in one transaction."""
        now = self._clock.now()
        with writing(self._db) as uow:
            session = uow.session
            changed = self._items.apply_page(session, list(page.items), now)
            session.merge(
                SyncCursorRecord(
                    stream=stream,
                    server_epoch=page.server_epoch,
                    cursor=page.next_cursor,
                    updated_at=iso(now),
                )
            )
            journal.identity(session).server_epoch = page.server_epoch
            uow.commit()
            return changed

    def record_clock(self, server_time: str, offset_ms: int, succeeded: bool) -> None:
        """The offset measured this run; the time of the last success."""
        with writing(self._db) as uow:
            state = uow.session.get(ClockStateRecord, 1)
            if state is not None:
                state.last_server_time = server_time
                state.last_offset_ms = offset_ms
                if succeeded:
                    state.last_sync_ok_at = iso(self._clock.now())
            uow.commit()

    def conflicts(self) -> list[tuple[int, str, str, str, str]]:
        """Open review items: (id, event_id, reason, detail, created_at)."""
        with reading(self._db) as uow:
            rows = uow.session.execute(
                select(
                    SyncConflictRecord.id,
                    SyncConflictRecord.event_id,
                    SyncConflictRecord.reason,
                    func.coalesce(SyncConflictRecord.detail, ""),
                    SyncConflictRecord.created_at,
                )
                .where(SyncConflictRecord.resolved_at.is_(None))
                .order_by(SyncConflictRecord.id)
            ).all()
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]
