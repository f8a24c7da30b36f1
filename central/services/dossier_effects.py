"""What an accepted event does to central's dossier: the same state machine as the desk's.

Raises ``Rejection`` for a business refusal (the push stores the event as rejected and opens a ticket).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, tuple_

from central.models import ChangeLogRecord, DossierRecord, DossierStepRecord
from desk_app.core.codes import parse_dossier_code
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import TRANSITIONS, Action, DossierStatus
from desk_app.sync.protocol import KIND_EVENT, STREAM_UNIT

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

    from central.models import DeskRecord
    from desk_app.sync.protocol import PushEvent


class Rejection(Exception):
    """A business refusal: stored with the event, shown at the desk and on central."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Sink:
    """Rows of one push, written at the end with one executemany per table (not one round trip each)."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    dossiers: dict[str, DossierRecord | None] = field(default_factory=dict)  # locked rows of the batch
    # Who holds each code the batch mentions (read once; updated as the batch receives dossiers).
    code_owners: dict[str, str] = field(default_factory=dict)
    key_owners: dict[tuple[str, Any, int], str] = field(default_factory=dict)
    codes_read: set[str] = field(default_factory=set)

    def read_codes(self, session: Session, codes: set[str]) -> None:
        """Load the holders of ``codes`` (by text and by unit/date/number) in one query."""
        wanted = codes - self.codes_read
        if not wanted:
            return
        keys = {_code_key(code) for code in wanted} - {None}
        clause: ColumnElement[bool] = DossierRecord.dossier_code.in_(sorted(wanted))
        if keys:
            clause = clause | tuple_(
                DossierRecord.unit_code, DossierRecord.code_date, DossierRecord.code_seq
            ).in_(sorted(k for k in keys if k is not None))
        for dossier_id, code, unit, day, seq in session.execute(
            select(
                DossierRecord.dossier_id,
                DossierRecord.dossier_code,
                DossierRecord.unit_code,
                DossierRecord.code_date,
                DossierRecord.code_seq,
            ).where(clause)
        ):
            self.claim(str(dossier_id), code, unit, day, seq)
        self.codes_read |= wanted

    def claim(self, dossier_id: str, code: str | None, unit: str, day: Any, seq: int | None) -> None:
        """Record that ``dossier_id`` holds this code."""
        if code:
            self.code_owners[code] = dossier_id
        if day is not None and seq is not None:
            self.key_owners[(unit, day, seq)] = dossier_id

    def code_taken(self, session: Session, code: str, unit: str, day: Any, seq: int, dossier_id: str) -> bool:
        """Another dossier holds the code or its (unit, date, number)."""
        self.read_codes(session, {code})
        owners = {self.code_owners.get(code), self.key_owners.get((unit, day, seq))} - {None}
        return bool(owners - {dossier_id})

    def dossier(self, session: Session, dossier_id: str) -> DossierRecord | None:
        """A dossier of the batch (fetched FOR UPDATE once)."""
        if dossier_id not in self.dossiers:
            self.dossiers[dossier_id] = session.get(DossierRecord, dossier_id, with_for_update=True)
        return self.dossiers[dossier_id]

    def flush(self, session: Session) -> None:
        """Write the collected rows (dossiers first: the steps refer to them)."""
        session.flush()
        if self.steps:
            session.execute(insert(DossierStepRecord), self.steps)
        if self.changes:
            session.execute(insert(ChangeLogRecord), self.changes)
        self.steps, self.changes = [], []


def _moment(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) and text else None


def _transition(current: int | None, action_value: str, to_status: int) -> DossierStatus:
    try:
        action = Action(action_value)
    except ValueError:
        raise Rejection("unknown_action", action_value) from None
    status = DossierStatus(current) if current is not None else None
    target = TRANSITIONS.get((status, action))
    if target is None:
        raise Rejection("invalid_transition", f"{action.value} is not possible from status {current}")
    if int(target) != to_status:
        raise Rejection("status_mismatch", f"{action.value} leads to {int(target)}, not {to_status}")
    return target


def _check_code(desk: DeskRecord, code: str) -> tuple[Any, int]:
    try:
        parsed = parse_dossier_code(code)
    except InvalidInput:
        raise Rejection("bad_code", code) from None
    if parsed.unit_code != desk.unit_code:
        raise Rejection("wrong_unit", f"{code} is not a code of unit {desk.unit_code}")
    if parsed.slot != desk.code_slot:
        raise Rejection("wrong_slot", f"{code} is not in slot {desk.code_slot} of this desk")
    return parsed.day, parsed.sequence


def _code_key(code: str) -> tuple[str, Any, int] | None:
    try:
        parsed = parse_dossier_code(code)
    except InvalidInput:
        return None
    return parsed.unit_code, parsed.day, parsed.sequence


def apply_event(session: Session, desk: DeskRecord, event: PushEvent, seq: int, sink: Sink) -> None:
    """Apply one desk event (inside a savepoint) and log it to the unit's stream."""
    payload = event.payload
    if payload.get("unit_code") != desk.unit_code:
        raise Rejection("wrong_unit", "the dossier belongs to another unit")
    if payload.get("dossier_id") != event.aggregate_id:
        raise Rejection("bad_payload", "dossier_id differs from aggregate_id")
    if event.event_type == "dossier.received":
        _receive(session, desk, event, seq, sink)
    elif event.event_type == "dossier.step":
        _step(session, desk, event, seq, f"desk:{desk.desk_id}", sink)
    elif event.event_type == "dossier.printed":
        if sink.dossier(session, event.aggregate_id) is None:
            raise Rejection("unknown_dossier", "printed a dossier central does not know")
    else:
        raise Rejection("unknown_event_type", event.event_type)
    log_event(
        sink,
        seq,
        desk.unit_code,
        event.event_id,
        event.aggregate_id,
        event.event_type,
        payload,
        f"desk:{desk.desk_id}",
    )


def log_event(
    sink: Sink,
    seq: int,
    unit: str,
    event_id: str,
    dossier_id: str,
    event_type: str,
    payload: dict[str, Any],
    origin: str,
) -> None:
    """The change-log row of an applied event (what desks of the unit pull)."""
    sink.changes.append(
        {
            "server_seq": seq,
            "stream": STREAM_UNIT,
            "scope": unit,
            "kind": KIND_EVENT,
            "entity_id": dossier_id,
            "body": {"event_id": event_id, "event_type": event_type, "origin": origin, "payload": payload},
        }
    )


def _receive(session: Session, desk: DeskRecord, event: PushEvent, seq: int, sink: Sink) -> None:
    payload, data = event.payload, dict(event.payload.get("data") or {})
    if sink.dossier(session, event.aggregate_id) is not None:
        raise Rejection("duplicate_dossier", "a dossier with this id was already received")
    status = _transition(None, str(payload.get("action")), int(payload.get("to_status") or 0))
    code = payload.get("dossier_code")
    day, code_seq = _check_code(desk, code) if code else (None, None)
    if code and sink.code_taken(session, code, desk.unit_code, day, int(code_seq or 0), event.aggregate_id):
        raise Rejection("code_conflict", f"{code} is already used by another dossier")
    applicant = dict(data.get("applicant") or {})
    received = _moment(data.get("received_at")) or _moment(payload.get("occurred_at"))
    assert received is not None
    dossier = DossierRecord(
        dossier_id=event.aggregate_id,
        dossier_code=code,
        unit_code=desk.unit_code,
        code_date=day,
        code_seq=code_seq,
        origin_desk=desk.desk_id,
        procedure_code=str(data.get("procedure_code") or ""),
        procedure_version=data.get("procedure_version"),
        channel=str(data.get("channel") or "direct"),
        applicant_name=str(applicant.get("name") or ""),
        applicant_id_number=applicant.get("id_number"),
        status=int(status),
        received_at=received,
        due_at=_moment(data.get("due_at")),
        last_server_seq=seq,
    )
    session.add(dossier)
    sink.dossiers[event.aggregate_id] = dossier
    sink.claim(event.aggregate_id, code, desk.unit_code, day, code_seq)
    _record_step(sink, seq, event.event_id, event.aggregate_id, f"desk:{desk.desk_id}", payload, None, status)


def _step(session: Session, desk: DeskRecord, event: PushEvent, seq: int, origin: str, sink: Sink) -> None:
    payload = event.payload
    dossier = sink.dossier(session, event.aggregate_id)
    if dossier is None:
        raise Rejection("unknown_dossier", "a step for a dossier central does not know")
    previous = dossier.status
    status = _transition(previous, str(payload.get("action")), int(payload.get("to_status") or 0))
    code = payload.get("dossier_code")
    if code and dossier.dossier_code is None:  # a supplement completed: the code is issued now
        day, code_seq = _check_code(desk, code)
        if sink.code_taken(session, code, desk.unit_code, day, code_seq, dossier.dossier_id):
            raise Rejection("code_conflict", f"{code} is already used by another dossier")
        dossier.dossier_code, dossier.code_date, dossier.code_seq = code, day, code_seq
        sink.claim(dossier.dossier_id, code, desk.unit_code, day, code_seq)
    elif code and code != dossier.dossier_code:
        raise Rejection("code_changed", f"{dossier.dossier_code} cannot become {code}")
    apply_status(dossier, status, payload, seq)
    _record_step(sink, seq, event.event_id, dossier.dossier_id, origin, payload, previous, status)


def apply_status(dossier: DossierRecord, status: DossierStatus, payload: dict[str, Any], seq: int) -> None:
    """The dossier's projection after a step."""
    data = dict(payload.get("data") or {})
    occurred = _moment(payload.get("occurred_at"))
    dossier.status = int(status)
    dossier.last_server_seq = seq
    if data.get("due_at") or data.get("new_due_at"):
        dossier.due_at = _moment(data.get("new_due_at") or data.get("due_at"))
    if status in (DossierStatus.FINISHED, DossierStatus.STOPPED) and dossier.finished_at is None:
        dossier.finished_at = occurred
    if status is DossierStatus.RETURNED:
        dossier.returned_at = occurred


def _record_step(
    sink: Sink,
    seq: int,
    event_id: str,
    dossier_id: str,
    origin: str,
    payload: dict[str, Any],
    previous: int | None,
    status: DossierStatus,
) -> None:
    sink.steps.append(
        {
            "server_seq": seq,
            "event_id": event_id,
            "dossier_id": dossier_id,
            "source": origin,
            "action": str(payload.get("action")),
            "from_status": previous,
            "to_status": int(status),
            "occurred_at": _moment(payload.get("occurred_at")),
            "note": str(payload.get("note") or ""),
        }
    )
