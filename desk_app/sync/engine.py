"""The sync engine: one ``run_once()`` = meta, push the outbox, pull every stream (sync.md §2.3–2.5).

Scheduling (a timer, a wake-up after local commits, backoff) lives outside; ``Backoff`` gives the delays.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desk_app.core.events import ReviewReason
from desk_app.sync import errors
from desk_app.sync.protocol import MAX_BATCH, MAX_PAGE, PROTOCOL_VERSION, STREAMS

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk_app.sync.client import SyncClient
    from desk_app.sync.store import SyncStore

log = logging.getLogger(__name__)
MAX_ROUNDS = 10_000  # pages or batches in one run: a bound, never reached in practice
# While central cannot even be connected to, retries cost it nothing (no request reaches it), so they
# stay frequent: the first push after the network returns follows within a few seconds, not up to 60.
RECONNECT_CAP = 4.0


@dataclass
class SyncReport:
    """What one run did (for the status bar, the CLI and the tests)."""

    ok: bool = False
    pushed: int = 0
    acked: int = 0
    rejected: int = 0
    pulled: int = 0
    applied: int = 0
    offset_ms: int | None = None
    error: str = ""
    transient: bool = False
    unreachable: bool = False  # transient, and no connection could be made at all
    warnings: list[str] = field(default_factory=list)


@dataclass
class Backoff:
    """Exponential backoff with full jitter, from 1 s, capped at 60 s; transient errors retry forever."""

    base: float = 1.0
    cap: float = 60.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self, *, unreachable: bool = False) -> float:
        """Seconds to wait after one more failure (capped lower while central is unreachable)."""
        self.failures += 1
        cap = min(self.cap, RECONNECT_CAP) if unreachable else self.cap
        return self.rng.uniform(0, min(cap, self.base * 2 ** (self.failures - 1)))

    def reset(self) -> None:
        """A success: start again from the base."""
        self.failures = 0


def _offset_ms(server_time: str, sent: datetime, received: datetime) -> int:
    server = datetime.fromisoformat(server_time)
    middle = sent + (received - sent) / 2
    return round((server - middle).total_seconds() * 1000)


class SyncEngine:
    """Pushes and pulls through a ``SyncClient`` against a ``SyncStore``."""

    def __init__(
        self,
        store: SyncStore,
        client: SyncClient,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._client = client
        self._now = now

    def run_once(self) -> SyncReport:
        """Meta → push until the queue is empty → pull each stream; errors end the run, reported."""
        report = SyncReport()
        try:
            meta = self._meta(report)
            self._push_all(report)
            self._check_hwm(report)
            for stream in STREAMS:
                self._pull(stream, meta.server_epoch, report)
                lost = self._store.settle_stream(stream, meta.log_floor)
                if lost:
                    report.warnings.append(f"lost_on_central:{lost}")
            report.ok = True
        except errors.SyncError as exc:
            report.error = f"{type(exc).__name__}: {exc}"
            report.transient = exc.transient
            report.unreachable = isinstance(exc, errors.Unreachable)
            if not exc.transient:
                log.warning("sync stopped: %s", type(exc).__name__)
        if report.offset_ms is not None:
            self._store.record_clock(self._now().isoformat(), report.offset_ms, report.ok)
        return report

    def _meta(self, report: SyncReport):  # type: ignore[no-untyped-def] # noqa: ANN202 - a Meta
        sent = self._now()
        meta = self._client.meta()
        report.offset_ms = _offset_ms(meta.server_time, sent, self._now())
        self._client.clock_offset_ms = report.offset_ms
        if not meta.protocol_min <= PROTOCOL_VERSION <= meta.protocol_max or not meta.should_continue:
            raise errors.UpgradeRequired(meta.message or "protocol not supported")
        identity = self._store.identity()
        if identity.server_epoch and identity.server_epoch != meta.server_epoch:
            report.warnings.append("server_restored")
            for stream in STREAMS:
                self._store.replace_stream(stream)
        # Central holds fewer of our events than we think (restored from a backup): push them again.
        lost = self._store.unack_above(meta.desk_hwm) if meta.desk_hwm < self._store.max_acked_seq() else 0
        if lost:
            report.warnings.append(f"repush:{lost}")
        if meta.desk_hwm > self._store.max_seq():
            # Central holds events numbered past anything we ever wrote: our database lost its tail.
            # New events must follow central's numbers; rows that collide are moved when a push says so.
            self._store.recover_tail(meta.desk_hwm, meta.code_hwm, None)
            report.warnings.append("tail_loss")
        return meta

    def _push_all(self, report: SyncReport) -> None:
        for _ in range(MAX_ROUNDS):
            batch = self._store.pending(MAX_BATCH)
            if not batch:
                return
            ids = [e.event_id for e in batch]
            try:
                response = self._client.push(str(uuid.uuid4()), batch)
            except errors.SeqReused as exc:
                moved = self._store.recover_tail(exc.hwm, self._client.meta().code_hwm, exc.desk_seq)
                report.warnings.append(f"tail_loss:{moved}")
                continue
            except errors.Gap as exc:
                # Our first pending row is above central's expectation: the rows between were acked
                # here but lost there; they are pushed again.
                if not self._store.unack_above(exc.expected - 1):
                    raise
                continue
            except errors.PayloadMismatch as exc:
                self._store.stop_event(exc.event_id, ReviewReason.PAYLOAD_MISMATCH)
                report.warnings.append(f"payload_mismatch:{exc.event_id}")
                continue
            except errors.SyncError as exc:
                self._store.record_failure(ids, type(exc).__name__)
                raise
            self._store.record_results(list(response.results), response.server_time)
            report.pushed += len(batch)
            report.acked += sum(1 for r in response.results if r.acked)
            report.rejected += sum(1 for r in response.results if not r.acked)
        raise errors.Transient("push did not drain")

    def _check_hwm(self, report: SyncReport) -> None:
        """After draining: central must hold at least what we count as acknowledged (sync.md §2.3)."""
        meta = self._client.meta()
        if meta.desk_hwm < self._store.max_acked_seq():
            lost = self._store.unack_above(meta.desk_hwm)
            report.warnings.append(f"repush:{lost}")
            self._push_all(report)

    def _pull(self, stream: str, epoch: str, report: SyncReport) -> None:
        saved = self._store.cursor(stream)
        if saved is not None and saved[0] != epoch:
            self._store.replace_stream(stream)
            saved = None
        after = saved[1] if saved else 0
        for _ in range(MAX_ROUNDS):
            try:
                page = self._client.pull(stream, after, MAX_PAGE)
            except errors.CursorExpired:
                self._store.reset_stream(stream)
                after = 0
                continue
            if page.server_epoch != epoch:
                raise errors.Transient("server epoch changed during the run")
            report.applied += self._store.apply_page(stream, page)
            report.pulled += len(page.items)
            after = page.next_cursor
            if not page.has_more:
                return
        raise errors.Transient("pull did not finish")
