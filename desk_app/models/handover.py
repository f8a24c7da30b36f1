"""Handover batches: a stack of dossiers handed to or back from a department."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class HandoverBatchRecord(Base):
    """One handover slip, numbered per year."""

    __tablename__ = "handover_batches"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(12))  # out (to a department) | back
    department: Mapped[str] = mapped_column(Text)
    handed_by: Mapped[str] = mapped_column(String(60))
    received_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(32))


class HandoverItemRecord(Base):
    """A dossier in a handover batch."""

    __tablename__ = "handover_items"
    __table_args__ = (UniqueConstraint("batch_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("handover_batches.id"))
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.dossier_id"))
    event_id: Mapped[str] = mapped_column(ForeignKey("dossier_events.event_id"))
