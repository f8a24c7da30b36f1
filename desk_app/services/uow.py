"""One unit of work per user action: ``with uow: … uow.commit()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

if TYPE_CHECKING:
    import sqlite3
    from types import TracebackType

    from sqlalchemy.orm import sessionmaker

    from desk_app.models.db import Database


class UnitOfWork:
    """Opens a session; anything not committed is rolled back on exit."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The open session (only inside the ``with`` block)."""
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its with-block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def commit(self) -> None:
        """Commit everything done in this unit of work."""
        self.session.commit()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None


def driver(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection of the session's transaction, for the few statements every action runs.

    Building those through SQLAlchemy cost more than the writes themselves (bench/bench_accept.py).
    """
    cached = session.info.get(_DRIVER)
    if cached is not None:
        return cast("sqlite3.Connection", cached)
    connection = session.connection().connection.driver_connection
    assert connection is not None  # a session inside its with-block holds an open connection
    session.info[_DRIVER] = connection
    return cast("sqlite3.Connection", connection)


_DRIVER = "desk_app.driver"
TRANSACTION_CACHE = (_DRIVER, "desk_app.desk_keys")  # what a transaction may keep in ``session.info``


@event.listens_for(Session, "after_transaction_end")
def _forget_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one: the next may run on another pooled connection
        for key in TRANSACTION_CACHE:
            session.info.pop(key, None)


def writing(db: Database) -> UnitOfWork:
    """A unit of work that writes (BEGIN IMMEDIATE)."""
    return UnitOfWork(db.writer)


def reading(db: Database) -> UnitOfWork:
    """A unit of work that only reads (deferred BEGIN, a snapshot)."""
    return UnitOfWork(db.reader)
