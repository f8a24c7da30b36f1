"""A pre-imported parent that forks sync workers on demand, for the kill -9 test of the sync worker.

``python -m tests.e2e.sync_zygote DB``: each line "go" on stdin forks a child that opens the desk
database and runs ``sync.run_once()`` in a loop; the child's pid is written back on stdout. Forking
from a process that has already imported everything makes a worker start in milliseconds, so a kill
costs little and 200 of them fit the CI budget. The zygote itself never opens the database.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import httpx  # noqa: F401  # imported before fork: what makes a worker start fast

from desk_app.services.container import build_services


def _worker(db: Path) -> None:
    services = build_services(db)
    services.sync.timeout_s = 3.0
    while True:
        services.sync.run_once()


def main() -> int:
    db = Path(sys.argv[1])
    signal.signal(signal.SIGCHLD, lambda *_: _reap())
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                _worker(db)
            finally:
                os._exit(0)
        print(pid, flush=True)
    return 0


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


if __name__ == "__main__":
    sys.exit(main())
