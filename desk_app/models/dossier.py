"""Dossiers and their append-only event journal (sync.md §2.2)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class DossierRecord(Base):
    """A dossier; ``status`` is a projection that can be recomputed from its events."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_received", "received_at"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        # The register pages a period through this covering index, then fetches the page's rows.
        Index("ix_dossiers_accepted", "accepted_at", "register_year", "register_number", "status"),
        Index("ix_dossiers_register", "register_year", "register_number", unique=True),
    )

    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUIDv7
    dossier_code: Mapped[str | None] = mapped_column(String(30), unique=True)  # set when accepted
    origin: Mapped[str] = mapped_column(String(10), default="local")  # local | central
    procedure_version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    procedure_code: Mapped[str] = mapped_column(String(40))
    rule_set: Mapped[str] = mapped_column(String(20))  # form set: TT03-2025 | TT01-2018
    channel: Mapped[str] = mapped_column(String(10))
    postal_handover_at: Mapped[str | None] = mapped_column(String(32))
    applicant_kind: Mapped[str] = mapped_column(String(12), default="person")
    applicant_name: Mapped[str] = mapped_column(Text)
    applicant_name_folded: Mapped[str] = mapped_column(Text)
    applicant_id_number: Mapped[str | None] = mapped_column(String(20), index=True)
    applicant_phone: Mapped[str | None] = mapped_column(String(20))
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    applicant_address: Mapped[str | None] = mapped_column(Text)
    applicant_from_card: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(32))  # ISO-8601 with +07:00; first submission
    accepted_at: Mapped[str | None] = mapped_column(String(32))  # complete dossier accepted
    counted_from: Mapped[str | None] = mapped_column(String(32))
    due_at: Mapped[str | None] = mapped_column(String(32))
    limit_spec: Mapped[str | None] = mapped_column(String(30))
    calendar_version: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)  # national status code 1..10
    register_year: Mapped[int | None] = mapped_column(Integer)
    register_number: Mapped[int | None] = mapped_column(Integer)
    late_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    late_entry_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    due_source: Mapped[str | None] = mapped_column(String(10))  # computed | officer
    bundles: Mapped[int] = mapped_column(Integer, default=1)  # số lượng hồ sơ (bộ)
    holder: Mapped[str] = mapped_column(Text, default="")  # who physically holds the paper
    department: Mapped[str | None] = mapped_column(Text)  # the resolving body it went to
    supplement_count: Mapped[int] = mapped_column(Integer, default=0)
    reschedule_count: Mapped[int] = mapped_column(Integer, default=0)
    original_due_at: Mapped[str | None] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32), index=True)  # the KPI end (finished, stopped)
    returned_at: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[str | None] = mapped_column(String(32))
    needs_receipt: Mapped[bool] = mapped_column(Boolean, default=True)


class ChecklistAnswerRecord(Base):
    """What was received for one published component of a dossier's procedure version."""

    __tablename__ = "dossier_checklist"
    __table_args__ = (UniqueConstraint("dossier_id", "round", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.dossier_id"))
    round: Mapped[int] = mapped_column(Integer)  # 0 at reception, 1.. per supplement
    position: Mapped[int] = mapped_column(Integer)
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)
    shown: Mapped[bool] = mapped_column(Boolean)
    applies: Mapped[bool] = mapped_column(Boolean)
    substitute: Mapped[int] = mapped_column(Integer, default=0)  # n: the n-th fallback the paper names


class CentralCopy(StrEnum):
    """Whether central still holds a pulled step (sync.md §2.5: snapshot-replace after its restore)."""

    HELD = "held"
    UNCONFIRMED = "unconfirmed"  # central was restored; the step has not come again yet
    LOST = "lost"  # the stream was read to its end without it: left out of the projection


class DossierEventRecord(Base):
    """One immutable event of a dossier: own events and pulled ones alike."""

    __tablename__ = "dossier_events"
    __table_args__ = (
        Index("ix_dossier_events_dossier", "dossier_id", "occurred_at"),
        Index("ix_dossier_events_occurred", "occurred_at"),
        Index("ix_dossier_events_unsettled", "central_copy", sqlite_where=text("central_copy != 'held'")),
    )

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.dossier_id"))
    desk_seq: Mapped[int | None] = mapped_column(Integer)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[int | None] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(60))  # desk:<id> | dept:<code> | central
    # Of a pulled step: "held" by central; "unconfirmed" since central was restored from a backup
    # (sync.md §2.5); "lost" when the stream was read to its end without it (kept for the audit, left
    # out of the projection).
    central_copy: Mapped[str] = mapped_column(String(12), default="held", server_default="held")
