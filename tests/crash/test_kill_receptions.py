"""SIGKILL a process in the middle of receptions, many times; nothing committed may be lost or doubled."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.budget import budget, scaled

CHILD = Path(__file__).with_name("reception_child.py")
REPO = Path(__file__).resolve().parent.parent.parent
# sync.md §3.4 B1 asks 500 kills (the maximum); `make test` runs at least the minimum, then as many
# as its budget allows.
KILLS = int(os.environ.get("DESK_KILLS", "500"))
KILLS_MINIMUM = int(os.environ.get("DESK_KILLS_MINIMUM", "100"))
KILLS_SECONDS = float(os.environ.get("DESK_KILLS_SECONDS", "100"))


def check_database(db: Path, reported: dict[str, str]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        dossiers = dict(conn.execute("SELECT dossier_id, dossier_code FROM dossiers"))
        for dossier_id, code in reported.items():
            assert dossiers.get(dossier_id) == code, f"reported dossier {dossier_id} lost"
        events = Counter(r[0] for r in conn.execute("SELECT dossier_id FROM dossier_events"))
        outbox = Counter(r[0] for r in conn.execute("SELECT aggregate_id FROM outbox"))
        assert all(events[d] == 1 and outbox[d] == 1 for d in dossiers), (
            "event or outbox row missing or doubled"
        )
        assert sum(events.values()) == sum(outbox.values()) == len(dossiers)
        seqs = [r[0] for r in conn.execute("SELECT desk_seq FROM outbox ORDER BY desk_seq")]
        assert seqs == list(range(1, len(seqs) + 1))
        assert conn.execute("SELECT value FROM desk_counters WHERE name = 'desk_seq'").fetchone()[0] == len(
            seqs
        )
        codes = [c for c in dossiers.values() if c]
        assert len(codes) == len(set(codes))
        per_day: dict[str, list[int]] = {}
        for c in codes:
            per_day.setdefault(c.split("-")[1], []).append(int(c[-3:]))
        counters = dict(conn.execute("SELECT code_date, last_n FROM code_counters"))
        for day, numbers in per_day.items():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
            assert counters[day] == len(numbers)
        years: dict[int, list[int]] = {}
        for year, number in conn.execute("SELECT register_year, register_number FROM dossiers"):
            years.setdefault(year, []).append(number)
        for numbers in years.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
    finally:
        conn.close()


def _wait_for_commits(out: Path, loop_commits: int, deadline: float) -> None:
    """Until the child is ready and has reported ``loop_commits`` receptions of its steady loop."""
    while time.monotonic() < deadline:
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
        if "ready" in lines and len(lines) - lines.index("ready") - 1 >= loop_commits:
            return
        time.sleep(0.005)
    pytest.fail("the child did not start, or did not commit")


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_kill_nine_during_receptions_loses_nothing(template_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    shutil.copyfile(template_db, db)
    rng = random.Random(20261201)
    reported: dict[str, str] = {}
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), "--zygote", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    killed_mid_run = 0
    runs_with_loop_commits = 0
    planned_loop_runs = 0
    kills = budget("B1 kills during receptions", KILLS_SECONDS, KILLS_MINIMUM, KILLS)
    run = 0
    try:
        while kills.more(run):
            # Each run receives as of another past day, so that no day passes the slot's 999 numbers.
            out = tmp_path / f"run{run}.out"
            zygote.stdin.write(f"go {run + 1} {out}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            # Half the kills wait for commits of the steady loop first, so kills after further commits
            # are planned, not left to how fast this machine happens to be.
            loop_commits = rng.choice((0, 0, 1, 2))
            planned_loop_runs += loop_commits > 0
            _wait_for_commits(out, loop_commits, time.monotonic() + scaled(60))
            time.sleep(rng.uniform(0.03, 0.15))  # sync.md §3.4 B1: 30–150 ms into the steady loop
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"wait {pid}\n")
            zygote.stdin.flush()
            ended = int(zygote.stdout.readline())
            if ended != signal.SIGKILL:
                pytest.fail(f"the child stopped by itself ({ended})")
            killed_mid_run += 1
            lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line != "ready"]
            # A line cut by the kill was never fully reported: only whole lines count.
            whole = [line for line in lines if len(line.split()) == 2]
            runs_with_loop_commits += len(whole) > 1
            for line in whole:
                dossier_id, code = line.split()
                assert dossier_id not in reported
                reported[dossier_id] = code
            check_database(db, reported)
            run += 1
    finally:
        zygote.stdin.close()
        zygote.wait(30)
        zygote.stdout.close()
    print(kills.record(run, "kills"))
    assert killed_mid_run == run
    # Each run committed its warm-up reception; the planned ones were killed after further commits.
    assert len(reported) > run
    assert runs_with_loop_commits >= planned_loop_runs > 0
