"""GUI start-up and memory.

1. Cold start to an interactive main window (``desk-app --bench-startup``: services, migrations check,
   window built and shown, event loop reached) vs. a bare PySide6 window in the same run, both as fresh
   processes, offscreen. Target: ≤ 2.5× the bare window.
2. RSS with the 1,000,000-dossier database open on the register screen (a year's register, first
   pages fetched, then scrolled 20 pages down). Target ≤ 250 MB. BENCH_DB reuses a generated database;
   BENCH_DOSSIERS sets the size when one is generated.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("One-Stop Desk")); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: (print("ready"), app.quit()))
app.exec()
"""
RSS_CHILD = """
import os, sys, time
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.services.container import build_services
from desk_app.ui.app import build_window, make_application
from desk_app.ui.events import AppEvents
from desk_app.ui.tasks import TaskRunner
app = make_application()
services = build_services(Path(sys.argv[1]))
window = build_window(services, TaskRunner(immediate=True), AppEvents(), Actor("canbo1", Role.OFFICER), None)
window.show(); window.show_screen(4)
year = int(sys.argv[2])
t = time.perf_counter()
window.register.period.set_period(date(year, 1, 1), date(year, 12, 31))
app.processEvents()
first = time.perf_counter() - t
view = window.register.table
for _ in range(20):
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    app.processEvents()
rows = window.register.model.rowCount()
rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
print(f"{int(rss) / 1024:.0f} {rows} {first * 1000:.0f}")
"""


def launch(args: list[str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, env=ENV, check=True, timeout=120).stdout
    elapsed = time.perf_counter() - start
    assert "ready" in out, out
    return elapsed


def startup() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "desk.sqlite3")
        subprocess.run(
            [sys.executable, "-m", "desk_app.cli.main", "--db", db, "init", "--demo"],
            env=ENV,
            check=True,
            capture_output=True,
        )
        app = [str(REPO / ".venv" / "bin" / "desk-app"), "--db", db, "--bench-startup", "canbo1"]
        bare = [sys.executable, "-c", BARE]
        launch(app)  # warm the OS file cache: a cold start is measured, not a cold disk
        ours, floor = [], []
        for _ in range(RUNS):
            floor.append(launch(bare))
            ours.append(launch(app))
    o, f = statistics.median(ours), statistics.median(floor)
    print(f"start-up to an interactive main window: median {o:.2f} s (min {min(ours):.2f}) over {RUNS} runs")
    print(f"floor, a bare PySide6 window:            median {f:.2f} s (min {min(floor):.2f})")
    print(f"ratio {o / f:.2f}x (target <= 2.5x)")


def memory() -> None:
    db = os.environ.get("BENCH_DB")
    if not db:
        from generate_dossiers import generate

        n = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
        folder = tempfile.mkdtemp()
        db = str(Path(folder) / "million.sqlite3")
        started = time.perf_counter()
        generate(Path(db), n)
        print(f"generated {n} dossiers in {time.perf_counter() - started:.0f} s")
    import sqlite3

    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    year = int(conn.execute("SELECT max(register_year) FROM dossiers").fetchone()[0])
    conn.close()
    out = subprocess.run(
        [sys.executable, "-c", RSS_CHILD, db, str(year)],
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
        timeout=900,
    ).stdout.split()
    rss, rows, first_ms = out[-3:]
    print(
        f"register screen over {total} dossiers (year {year}): RSS {rss} MB with {rows} rows fetched "
        f"(first page {first_ms} ms); target <= 250 MB"
    )


if __name__ == "__main__":
    startup()
    memory()
