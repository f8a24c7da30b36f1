"""Every process a test run starts carries the run's mark in its environment; at the end of the run
whatever still carries it is reported and killed (no central, desk worker or PostgreSQL outlives it).

The mark is inherited through ``os.environ`` by every child and grandchild (subprocess, fork,
runuser, pg_ctl), so the check needs no registry that a failing test could forget to fill.
"""

from __future__ import annotations

import contextlib
import os
import signal
import uuid
from pathlib import Path

MARK = "DESK_APP_TEST_RUN"


def mark_this_run() -> str:
    """Give this run its mark (once; a nested run keeps its parent's own mark)."""
    os.environ[MARK] = uuid.uuid4().hex
    return os.environ[MARK]


def _environ(pid: int) -> bytes:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/environ").read_bytes()
    return b""


def _cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    return ""


def _is_zombie(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    return True


def leftovers(mark: str) -> dict[int, str]:
    """Live processes (other than this one) carrying ``mark``: pid → command line."""
    needle = f"{MARK}={mark}".encode()
    found = {}
    proc = Path("/proc")
    if not proc.exists():  # not Linux: nothing to look at
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        pid = int(entry.name)
        if needle in _environ(pid).split(b"\0") and not _is_zombie(pid):
            found[pid] = _cmdline(pid)
    return found


def kill_all(pids: dict[int, str]) -> None:
    """SIGKILL each (already gone is fine)."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
