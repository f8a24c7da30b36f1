"""The desk's identity and its counters (sync.md §2.2)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class DeskIdentityRecord(Base):
    """The single row saying which unit and code slot this desk issues codes for."""

    __tablename__ = "desk_identity"
    __table_args__ = (
        CheckConstraint("singleton = 1", name="singleton"),
        CheckConstraint("code_slot BETWEEN 1 AND 9", name="code_slot"),
    )

    singleton: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    desk_id: Mapped[str] = mapped_column(String(36))
    unit_code: Mapped[str] = mapped_column(String(20))
    unit_name: Mapped[str] = mapped_column(Text, default="")
    code_slot: Mapped[int] = mapped_column(Integer)
    enrolment_epoch: Mapped[int] = mapped_column(Integer, default=0)
    server_epoch: Mapped[str | None] = mapped_column(String(36))
    token_ref: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[str] = mapped_column(String(32))


class CodeCounterRecord(Base):
    """The last dossier number issued per unit, day and slot."""

    __tablename__ = "code_counters"

    unit_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    code_date: Mapped[str] = mapped_column(String(6), primary_key=True)  # YYMMDD
    code_slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_n: Mapped[int] = mapped_column(Integer)


class DeskCounterRecord(Base):
    """Named gap-free counters ('desk_seq')."""

    __tablename__ = "desk_counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class ClockStateRecord(Base):
    """The monotonic clock guard and the last measured offset to central."""

    __tablename__ = "clock_state"
    __table_args__ = (CheckConstraint("singleton = 1", name="singleton"),)

    singleton: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    max_local_time_seen: Mapped[str] = mapped_column(String(32))
    last_server_time: Mapped[str | None] = mapped_column(String(32))
    last_offset_ms: Mapped[int | None] = mapped_column(Integer)
    last_sync_ok_at: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
