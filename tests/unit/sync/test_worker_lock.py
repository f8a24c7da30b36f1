"""One sync worker per desk database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desk_app.sync.worker_lock import WorkerLock, lock_path


def test_a_second_worker_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "desk.sqlite3")
    assert path.name == "desk.sqlite3.sync-lock"
    first, second = WorkerLock(path), WorkerLock(path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_a_killed_worker_leaves_no_lock_behind(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "desk.sqlite3")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from desk_app.sync.worker_lock import WorkerLock\n"
            f"lock = WorkerLock(Path({str(path)!r}))\n"
            "assert lock.acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    assert not WorkerLock(path).acquire()
    holder.kill()
    holder.wait()
    holder.stdout.close()
    lock = WorkerLock(path)
    assert lock.acquire()
    lock.release()
