"""register paging indexes; yearly register numbers unique

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_dossiers_accepted_at', table_name='dossiers')
    op.create_index('ix_dossiers_accepted', 'dossiers',
                    ['accepted_at', 'register_year', 'register_number', 'status'], unique=False)
    op.create_index('ix_dossiers_register', 'dossiers', ['register_year', 'register_number'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_dossiers_register', table_name='dossiers')
    op.drop_index('ix_dossiers_accepted', table_name='dossiers')
    op.create_index('ix_dossiers_accepted_at', 'dossiers', ['accepted_at'], unique=False)
