"""Alembic environment for the desk database (batch mode for SQLite).

The engine gets the app's pragmas and BEGIN IMMEDIATE, so a migration is one
real transaction: a failed upgrade leaves the schema as it was.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desk_app.models import Base
from desk_app.models.db import configure_engine

url = context.config.get_main_option("sqlalchemy.url")
assert url is not None
connectable = configure_engine(create_engine(url))
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
connectable.dispose()
