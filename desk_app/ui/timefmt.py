"""Moments as officers read them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.core.clock import VN_TZ

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDateTimeEdit


def wall_clock() -> datetime:
    """Now in Vietnam: the clock of screens not given the desk's."""
    return datetime.now(VN_TZ)


def show_time(value: datetime | str | None) -> str:
    """A moment (or its ISO text) as ``dd/mm/yyyy HH:MM`` in Vietnam time; "" for None."""
    if not value:
        return ""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(VN_TZ)
    return f"{moment:%d/%m/%Y %H:%M}"


def to_moment(edit: QDateTimeEdit) -> datetime:
    """What a date-time field shows, as a moment in Vietnam time."""
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)
