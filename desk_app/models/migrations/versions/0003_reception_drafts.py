"""reception drafts (autosave of a half-finished reception)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reception_drafts',
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_reception_drafts'))
    )


def downgrade() -> None:
    op.drop_table('reception_drafts')
