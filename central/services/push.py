"""The push transaction (sync.md §2.6): contiguity per desk, idempotent insert, business effect.

One transaction per request; the desk row is locked first so racing pushes of one desk serialise.
The reply is built only from what this transaction committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from central.models import DeskEventRecord, DeskRecord, DossierRecord, ReviewTicketRecord
from central.services.auth import desk_for_token
from central.services.changes import reserve_server_seqs
from central.services.dossier_effects import Rejection, Sink, apply_event
from central.services.errors import CentralError, bad_request
from desk_app.core.events import RejectReason
from desk_app.sync.protocol import (
    CLOCK_WARN_MS,
    GAP,
    KIND_REJECTED,
    MAX_BATCH,
    PAYLOAD_MISMATCH,
    SEQ_REUSED,
    STREAM_UNIT,
    PushEvent,
    PushResponse,
    PushResult,
    PushStatus,
    canonical_json,
    payload_sha256,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True, slots=True)
class _Stored:
    event_id: str
    payload_sha256: str


def _parse(body: Any) -> list[PushEvent]:
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        raise bad_request("body must be {batch_id, events: [...]}")
    if len(body["events"]) > MAX_BATCH:
        raise bad_request(f"at most {MAX_BATCH} events per push")
    try:
        events = [PushEvent.from_json(e) for e in body["events"]]
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    for event in events:
        if payload_sha256(canonical_json(event.payload)) != event.payload_sha256:
            raise CentralError(
                422, PAYLOAD_MISMATCH, "payload does not match its sha256", event_id=event.event_id
            )
    return sorted(events, key=lambda e: e.desk_seq)


def _check_contiguity(session: Session, desk: DeskRecord, events: list[PushEvent]) -> None:
    """≤ hwm: must be the stored event (a resend); > hwm: hwm+1, hwm+2 … with no holes."""
    hwm = desk.desk_hwm
    old = [e.desk_seq for e in events if e.desk_seq <= hwm]
    stored = (
        {
            seq: _Stored(eid, sha)
            for seq, eid, sha in session.execute(
                select(
                    DeskEventRecord.desk_seq, DeskEventRecord.event_id, DeskEventRecord.payload_sha256
                ).where(DeskEventRecord.desk_id == desk.desk_id, DeskEventRecord.desk_seq.in_(old))
            )
        }
        if old
        else {}
    )
    for event in events:
        if event.desk_seq > hwm:
            break
        known = stored.get(event.desk_seq)
        if known is None or known.event_id != event.event_id:
            raise CentralError(
                409,
                SEQ_REUSED,
                f"desk_seq {event.desk_seq} holds another event",
                desk_hwm=hwm,
                desk_seq=event.desk_seq,
            )
    expected = hwm + 1
    for event in (e for e in events if e.desk_seq > hwm):
        if event.desk_seq != expected:
            raise CentralError(
                409,
                GAP,
                f"expected desk_seq {expected}, got {event.desk_seq}",
                expected=expected,
                desk_hwm=hwm,
            )
        expected += 1


def _offset_ms(header: str | None) -> int | None:
    try:
        return int(header) if header else None
    except ValueError:
        return None


class PushService:
    """``POST /v1/push``."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def push(self, token: str | None, body: Any, clock_offset_header: str | None = None) -> dict[str, Any]:
        """Store and apply a batch; raises CentralError for 401/409/422."""
        events = _parse(body)
        offset = _offset_ms(clock_offset_header)
        with self._sessions.begin() as session:
            desk = desk_for_token(session, token, lock=True)
            _check_contiguity(session, desk, events)
            known = _stored(session, events)
            fresh = [e for e in events if e.event_id not in known]
            seqs = iter(reserve_server_seqs(session, len(fresh)))
            sink = Sink()
            ids = sorted({e.aggregate_id for e in fresh})
            if ids:  # lock the batch's dossiers in one statement, in a fixed order
                for dossier in session.scalars(
                    select(DossierRecord)
                    .where(DossierRecord.dossier_id.in_(ids))
                    .order_by(DossierRecord.dossier_id)
                    .with_for_update()
                ):
                    sink.dossiers[dossier.dossier_id] = dossier
                for dossier_id in ids:
                    sink.dossiers.setdefault(dossier_id, None)
                sink.read_codes(
                    session, {str(e.payload["dossier_code"]) for e in fresh if e.payload.get("dossier_code")}
                )
            blocked: set[str] = set()  # dossiers with a rejected event in this batch
            rows: list[dict[str, Any]] = []
            results = [
                self._one(session, desk, event, offset, blocked, known, seqs, sink, rows) for event in events
            ]
            sink.flush(session)
            if rows:
                session.execute(insert(DeskEventRecord), rows)
            desk.desk_hwm = max([desk.desk_hwm, *(e.desk_seq for e in events)])
            hwm = desk.desk_hwm
        return PushResponse(tuple(results), hwm, datetime.now(UTC).isoformat()).to_json()

    def _one(
        self,
        session: Session,
        desk: DeskRecord,
        event: PushEvent,
        offset: int | None,
        blocked: set[str],
        known: dict[str, Any],
        seqs: Iterator[int],
        sink: Sink,
        rows: list[dict[str, Any]],
    ) -> PushResult:
        existing = known.get(event.event_id)
        if existing is not None:
            if existing.payload_sha256 != event.payload_sha256:
                raise CentralError(
                    422, PAYLOAD_MISMATCH, "same event_id, different payload", event_id=event.event_id
                )
            return PushResult(
                event.event_id, PushStatus.DUPLICATE, existing.server_seq, existing.reason or ""
            )
        seq = next(seqs)
        rejection: Rejection | None = None
        if event.aggregate_id in blocked:
            rejection = Rejection(
                RejectReason.BLOCKED_BY_PRIOR, "an earlier event of this dossier was rejected"
            )
        else:
            # Every check of apply_event runs before its first write, so a rejection leaves nothing to
            # undo (no savepoint round trips); a constraint violation aborts the push and it is retried.
            try:
                apply_event(session, desk, event, seq, sink)
            except Rejection as exc:
                rejection = exc
        rows.append(
            {
                "event_id": event.event_id,
                "desk_id": desk.desk_id,
                "desk_seq": event.desk_seq,
                "server_seq": seq,
                "aggregate_id": event.aggregate_id,
                "event_type": event.event_type,
                "event_version": event.event_version,
                "payload": event.payload,
                "payload_sha256": event.payload_sha256,
                "local_time": datetime.fromisoformat(event.local_time),
                "clock_offset_ms": offset,
                "status": str(PushStatus.REJECTED if rejection else PushStatus.APPLIED),
                "reason": rejection.reason if rejection else None,
            }
        )
        if rejection is not None:
            blocked.add(event.aggregate_id)
            sink.changes.append(
                {
                    "server_seq": seq,
                    "stream": STREAM_UNIT,
                    "scope": desk.unit_code,
                    "kind": KIND_REJECTED,
                    "entity_id": event.aggregate_id,
                    "body": {"event_id": event.event_id, "reason": rejection.reason},
                }
            )
            session.add(
                ReviewTicketRecord(
                    event_id=event.event_id,
                    desk_id=desk.desk_id,
                    dossier_id=event.aggregate_id,
                    reason=rejection.reason,
                    detail=rejection.detail,
                )
            )
        elif offset is not None and abs(offset) > CLOCK_WARN_MS:
            session.add(
                ReviewTicketRecord(
                    event_id=event.event_id,
                    desk_id=desk.desk_id,
                    dossier_id=event.aggregate_id,
                    reason="clock_offset",
                    detail=f"desk clock off by {offset} ms",
                )
            )
        status = PushStatus.REJECTED if rejection else PushStatus.APPLIED
        return PushResult(event.event_id, status, seq, rejection.reason if rejection else "")


def _stored(session: Session, events: list[PushEvent]) -> dict[str, Any]:
    """The batch's events central already holds (a resend after a lost answer)."""
    if not events:
        return {}
    return {
        str(r.event_id): r
        for r in session.execute(
            select(
                DeskEventRecord.event_id,
                DeskEventRecord.payload_sha256,
                DeskEventRecord.server_seq,
                DeskEventRecord.reason,
            ).where(DeskEventRecord.event_id.in_([e.event_id for e in events]))
        )
    }
