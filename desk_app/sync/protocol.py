"""The sync wire format (sync.md §2.3), shared by the desk and the central server.

Plain data and checks only (stdlib): the same definitions on both sides, so they cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desk_app.core.events import PullKind, canonical_json, payload_sha256

__all__ = ["canonical_json", "payload_sha256"]  # the wire's hash, declared once in core/events.py

PROTOCOL_VERSION = 1
PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
MAX_BATCH = 100
MAX_PAGE = 500

HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_APP_VERSION = "X-App-Version"
HEADER_SCHEMA = "X-Schema-Version"

STREAM_UNIT = "unit_dossiers"
STREAM_REFERENCE = "reference"
STREAMS = (STREAM_UNIT, STREAM_REFERENCE)


class PushStatus(StrEnum):
    """Central's verdict on one pushed event."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"  # a resend of an event central already holds (same payload)
    REJECTED = "rejected"


APPLIED = PushStatus.APPLIED
DUPLICATE = PushStatus.DUPLICATE
REJECTED = PushStatus.REJECTED

# Error codes carried in 409/410/422 bodies as {"error": code, ...}.
GAP = "gap"
SEQ_REUSED = "desk_seq_reused"
PAYLOAD_MISMATCH = "payload_mismatch"
CURSOR_EXPIRED = "cursor_expired"

# Kinds of items in the pulled streams (declared in core/events.py).
KIND_EVENT = PullKind.EVENT.value
KIND_CATALOGUE = PullKind.CATALOGUE.value
KIND_CALENDAR = PullKind.CALENDAR.value
KIND_REJECTED = PullKind.REJECTED.value

# Department processing steps recorded on central, and the dossier action each one is.
DEPARTMENT_ACTIONS: dict[str, str | None] = {
    "started": None,  # information only: the department began work
    "fee-requested": "request-fee",
    "finished": "finish",
    "result-ready": None,  # information only: the result is at the desk
    "stopped": "stop",
}
CLOCK_WARN_MS = 5 * 60 * 1000  # |offset| above this: a banner, events flagged on central
CLOCK_BLOCK_MS = 60 * 60 * 1000  # |offset| above this: no new codes until a supervisor acts


@dataclass(frozen=True, slots=True)
class PushEvent:
    """One outbox row on the wire."""

    event_id: str
    desk_seq: int
    event_type: str
    event_version: int
    aggregate_id: str
    payload: dict[str, Any]
    payload_sha256: str
    local_time: str
    hlc: str

    def to_json(self) -> dict[str, Any]:
        """The wire dict (the payload is shared, not copied: events are immutable)."""
        return {
            "event_id": self.event_id,
            "desk_seq": self.desk_seq,
            "event_type": self.event_type,
            "event_version": self.event_version,
            "aggregate_id": self.aggregate_id,
            "payload": self.payload,
            "payload_sha256": self.payload_sha256,
            "local_time": self.local_time,
            "hlc": self.hlc,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PushEvent:
        """Parse and check one event; raises ValueError naming the problem."""
        try:
            event = cls(
                event_id=str(data["event_id"]),
                desk_seq=int(data["desk_seq"]),
                event_type=str(data["event_type"]),
                event_version=int(data["event_version"]),
                aggregate_id=str(data["aggregate_id"]),
                payload=dict(data["payload"]),
                payload_sha256=str(data["payload_sha256"]),
                local_time=str(data["local_time"]),
                hlc=str(data.get("hlc", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed event: {exc}") from None
        if event.desk_seq < 1:
            raise ValueError("desk_seq must be at least 1")
        return event


@dataclass(frozen=True, slots=True)
class PushResult:
    """The server's verdict on one event."""

    event_id: str
    status: str  # applied | duplicate | rejected
    server_seq: int | None = None
    reason: str = ""

    @property
    def rejected(self) -> bool:
        """Refused now, or refused before.

        A resend of an event central holds as rejected is answered ``duplicate`` with the stored
        reason: the first answer may have been lost on the way, and the refusal must still be shown.
        """
        return self.status == REJECTED or (self.status == DUPLICATE and bool(self.reason))

    @property
    def acked(self) -> bool:
        """Stored on central and applied (now, or the first time it was sent)."""
        return self.status in (APPLIED, DUPLICATE) and not self.rejected

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {
            "event_id": self.event_id,
            "status": str(self.status),
            "server_seq": self.server_seq,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class PushResponse:
    """A 200 to a push."""

    results: tuple[PushResult, ...]
    desk_hwm: int
    server_time: str

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {
            "results": [r.to_json() for r in self.results],
            "desk_hwm": self.desk_hwm,
            "server_time": self.server_time,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PushResponse:
        """Parse the response body."""
        return cls(
            tuple(
                PushResult(
                    str(r["event_id"]), str(r["status"]), r.get("server_seq"), str(r.get("reason") or "")
                )
                for r in data["results"]
            ),
            int(data["desk_hwm"]),
            str(data["server_time"]),
        )


@dataclass(frozen=True, slots=True)
class PullItem:
    """One change of a stream."""

    server_seq: int
    kind: str
    body: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {"server_seq": self.server_seq, "kind": self.kind, "body": self.body}


@dataclass(frozen=True, slots=True)
class PullPage:
    """A page of a stream, from one consistent snapshot."""

    items: tuple[PullItem, ...]
    next_cursor: int
    has_more: bool
    server_epoch: str

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {
            "items": [i.to_json() for i in self.items],
            "next_cursor": self.next_cursor,
            "has_more": self.has_more,
            "server_epoch": self.server_epoch,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PullPage:
        """Parse the response body."""
        return cls(
            tuple(PullItem(int(i["server_seq"]), str(i["kind"]), dict(i["body"])) for i in data["items"]),
            int(data["next_cursor"]),
            bool(data["has_more"]),
            str(data["server_epoch"]),
        )


@dataclass(frozen=True, slots=True)
class Meta:
    """``GET /v1/meta``."""

    server_time: str
    protocol_min: int
    protocol_max: int
    should_continue: bool
    message: str
    server_epoch: str
    desk_hwm: int
    code_hwm: dict[str, int] = field(default_factory=dict)  # YYMMDD -> highest n in the slot
    reference_versions: dict[str, int] = field(default_factory=dict)
    desk_id: str = ""  # who central thinks is asking (a check for the desk's own identity)
    log_floor: int = 0  # the change log holds every change from this server_seq on (older: retention)

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {
            "server_time": self.server_time,
            "protocol_min": self.protocol_min,
            "protocol_max": self.protocol_max,
            "should_continue": self.should_continue,
            "message": self.message,
            "server_epoch": self.server_epoch,
            "desk_hwm": self.desk_hwm,
            "code_hwm": dict(self.code_hwm),
            "reference_versions": dict(self.reference_versions),
            "desk_id": self.desk_id,
            "log_floor": self.log_floor,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meta:
        """Parse the response body."""
        return cls(
            str(data["server_time"]),
            int(data["protocol_min"]),
            int(data["protocol_max"]),
            bool(data["should_continue"]),
            str(data.get("message") or ""),
            str(data["server_epoch"]),
            int(data["desk_hwm"]),
            {str(k): int(v) for k, v in dict(data.get("code_hwm") or {}).items()},
            {str(k): int(v) for k, v in dict(data.get("reference_versions") or {}).items()},
            str(data.get("desk_id") or ""),
            int(data.get("log_floor") or 0),
        )


@dataclass(frozen=True, slots=True)
class Enrolment:
    """``POST /v1/enrol``: who the desk is from now on."""

    desk_id: str
    token: str
    unit_code: str
    code_slot: int
    enrolment_epoch: int
    server_epoch: str
    code_hwm: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """The wire dict."""
        return {
            "desk_id": self.desk_id,
            "token": self.token,
            "unit_code": self.unit_code,
            "code_slot": self.code_slot,
            "enrolment_epoch": self.enrolment_epoch,
            "server_epoch": self.server_epoch,
            "code_hwm": dict(self.code_hwm),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Enrolment:
        """Parse the response body."""
        return cls(
            str(data["desk_id"]),
            str(data["token"]),
            str(data["unit_code"]),
            int(data["code_slot"]),
            int(data["enrolment_epoch"]),
            str(data["server_epoch"]),
            {str(k): int(v) for k, v in dict(data.get("code_hwm") or {}).items()},
        )
