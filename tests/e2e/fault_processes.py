"""The processes of a fault run: central (the server under test) and the desk workers, each killable."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.budget import scaled
from tests.e2e.checker import DeskFiles

REPO = Path(__file__).resolve().parents[2]


class CentralProcess:
    """``desk-central serve`` as a child process, killable with SIGKILL."""

    def __init__(self, url: str, port: int) -> None:
        self.url, self.port = url, port
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "--db", self.url, "serve", "--port", str(self.port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: a kill takes anything it started too
        )
        deadline = time.monotonic() + scaled(30)
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.proc.poll() is not None:
                raise RuntimeError(f"central exited at start ({self.proc.returncode})")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("central did not start")

    def kill(self) -> None:
        """SIGKILL (a crash of the server)."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        """Make sure it is gone (a test's finaliser; nothing to do when it already is)."""
        if self.proc is not None and self.proc.poll() is None:
            self.kill()


@dataclass
class DeskProcess:
    """A desk worker child (tests.e2e.desk_worker)."""

    files: DeskFiles
    count: int
    skew_ms: int
    seed: int
    proc: subprocess.Popen[bytes] | None = None
    kills: int = 0
    err: list[Path] = field(default_factory=list)

    def start(self) -> None:
        assert self.files.committed_log is not None
        log = self.files.db.parent / f"worker-{len(self.err)}.err"
        self.err.append(log)
        with log.open("wb") as err:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.e2e.desk_worker",
                    str(self.files.db),
                    str(self.count),
                    str(self.files.committed_log),
                    "--skew-ms",
                    str(self.skew_ms),
                    "--seed",
                    str(self.seed),
                ],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env={**os.environ, "DESK_APP_NO_KEYRING": "1"},
            )

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(scaled(20))
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
