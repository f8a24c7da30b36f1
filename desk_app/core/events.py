"""Every dossier event the desk journal, the outbox, central and the tests speak: declared once.

An event is an envelope (who, when, which dossier, which action) around one typed body per event
type. Bodies are frozen dataclasses (stdlib: the core stays dependency-free and the desk installer
does not grow; the decoder below is strict, which is all we needed from a schema library).
``from_json`` refuses an unknown field, a missing required field or a value of the wrong type with a
:class:`MalformedEvent` naming the reason; nothing is ever defaulted from a malformed body.

The canonical JSON and its SHA-256 live here and nowhere else: the outbox row, the push check on
central and the journal all call :func:`canonical_json` / :func:`payload_sha256`.
"""

from __future__ import annotations

import hashlib
import json
import types
from dataclasses import MISSING, dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin, get_type_hints

EVENT_VERSION = 1


class EventType(StrEnum):
    """The kinds of dossier events."""

    RECEIVED = "dossier.received"  # a reception decision (accept, supplement request, refusal)
    STEP = "dossier.step"  # every later action, the desk's and the departments'
    PRINTED = "dossier.printed"  # a document of the dossier was printed (or saved)


class RejectReason(StrEnum):
    """Why central refused a desk event (stored with it, shown at the desk)."""

    WRONG_UNIT = "wrong_unit"
    BAD_PAYLOAD = "bad_payload"
    MALFORMED = "malformed_event"
    UNKNOWN_EVENT_TYPE = "unknown_event_type"
    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_DOSSIER = "unknown_dossier"
    DUPLICATE_DOSSIER = "duplicate_dossier"
    INVALID_TRANSITION = "invalid_transition"
    STATUS_MISMATCH = "status_mismatch"
    BAD_CODE = "bad_code"
    WRONG_SLOT = "wrong_slot"
    CODE_CONFLICT = "code_conflict"
    CODE_CHANGED = "code_changed"
    BLOCKED_BY_PRIOR = "blocked_by_prior"


class ReviewReason(StrEnum):
    """What the desk itself puts on its review list (central's refusals arrive as a RejectReason)."""

    REJECTED = "rejected"  # central refused without naming a reason
    TAIL_LOSS = "tail_loss"
    DEPARTMENT_STEP_NOT_APPLICABLE = "department_step_not_applicable"
    PAYLOAD_MISMATCH = "payload_mismatch"
    MALFORMED_PULLED_EVENT = "malformed_pulled_event"
    RELEARN_MALFORMED = "relearn_malformed"
    RELEARN_CODE_REISSUED = "relearn_code_reissued"
    RELEARN_REGISTER_REISSUED = "relearn_register_reissued"
    RELEARN_UNKNOWN_PROCEDURE = "relearn_unknown_procedure"
    LOST_ON_CENTRAL = "lost_on_central"  # central, restored from a backup, no longer holds a pulled step


class PullKind(StrEnum):
    """Kinds of items in the pulled streams."""

    EVENT = "dossier.event"  # unit_dossiers: an event of a dossier of the unit (desk or department)
    CATALOGUE = "catalogue.release"  # reference: a catalogue release (the desk's release format)
    CALENDAR = "calendar.release"  # reference: a working-day calendar release
    # unit_dossiers: central refused a desk's event (the pushing desk learns it from the push reply;
    # the unit's other desks read it as a marker and change nothing)
    REJECTED = "event.rejected"


class MalformedEvent(ValueError):
    """A body that does not follow its declaration; ``reason`` says which rule it broke."""

    def __init__(self, reason: str, where: str) -> None:
        super().__init__(f"{reason}: {where}")
        self.reason = reason
        self.where = where


def canonical_json(payload: dict[str, Any]) -> str:
    """The one serialisation whose SHA-256 identifies a payload."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def payload_sha256(body: str) -> str:
    """Hex SHA-256 of a serialised payload."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# -- bodies -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applicant:
    """The applicant as recorded at reception."""

    kind: str
    name: str
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    from_card: bool = False


@dataclass(frozen=True, slots=True)
class ReceivedPaper:
    """One published component handed in."""

    position: int
    originals: int
    copies: int
    shown: bool


@dataclass(frozen=True, slots=True)
class Reception:
    """The body of ``dossier.received``: the whole dossier as the desk created it."""

    procedure_code: str
    procedure_name: str
    procedure_version: int
    channel: str
    rule_set: str
    received_at: str
    applicant: Applicant
    summary: str
    bundles: int
    needs_receipt: bool
    received: tuple[ReceivedPaper, ...] = ()
    missing: tuple[int, ...] = ()
    postal_handover_at: str | None = None
    accepted_at: str | None = None
    due_at: str | None = None
    counted_from: str | None = None
    limit: str | None = None
    calendar_version: int | None = None
    due_source: str | None = None
    register_year: int | None = None
    register_number: int | None = None
    explanation: str = ""
    late_entry: bool = False
    late_entry_reason: str | None = None
    document_number: str | None = None  # the refusal's or supplement request's number (HDHS-2026-1-0007)
    return_method: str | None = None  # "post": the applicant registered to get the result by post
    return_address: str | None = None  # …at this address


@dataclass(frozen=True, slots=True)
class Step:
    """The body of ``dossier.step``; each action fills the fields it decides (None: not this action's)."""

    # request-supplement
    missing: tuple[int, ...] | None = None
    supplement_round: int | None = None
    flagged: bool | None = None
    # receive-supplement: the round, and the due date restarted (and the code, when issued now)
    round: int | None = None
    dossier_code: str | None = None
    register_year: int | None = None
    register_number: int | None = None
    accepted_at: str | None = None
    due_at: str | None = None
    counted_from: str | None = None
    calendar_version: int | None = None
    limit: str | None = None
    due_source: str | None = None
    # transfer / receive-back / finish (and a department's own steps)
    department: str | None = None
    from_department: str | None = None
    holder: str | None = None
    finished_at: str | None = None
    # request-fee
    fee_vnd: int | None = None
    # return
    collector: str | None = None
    collector_id_number: str | None = None
    proxy: bool | None = None
    authorisation: str | None = None
    return_method: str | None = None
    # reschedule
    old_due_at: str | None = None
    new_due_at: str | None = None
    # a handover batch the step was part of
    batch: str | None = None
    batch_id: int | None = None
    # the number of the slip this decision prints (supplement request, refusal, apology, stop notice)
    document_number: str | None = None


@dataclass(frozen=True, slots=True)
class Printed:
    """The body of ``dossier.printed``."""

    document: str
    print: int


Body = Reception | Step | Printed
BODY_OF: dict[EventType, type[Reception] | type[Step] | type[Printed]] = {
    EventType.RECEIVED: Reception,
    EventType.STEP: Step,
    EventType.PRINTED: Printed,
}


@dataclass(frozen=True, slots=True)
class DossierEvent:
    """The envelope: the same keys on the desk journal, the outbox, central and the pulled streams."""

    event_id: str
    event_type: EventType
    dossier_id: str
    unit_code: str
    action: str
    to_status: int
    occurred_at: str
    actor: str
    data: Body
    dossier_code: str | None = None
    desk_id: str | None = None
    from_status: int | None = None
    note: str = ""
    department_step: str | None = None  # set by central for a department's step

    ENVELOPE_KEYS: ClassVar[frozenset[str]] = frozenset(
        {
            "event_id",
            "event_type",
            "dossier_id",
            "unit_code",
            "action",
            "to_status",
            "occurred_at",
            "actor",
            "data",
            "dossier_code",
            "desk_id",
            "from_status",
            "note",
            "department_step",
        }
    )

    def to_json(self) -> dict[str, Any]:
        """The payload dict (what is hashed, stored and sent)."""
        out: dict[str, Any] = {
            "event_id": self.event_id,
            "event_type": self.event_type.value,
            "dossier_id": self.dossier_id,
            "dossier_code": self.dossier_code,
            "unit_code": self.unit_code,
            "action": self.action,
            "from_status": self.from_status,
            "to_status": self.to_status,
            "occurred_at": self.occurred_at,
            "actor": self.actor,
            "note": self.note,
            "data": body_json(self.data),
        }
        if self.desk_id is not None:
            out["desk_id"] = self.desk_id
        if self.department_step is not None:
            out["department_step"] = self.department_step
        return out

    def canonical(self) -> str:
        """The canonical JSON of :meth:`to_json`."""
        return canonical_json(self.to_json())

    @classmethod
    def from_json_text(cls, text: str) -> DossierEvent:
        """Parse a stored payload (journal or outbox)."""
        try:
            payload = json.loads(text)
        except ValueError:
            raise MalformedEvent("not_json", "payload") from None
        return cls.from_json(payload)

    @classmethod
    def from_json(cls, payload: Any) -> DossierEvent:
        """Parse and check a payload; raises :class:`MalformedEvent`."""
        if not isinstance(payload, dict):
            raise MalformedEvent("not_an_object", "payload")
        unknown = set(payload) - cls.ENVELOPE_KEYS
        if unknown:
            raise MalformedEvent("unknown_field", ", ".join(sorted(unknown)))
        raw_type = payload.get("event_type")
        try:
            event_type = EventType(str(raw_type))
        except ValueError:
            raise MalformedEvent("unknown_event_type", str(raw_type)) from None
        envelope = {k: v for k, v in payload.items() if k not in ("event_type", "data")}
        for name in ("event_id", "dossier_id", "unit_code", "action", "occurred_at", "actor"):
            _need(envelope, name, str)
        _need(envelope, "to_status", int)
        for name in ("dossier_code", "desk_id", "department_step"):
            _optional(envelope, name, str)
        _optional(envelope, "from_status", int)
        _optional(envelope, "note", str)
        if "data" not in payload:
            raise MalformedEvent("missing_field", "data")
        body = decode(BODY_OF[event_type], payload["data"], "data")
        return cls(event_type=event_type, data=body, **{**envelope, "note": envelope.get("note") or ""})


def _need(values: dict[str, Any], name: str, kind: type) -> None:
    if name not in values:
        raise MalformedEvent("missing_field", name)
    _check_scalar(values[name], kind, name)


def _optional(values: dict[str, Any], name: str, kind: type) -> None:
    if values.get(name) is not None:
        _check_scalar(values[name], kind, name)


def _check_scalar(value: Any, kind: type, where: str) -> None:
    # bool is an int in Python; a status or a count given as true/false is a malformed body.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise MalformedEvent("bad_type", f"{where}: expected {kind.__name__}")


def body_json(body: Any) -> dict[str, Any]:
    """A body as a JSON dict; fields left at None are not written (they are not the action's)."""
    out: dict[str, Any] = {}
    for f in fields(body):
        value = getattr(body, f.name)
        if value is None:
            continue
        out[f.name] = _value_json(value)
    return out


def _value_json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return body_json(value)
    if isinstance(value, tuple):
        return [_value_json(v) for v in value]
    return value


T = TypeVar("T")


def decode(cls: type[T], value: Any, where: str) -> T:
    """A dataclass from its JSON dict, refusing what the declaration does not allow."""
    if not isinstance(value, dict):
        raise MalformedEvent("not_an_object", where)
    hints = get_type_hints(cls)
    declared = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = set(value) - set(declared)
    if unknown:
        raise MalformedEvent("unknown_field", f"{where}: {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    for name, f in declared.items():
        path = f"{where}.{name}"
        if name not in value:
            if f.default is MISSING and f.default_factory is MISSING:
                raise MalformedEvent("missing_field", path)
            continue
        kwargs[name] = _decode_value(hints[name], value[name], path)
    return cls(**kwargs)


def _decode_value(hint: Any, value: Any, where: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            if type(None) in get_args(hint):
                return None
            raise MalformedEvent("bad_type", f"{where}: null")
        return _decode_value(options[0], value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise MalformedEvent("bad_type", f"{where}: expected a list")
        item = get_args(hint)[0]
        return tuple(_decode_value(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if isinstance(hint, type) and is_dataclass(hint):
        return decode(hint, value, where)
    if hint in (str, int, bool):
        _check_scalar(value, hint, where)
        return value
    raise MalformedEvent("undeclared_type", where)  # a declaration this decoder does not read
