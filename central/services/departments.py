"""A department records a processing step on central; desks of the unit pull it (sync.md §2.6)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from central.models import DossierRecord
from central.services.changes import next_server_seq
from central.services.dossier_effects import (
    Rejection,
    Sink,
    _record_step,
    log_event,
    projected,
    state_of,
    store_state,
)
from central.services.errors import CentralError
from desk_app.core.events import DossierEvent, EventType, RejectReason, Step
from desk_app.core.workflow import TRANSITIONS, Action, DossierStatus
from desk_app.sync.protocol import DEPARTMENT_ACTIONS, canonical_json, payload_sha256

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# Information-only steps: allowed while the dossier is with the department.
_INFO_ALLOWED = {
    "started": {DossierStatus.RECEIVED, DossierStatus.PROCESSING},
    "result-ready": {DossierStatus.FINISHED},
}


class DepartmentService:
    """``desk-central dept update CODE ACTION``."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def update(self, dossier_code: str, step: str, department: str, note: str = "") -> dict[str, Any]:
        """Record a department step as an event of the dossier, one transaction; returns the event."""
        if step not in DEPARTMENT_ACTIONS:
            raise CentralError(400, "unknown_step", f"step must be one of {', '.join(DEPARTMENT_ACTIONS)}")
        with self._sessions.begin() as session:
            dossier = session.scalar(
                select(DossierRecord)
                .where(DossierRecord.dossier_code == dossier_code.strip().upper())
                .with_for_update()
            )
            if dossier is None:
                raise CentralError(404, "unknown_dossier", f"no dossier {dossier_code}")
            action = DEPARTMENT_ACTIONS[step]
            current = DossierStatus(dossier.status)
            target = current if action is None else TRANSITIONS.get((current, Action(action)))
            if target is None or (action is None and current not in _INFO_ALLOWED[step]):
                raise CentralError(
                    409, RejectReason.INVALID_TRANSITION, f"{step} is not possible in status {int(current)}"
                )
            event_id = str(uuid.uuid4())
            event = DossierEvent(
                event_id=event_id,
                event_type=EventType.STEP,
                dossier_id=dossier.dossier_id,
                dossier_code=dossier.dossier_code,
                unit_code=dossier.unit_code,
                action=action or f"dept-{step}",
                department_step=step,
                from_status=int(current),
                to_status=int(target),
                occurred_at=datetime.now(VN).replace(microsecond=0).isoformat(),
                actor=department,
                note=note,
                data=Step(department=department),
            )
            try:
                state = projected(state_of(dossier), event)
            except Rejection as exc:
                raise CentralError(409, exc.reason, exc.detail) from None
            seq = next_server_seq(session)
            payload = event.to_json()
            store_state(dossier, state, seq)
            sink = Sink()
            _record_step(sink, seq, event_id, dossier.dossier_id, f"dept:{department}", event, int(current))
            log_event(
                sink,
                seq,
                dossier.unit_code,
                event_id,
                dossier.dossier_id,
                EventType.STEP.value,
                payload,
                f"dept:{department}",
            )
            sink.flush(session)
            return {
                "event_id": event_id,
                "server_seq": seq,
                "status": state.status,
                "payload_sha256": payload_sha256(canonical_json(payload)),
            }
