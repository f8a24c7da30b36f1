"""Engines and sessions for central (PostgreSQL through psycopg 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def make_engine(url: str) -> Engine:
    """An engine for ``postgresql+psycopg://…``; READ COMMITTED, the server's default."""
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True, future=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that do not expire objects on commit (services return plain values)."""
    return sessionmaker(engine, expire_on_commit=False)
