"""Half-finished receptions, kept so a crash or a closed window loses nothing."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class ReceptionDraftRecord(Base):
    """One officer's reception in progress (the form state as JSON); deleted when decided."""

    __tablename__ = "reception_drafts"

    username: Mapped[str] = mapped_column(String(60), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
