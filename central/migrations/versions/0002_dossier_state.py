"""dossier state: the projected dossier (core/projection.py) kept whole

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

Central stores the same projection the desks store, so desk, central and a replay of the journal can be
compared column by column. Dossiers written before this revision have no state; central had not been
deployed then, so nothing is back-filled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('dossiers', sa.Column('state', postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column('dossiers', 'state')
