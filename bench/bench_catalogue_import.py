"""Import of the full national catalogue (target ≤ 10 s), then a re-import (no change).

Floor: json.load of the same file plus a raw sqlite3 executemany of one row per procedure and per
component, in one transaction (synchronous=FULL, WAL), i.e. the bytes that have to be read and written.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from common import NATIONAL_JSON, timed

from desk_app.services.container import build_services


def floor(folder: Path) -> float:
    def run() -> None:
        data = json.loads(NATIONAL_JSON.read_text(encoding="utf-8"))
        conn = sqlite3.connect(folder / "floor.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT, name TEXT, body TEXT)")
        conn.execute(
            "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER, pos INTEGER, name TEXT, o INT, k INT)"
        )
        with conn:
            conn.executemany(
                "INSERT INTO p VALUES (?, ?, ?, ?)",
                [(i, d["code"], d["name"], d["fees_text"]) for i, d in enumerate(data)],
            )
            conn.executemany(
                "INSERT INTO c (pid, pos, name, o, k) VALUES (?, ?, ?, ?, ?)",
                [
                    (i, j, c["name"], c["originals"], c["copies"])
                    for i, d in enumerate(data)
                    for j, c in enumerate(d["components"])
                ],
            )
        conn.close()

    return timed(run)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        services = build_services(folder / "bench.sqlite3")
        first = timed(lambda: services.catalogue_import.import_file(NATIONAL_JSON, "bench"))
        again = timed(lambda: services.catalogue_import.import_file(NATIONAL_JSON, "bench"))
        services.close()
        raw = floor(folder)
    print(f"import of the national catalogue (2,642 procedures, 14,435 components): {first:.2f} s")
    print(f"  re-import, nothing changed:                                          {again:.2f} s")
    print(f"  floor, json.load + raw sqlite3 executemany:                           {raw:.2f} s")
    print(f"  target <= 10 s: {'met' if first <= 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
