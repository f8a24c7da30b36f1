"""Start fast, once, and quit cleanly: the early login, the single-instance lock, no crash at exit.

The desk runs in subprocesses (offscreen) over copies of one demo database built once per module.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desk_app.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from collections.abc import Iterator

DESK_APP = Path(sys.executable).parent / "desk-app"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
STARTS = 50

# A long session's worth of calls that hand None and True back without a reference (PySide6 6.12
# on CPython 3.11): without keep_singletons_alive() this process dies at exit with none_dealloc.
LONG_SESSION = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit
from desk_app.ui.splash import make_application

class Events(QObject):
    sig = Signal(object)

app = make_application()
field, events = QLineEdit(), Events()
events.sig.connect(lambda value: None)
for i in range(20_000):
    field.setText(str(i % 7))
    events.sig.emit(i)
print("session done", flush=True)
"""

# Claims the lock of the folder in argv[1], says so, then dies without any clean-up.
KILLED_OWNER = """
import os, signal, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desk_app.ui.single_instance import SingleInstance
app = QApplication([])
lock = SingleInstance(Path(sys.argv[1]))
print("claimed" if lock.claim() else "refused", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture(scope="module")
def demo_db() -> Iterator[Path]:
    """One demo database for the whole module; every launch gets its own copy."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite3"
        subprocess.run(
            [str(DESK_APP), "--db", str(db), "init", "--demo"], env=ENV, check=True, capture_output=True
        )
        yield db


def desk_copy(demo_db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "desk.sqlite3"
    shutil.copyfile(demo_db, db)
    return db


def launch(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DESK_APP), *args], env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_a_long_session_does_not_crash_at_exit() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LONG_SESSION], env=ENV, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "session done" in done.stdout
    assert "Fatal" not in done.stderr


def test_the_first_instance_owns_the_folder_and_is_woken_by_the_second(qtbot: Any, tmp_path: Path) -> None:
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path / ".")
    assert first.claim()
    with qtbot.waitSignal(first.sig_raise_requested, timeout=2000):
        assert not second.claim()
    assert SingleInstance(tmp_path / "other").claim()
    first.release()
    assert SingleInstance(tmp_path).claim()


def test_a_lock_left_by_kill_9_does_not_block_the_next_start(tmp_path: Path) -> None:
    owner = subprocess.run(
        [sys.executable, "-c", KILLED_OWNER, str(tmp_path)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert owner.returncode == -signal.SIGKILL
    assert "claimed" in owner.stdout
    lock = SingleInstance(tmp_path)
    if sys.platform.startswith("linux"):
        assert Path(tempfile.gettempdir(), lock.name).exists()  # the dead process's socket file is left
    assert lock.claim()
    lock.release()


def test_a_second_launch_brings_the_running_desk_forward_and_quits(demo_db: Path, tmp_path: Path) -> None:
    db = desk_copy(demo_db, tmp_path / "desk")
    env = {**ENV, "DESK_APP_BENCH_T0": str(time.time())}
    first = subprocess.Popen(
        [str(DESK_APP), "--db", str(db)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("login ")  # the login is on screen, waiting
        second = launch("--db", str(db), "--bench-startup", "canbo1")
        assert second.returncode == 0, second.stderr
        assert "ready" not in second.stdout  # it opened no window of its own
        assert first.poll() is None
    finally:
        first.kill()
        first.communicate(timeout=30)
    after_kill = launch("--db", str(db), "--bench-startup", "canbo1")
    assert after_kill.returncode == 0, after_kill.stderr
    assert "ready" in after_kill.stdout


@pytest.mark.slow
def test_the_desk_starts_and_quits_cleanly_50_times(demo_db: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    for run in range(STARTS):
        db = desk_copy(demo_db, tmp_path / f"run{run}")
        done = launch("--db", str(db), "--bench-startup", "canbo1")
        assert done.returncode == 0, f"run {run}: {done.stderr}"
        assert "ready" in done.stdout, f"run {run}: {done.stdout}"
        assert "Fatal" not in done.stderr, f"run {run}: {done.stderr}"
        shutil.rmtree(db.parent)
    print(f"{STARTS} starts in {time.perf_counter() - started:.1f} s")
