"""The engine's port to the desk database (implemented over SQLite by the services layer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desk_app.sync.protocol import Enrolment, PullPage, PushEvent, PushResult


@dataclass(frozen=True, slots=True)
class SyncIdentity:
    """Who the desk is to central (empty ``url`` or ``token_ref``: not enrolled)."""

    unit_code: str
    code_slot: int
    url: str
    central_desk_id: str
    enrolment_epoch: int
    server_epoch: str | None
    token_ref: str

    @property
    def enrolled(self) -> bool:
        """A URL and a stored token."""
        return bool(self.url and self.token_ref)


class SyncStore(Protocol):
    """Every method is one short transaction (pages and results are applied atomically)."""

    def identity(self) -> SyncIdentity:
        """The desk's sync identity."""
        ...

    def save_enrolment(self, url: str, enrolment: Enrolment, token_ref: str) -> None:
        """Record a new enrolment; bump code counters to the slot's high-water marks; reset cursors."""
        ...

    def next_push_seq(self) -> int:
        """The desk_seq the next push starts at (the first pending row, else the counter + 1)."""
        ...

    def pending(self, limit: int) -> list[PushEvent]:
        """Pending outbox rows in desk_seq order."""
        ...

    def record_results(self, results: list[PushResult], server_time: str) -> None:
        """Acks and rejections of one push (rejections become review items)."""
        ...

    def record_failure(self, event_ids: list[str], error: str) -> None:
        """A push of these events failed (attempts + 1, last error)."""
        ...

    def stop_event(self, event_id: str, reason: str) -> None:
        """Take one event out of the queue for a person to look at (e.g. a payload mismatch)."""
        ...

    def max_acked_seq(self) -> int:
        """The highest acknowledged desk_seq (0 when none)."""
        ...

    def unack_above(self, hwm: int) -> int:
        """Central lost events above ``hwm`` (restored): make them pending again; returns how many."""
        ...

    def max_seq(self) -> int:
        """The highest desk_seq this database ever issued (its counter)."""
        ...

    def recover_tail(self, server_hwm: int, code_hwm: dict[str, int], from_seq: int | None) -> int:
        """The desk lost its tail: counters to central's marks, colliding rows moved; rows moved.

        Pending rows from ``from_seq`` on collide with events central holds: they move past its hwm.
        """
        ...

    def cursor(self, stream: str) -> tuple[str, int] | None:
        """(server epoch, cursor) of a stream, None before the first pull."""
        ...

    def reset_stream(self, stream: str) -> None:
        """Forget a stream's cursor: the next pull replaces it from the start (applies are idempotent)."""
        ...

    def replace_stream(self, stream: str) -> None:
        """Central was restored: read the stream again; each pulled step unconfirmed until it comes.

        sync.md §2.5 (snapshot-replace): the outbox is not touched.
        """
        ...

    def settle_stream(self, stream: str, log_floor: int) -> int:
        """The stream was read to its end: settle the unconfirmed steps; returns how many were lost.

        Those from ``log_floor`` on are lost on central: left out of the dossiers, kept for the audit,
        shown for review.
        """
        ...

    def apply_page(self, stream: str, page: PullPage) -> int:
        """Apply a page and its cursor in one transaction; returns how many items changed something."""
        ...

    def record_clock(self, server_time: str, offset_ms: int, succeeded: bool) -> None:
        """The measured clock offset (and the time of the last success)."""
        ...
