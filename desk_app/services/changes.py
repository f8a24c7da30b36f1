"""Flags every write returns, so screens refresh only what changed."""

from __future__ import annotations

from enum import Flag, auto


class Changes(Flag):
    """What a write touched."""

    NONE = 0
    DOSSIERS = auto()
    QUEUE = auto()
    HANDOVER = auto()
    REGISTER = auto()
    CATALOGUE = auto()
    CALENDAR = auto()
    SETTINGS = auto()
    OUTBOX = auto()
    USERS = auto()
