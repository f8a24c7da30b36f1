"""Importing a catalogue file: idempotent, versioned and all-or-nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update

from desk_app.models import CatalogueImportRecord, ProcedureRecord, ProcedureVersionRecord
from desk_app.services.catalogue_records import data_to_version, merge, national_code, version_to_data
from desk_app.services.catalogue_sources import SourceBatch, read_catalogue_file
from desk_app.services.dto import ImportSummary
from desk_app.services.timefmt import iso
from desk_app.services.uow import UnitOfWork

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session, sessionmaker

    from desk_app.core.clock import Clock


class CatalogueImportService:
    """Imports the portal's Excel export, the national JSON, or a release."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def import_file(self, path: Path, actor: str) -> ImportSummary:
        """Read and import ``path`` in one transaction; a bad file changes nothing."""
        return self.import_batch(read_catalogue_file(path), actor)

    def import_batch(self, batch: SourceBatch, actor: str) -> ImportSummary:
        """Import records already read; unchanged procedures get no new version."""
        now = iso(self._clock.now())
        with UnitOfWork(self._factory) as uow:
            session = uow.session
            record = CatalogueImportRecord(
                source_kind=batch.kind,
                source_name=batch.name,
                source_sha256=batch.sha256,
                release_version=batch.release_version,
                imported_at=now,
                imported_by=actor,
                records=len(batch.procedures),
                created_versions=0,
                unchanged=0,
            )
            session.add(record)
            session.flush()
            procedures = {p.code: p for p in session.scalars(select(ProcedureRecord))}
            current = {
                v.procedure_id: v
                for v in session.scalars(
                    select(ProcedureVersionRecord).where(ProcedureVersionRecord.is_current.is_(True))
                )
            }
            new_procedures = new_versions = unchanged = 0
            for incoming in batch.procedures:
                procedure = procedures.get(incoming.code)
                if procedure is None:
                    procedure = ProcedureRecord(
                        code=incoming.code, national_code=national_code(incoming.code), created_at=now
                    )
                    session.add(procedure)
                    session.flush()
                    procedures[incoming.code] = procedure
                    new_procedures += 1
                previous = current.get(procedure.id)
                existing = version_to_data(previous) if previous is not None else None
                merged = merge(existing, incoming, batch.provided_fields, batch.authoritative)
                if previous is not None and previous.content_sha256 == merged.content_hash():
                    unchanged += 1
                    continue
                if previous is not None:
                    session.execute(
                        update(ProcedureVersionRecord)
                        .where(ProcedureVersionRecord.id == previous.id)
                        .values(is_current=False)
                    )
                version = data_to_version(
                    merged, procedure.id, (previous.version if previous else 0) + 1, record.id, now
                )
                session.add(version)
                session.flush()
                procedure.current_version_id = version.id
                new_versions += 1
            record.created_versions = new_versions
            record.unchanged = unchanged
            total = len(procedures)
            uow.commit()
        return ImportSummary(
            batch.kind, batch.name, len(batch.procedures), new_procedures, new_versions, unchanged, total
        )
