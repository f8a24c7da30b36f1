"""Fixtures for central's tests and the desk-to-central tests: a throwaway PostgreSQL cluster per run,
a fresh database per test (copied from a migrated template), central in-process or under uvicorn."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.pgcluster import Cluster, free_port, pg_bin, start_cluster

needs_postgres = pytest.mark.skipif(pg_bin() is None, reason="PostgreSQL binaries are not installed")
_numbers = itertools.count(1)
UNIT = "000.00.19.H57"


@pytest.fixture(scope="session")
def pg() -> Iterator[Cluster]:
    """One cluster for the whole run."""
    if pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs it (apt-get install -y postgresql)")
    cluster = start_cluster()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session")
def central_template(pg: Cluster) -> str:
    """A migrated database that per-test databases are copied from."""
    from central.app import build_central

    url = pg.create_database("central_template")
    services = build_central(url)
    services.close()
    return "central_template"


@pytest.fixture
def central_url(pg: Cluster, central_template: str) -> str:
    """A fresh central database (a copy of the template: the epoch is re-drawn per test)."""
    name = f"central_{next(_numbers)}"
    url = pg.create_database(name, template=central_template)
    from central.app import build_central
    from central.migrate import new_epoch

    services = build_central(url, migrate=False)
    new_epoch(services.engine)
    services.close()
    return url


@pytest.fixture
def central(central_url: str) -> Iterator[Any]:
    """Central's services over the fresh database, with the demo unit registered."""
    from central.app import build_central

    services = build_central(central_url, migrate=False)
    services.admin.create_unit(UNIT, "Xã Phú Mỹ (thử)")
    yield services
    services.close()


class ServerThread:
    """Central under uvicorn in a thread, on 127.0.0.1:port."""

    def __init__(self, services: Any, port: int | None = None) -> None:
        import uvicorn

        from central.app import create_app

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(services), host="127.0.0.1", port=self.port, log_level="warning", timeout_keep_alive=2
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> ServerThread:
        """Start and wait until it accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self._server.started, "uvicorn did not start"
        return self

    def stop(self) -> None:
        """Stop and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)


@pytest.fixture
def central_server(central: Any) -> Iterator[ServerThread]:
    """Central over HTTP."""
    server = ServerThread(central).start()
    yield server
    server.stop()
