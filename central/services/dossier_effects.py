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
from desk_app.core.events import DossierEvent, MalformedEvent, RejectReason
from desk_app.core.projection import RECORD_ONLY, DossierState, NotApplicable, project
from desk_app.sync.protocol import KIND_EVENT, STREAM_UNIT

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

    from central.models import DeskRecord
    from desk_app.sync.protocol import PushEvent


class Rejection(Exception):
    """A business refusal: stored with the event, shown at the desk and on central."""

    def __init__(self, reason: RejectReason, detail: str = "") -> None:
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


def parse_event(payload: dict[str, Any]) -> DossierEvent:
    """The declared event, or a rejection naming what is malformed."""
    try:
        return DossierEvent.from_json(payload)
    except MalformedEvent as exc:
        raise Rejection(RejectReason.MALFORMED, f"{exc.reason}: {exc.where}") from None


def projected(state: DossierState | None, event: DossierEvent) -> DossierState:
    """The dossier after ``event`` (the desks' projection), or the rejection saying why it cannot apply."""
    try:
        after = project(state, event)
    except NotApplicable as exc:
        raise Rejection(exc.reason, str(exc)) from None
    if event.event_type not in RECORD_ONLY and after.status != event.to_status:
        raise Rejection(
            RejectReason.STATUS_MISMATCH, f"{event.action} leads to {after.status}, not {event.to_status}"
        )
    return after


def state_of(dossier: DossierRecord) -> DossierState:
    """The projected state central holds for a dossier."""
    if dossier.state is None:
        raise Rejection(RejectReason.BLOCKED_BY_PRIOR, "the dossier has no projected state")
    return DossierState.from_dict(dict(dossier.state))


def _check_code(desk: DeskRecord, code: str) -> tuple[Any, int]:
    try:
        parsed = parse_dossier_code(code)
    except InvalidInput:
        raise Rejection(RejectReason.BAD_CODE, code) from None
    if parsed.unit_code != desk.unit_code:
        raise Rejection(RejectReason.WRONG_UNIT, f"{code} is not a code of unit {desk.unit_code}")
    if parsed.slot != desk.code_slot:
        raise Rejection(RejectReason.WRONG_SLOT, f"{code} is not in slot {desk.code_slot} of this desk")
    return parsed.day, parsed.sequence


def _code_key(code: str) -> tuple[str, Any, int] | None:
    try:
        parsed = parse_dossier_code(code)
    except InvalidInput:
        return None
    return parsed.unit_code, parsed.day, parsed.sequence


def apply_event(session: Session, desk: DeskRecord, event: PushEvent, seq: int, sink: Sink) -> None:
    """Apply one desk event and log it to the unit's stream (every check runs before the first write).

    Nothing here depends on the event's type: the projection says what it does and whether it applies.
    """
    payload = event.payload
    if payload.get("unit_code") != desk.unit_code:
        raise Rejection(RejectReason.WRONG_UNIT, "the dossier belongs to another unit")
    if payload.get("dossier_id") != event.aggregate_id:
        raise Rejection(RejectReason.BAD_PAYLOAD, "dossier_id differs from aggregate_id")
    if payload.get("event_type") != event.event_type:
        raise Rejection(RejectReason.BAD_PAYLOAD, "event_type differs from the payload's")
    origin = f"desk:{desk.desk_id}"
    apply_parsed(session, desk, parse_event(payload), seq, origin, sink)
    log_event(
        sink, seq, desk.unit_code, event.event_id, event.aggregate_id, event.event_type, payload, origin
    )


def apply_parsed(
    session: Session, desk: DeskRecord, event: DossierEvent, seq: int, origin: str, sink: Sink
) -> None:
    """Project ``event`` onto central's dossier (creating it), after the code checks; record the step."""
    dossier = sink.dossier(session, event.dossier_id)
    before = state_of(dossier) if dossier is not None else None
    after = projected(before, event)
    issued = after.dossier_code if dossier is None or dossier.dossier_code is None else None
    day, code_seq = _check_code(desk, issued) if issued else (None, None)
    if issued and sink.code_taken(session, issued, desk.unit_code, day, int(code_seq or 0), event.dossier_id):
        # a new code (on a reception, or when a supplement completes the dossier) held by another dossier
        raise Rejection(RejectReason.CODE_CONFLICT, f"{issued} is already used by another dossier")
    if not issued and dossier is not None and event.dossier_code not in (None, dossier.dossier_code):
        raise Rejection(
            RejectReason.CODE_CHANGED, f"{dossier.dossier_code} cannot become {event.dossier_code}"
        )
    if dossier is None:
        dossier = _new_dossier(desk, after, seq)
        session.add(dossier)
        sink.dossiers[event.dossier_id] = dossier
    if issued:
        dossier.dossier_code, dossier.code_date, dossier.code_seq = issued, day, code_seq
        sink.claim(event.dossier_id, issued, desk.unit_code, day, code_seq)
    store_state(dossier, after, seq)
    if event.event_type not in RECORD_ONLY:
        previous = before.status if before is not None else None
        _record_step(sink, seq, event.event_id, event.dossier_id, origin, event, previous)


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


def _new_dossier(desk: DeskRecord, state: DossierState, seq: int) -> DossierRecord:
    received = _moment(state.received_at)
    assert received is not None  # a creating event always carries its reception time
    return DossierRecord(
        dossier_id=state.dossier_id,
        unit_code=desk.unit_code,
        origin_desk=desk.desk_id,
        procedure_code=state.procedure_code,
        procedure_version=state.procedure_version,
        channel=state.channel,
        applicant_name=state.applicant_name,
        applicant_id_number=state.applicant_id_number,
        status=state.status,
        received_at=received,
        last_server_seq=seq,
    )


def store_state(dossier: DossierRecord, state: DossierState, seq: int) -> None:
    """Keep the projection and the columns central indexes and exports."""
    dossier.state = state.as_dict()
    dossier.status = state.status
    dossier.due_at = _moment(state.due_at)
    dossier.finished_at = _moment(state.finished_at)
    dossier.returned_at = _moment(state.returned_at)
    dossier.last_server_seq = seq


def _record_step(
    sink: Sink,
    seq: int,
    event_id: str,
    dossier_id: str,
    origin: str,
    event: DossierEvent,
    previous: int | None,
) -> None:
    sink.steps.append(
        {
            "server_seq": seq,
            "event_id": event_id,
            "dossier_id": dossier_id,
            "source": origin,
            "action": event.action,
            "from_status": previous,
            "to_status": event.to_status,
            "occurred_at": _moment(event.occurred_at),
            "note": event.note,
        }
    )
