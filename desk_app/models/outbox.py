"""Transactional outbox and the pulled-stream bookkeeping (sync.md §2.2)."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class OutboxRecord(Base):
    """One domain event waiting for (or acknowledged by) central; never rewritten."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "desk_seq",
            sqlite_where=text("acked_at IS NULL AND rejected_reason IS NULL"),
        ),
    )

    desk_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    aggregate_id: Mapped[str] = mapped_column(String(36))
    event_type: Mapped[str] = mapped_column(String(40))
    event_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    local_time: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[str | None] = mapped_column(String(32))
    server_seq: Mapped[int | None] = mapped_column(Integer)
    rejected_reason: Mapped[str | None] = mapped_column(Text)


class SyncCursorRecord(Base):
    """The last applied ``server_seq`` of one pulled stream."""

    __tablename__ = "sync_cursors"

    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    server_epoch: Mapped[str] = mapped_column(String(36))
    cursor: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(32))


class ReferenceReleaseRecord(Base):
    """A catalogue or calendar release as received from central."""

    __tablename__ = "reference_releases"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    effective_from: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)


class SyncConflictRecord(Base):
    """A rejected event waiting for a human decision."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    resolved_at: Mapped[str | None] = mapped_column(String(32))
