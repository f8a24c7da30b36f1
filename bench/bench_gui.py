"""GUI start-up and memory.

1. Cold start, as fresh processes, offscreen, timed from the launch (``DESK_APP_BENCH_T0``, the
   launcher's clock, so Python's own start-up counts): the login on screen and taking keys (before
   SQLAlchemy, the services and reportlab are imported) and the main window ready
   (``desk-app --bench-startup``: services, migrations check, window built and shown, event loop
   reached), vs. a bare PySide6 window in the same run. Target: login ≤ 2.5× the bare window.
2. RSS with the 1,000,000-dossier database open on the register screen (a year's register, first
   pages fetched, then scrolled 20 pages down). Target ≤ 250 MB. BENCH_DB reuses a generated database;
   BENCH_DOSSIERS sets the size when one is generated.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
DESK_APP = REPO / ".venv" / "bin" / "desk-app"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
BARE = """
import os, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("One-Stop Desk")); w.resize(1280, 800); w.show()
ready = lambda: print(f"ready {time.time() - float(os.environ['DESK_APP_BENCH_T0']):.3f}", flush=True)
QTimer.singleShot(0, lambda: (ready(), app.quit()))
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


def launch(args: list[str]) -> dict[str, float]:
    """Milestones ("login", "ready") in seconds from the launch, as the child printed them."""
    env = {**ENV, "DESK_APP_BENCH_T0": repr(time.time())}
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True, timeout=120).stdout
    marks = dict(line.split() for line in out.splitlines() if line.startswith(("login ", "ready ")))
    assert "ready" in marks, out
    return {name: float(value) for name, value in marks.items()}


def startup() -> None:
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.sqlite3"
        subprocess.run(
            [str(DESK_APP), "--db", str(demo), "init", "--demo"],
            env=ENV,
            check=True,
            capture_output=True,
        )
        db = Path(folder) / "desk.sqlite3"
        app = [str(DESK_APP), "--db", str(db), "--bench-startup", "canbo1"]
        bare = [sys.executable, "-c", BARE]
        shutil.copyfile(demo, db)
        launch(app)  # warm the OS file cache: a cold start is measured, not a cold disk
        login, ready, floor = [], [], []
        for _ in range(RUNS):
            floor.append(launch(bare)["ready"])
            shutil.copyfile(demo, db)
            marks = launch(app)
            login.append(marks["login"])
            ready.append(marks["ready"])
    f, lo, r = statistics.median(floor), statistics.median(login), statistics.median(ready)
    print(f"floor, a bare PySide6 window:           median {f:.3f} s (min {min(floor):.3f}) over {RUNS} runs")
    print(f"login on screen, taking keys:           median {lo:.3f} s (min {min(login):.3f})")
    print(f"main window ready (services, 11 screens): median {r:.3f} s (min {min(ready):.3f})")
    print(f"ratio login / bare window {lo / f:.2f}x (target <= 2.5x); main window / bare {r / f:.2f}x")


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
