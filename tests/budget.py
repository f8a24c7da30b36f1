"""Wall-clock budgets for the long tests, and a machine factor for their deadlines.

A long test (the stateful model, the kill loops, the fault runs) runs *at least* ``minimum`` rounds,
the number that proves something, and then as many more as fit in ``seconds``, up to ``maximum``. A
slow or busy machine therefore runs fewer rounds in about the same time instead of running into its
timeout; the counts reached are printed at the end of the run (``budget_report``).

Deadlines that guard against a hang (pytest timeouts, convergence waits, client timeouts) are
multiplied by ``machine_factor()``: a quick calibration at the start of the run, against the time
the same work takes on a quiet machine of the project's kind. Nothing that Hypothesis draws, and
nothing that is asserted, depends on it.

``make test-long`` sets ``DESK_APP_LONG=1``: every budget is multiplied by ``LONG_SCALE`` and the
maxima by ``LONG_MAXIMUM_SCALE`` (the counts sync.md asks of a nightly run).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Seconds the calibration work takes on a quiet 2-core machine of the project's kind (median of 3).
REFERENCE_S = 0.045
FACTOR_ENV = "DESK_APP_MACHINE_FACTOR"
LONG_SCALE = 6.0
LONG_MAXIMUM_SCALE = 5
_reached: list[str] = []


def long_run() -> bool:
    """True under ``make test-long``."""
    return os.environ.get("DESK_APP_LONG") == "1"


def _calibration_work() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(150_000):  # interpreter work: what the services and the harness mostly do
        total += i * i % 7
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    conn.executemany("INSERT INTO t (b) VALUES (?)", ((str(i) * 3,) for i in range(20_000)))
    conn.execute("SELECT count(*), max(b) FROM t").fetchone()
    conn.close()
    return time.perf_counter() - started


def _median_work() -> float:
    return sorted(_calibration_work() for _ in range(3))[1]


def machine_factor() -> float:
    """How much slower than the reference machine this one is now (≥ 1; computed once per run).

    Child processes inherit it through the environment, so one run uses one factor throughout.
    """
    known = os.environ.get(FACTOR_ENV)
    if known:
        return float(known)
    # In child processes: the run's own tracer (coverage) would otherwise count as a slow machine.
    # One child per core at once: a suite keeps every core busy (servers, desks, PostgreSQL), so a
    # machine whose cores are taken by other work must look slow even if one core is free for a moment.
    children = [
        subprocess.Popen(
            [sys.executable, "-c", "from tests.budget import _median_work; print(_median_work())"],
            cwd=Path(__file__).resolve().parent.parent,
            stdout=subprocess.PIPE,
            text=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("COV_CORE")},
        )
        for _ in range(max(2, os.cpu_count() or 2))
    ]
    seconds = [float(child.communicate(timeout=300)[0]) for child in children]
    factor = min(10.0, max(1.0, max(seconds) / REFERENCE_S))
    os.environ[FACTOR_ENV] = f"{factor:.2f}"
    return factor


def scaled(seconds: float) -> float:
    """A deadline that guards against a hang, stretched for a slow or busy machine."""
    return seconds * machine_factor()


@dataclass
class Budget:
    """``while budget.more(done): …`` runs at least ``minimum``, then until ``seconds`` or ``maximum``."""

    name: str
    seconds: float
    minimum: int
    maximum: int
    started: float = field(default_factory=time.monotonic)

    def more(self, done: int) -> bool:
        """Whether another round should start after ``done`` rounds."""
        if done < self.minimum:
            return True
        if done >= self.maximum:
            return False
        return self.elapsed() < self.seconds

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return time.monotonic() - self.started

    def record(self, done: int, unit: str) -> str:
        """Remember (and return) what was reached, for the end-of-run summary."""
        line = (
            f"{self.name}: {done} {unit} in {self.elapsed():.0f} s "
            f"(minimum {self.minimum}, maximum {self.maximum}, budget {self.seconds:.0f} s, "
            f"machine factor {machine_factor():.2f})"
        )
        _reached.append(line)
        return line


def budget(name: str, seconds: float, minimum: int, maximum: int) -> Budget:
    """A budget, stretched under ``make test-long``; ``DESK_APP_BUDGET_SCALE`` scales it further."""
    scale = float(os.environ.get("DESK_APP_BUDGET_SCALE", "1"))
    if long_run():
        return Budget(name, seconds * LONG_SCALE * scale, minimum, maximum * LONG_MAXIMUM_SCALE)
    return Budget(name, seconds * scale, minimum, maximum)


def budget_report() -> list[str]:
    """Every budget's reached counts, in the order the tests recorded them."""
    return list(_reached)
