"""One unit of work per user action: ``with uow: … uow.commit()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

    from sqlalchemy.orm import Session, sessionmaker

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


def writing(db: Database) -> UnitOfWork:
    """A unit of work that writes (BEGIN IMMEDIATE)."""
    return UnitOfWork(db.writer)


def reading(db: Database) -> UnitOfWork:
    """A unit of work that only reads (deferred BEGIN, a snapshot)."""
    return UnitOfWork(db.reader)
