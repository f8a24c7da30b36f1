from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.core.errors import ConfigurationError, InvalidInput
from desk_app.models import migrate
from desk_app.services.container import Services, build_services
from desk_app.services.settings import RULE_SET, UNIT_NAME


def test_pragmas_read_back_as_required(services: Services) -> None:
    with services.db.writer_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_writes_take_the_write_lock_at_begin(services: Services) -> None:
    # BEGIN IMMEDIATE: while one unit of work is open, another writer cannot start.
    with services.db.writer_engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        other = sqlite3.connect(services.db_path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_demo_desk_identity(services: Services) -> None:
    desk = services.desk.identity()
    assert (desk.unit_code, desk.code_slot) == ("000.00.19.H57", 1)
    assert desk.schema_revision == migrate.head_revision()
    assert services.settings.get(UNIT_NAME).startswith("Trung tâm Phục vụ hành chính công")
    assert services.settings.get(RULE_SET) == "TT03-2025"


def test_initialise_twice_is_harmless_and_another_identity_is_refused(services: Services) -> None:
    desk, imported = services.desk.initialise("000.00.19.H57", 1)
    assert imported is None
    assert desk.code_slot == 1
    with pytest.raises(ConfigurationError, match="không thể đổi"):
        services.desk.initialise("000.17.22.H56", 2)


def test_initialise_checks_its_input(empty_services: Services) -> None:
    with pytest.raises(InvalidInput):
        empty_services.desk.initialise("H56", 1)
    with pytest.raises(InvalidInput):
        empty_services.desk.initialise("000.17.22.H56", 0)
    assert not empty_services.desk.is_initialised()
    with pytest.raises(ConfigurationError, match="chưa được khởi tạo"):
        empty_services.desk.identity()


def test_settings_are_typed_and_checked(services: Services) -> None:
    services.settings.set(RULE_SET, "TT01-2018", "admin")
    assert services.settings.get(RULE_SET) == "TT01-2018"
    with pytest.raises(InvalidInput):
        services.settings.set(RULE_SET, "TT99", "admin")
    with pytest.raises(InvalidInput):
        services.settings.set(RULE_SET, 5, "admin")  # type: ignore[arg-type]


def test_a_copy_is_taken_before_an_upgrade(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the file is one revision behind: the copy must exist and open as a database.
    monkeypatch.setattr(migrate, "current_revision", lambda _path: "0000")
    when = datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ)
    backup = migrate.upgrade(db_path, when)
    assert backup is not None
    assert backup.name == "desk.before-0000-20261120-093000.sqlite3"
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT count(*) FROM procedures").fetchone()[0] == 588
    finally:
        conn.close()


def test_no_copy_when_the_schema_is_current(db_path: Path) -> None:
    services = build_services(db_path, clock=FixedClock(datetime(2026, 11, 20, tzinfo=VN_TZ)))
    try:
        assert services.backup_path is None
    finally:
        services.close()


def test_a_real_upgrade_from_the_first_schema_keeps_data_and_a_copy(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "old.sqlite3"
    command.upgrade(migrate._config(db), "0001")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO settings VALUES ('unit.name', '\"Xã Cũ\"', 'admin', '2026-01-01T00:00:00+07:00')"
        )
    conn.close()
    assert migrate.current_revision(db) == "0001"
    services = build_services(db, clock=FixedClock(datetime(2026, 11, 20, tzinfo=VN_TZ)))
    try:
        assert services.backup_path is not None
        assert services.backup_path.exists()
        assert migrate.current_revision(db) == migrate.head_revision()
        assert services.settings.get(UNIT_NAME) == "Xã Cũ"
    finally:
        services.close()
    assert migrate.current_revision(services.backup_path) == "0001"
