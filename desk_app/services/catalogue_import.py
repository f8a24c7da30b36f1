"""Importing a catalogue file: idempotent, versioned and all-or-nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from desk_app.models import CatalogueImportRecord, ProcedureRecord
from desk_app.services.catalogue_records import (
    StoredVersion,
    insert_procedures,
    insert_versions,
    load_current,
    merge,
    point_procedures,
    retire_versions,
    write_children,
)
from desk_app.services.catalogue_sources import SourceBatch, read_catalogue_file
from desk_app.services.dto import ImportSummary
from desk_app.services.timefmt import iso
from desk_app.services.uow import writing

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from desk_app.core.catalogue import ProcedureData
    from desk_app.core.clock import Clock
    from desk_app.models.db import Database


class CatalogueImportService:
    """Imports the portal's Excel export, the national JSON, or a release."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def import_file(self, path: Path, actor: str) -> ImportSummary:
        """Read and import ``path`` in one transaction; a bad file changes nothing."""
        return self.import_batch(read_catalogue_file(path), actor)

    def import_batch(self, batch: SourceBatch, actor: str) -> ImportSummary:
        """Import records already read; unchanged procedures get no new version."""
        with writing(self._db) as uow:
            summary = self.import_in(uow.session, batch, actor)
            uow.commit()
        return summary

    def import_in(self, session: Session, batch: SourceBatch, actor: str) -> ImportSummary:
        """The import inside the caller's transaction (a release pulled from central, with its cursor)."""
        now = iso(self._clock.now())
        import_id = session.execute(
            insert(CatalogueImportRecord).returning(CatalogueImportRecord.id),
            {
                "source_kind": batch.kind,
                "source_name": batch.name,
                "source_sha256": batch.sha256,
                "release_version": batch.release_version,
                "imported_at": now,
                "imported_by": actor,
                "records": len(batch.procedures),
                "created_versions": 0,
                "unchanged": 0,
            },
        ).scalar_one()
        procedure_ids = dict(session.execute(select(ProcedureRecord.code, ProcedureRecord.id)).all())
        stored = load_current(session)
        changed: list[tuple[ProcedureData, StoredVersion | None]] = []
        for incoming in batch.procedures:
            previous = stored.get(incoming.code)
            merged = merge(
                previous.data if previous else None, incoming, batch.owned_fields, batch.fill_only_fields
            )
            if previous is None or previous.content_sha256 != merged.content_hash():
                changed.append((merged, previous))
        new_codes = [data.code for data, _previous in changed if data.code not in procedure_ids]
        procedure_ids.update(insert_procedures(session, new_codes, now))
        version_ids = insert_versions(
            session,
            [
                (data, procedure_ids[data.code], previous.version + 1 if previous else 1)
                for data, previous in changed
            ],
            import_id,
            now,
        )
        retire_versions(session, [previous.version_id for _data, previous in changed if previous is not None])
        write_children(session, [data for data, _previous in changed], version_ids)
        pointers = {
            procedure_ids[data.code]: vid for (data, _previous), vid in zip(changed, version_ids, strict=True)
        }
        point_procedures(session, pointers)
        unchanged = len(batch.procedures) - len(changed)
        new_procedures = len(new_codes)
        record = session.get(CatalogueImportRecord, import_id)
        assert record is not None
        record.created_versions = len(pointers)
        record.unchanged = unchanged
        return ImportSummary(
            batch.kind,
            batch.name,
            len(batch.procedures),
            new_procedures,
            len(pointers),
            unchanged,
            len(procedure_ids),
            sum(c.ambiguous for p in batch.procedures for c in p.components),
        )
