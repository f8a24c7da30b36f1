"""Versioned working-day calendar: each version holds its full set of overrides."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.models.base import Base


class CalendarVersionRecord(Base):
    """The rules a due date was computed with; never changed once written."""

    __tablename__ = "calendar_versions"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    office_hours: Mapped[str] = mapped_column(String(100))  # "07:30-11:30,13:30-17:00"
    cutoff: Mapped[str | None] = mapped_column(String(5))
    holidays_library: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(32))

    overrides: Mapped[list[CalendarOverrideRecord]] = relationship(
        order_by="CalendarOverrideRecord.day", lazy="selectin"
    )


class CalendarOverrideRecord(Base):
    """A day made a day off or a working day in one calendar version."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (UniqueConstraint("calendar_version", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_version: Mapped[int] = mapped_column(ForeignKey("calendar_versions.version"))
    day: Mapped[str] = mapped_column(String(10))  # ISO date
    kind: Mapped[str] = mapped_column(String(12))  # day_off | working_day
    note: Mapped[str] = mapped_column(Text, default="")
