"""A throwaway PostgreSQL cluster from the OS binaries (stack-notes.md), for tests and benchmarks.

``initdb`` refuses to run as root, so as root the cluster runs as the ``postgres`` user (runuser).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.budget import scaled

USER = "app"
CTL_WAIT_S = 300  # pg_ctl start/stop: seconds before a wait counts as a hang (scaled)


def pg_bin() -> Path | None:
    """The folder with initdb/pg_ctl (Debian keeps it off PATH), or None when PostgreSQL is absent."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    """A running cluster on 127.0.0.1:port, data in ``folder``."""

    folder: Path
    port: int
    bin: Path

    @property
    def admin_url(self) -> str:
        """The maintenance database."""
        return self.url("postgres")

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for ``database``."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        # Crash recovery after an immediate stop takes long on a busy machine; this only guards a hang.
        wait = int(scaled(CTL_WAIT_S))
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-t", str(wait), *args]),
            check=True,
            capture_output=True,
            timeout=wait + 30,
        )

    def start(self) -> None:
        """Start (or start again after a stop or crash)."""
        self._ctl(
            "-w",
            "-l",
            str(self.folder / "log.txt"),
            "start",
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200",
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` shuts down cleanly; ``immediate`` is a crash (recovery at the next start)."""
        self._ctl("-m", mode, "-w", "stop")

    def restart_immediate(self) -> None:
        """A PostgreSQL crash and restart (sync.md §3.4, B4)."""
        self.stop("immediate")
        self.start()

    def _client(self, tool: str, *args: str, timeout: int = 120) -> str:
        """Run a client program (psql, pg_dump, pg_restore) against this cluster."""
        done = subprocess.run(
            [str(self.bin / tool), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return done.stdout

    def psql(self, database: str, sql: str) -> str:
        """Run SQL with psql; returns its output."""
        return self._client("psql", "-d", database, "-v", "ON_ERROR_STOP=1", "-Atc", sql, timeout=60)

    def create_database(self, name: str, template: str = "template1") -> str:
        """A new database; returns its URL."""
        self.psql("postgres", f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def dump(self, database: str, path: Path) -> None:
        """``pg_dump -Fc`` (for the server-restore scenario)."""
        self._client("pg_dump", "-Fc", "-f", str(path), database)

    def restore(self, database: str, path: Path) -> None:
        """Drop and recreate ``database`` from a dump."""
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{database}"')
        self._client("pg_restore", "-d", database, str(path))

    def destroy(self) -> None:
        """Stop and delete everything."""
        if not self.folder.exists():
            return
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb + start in a new temporary folder (about 1 s)."""
    binary = pg_bin()
    if binary is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install -y postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="desk-pg-"))
    os.chmod(folder, 0o777)  # the postgres user writes here when we are root
    data = folder / "data"
    subprocess.run(
        _as_postgres(
            [
                str(binary / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                USER,
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster = Cluster(folder, free_port(), binary)
    atexit.register(cluster.destroy)  # however the run ends (a second destroy does nothing)
    cluster.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            cluster.psql("postgres", "SELECT 1")
            return cluster
        except subprocess.CalledProcessError:
            time.sleep(0.1)
    raise RuntimeError("PostgreSQL did not start")
