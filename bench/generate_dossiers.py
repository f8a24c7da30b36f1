"""Generate a desk database with N dossiers (default 1,000,000) for the benchmarks.

Usage: python bench/generate_dossiers.py OUT.sqlite3 [N]
Dossiers are spread over 2021–2026 (about 550 a day), over the commune catalogue, mostly returned,
each with its reception event and outbox row; the rest are in progress, waiting or withdrawn.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.services.container import build_services

START = datetime(2021, 1, 4, 7, 30, tzinfo=VN_TZ)
UNIT = "000.00.19.H57"


def generate(path: Path, n: int, seed: int = 1) -> None:
    services = build_services(path, clock=FixedClock(START - timedelta(days=1)))
    services.desk.initialise_demo()
    services.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # generation only; the app itself always runs FULL
    versions = [r[0] for r in conn.execute("SELECT id FROM procedure_versions WHERE is_current = 1")]
    span = (datetime(2026, 11, 30, tzinfo=VN_TZ) - START).total_seconds()
    per_day: dict[str, int] = {}
    register: dict[int, int] = {}
    conn.execute("BEGIN")
    dossiers, events, outbox = [], [], []
    for i in range(1, n + 1):
        received = START + timedelta(seconds=int(rng.random() * span))
        day = received.strftime("%y%m%d")
        per_day[day] = per_day.get(day, 0) + 1
        seq = per_day[day]
        slot, number = 1 + (seq - 1) // 999, (seq - 1) % 999 + 1
        code = f"{UNIT}-{day}-{slot * 1000 + number:04d}"
        register[received.year] = register.get(received.year, 0) + 1
        due = received + timedelta(days=rng.choice((0, 3, 5, 7, 15)), hours=rng.choice((0, 2)))
        roll = rng.random()
        finished = received + timedelta(days=rng.uniform(0, 12)) if roll < 0.93 else None
        status = 10 if finished else (7 if roll > 0.995 else rng.choice((2, 4, 5)))
        iso = received.isoformat()
        dossier_id = str(uuid.UUID(int=rng.getrandbits(128)))
        dossiers.append(
            (
                dossier_id,
                code,
                "local",
                rng.choice(versions),
                "1.004873",
                "TT03-2025",
                rng.choice(("direct", "direct", "postal", "online")),
                None,
                "person",
                f"Người nộp {i}",
                f"nguoi nop {i}",
                f"0791980{i % 100000:05d}",
                None,
                None,
                "Phường Bến Nghé",
                0,
                None,
                iso,
                iso,
                iso,
                due.isoformat(),
                "3 working-days",
                1,
                status,
                received.year,
                register[received.year],
                0,
                None,
                "canbo1",
                1,
                "computed",
                1,
                "Bộ phận Một cửa",
                "Tư pháp",
                0,
                0,
                due.isoformat(),
                finished.isoformat() if finished else None,
                finished.isoformat() if finished else None,
                finished.isoformat() if finished else (iso if status == 7 else None),
                1,
            )
        )
        payload = json.dumps({"event_type": "dossier.received", "dossier_code": code, "n": i})
        events.append(
            (
                str(uuid.uuid4()),
                dossier_id,
                i,
                None,
                "dossier.received",
                "receive",
                None,
                2,
                "canbo1",
                iso,
                iso,
                None,
                payload,
                "desk:bench",
            )
        )
        outbox.append(
            (
                i,
                events[-1][0],
                dossier_id,
                "dossier.received",
                1,
                payload,
                "0" * 64,
                iso,
                f"{i:013d}",
                1,
                None,
                iso,
                i,
                None,
            )
        )
        if len(dossiers) == 20000:
            _flush(conn, dossiers, events, outbox)
    _flush(conn, dossiers, events, outbox)
    conn.execute("UPDATE desk_counters SET value = ? WHERE name = 'desk_seq'", (n,))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _flush(conn: sqlite3.Connection, dossiers: list, events: list, outbox: list) -> None:  # type: ignore[type-arg]
    if not dossiers:
        return
    columns = [r[1] for r in conn.execute("PRAGMA table_info(dossiers)")]
    names = (
        "dossier_id, dossier_code, origin, procedure_version_id, procedure_code, rule_set, channel, "
        "postal_handover_at, applicant_kind, applicant_name, applicant_name_folded, applicant_id_number, "
        "applicant_phone, applicant_email, applicant_address, applicant_from_card, summary, received_at, "
        "accepted_at, counted_from, due_at, limit_spec, calendar_version, status, register_year, "
        "register_number, late_entry, late_entry_reason, created_by, row_version, due_source, bundles, "
        "holder, department, supplement_count, reschedule_count, original_due_at, finished_at, returned_at, "
        "closed_at, needs_receipt"
    )
    assert set(names.split(", ")) == set(columns), "the generator is out of date with the schema"
    conn.executemany(f"INSERT INTO dossiers ({names}) VALUES ({', '.join('?' * len(dossiers[0]))})", dossiers)
    conn.executemany(
        "INSERT INTO dossier_events (event_id, dossier_id, desk_seq, server_seq, event_type, action, "
        "from_status, to_status, actor, occurred_at, recorded_at, note, payload, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    conn.executemany(
        "INSERT INTO outbox (desk_seq, event_id, aggregate_id, event_type, event_version, payload, "
        "payload_sha256, local_time, hlc, attempts, last_error, acked_at, server_seq, "
        "rejected_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        outbox,
    )
    dossiers.clear()
    events.clear()
    outbox.clear()


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    began = time.perf_counter()
    generate(target, count)
    print(f"{count} dossiers in {time.perf_counter() - began:.1f} s -> {target}")
