"""The desk's SQLite engine: WAL, synchronous=FULL, foreign keys, BEGIN IMMEDIATE.

FULL, not NORMAL: NORMAL can roll back a committed, already printed
reception after a power loss. The pragmas are read back on every new
connection and a wrong value stops the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

BUSY_TIMEOUT_MS = 5000
_PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}")
_EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS}


class DatabaseSetupError(RuntimeError):
    """The database connection does not have the durability settings we rely on."""


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's legacy transaction control is wrong on 3.11).
    dbapi_conn.isolation_level = None
    for pragma in _PRAGMAS:
        dbapi_conn.execute(f"PRAGMA {pragma}")
    for name, expected in _EXPECTED.items():
        actual = dbapi_conn.execute(f"PRAGMA {name}").fetchone()[0]
        if actual != expected:
            raise DatabaseSetupError(f"PRAGMA {name} is {actual!r}, expected {expected!r}")


def make_engine(path: Path, *, writer: bool = True) -> Engine:
    """An engine on the desk database file.

    The writer's transactions start with ``BEGIN IMMEDIATE`` (the write lock is
    taken up front, so a write never fails half-way on a lock upgrade); the
    reader's with a deferred ``BEGIN``, a consistent snapshot that blocks no one.
    """
    return configure_engine(create_engine(f"sqlite+pysqlite:///{path}"), writer=writer)


def configure_engine(engine: Engine, *, writer: bool = True) -> Engine:
    """Install the pragmas and the BEGIN hook (also used by migrations)."""
    event.listen(engine, "connect", _on_connect)
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


class Database:
    """The desk database: one writer engine, one reader engine, and their sessions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writer_engine = make_engine(path, writer=True)
        self.reader_engine = make_engine(path, writer=False)
        self.writer = make_session_factory(self.writer_engine)
        self.reader = make_session_factory(self.reader_engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.writer_engine.dispose()
        self.reader_engine.dispose()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, for mapping to DTOs."""
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)
