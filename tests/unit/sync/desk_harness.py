"""A desk database driven through its real services, synced against ``FakeCentral``; the oracles.

``Desk`` wraps ``Services`` so a test can close the database, put a backup back (a lost tail) and
reopen it. ``disagreements`` is checker.py's ``rows_agree`` for one desk and the fake central: every
dossier row equals a replay of its journal and central's projection, column by column.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk_app.core.clock import FixedClock
from desk_app.core.projection import replay
from desk_app.core.workflow import Action
from desk_app.models import DossierRecord
from desk_app.services.container import Services, build_services
from desk_app.services.dossier_state import journal_events, state_of
from desk_app.services.dossiers import ActionRequest
from desk_app.services.uow import reading
from desk_app.sync.engine import SyncReport
from tests.state_diff import column_differences
from tests.unit.services.lifecycle import OFFICER, SUPERVISOR, draft
from tests.unit.sync.fake_central import URL, FakeCentral


class Desk:
    """One desk database, its services and the central it syncs with."""

    def __init__(self, path: Path, clock: FixedClock, central: FakeCentral) -> None:
        self.path = path
        self.clock = clock
        self.central = central
        self.services = self._open()

    def _open(self) -> Services:
        services = build_services(self.path, clock=self.clock)
        services.sync.transport = self.central.transport
        return services

    def close(self) -> None:
        """Release the database."""
        self.services.close()

    def enrol(self) -> None:
        """Enrol through ``/v1/enrol`` with a one-time code from the fake central."""
        identity = self.services.sync.store.identity()
        code = self.central.enrol_code(identity.unit_code, identity.code_slot)
        self.services.sync.enrol(URL, code, SUPERVISOR)

    @property
    def central_desk_id(self) -> str:
        """The id central gave this desk at enrolment."""
        return self.services.sync.store.identity().central_desk_id

    @property
    def unit_code(self) -> str:
        """The desk's unit."""
        return self.services.sync.store.identity().unit_code

    # -- the officer's work ---------------------------------------------------------------------------

    def receive(self, n: int = 1) -> list[str]:
        """Codes of ``n`` newly accepted dossiers."""
        codes = []
        for _ in range(n):
            outcome = self.services.reception.receive(draft(self.services), OFFICER)[0]
            assert outcome.code
            codes.append(str(outcome.code))
        return codes

    def act(self, code: str, action: Action, **fields: Any) -> None:
        """One action on a dossier (a transfer names a department)."""
        if action is Action.TRANSFER:
            fields.setdefault("department", "Tư pháp")
        self.services.dossiers.act(code, ActionRequest(action, **fields), OFFICER)

    def status(self, code: str) -> int:
        """The dossier's status as the desk shows it."""
        return int(self.services.dossiers.show(code, OFFICER).summary.status)

    def sync(self) -> SyncReport:
        """One sync run, as the app does it."""
        return self.services.sync.run_once()

    # -- losing the tail ------------------------------------------------------------------------------

    def backup(self, to: Path) -> Path:
        """Copy the closed database (a whole file after the checkpoint on close); reopen."""
        self.close()
        shutil.copyfile(self.path, to)
        self.services = self._open()
        return to

    def restore(self, snapshot: Path) -> None:
        """Put a backup back in place of the database: what came after it is lost here."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(snapshot, self.path)
        self.services = self._open()

    # -- reading the database -------------------------------------------------------------------------

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Raw rows (a separate read-only connection)."""
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as conn:
            return [tuple(r) for r in conn.execute(sql, params)]

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The single value of a query."""
        ((value,),) = self.rows(sql, params)
        return value

    def pending(self) -> int:
        """Outbox rows neither acknowledged nor refused."""
        return int(self.one("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"))

    def review_reasons(self) -> list[str]:
        """Open review items, oldest first."""
        return [item.reason for item in self.services.sync.review_items()]

    def dossier_id(self, code: str) -> str:
        """The dossier id of a code."""
        return str(self.one("SELECT dossier_id FROM dossiers WHERE dossier_code = ?", (code,)))


def disagreements(desk: Desk, central: FakeCentral) -> list[str]:
    """Every dossier on the desk = replay of its journal = central's projection (all columns).

    A dossier whose reception central refused stays on the desk as it was made: central must not hold
    it and the desk must show a review item for it.
    """
    problems: list[str] = []
    refused = {str(r[0]) for r in desk.rows("SELECT event_id FROM outbox WHERE rejected_reason IS NOT NULL")}
    reviewed = {str(r[0]) for r in desk.rows("SELECT event_id FROM sync_conflicts")}
    with reading(desk.services.db) as uow:
        session = uow.session
        for record in session.scalars(select(DossierRecord)).all():
            stored = state_of(session, record).as_dict()
            events = journal_events(session, record.dossier_id)
            replayed = replay(events)
            on_central = central.state.dossiers.get(record.dossier_id)
            where = f"dossier {record.dossier_code or record.dossier_id}"
            if replayed is None:
                reception = desk.one(
                    "SELECT event_id FROM dossier_events WHERE dossier_id = ? AND event_type = ?",
                    (record.dossier_id, "dossier.received"),
                )
                if on_central is not None or reception not in refused or reception not in reviewed:
                    problems.append(f"{where}: nothing to replay, yet not a reception central refused")
                continue
            problems.extend(column_differences(where, "stored", stored, "journal replay", replayed.as_dict()))
            if on_central is None:
                problems.append(f"{where}: not on central")
                continue
            problems.extend(
                column_differences(where, "on the desk", stored, "on central", on_central.as_dict())
            )
    return problems


def journal_matches_central(desk: Desk, central: FakeCentral) -> list[str]:
    """Each event central applied to one of the desk's dossiers is in the desk journal once, with its
    server_seq; the desk's journal holds nothing central applied under another number."""
    applied = {
        str(item.body["event_id"]): item.server_seq
        for item in central.unit_items(desk.unit_code)
        if item.kind == "dossier.event"
    }
    local = set(desk.rows("SELECT dossier_id FROM dossiers"))
    held = {str(r[0]): r[1] for r in desk.rows("SELECT event_id, server_seq FROM dossier_events")}
    problems = [
        f"event {event_id}: desk server_seq {held[event_id]}, central {seq}"
        for event_id, seq in applied.items()
        if event_id in held and held[event_id] != seq
    ]
    for item in central.unit_items(desk.unit_code):
        if item.kind != "dossier.event":
            continue
        dossier_id = item.body["payload"]["dossier_id"]
        if (dossier_id,) in local and str(item.body["event_id"]) not in held:
            problems.append(f"event {item.body['event_id']} of a desk dossier is missing from the journal")
    return problems


def acks_are_true(desk: Desk, central: FakeCentral) -> list[str]:
    """I3: every event the desk counts as acknowledged is on central, with the same payload hash."""
    held = {e.event.event_id: e.event.payload_sha256 for e in central.desk_events()}
    return [
        f"acked event {event_id} (desk_seq {seq}) is not on central as written"
        for seq, event_id, sha in desk.rows(
            "SELECT desk_seq, event_id, payload_sha256 FROM outbox WHERE acked_at IS NOT NULL"
        )
        if held.get(event_id) != sha
    ]


def exactly_once(desk: Desk, central: FakeCentral) -> list[str]:
    """I1/I2 for one desk: each outbox row on central once; central's desk_seqs run 1..hwm, no gaps."""
    stored = central.desk_events(desk.central_desk_id)
    ids = [e.event.event_id for e in stored]
    problems = [f"event {i} held {ids.count(i)} times" for i in set(ids) if ids.count(i) != 1]
    outbox = {str(r[0]) for r in desk.rows("SELECT event_id FROM outbox")}
    problems += [f"event {i} of the desk is not on central" for i in sorted(outbox - set(ids))]
    seqs = sorted(e.event.desk_seq for e in stored)
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append(f"desk_seqs on central are not 1..n: {seqs}")
    return problems
