"""A desk process for the fault run: receives dossiers (3 reception-side events each) and syncs.

``python -m tests.e2e.desk_worker DB COUNT LOG --skew-ms N --timeout S``. Each event id is appended to
LOG (and fsynced) only after its transaction committed: the harness's record of what was acknowledged
locally. A restarted worker carries on from the dossiers already in its database. It stops receiving
(and keeps syncing) at COUNT dossiers, or earlier when the harness creates ``stop-receiving`` beside LOG.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from desk_app.core.clock import SystemClock
from desk_app.core.dossier import Actor
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Action, Role
from desk_app.models import DossierRecord, OutboxRecord
from desk_app.services.container import build_services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.journal import ClockWentBackwards
from desk_app.services.uow import reading
from tests.unit.services.lifecycle import OFFICER, draft

SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)
PACE_S = (0.2, 0.8)  # between citizens: sync.md §3.5's time scaled by about 1/10, as its delays


@dataclass
class SkewedClock:
    """The system clock off by a fixed amount (a desk with a wrong clock)."""

    skew: timedelta

    def now(self) -> datetime:
        return SystemClock().now() + self.skew


def _committed(services, log, after: int) -> int:  # type: ignore[no-untyped-def]
    """Append the ids of events committed since ``after`` (a desk_seq); returns the new mark."""
    with reading(services.db) as uow:
        rows = uow.session.execute(
            select(OutboxRecord.desk_seq, OutboxRecord.event_id)
            .where(OutboxRecord.desk_seq > after)
            .order_by(OutboxRecord.desk_seq)
        ).all()
    if rows:
        log.write("".join(f"{event_id}\n" for _seq, event_id in rows))
        log.flush()
        os.fsync(log.fileno())
    return max([after, *(seq for seq, _id in rows)])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("log", type=Path)
    parser.add_argument("--skew-ms", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed + os.getpid())
    services = build_services(args.db, clock=SkewedClock(timedelta(milliseconds=args.skew_ms)))
    services.sync.timeout_s = args.timeout
    with reading(services.db) as uow:
        made = int(uow.session.scalar(select(func.count()).select_from(DossierRecord)) or 0)
    # Sync runs beside the officer, as the GUI's loop does: a cut network never slows reception.
    threading.Thread(target=_sync_loop, args=(services, rng), daemon=True).start()
    stop_receiving = args.log.with_name("stop-receiving")  # the harness's budget has run out
    with args.log.open("a", encoding="utf-8") as log:
        mark = _committed(services, log, 0)
        while True:
            if made >= args.count or stop_receiving.exists():
                time.sleep(0.3)  # keep syncing until the harness stops us
                continue
            try:
                outcome, _c = services.reception.receive(draft(services), OFFICER)
                code = outcome.code or outcome.id
                services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp"), OFFICER)
                services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department="Tư pháp"), OFFICER)
                made += 1
                mark = _committed(services, log, mark)
            except ClockWentBackwards:
                # The clock guard blocked the code (|offset| > 1 h): the supervisor checks the clock
                # and confirms, as the Đồng bộ screen lets them; issuing resumes until the next sync.
                services.sync.confirm_clock(SUPERVISOR)
                sys.stderr.write("clock_blocked\n")
                sys.stderr.flush()
            except DomainError as exc:
                sys.stderr.write(f"refused: {type(exc).__name__}\n")
                time.sleep(0.2)
            time.sleep(rng.uniform(*PACE_S))


def _sync_loop(services, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    while True:
        services.sync.run_once()
        time.sleep(1.0 + rng.random())


if __name__ == "__main__":
    sys.exit(main())
