"""What can go wrong talking to central, as the engine needs to tell it apart (sync.md §2.3)."""

from __future__ import annotations


class SyncError(Exception):
    """Base: ``transient`` errors are retried with backoff; others need an action."""

    transient = False


class Transient(SyncError):
    """Network down, timeout, reset, 429 or 5xx: retry later, forever."""

    transient = True


class Unreachable(Transient):
    """No connection at all (refused, no route, DNS): nothing reached central, so retrying soon is free."""


class Unauthorized(SyncError):
    """401: the token was revoked or never valid. Keep working offline; enrol again."""


class UpgradeRequired(SyncError):
    """426: this app's protocol is too old. Keep the queue; update the app."""


class Gap(SyncError):
    """409 gap: resend from ``expected``."""

    def __init__(self, expected: int, hwm: int) -> None:
        super().__init__(f"gap: central expects desk_seq {expected}")
        self.expected = expected
        self.hwm = hwm


class SeqReused(SyncError):
    """409 desk_seq_reused: the desk lost its tail (restored backup, lying disk)."""

    def __init__(self, hwm: int, desk_seq: int) -> None:
        super().__init__(f"desk_seq {desk_seq} is already used on central (hwm {hwm})")
        self.hwm = hwm
        self.desk_seq = desk_seq


class PayloadMismatch(SyncError):
    """422: same event id, different content. A bug: that event stops, the rest continue."""

    def __init__(self, event_id: str) -> None:
        super().__init__(f"payload mismatch for event {event_id}")
        self.event_id = event_id


class CursorExpired(SyncError):
    """410: the cursor is older than central's retention: replace the stream from the start."""


class Refused(SyncError):
    """Another 4xx (bad request, enrolment code refused): the message says why."""
