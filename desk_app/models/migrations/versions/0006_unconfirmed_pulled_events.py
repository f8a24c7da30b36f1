"""whether central still holds a pulled event (held / unconfirmed after a restore / lost)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no table copy): the journal is the largest table of the desk.
    op.add_column('dossier_events',
                  sa.Column('central_copy', sa.String(12), server_default='held', nullable=False))
    # Every sync asks for the unconfirmed ones: a partial index keeps that free on a large journal.
    op.create_index('ix_dossier_events_unsettled', 'dossier_events', ['central_copy'],
                    sqlite_where=sa.text("central_copy != 'held'"))


def downgrade() -> None:
    op.drop_index('ix_dossier_events_unsettled', table_name='dossier_events')
    with op.batch_alter_table('dossier_events') as batch:
        batch.drop_column('central_copy')
