"""How moments are stored: ISO-8601 to the second with the +07:00 offset."""

from __future__ import annotations

from datetime import datetime

from desk_app.core.clock import to_local


def iso(moment: datetime) -> str:
    """``2026-11-20T09:30:00+07:00``."""
    return to_local(moment).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    """The inverse of :func:`iso`."""
    return to_local(datetime.fromisoformat(text))


def parse_optional(text: str | None) -> datetime | None:
    """:func:`parse_iso`, None for None (or an empty column)."""
    return parse_iso(text) if text else None


def to_second(moment: datetime) -> datetime:
    """A moment as it is stored: Vietnam time, whole seconds (what a DTO carries)."""
    return to_local(moment).replace(microsecond=0)
