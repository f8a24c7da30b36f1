"""``GET /v1/meta`` and ``GET /v1/pull``: what a desk reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from central.models import ChangeLogRecord, ReferenceReleaseRecord
from central.services.admin import code_hwm
from central.services.auth import desk_for_token
from central.services.changes import server_epoch
from central.services.errors import CentralError, bad_request
from desk_app.sync.protocol import (
    CURSOR_EXPIRED,
    MAX_PAGE,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    STREAM_REFERENCE,
    STREAM_UNIT,
    STREAMS,
    Meta,
    PullItem,
    PullPage,
)

REFERENCE_SCOPE = "*"


class SyncReadService:
    """Meta and pull pages, each from one consistent snapshot."""

    def __init__(self, sessions: sessionmaker[Session], *, retention_floor: int = 0) -> None:
        self._sessions = sessions
        # Each page is read from one snapshot (sync.md §2.6 f).
        engine = sessions.kw["bind"]
        self._snapshots = sessionmaker(
            engine.execution_options(isolation_level="REPEATABLE READ"), expire_on_commit=False
        )
        self.retention_floor = retention_floor  # cursors below this are expired (410)

    def meta(self, token: str | None) -> dict[str, Any]:
        """Server time, protocol range, epoch, the desk's hwm, code hwm of today and yesterday."""
        with self._sessions.begin() as session:
            desk = desk_for_token(session, token)
            versions = dict(
                session.execute(
                    select(ReferenceReleaseRecord.kind, func.max(ReferenceReleaseRecord.version)).group_by(
                        ReferenceReleaseRecord.kind
                    )
                ).all()
            )
            return Meta(
                server_time=datetime.now(UTC).isoformat(),
                protocol_min=PROTOCOL_MIN,
                protocol_max=PROTOCOL_MAX,
                should_continue=True,
                message="",
                server_epoch=server_epoch(session),
                desk_hwm=desk.desk_hwm,
                code_hwm=code_hwm(
                    session, desk.unit_code, desk.code_slot, since=datetime.now(UTC) - timedelta(days=2)
                ),
                reference_versions={str(k): int(v) for k, v in versions.items()},
                desk_id=desk.desk_id,
                log_floor=self.retention_floor,
            ).to_json()

    def pull(self, token: str | None, stream: str, after: int, limit: int) -> dict[str, Any]:
        """One page of ``stream`` after the cursor, read in a REPEATABLE READ snapshot."""
        if stream not in STREAMS:
            raise bad_request(f"unknown stream {stream!r}")
        if after < 0 or not 1 <= limit <= MAX_PAGE:
            raise bad_request(f"after >= 0 and 1 <= limit <= {MAX_PAGE}")
        if 0 < after < self.retention_floor:
            raise CentralError(410, CURSOR_EXPIRED, "cursor older than the change log's retention")
        with self._snapshots.begin() as session:
            desk = desk_for_token(session, token)
            scope = desk.unit_code if stream == STREAM_UNIT else REFERENCE_SCOPE
            rows = session.execute(
                select(ChangeLogRecord.server_seq, ChangeLogRecord.kind, ChangeLogRecord.body)
                .where(
                    ChangeLogRecord.stream == stream,
                    ChangeLogRecord.scope == scope,
                    ChangeLogRecord.server_seq > after,
                )
                .order_by(ChangeLogRecord.server_seq)
                .limit(limit + 1)
            ).all()
            epoch = server_epoch(session)
            head = int(
                session.execute(text("SELECT value FROM seq_counters WHERE name = 'change'")).scalar_one()
            )
        page = rows[:limit]
        has_more = len(rows) > limit
        # With nothing more to read, the cursor jumps to the head: other units' changes are never read.
        next_cursor = page[-1][0] if has_more else max([after, head, *(r[0] for r in page)])
        items = tuple(PullItem(r[0], r[1], r[2]) for r in page)
        return PullPage(items, next_cursor, has_more, epoch).to_json()


__all__ = ["REFERENCE_SCOPE", "STREAM_REFERENCE", "SyncReadService"]
