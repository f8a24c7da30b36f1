"""Desk and domain settings, one JSON value per declared key."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class SettingRecord(Base):
    """A setting's current value (JSON) and who changed it last."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[str] = mapped_column(String(32))
