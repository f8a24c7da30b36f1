"""Bringing central's database to the head revision (at ``serve`` and in tests)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import SeqCounterRecord, ServerMetaRecord

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic's configuration for ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, engine: Engine) -> None:
    """Migrate, then make sure the singleton rows exist (epoch, counters)."""
    command.upgrade(alembic_config(url), "head")
    with Session(engine) as session, session.begin():
        if session.get(ServerMetaRecord, True) is None:
            session.add(ServerMetaRecord(singleton=True, server_epoch=str(uuid.uuid4())))
        if session.scalar(select(SeqCounterRecord).where(SeqCounterRecord.name == "change")) is None:
            session.add(SeqCounterRecord(name="change", value=0))


def new_epoch(engine: Engine) -> str:
    """The restore runbook's step: a new server epoch, so every desk re-checks and re-pushes."""
    epoch = str(uuid.uuid4())
    with Session(engine) as session, session.begin():
        meta = session.get(ServerMetaRecord, True)
        assert meta is not None
        meta.server_epoch = epoch
    return epoch
