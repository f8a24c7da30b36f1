"""Accept one dossier (code + due date + dossier + event + outbox, one BEGIN IMMEDIATE, synchronous=FULL)
vs. the floor: a raw sqlite3 insert of the same rows in one transaction with the same pragmas.
Target: ours ≤ 3× the floor.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import tempfile
import uuid
from pathlib import Path

from common import timed

from desk_app.core.checklist import complete_answers
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Role
from desk_app.services.container import build_services
from desk_app.services.reception_checklist import checklist_items

N = 400


def floor_once(conn: sqlite3.Connection, i: int) -> None:
    payload = json.dumps({"n": i, "name": "Người nộp", "items": list(range(8))})
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO counters VALUES ('c', 1) ON CONFLICT (name) DO UPDATE SET v = v + 1")
    conn.execute("INSERT INTO dossiers VALUES (?, ?, ?)", (str(uuid.uuid4()), f"code-{i}", payload))
    conn.execute("INSERT INTO counters VALUES ('seq', 1) ON CONFLICT (name) DO UPDATE SET v = v + 1")
    conn.execute("INSERT INTO events VALUES (?, ?)", (str(uuid.uuid4()), payload))
    conn.execute("INSERT INTO outbox VALUES (?, ?)", (i, payload))
    for pos in range(8):
        conn.execute("INSERT INTO answers VALUES (?, ?)", (i, pos))
    conn.execute("COMMIT")


def floor_connection(path: Path) -> sqlite3.Connection:
    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        raw.execute(f"PRAGMA {pragma}")
    raw.executescript(
        "CREATE TABLE counters (name TEXT PRIMARY KEY, v INT);"
        " CREATE TABLE dossiers (id TEXT PRIMARY KEY, code TEXT UNIQUE, body TEXT);"
        " CREATE TABLE events (id TEXT PRIMARY KEY, body TEXT);"
        " CREATE TABLE outbox (seq INTEGER PRIMARY KEY, body TEXT); CREATE TABLE answers (d INT, p INT);"
    )
    return raw


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        services = build_services(folder / "bench.sqlite3")
        services.desk.initialise_demo()
        items = checklist_items(services.catalogue.procedure("1.004873"))
        answers = tuple(complete_answers(items))
        actor = Actor("canbo1", Role.OFFICER)
        draft = ReceptionDraft("1.004873", Applicant(name="Trần Thị Bích Ngọc"), answers)
        services.reception.receive(draft, actor)
        raw = floor_connection(folder / "floor.sqlite3")
        floor_once(raw, -1)
        # Interleaved, so that both see the same disk and the same neighbours on a shared machine.
        ours, floor = [], []
        for i in range(N):
            ours.append(timed(lambda: services.reception.receive(draft, actor)))
            floor.append(timed(lambda i=i: floor_once(raw, i)))
        services.close()
        raw.close()
        shutil.rmtree(folder, ignore_errors=True)
    a, f = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    ratios = sorted(o / fl for o, fl in zip(ours, floor, strict=True))
    print(f"accept one dossier (median of {N}, interleaved with the floor): {a:.2f} ms")
    print(f"  floor, raw sqlite3 insert of the same rows: {f:.2f} ms")
    print(f"  ratio of medians {a / f:.2f}x (median of pairwise ratios {statistics.median(ratios):.2f}x);"
          f" target <= 3x: {'met' if a <= 3 * f else 'NOT met'}")


if __name__ == "__main__":
    main()
