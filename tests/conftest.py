"""Shared fixtures: shared data paths, a migrated template database, log discipline."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.services.container import Services, build_services
from tests import processes
from tests.budget import budget_report, machine_factor

REPO = Path(__file__).resolve().parent.parent
SHARED_TTHC = REPO.parent / "shared" / "data" / "tthc"
NATIONAL_JSON = SHARED_TTHC / "catalogue-national.json"
XLSX_DIR = SHARED_TTHC / "xlsx"

pytest_plugins = ["tests.central_fixtures"]
os.environ.setdefault("DESK_APP_NO_KEYRING", "1")  # tests keep tokens in files, never in a real keyring
_RUN_MARK = processes.mark_this_run()

# Hypothesis replays: the same examples on every run (derandomized; DESK_APP_HYPOTHESIS_RANDOM=1
# explores), no deadline and no "too slow" health check, so a busy machine changes how long a test
# takes, never what it draws or whether it passes; nothing written into the clone.
settings.register_profile(
    "desk",
    deadline=None,
    database=None,
    derandomize=os.environ.get("DESK_APP_HYPOTHESIS_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("desk")

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Timeouts guard against hangs: stretch each by the machine factor (measured once, here)."""
    factor = machine_factor()
    default = float(config.getini("timeout") or 0)
    for item in items:
        marker = item.get_closest_marker("timeout")
        base = float(marker.args[0]) if marker is not None and marker.args else default
        if base:
            item.add_marker(pytest.mark.timeout(base * factor))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """What the budgeted tests reached on this machine."""
    reached = budget_report()
    terminalreporter.write_sep("-", f"budgets (machine factor {machine_factor():.2f})")
    for line in reached or ["no budgeted test ran"]:
        terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if anything it started is still running (and stop it)."""
    left = processes.leftovers(_RUN_MARK)
    if not left:
        return
    processes.kill_all(left)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("!", f"{len(left)} process(es) outlived the tests and were killed")
        for pid, cmd in sorted(left.items()):
            reporter.write_line(f"{pid}: {cmd[:200]}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
