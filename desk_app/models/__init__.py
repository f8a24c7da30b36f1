"""SQLAlchemy 2 typed ORM classes (``…Record``): no business rules, no queries."""

from __future__ import annotations

from desk_app.models.base import Base
from desk_app.models.calendar import CalendarOverrideRecord, CalendarVersionRecord
from desk_app.models.catalogue import (
    CatalogueImportRecord,
    ComponentRecord,
    ProcedureFeeRecord,
    ProcedureOverrideRecord,
    ProcedureRecord,
    ProcedureTimeLimitRecord,
    ProcedureVersionRecord,
)
from desk_app.models.desk import ClockStateRecord, CodeCounterRecord, DeskCounterRecord, DeskIdentityRecord
from desk_app.models.dossier import DossierEventRecord, DossierRecord
from desk_app.models.outbox import OutboxRecord, ReferenceReleaseRecord, SyncConflictRecord, SyncCursorRecord
from desk_app.models.settings import SettingRecord

__all__ = [
    "Base",
    "CalendarOverrideRecord",
    "CalendarVersionRecord",
    "CatalogueImportRecord",
    "ClockStateRecord",
    "CodeCounterRecord",
    "ComponentRecord",
    "DeskCounterRecord",
    "DeskIdentityRecord",
    "DossierEventRecord",
    "DossierRecord",
    "OutboxRecord",
    "ProcedureFeeRecord",
    "ProcedureOverrideRecord",
    "ProcedureRecord",
    "ProcedureTimeLimitRecord",
    "ProcedureVersionRecord",
    "ReferenceReleaseRecord",
    "SettingRecord",
    "SyncConflictRecord",
    "SyncCursorRecord",
]
