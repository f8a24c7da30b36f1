"""Over a generated database of 1,000,000 dossiers (BENCH_DOSSIERS to change, BENCH_DB to reuse a file):
scan-to-dossier lookup (target p99 ≤ 2 ms), the register of a month and Biểu 06 of a quarter (≤ 1 s).
Floor for the lookup: a raw sqlite3 SELECT of the dossier row by its code.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from common import describe_ms, percentile, timed
from generate_dossiers import generate

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.services.container import build_services


def main() -> None:
    n = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
    reuse = os.environ.get("BENCH_DB")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(reuse) if reuse else Path(folder) / "million.sqlite3"
        if not db.exists():
            print(f"generating {n} dossiers: {timed(lambda: generate(db, n)):.0f} s")
        conn = sqlite3.connect(db)
        codes = [r[0] for r in conn.execute("SELECT dossier_code FROM dossiers ORDER BY random() LIMIT 1000")]
        total = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        services = build_services(db)
        actor = Actor("canbo1", Role.OFFICER)
        services.dossiers.show(codes[0], actor)
        lookups = [timed(lambda c=c: services.dossiers.show(c, actor)) for c in codes]
        floor = [
            timed(lambda c=c: conn.execute("SELECT * FROM dossiers WHERE dossier_code = ?", (c,)).fetchone())
            for c in codes
        ]
        month = [
            timed(lambda: services.reports.register(date(2026, 10, 1), date(2026, 10, 31))) for _ in range(3)
        ]
        rows = len(services.reports.register(date(2026, 10, 1), date(2026, 10, 31)))
        quarter = [
            timed(lambda: services.reports.bieu06(date(2026, 7, 1), date(2026, 9, 30))) for _ in range(3)
        ]
        year = timed(lambda: services.reports.bieu06(date(2025, 1, 1), date(2025, 12, 31)))
        close = timed(lambda: services.reports.day_close(date(2026, 10, 15)))
        services.close()
        conn.close()
    random.shuffle(codes)
    print(f"database: {total} dossiers")
    print(
        f"scan-to-dossier lookup (detail with timeline): {describe_ms(lookups)}; target p99 <= 2 ms: "
        f"{'met' if percentile(lookups, 99) <= 0.002 else 'NOT met'}"
    )
    print(f"  floor, raw SELECT by code: {describe_ms(floor)}")
    print(f"register of one month ({rows} rows): best {min(month):.3f} s")
    print(
        f"Biểu 06 of a quarter: best {min(quarter):.3f} s; of a year: {year:.3f} s; target <= 1 s: "
        f"{'met' if max(min(month), min(quarter)) <= 1 else 'NOT met'}"
    )
    print(f"day-close: {close * 1000:.1f} ms")


if __name__ == "__main__":
    main()
