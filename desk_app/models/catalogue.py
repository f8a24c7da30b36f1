"""The versioned procedure catalogue."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.models.base import Base


class CatalogueImportRecord(Base):
    """One import of a catalogue file (portal Excel, national JSON, or a release)."""

    __tablename__ = "catalogue_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_name: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64))
    release_version: Mapped[int | None] = mapped_column(Integer)
    imported_at: Mapped[str] = mapped_column(String(32))
    imported_by: Mapped[str] = mapped_column(String(100))
    records: Mapped[int] = mapped_column(Integer)
    created_versions: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)


class ProcedureRecord(Base):
    """A procedure, identified by its published code; its content lives in versions."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    national_code: Mapped[str] = mapped_column(String(8), index=True)
    current_version_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))


class ProcedureVersionRecord(Base):
    """One immutable version of a procedure's published content."""

    __tablename__ = "procedure_versions"
    __table_args__ = (
        UniqueConstraint("procedure_id", "version"),
        Index("ix_procedure_versions_current", "is_current", "procedure_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_imports.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    field_name: Mapped[str] = mapped_column(Text, default="")
    level_text: Mapped[str] = mapped_column(Text, default="")
    levels: Mapped[str] = mapped_column(String(40), default="")  # comma-separated codes
    agency: Mapped[str] = mapped_column(Text, default="")
    issuing_body: Mapped[str] = mapped_column(Text, default="")
    competent_agency: Mapped[str] = mapped_column(Text, default="")
    time_limit_text: Mapped[str] = mapped_column(Text, default="")
    fees_text: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    procedure_type: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    channels_json: Mapped[str] = mapped_column(Text, default="[]")  # per-channel texts as published
    name_folded: Mapped[str] = mapped_column(Text)
    search_folded: Mapped[str] = mapped_column(Text)  # code + name + field, folded
    created_at: Mapped[str] = mapped_column(String(32))

    components: Mapped[list[ComponentRecord]] = relationship(
        order_by="ComponentRecord.position", lazy="selectin"
    )
    time_limits: Mapped[list[ProcedureTimeLimitRecord]] = relationship(lazy="selectin")
    fees: Mapped[list[ProcedureFeeRecord]] = relationship(lazy="selectin")


class ComponentRecord(Base):
    """A published component (thành phần hồ sơ) of one procedure version."""

    __tablename__ = "procedure_components"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))  # submit | show | note
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)
    group_label: Mapped[str] = mapped_column(Text, default="")
    alternative: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    form_file: Mapped[str] = mapped_column(Text, default="")
    # The reading of the text (desk_app/core/components.py), derived at import.
    applies: Mapped[str] = mapped_column(String(12), default="always")
    channels: Mapped[str] = mapped_column(String(40), default="")  # comma-separated
    case_text: Mapped[str] = mapped_column(Text, default="")
    alt_group: Mapped[str] = mapped_column(Text, default="")
    substitutes_json: Mapped[str] = mapped_column(Text, default="[]")
    identity: Mapped[bool] = mapped_column(Boolean, default=False)
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)


class ProcedureTimeLimitRecord(Base):
    """The time limit per channel, parsed where unambiguous (status 'unknown' otherwise)."""

    __tablename__ = "procedure_time_limits"
    __table_args__ = (UniqueConstraint("version_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    channel: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10))  # known | unknown
    unit: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[int | None] = mapped_column(Integer)


class ProcedureFeeRecord(Base):
    """The fee per channel, in đồng where unambiguous (status 'unknown' otherwise)."""

    __tablename__ = "procedure_fees"
    __table_args__ = (UniqueConstraint("version_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"))
    channel: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10))
    amount_vnd: Mapped[int | None] = mapped_column(Integer)


class ProcedureOverrideRecord(Base):
    """A local administrator's override of a procedure's time limit, cut-off or fee.

    Append-only: the newest row for a procedure is in force; each row says who and why.
    """

    __tablename__ = "procedure_overrides"
    __table_args__ = (UniqueConstraint("procedure_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    revision: Mapped[int] = mapped_column(Integer)
    limit_unit: Mapped[str | None] = mapped_column(String(20))
    limit_value: Mapped[int | None] = mapped_column(Integer)
    cutoff: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", or "none" for no cut-off
    fee_vnd: Mapped[int | None] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
