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
from desk_app.models.dossier import CentralCopy, ChecklistAnswerRecord, DossierEventRecord, DossierRecord
from desk_app.models.drafts import ReceptionDraftRecord
from desk_app.models.handover import HandoverBatchRecord, HandoverItemRecord
from desk_app.models.outbox import OutboxRecord, ReferenceReleaseRecord, SyncConflictRecord, SyncCursorRecord
from desk_app.models.settings import SettingRecord
from desk_app.models.users import UserRecord

__all__ = [
    "Base",
    "CalendarOverrideRecord",
    "CalendarVersionRecord",
    "CatalogueImportRecord",
    "CentralCopy",
    "ChecklistAnswerRecord",
    "ClockStateRecord",
    "CodeCounterRecord",
    "ComponentRecord",
    "DeskCounterRecord",
    "DeskIdentityRecord",
    "DossierEventRecord",
    "DossierRecord",
    "HandoverBatchRecord",
    "HandoverItemRecord",
    "OutboxRecord",
    "ProcedureFeeRecord",
    "ProcedureOverrideRecord",
    "ProcedureRecord",
    "ProcedureTimeLimitRecord",
    "ProcedureVersionRecord",
    "ReceptionDraftRecord",
    "ReferenceReleaseRecord",
    "SettingRecord",
    "SyncConflictRecord",
    "SyncCursorRecord",
    "UserRecord",
]
