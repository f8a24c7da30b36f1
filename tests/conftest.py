"""Shared fixtures: shared data paths, a migrated template database, log discipline."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.services.container import Services, build_services

REPO = Path(__file__).resolve().parent.parent
SHARED_TTHC = REPO.parent / "shared" / "data" / "tthc"
NATIONAL_JSON = SHARED_TTHC / "catalogue-national.json"
XLSX_DIR = SHARED_TTHC / "xlsx"

pytest_plugins = ["tests.central_fixtures"]
os.environ.setdefault("DESK_APP_NO_KEYRING", "1")  # tests keep tokens in files, never in a real keyring

# The bundle's tests need the bundle: `make dist-test` builds it, then runs them with this variable set.
collect_ignore = [] if os.environ.get("DESK_APP_BUNDLE_TESTS") else ["smoke"]

needs_shared_data = pytest.mark.skipif(
    not NATIONAL_JSON.exists(),
    reason="the national catalogue in ../shared/data is not present on this machine",
)


@pytest.fixture(autouse=True)
def _no_unexpected_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a test on any WARNING-or-higher log record it did not expect."""
    caplog.set_level(logging.WARNING)
    yield
    unexpected = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    if unexpected and not getattr(caplog, "expected_warnings", False):
        pytest.fail(f"unexpected log records: {[r.getMessage() for r in unexpected]}")


@pytest.fixture
def clock() -> FixedClock:
    """A frozen desk clock: Friday 20 November 2026, 09:30."""
    return FixedClock(datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo desk database migrated and initialised once per run."""
    path = tmp_path_factory.mktemp("template") / "desk.sqlite3"
    services = build_services(path, clock=FixedClock(datetime(2026, 1, 5, 8, 0, tzinfo=VN_TZ)))
    services.desk.initialise_demo()
    services.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """A private copy of the template database."""
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def services(db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services over a private demo database with the frozen clock."""
    built = build_services(db_path, clock=clock)
    yield built
    built.close()


@pytest.fixture
def empty_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services over a migrated but uninitialised database."""
    built = build_services(tmp_path / "empty.sqlite3", clock=clock)
    yield built
    built.close()
