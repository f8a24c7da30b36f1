"""What an event does to a dossier: one projection for the live path, re-learning, pulled steps, central.

A dossier's row is always ``replay`` of its events.

Pure functions over frozen values. An event that cannot apply where it falls (a step before its
dossier's reception, an action the state machine does not allow from the current status) raises
:class:`NotApplicable`; :func:`replay` skips such events, which is how central's order decides a race
(sync.md §2.7: an action that lost the race changes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from desk_app.core.events import DossierEvent, EventType, Reception, RejectReason, Step, decode
from desk_app.core.text import fold
from desk_app.core.workflow import TRANSITIONS, Action, DossierStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

DESK_LOCATION = "Bộ phận Một cửa"  # who holds the paper when it is at the counter
_ENDED = (DossierStatus.FINISHED, DossierStatus.STOPPED)


class NotApplicable(ValueError):
    """The event does not apply to the dossier as it stands; ``reason`` is what central answers."""

    def __init__(self, message: str, reason: RejectReason = RejectReason.INVALID_TRANSITION) -> None:
        super().__init__(message)
        self.reason = reason


# Events that start a dossier (the only ones that apply to no dossier at all).
CREATING = frozenset({EventType.RECEIVED})
# Events that are not steps of the dossier's processing (no progress record, no status check).
RECORD_ONLY = frozenset({EventType.PRINTED})


@dataclass(frozen=True, slots=True)
class DossierState:
    """Every column of a dossier row that its events decide."""

    dossier_id: str
    dossier_code: str | None
    procedure_code: str
    procedure_version: int
    rule_set: str
    channel: str
    postal_handover_at: str | None
    applicant_kind: str
    applicant_name: str
    applicant_name_folded: str
    applicant_id_number: str | None
    applicant_phone: str | None
    applicant_email: str | None
    applicant_address: str | None
    applicant_from_card: bool
    summary: str | None
    received_at: str
    accepted_at: str | None
    counted_from: str | None
    due_at: str | None
    original_due_at: str | None
    limit_spec: str | None
    calendar_version: int | None
    due_source: str | None
    status: int
    register_year: int | None
    register_number: int | None
    late_entry: bool
    late_entry_reason: str | None
    created_by: str
    row_version: int
    bundles: int
    holder: str
    department: str | None
    supplement_count: int
    reschedule_count: int
    finished_at: str | None
    returned_at: str | None
    closed_at: str | None
    needs_receipt: bool

    def as_dict(self) -> dict[str, Any]:
        """Column name → value."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> DossierState:
        """The state from :meth:`as_dict` (checked against the declaration)."""
        return decode(cls, values, "state")


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DossierState))


def next_status(current: DossierStatus | None, action: str, department_step: str | None) -> DossierStatus:
    """The status after ``action``; a department's information-only step keeps it."""
    if action not in Action._value2member_map_:
        if department_step is not None and current is not None:
            return current  # "dept-started", "dept-result-ready": information only
        raise NotApplicable(f"unknown action {action}", RejectReason.UNKNOWN_ACTION)
    target = TRANSITIONS.get((current, Action(action)))
    if target is None:
        raise NotApplicable(f"{action} from {None if current is None else int(current)}")
    return target


def project(state: DossierState | None, event: DossierEvent) -> DossierState:
    """The dossier after ``event``."""
    if event.event_type in CREATING:
        if state is not None:
            raise NotApplicable("received twice", RejectReason.DUPLICATE_DOSSIER)
        assert isinstance(event.data, Reception)
        return _received(event, event.data)
    if state is None:
        raise NotApplicable(f"{event.event_type} before reception", RejectReason.UNKNOWN_DOSSIER)
    if event.event_type is EventType.PRINTED:
        return state
    assert isinstance(event.data, Step)
    return _step(state, event, event.data)


def replay(events: Iterable[DossierEvent]) -> DossierState | None:
    """The projection of a dossier's events from scratch, in the order given; what cannot apply is skipped."""
    state: DossierState | None = None
    for event in events:
        try:
            state = project(state, event)
        except NotApplicable:
            continue
    return state


def _received(event: DossierEvent, body: Reception) -> DossierState:
    status = next_status(None, event.action, None)
    at = event.occurred_at
    applicant = body.applicant
    return DossierState(
        dossier_id=event.dossier_id,
        dossier_code=event.dossier_code,
        procedure_code=body.procedure_code,
        procedure_version=body.procedure_version,
        rule_set=body.rule_set,
        channel=body.channel,
        postal_handover_at=body.postal_handover_at,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name,
        applicant_name_folded=fold(applicant.name),
        applicant_id_number=applicant.id_number,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        applicant_from_card=applicant.from_card,
        summary=body.summary,
        received_at=body.received_at,
        accepted_at=body.accepted_at,
        counted_from=body.counted_from,
        due_at=body.due_at,
        original_due_at=body.due_at,
        limit_spec=body.limit,
        calendar_version=body.calendar_version,
        due_source=body.due_source,
        status=int(status),
        register_year=body.register_year,
        register_number=body.register_number,
        late_entry=body.late_entry,
        late_entry_reason=body.late_entry_reason,
        created_by=event.actor,
        row_version=1,
        bundles=body.bundles,
        holder=DESK_LOCATION,
        department=None,
        supplement_count=1 if status is DossierStatus.SUPPLEMENT_REQUESTED else 0,
        reschedule_count=0,
        finished_at=None,
        returned_at=None,
        closed_at=at if status is DossierStatus.REFUSED else None,
        needs_receipt=body.needs_receipt,
    )


def _step(state: DossierState, event: DossierEvent, body: Step) -> DossierState:
    target = next_status(DossierStatus(state.status), event.action, event.department_step)
    at = event.occurred_at
    changes: dict[str, Any] = {"status": int(target), "row_version": state.row_version + 1}
    if target in _ENDED and state.finished_at is None:
        changes["finished_at"] = at
    if event.department_step is None:
        changes.update(_desk_action(state, Action(event.action), body, at))
    return replace(state, **changes)


def _desk_action(state: DossierState, action: Action, body: Step, at: str) -> dict[str, Any]:
    """The columns one of the desk's own actions sets, besides status and row version."""
    effect = _DESK_ACTIONS.get(action)
    return effect(state, body, at) if effect else {}


def _returned(state: DossierState, body: Step, at: str) -> dict[str, Any]:
    holder = body.collector if body.collector is not None else state.holder
    return {"returned_at": at, "closed_at": at, "holder": holder}


def _closed(_state: DossierState, _body: Step, at: str) -> dict[str, Any]:
    return {"closed_at": at}


# What each desk action decides beyond the status (actions not listed change nothing else).
_DESK_ACTIONS: dict[Action, Callable[[DossierState, Step, str], dict[str, Any]]] = {
    Action.REQUEST_SUPPLEMENT: lambda s, _b, _at: {"supplement_count": s.supplement_count + 1},
    Action.RECEIVE_SUPPLEMENT: lambda s, b, _at: _supplement_received(s, b),
    Action.TRANSFER: lambda s, b, _at: {"department": b.department, "holder": b.department or s.holder},
    Action.RECEIVE_BACK: lambda _s, b, _at: {"holder": b.holder or DESK_LOCATION},
    Action.FINISH: lambda _s, b, _at: {"holder": b.holder} if b.holder else {},
    Action.RETURN_RESULT: _returned,
    Action.RESCHEDULE: lambda s, b, _at: {"due_at": b.new_due_at, "reschedule_count": s.reschedule_count + 1},
    Action.STOP: _closed,
    Action.WITHDRAW: _closed,
    Action.REFUSE: _closed,
}


def _supplement_received(state: DossierState, body: Step) -> dict[str, Any]:
    """The dossier is complete: the due date restarts (and it gets its code, if it had none)."""
    changes: dict[str, Any] = {
        "due_at": body.due_at,
        "original_due_at": body.due_at,
        "counted_from": body.counted_from,
        "calendar_version": body.calendar_version,
        "limit_spec": body.limit,
        "due_source": body.due_source,
        "holder": DESK_LOCATION,
    }
    if body.dossier_code is not None and state.dossier_code is None:
        changes.update(
            dossier_code=body.dossier_code,
            register_year=body.register_year,
            register_number=body.register_number,
            accepted_at=body.accepted_at,
        )
    return changes
