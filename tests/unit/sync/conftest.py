"""Fixtures of the fast sync tests: a fake central on the desk's clock and an enrolled desk.

``central`` here is the in-memory ``FakeCentral``; it shadows, in this folder only, the PostgreSQL-backed
``central`` fixture of tests/central_fixtures.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.core.clock import FixedClock
from tests.unit.sync.desk_harness import Desk
from tests.unit.sync.fake_central import FakeCentral


@pytest.fixture
def central(clock: FixedClock) -> FakeCentral:
    """An empty central whose clock is the desk's (the measured offset is 0)."""
    return FakeCentral(clock.now)


@pytest.fixture
def desk(db_path: Path, clock: FixedClock, central: FakeCentral) -> Iterator[Desk]:
    """A demo desk (slot 1) enrolled with ``central``."""
    built = Desk(db_path, clock, central)
    built.enrol()
    yield built
    built.close()
