"""components: the reading of each published text (applies, channels, case, alternative group…)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:00:00

Existing versions are read again with the rules of desk_app/core/components.py, so a desk upgraded in
the field checks receptions the same way as a new one; their content hashes are recomputed, so the
next import of the same catalogue creates no new versions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('procedure_components') as batch:
        batch.add_column(sa.Column('applies', sa.String(12), nullable=False, server_default='always'))
        batch.add_column(sa.Column('channels', sa.String(40), nullable=False, server_default=''))
        batch.add_column(sa.Column('case_text', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('alt_group', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('substitutes_json', sa.Text(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('identity', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('ambiguous', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('dossier_checklist') as batch:
        batch.add_column(sa.Column('substitute', sa.Integer(), nullable=False, server_default='0'))
    _read_existing_versions()


def _read_existing_versions() -> None:
    from dataclasses import replace

    from desk_app.core.components import derive
    from desk_app.services.catalogue_records import component_rows, load_current

    session = Session(bind=op.get_bind())
    table = sa.table(
        'procedure_components',
        sa.column('version_id'), sa.column('position'), sa.column('kind'), sa.column('alternative'),
        sa.column('applies'), sa.column('channels'), sa.column('case_text'), sa.column('alt_group'),
        sa.column('substitutes_json'), sa.column('identity'), sa.column('ambiguous'),
    )
    versions = sa.table('procedure_versions', sa.column('id'), sa.column('content_sha256'))
    for stored in load_current(session).values():
        offered = tuple(dict.fromkeys(t.channel for t in stored.data.channels))
        data = replace(stored.data, components=derive(stored.data.components, offered))
        for row in component_rows(data, stored.version_id):
            session.execute(
                table.update()
                .where(table.c.version_id == stored.version_id, table.c.position == row['position'])
                .values({k: row[k] for k in (
                    'kind', 'alternative', 'applies', 'channels', 'case_text', 'alt_group',
                    'substitutes_json', 'identity', 'ambiguous',
                )})
            )
        session.execute(
            versions.update().where(versions.c.id == stored.version_id).values(content_sha256=data.content_hash())
        )
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table('dossier_checklist') as batch:
        batch.drop_column('substitute')
    with op.batch_alter_table('procedure_components') as batch:
        for column in ('ambiguous', 'identity', 'substitutes_json', 'alt_group', 'case_text', 'channels', 'applies'):
            batch.drop_column(column)
