"""The invariants of sync.md §3.1 over every desk database and central's, in one place.

Each event is classified as Jepsen's total-queue does; ``check`` returns the figures and the list of
violations (empty when every invariant holds).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from desk_app.core.codes import parse_dossier_code
from desk_app.core.events import DossierEvent
from desk_app.core.projection import COLUMNS, replay
from tests.state_diff import column_differences


@dataclass
class DeskFiles:
    """One desk of the run: its database, slot and the log of events it reported committed."""

    db: Path
    slot: int
    committed_log: Path | None = None


@dataclass
class Verdict:
    """Figures and violations."""

    figures: dict[str, int] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)

    def fail(self, invariant: str, what: str) -> None:
        """Record one violation (keeps the first 20 per invariant readable)."""
        if sum(1 for v in self.violations if v.startswith(invariant)) < 20:
            self.violations.append(f"{invariant}: {what}")


def _pg(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def check(desks: list[DeskFiles], central_url: str) -> Verdict:
    """I1–I7 (I5 and I8 need the quiet state the caller establishes first)."""
    verdict = Verdict()
    with psycopg.connect(_pg(central_url)) as pg:
        central_events = {
            str(r[0]): (str(r[1]), str(r[2]), str(r[3]))
            for r in pg.execute("SELECT event_id, payload_sha256, status, desk_id FROM desk_events")
        }
        total, distinct = pg.execute("SELECT count(*), count(DISTINCT event_id) FROM desk_events").fetchone()
        dossiers = {
            str(r[0]): (r[1], int(r[2]))
            for r in pg.execute("SELECT dossier_id, dossier_code, status FROM dossiers")
        }
        per_desk = defaultdict(list)
        for desk_id, seq in pg.execute("SELECT desk_id, desk_seq FROM desk_events"):
            per_desk[str(desk_id)].append(int(seq))
        hwm = {str(r[0]): int(r[1]) for r in pg.execute("SELECT desk_id, desk_hwm FROM desks")}
        tickets = {str(r[0]) for r in pg.execute("SELECT event_id FROM review_tickets")}
        head = int(pg.execute("SELECT value FROM seq_counters WHERE name = 'change'").fetchone()[0])
    verdict.figures.update(
        central_events=len(central_events), central_dossiers=len(dossiers), server_head=head
    )
    if total != distinct:
        verdict.fail("I2", f"{total - distinct} duplicated event ids on central")
    for desk_id, seqs in per_desk.items():
        if sorted(seqs) != list(range(min(seqs), hwm[desk_id] + 1)):
            verdict.fail("I2", f"desk {desk_id}: desk_seq not contiguous up to {hwm[desk_id]}")
    codes: dict[str, str] = {}
    for code, _status in dossiers.values():
        if code in codes:
            verdict.fail("I4", f"code {code} twice on central")
        if code:
            codes[code] = code
    lost = acked_missing = 0
    for desk in desks:
        _check_desk(desk, central_events, dossiers, tickets, verdict)
        conn = sqlite3.connect(desk.db)
        try:
            for event_id, sha, acked in conn.execute("SELECT event_id, payload_sha256, acked_at FROM outbox"):
                stored = central_events.get(event_id)
                if stored is None:
                    lost += 1
                    verdict.fail("I1", f"{desk.db.parent.name}: event {event_id} not on central")
                    if acked:
                        acked_missing += 1
                        verdict.fail("I3", f"acked event {event_id} not on central")
                elif stored[0] != sha:
                    verdict.fail("I1", f"event {event_id}: payload hash differs")
        finally:
            conn.close()
        if desk.committed_log is not None and desk.committed_log.exists():
            reported = {
                line.strip()
                for line in desk.committed_log.read_text().splitlines()
                if len(line.strip()) == 36
            }
            for event_id in reported - set(central_events):
                verdict.fail("I1", f"reported-committed event {event_id} lost")
            verdict.figures[f"reported_{desk.slot}"] = len(reported)
    verdict.figures.update(lost=lost, acked_missing=acked_missing)
    return verdict


def acks_are_true(desks: list[DeskFiles], central_url: str) -> list[str]:
    """I3 while desks keep working: every ack a desk holds now is on central.

    The desks are read first, central second: an ack recorded after central was read cannot be
    mistaken for a lost one (``check`` reads central first and is for the quiet state).
    """
    acked: dict[str, str] = {}
    for desk in desks:
        conn = sqlite3.connect(desk.db, timeout=30)
        try:
            for (event_id,) in conn.execute("SELECT event_id FROM outbox WHERE acked_at IS NOT NULL"):
                acked[str(event_id)] = desk.db.parent.name
        finally:
            conn.close()
    with psycopg.connect(_pg(central_url)) as pg:
        held = {str(r[0]) for r in pg.execute("SELECT event_id FROM desk_events")}
    return [
        f"I3: {desk}: acked event {event_id} not on central"
        for event_id, desk in acked.items()
        if event_id not in held
    ]


def _check_desk(
    desk: DeskFiles,
    central_events: dict[str, tuple[str, str, str]],
    dossiers: dict[str, tuple[Any, int]],
    tickets: set[str],
    verdict: Verdict,
) -> None:
    conn = sqlite3.connect(desk.db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            verdict.fail("I6", f"{desk.db}: integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            verdict.fail("I6", f"{desk.db}: foreign keys broken")
        rows = conn.execute("SELECT dossier_id, dossier_code, status FROM dossiers").fetchall()
        conflicts = {r[0] for r in conn.execute("SELECT event_id FROM sync_conflicts")}
        by_day: dict[str, list[int]] = defaultdict(list)
        for dossier_id, code, status in rows:
            received = conn.execute(
                "SELECT count(*) FROM dossier_events WHERE dossier_id = ? AND "
                "event_type = 'dossier.received'",
                (dossier_id,),
            ).fetchone()[0]
            if received != 1:
                verdict.fail("I6", f"dossier {dossier_id} has {received} reception events")
            if code:
                parsed = parse_dossier_code(code)
                if parsed.slot != desk.slot:
                    verdict.fail("I4", f"{code} is not in slot {desk.slot}")
                by_day[f"{parsed.day:%y%m%d}"].append(parsed.number_in_slot)
            central = dossiers.get(dossier_id)
            if central is None:
                # Only a reception central refused (visibly: a review item here) may be missing there.
                (reception,) = conn.execute(
                    "SELECT min(event_id) FROM dossier_events WHERE dossier_id = ? AND "
                    "event_type = 'dossier.received'",
                    (dossier_id,),
                ).fetchone()
                refused = central_events.get(str(reception), ("", "", ""))[1] == "rejected"
                if not (refused and reception in conflicts):
                    verdict.fail("I1", f"dossier {dossier_id} not on central")
            elif central[1] != status:
                verdict.fail("I5", f"dossier {code}: desk status {status}, central {central[1]}")
        for day, numbers in by_day.items():
            if sorted(numbers) != list(range(1, len(numbers) + 1)):
                verdict.fail("I4", f"slot {desk.slot} day {day}: numbers not contiguous from 1")
            counter = conn.execute(
                "SELECT last_n FROM code_counters WHERE code_date = ? AND code_slot = ?", (day, desk.slot)
            ).fetchone()
            if counter is None or counter[0] < max(numbers):
                verdict.fail("I6", f"code counter below the highest code of {day}")
        for event_id, (_sha, status, _desk) in central_events.items():
            if (
                status == "rejected"
                and conn.execute("SELECT 1 FROM outbox WHERE event_id = ?", (event_id,)).fetchone()
            ):
                if event_id not in conflicts:
                    verdict.fail("I7", f"rejected {event_id} has no review item on the desk")
                if event_id not in tickets:
                    verdict.fail("I7", f"rejected {event_id} has no ticket on central")
    finally:
        conn.close()


def convergence(desks: list[DeskFiles], central_url: str) -> list[str]:
    """I5 (quiet state): nothing pending, every cursor at the server head, reference versions equal."""
    problems = []
    with psycopg.connect(_pg(central_url)) as pg:
        head = int(pg.execute("SELECT value FROM seq_counters WHERE name = 'change'").fetchone()[0])
        versions = {
            str(r[0]): int(r[1])
            for r in pg.execute("SELECT kind, max(version) FROM reference_releases GROUP BY kind")
        }
        # Each desk's dossiers on central, with the event that received them.
        origin: dict[str, dict[str, str]] = defaultdict(dict)
        for dossier_id, desk_id, event_id in pg.execute(
            "SELECT d.dossier_id, d.origin_desk, e.event_id FROM dossiers d JOIN desk_events e "
            "ON e.aggregate_id = d.dossier_id AND e.event_type = 'dossier.received' AND e.status = 'applied'"
        ):
            origin[str(desk_id)][str(dossier_id)] = str(event_id)
    for desk in desks:
        conn = sqlite3.connect(desk.db)
        try:
            # Everything central holds of this desk is on the desk (re-learned after a lost tail), or
            # is a review item there (its code was re-issued meanwhile).
            row = conn.execute("SELECT value FROM settings WHERE key = 'sync.desk_id'").fetchone()
            desk_id = str(json.loads(row[0]) if row and row[0].startswith('"') else (row[0] if row else ""))
            local = {str(r[0]) for r in conn.execute("SELECT dossier_id FROM dossiers")}
            reviewed = {str(r[0]) for r in conn.execute("SELECT event_id FROM sync_conflicts")}
            for dossier_id, event_id in origin.get(desk_id, {}).items():
                if dossier_id not in local and event_id not in reviewed:
                    problems.append(
                        f"{desk.db.parent.name}: dossier {dossier_id} on central, not on the desk"
                    )
            pending = conn.execute(
                "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"
            ).fetchone()[0]
            if pending:
                problems.append(f"{desk.db.parent.name}: {pending} pending")
            for stream, cursor in conn.execute("SELECT stream, cursor FROM sync_cursors"):
                if cursor != head:
                    problems.append(f"{desk.db.parent.name}: {stream} cursor {cursor} != head {head}")
            local = {
                str(r[0]): int(r[1])
                for r in conn.execute("SELECT kind, max(version) FROM reference_releases GROUP BY kind")
            }
            for kind, version in versions.items():
                if local.get(kind) != version:
                    problems.append(f"{desk.db.parent.name}: {kind} release {local.get(kind)} != {version}")
        finally:
            conn.close()
    return problems or rows_agree(desks, central_url)


_BOOLEAN = ("applicant_from_card", "late_entry", "needs_receipt")


def rows_agree(desks: list[DeskFiles], central_url: str) -> list[str]:
    """I9 (quiet state): every dossier, column by column, is the same on the desk, in a replay of the
    desk's journal (central's order, refused events left out) and on central."""
    with psycopg.connect(_pg(central_url)) as pg:
        central = {str(r[0]): r[1] for r in pg.execute("SELECT dossier_id, state FROM dossiers")}
    stored_columns = [c for c in COLUMNS if c != "procedure_version"]
    problems: list[str] = []
    for desk in desks:
        conn = sqlite3.connect(desk.db)
        try:
            refused = {
                str(r[0])
                for r in conn.execute("SELECT event_id FROM outbox WHERE rejected_reason IS NOT NULL")
            }
            rows = conn.execute(
                "SELECT v.version, " + ", ".join(f"d.{c}" for c in stored_columns) + " FROM dossiers d "
                "JOIN procedure_versions v ON v.id = d.procedure_version_id"
            ).fetchall()
            for row in rows:
                stored = dict(zip(["procedure_version", *stored_columns], row, strict=True))
                for name in _BOOLEAN:
                    stored[name] = bool(stored[name])
                journal = [
                    (str(event_id), DossierEvent.from_json_text(payload))
                    for event_id, payload in conn.execute(
                        "SELECT event_id, payload FROM dossier_events WHERE dossier_id = ? "
                        "ORDER BY server_seq IS NULL, server_seq, desk_seq, recorded_at",
                        (stored["dossier_id"],),
                    )
                ]
                # A dossier whose reception central refused stays on the desk as it was made, a review
                # item (I7); everything else follows central's verdicts.
                replayed = replay(e for i, e in journal if i not in refused) or replay(e for _i, e in journal)
                where = f"{desk.db.parent.name}: dossier {stored['dossier_id']}"
                if replayed is None:
                    problems.append(f"I9: {where}: its journal projects to nothing")
                    continue
                problems.extend(
                    column_differences(f"I9: {where}", "stored", stored, "journal replay", replayed.as_dict())
                )
                on_central = central.get(str(stored["dossier_id"]))
                if on_central is not None:
                    problems.extend(
                        f"I9: {where}: {c} on the desk {stored[c]!r}, on central {on_central.get(c)!r}"
                        for c in COLUMNS
                        if stored[c] != on_central.get(c)
                    )
        finally:
            conn.close()
    return problems[:40]


def pending_age_ok(desks: list[DeskFiles], max_age_s: float) -> list[str]:
    """I8: no pending event older than ``max_age_s`` (compared with the desk's own local_time)."""
    del max_age_s  # the caller calls this only after the quiet period: any pending row is too old
    problems = []
    for desk in desks:
        conn = sqlite3.connect(desk.db)
        try:
            rows = conn.execute(
                "SELECT desk_seq, local_time FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"
            ).fetchall()
        finally:
            conn.close()
        problems.extend(f"{desk.db.parent.name}: pending desk_seq {seq} since {t}" for seq, t in rows)
    return problems


def as_json(verdict: Verdict) -> str:
    """For the test's report."""
    return json.dumps({"figures": verdict.figures, "violations": verdict.violations}, ensure_ascii=False)
