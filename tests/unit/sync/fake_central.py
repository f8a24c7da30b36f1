"""An in-memory stand-in for central speaking the wire protocol of ``desk_app.sync.protocol``.

Plugged into ``SyncClient(..., transport=httpx.MockTransport(fake.handler))`` or the desk's
``SyncService.transport``, it does in memory what sync.md §2.3/§2.6 asks of central: enrolment, meta,
push (per-desk contiguity, idempotency by event id with the hash compared, gap-free ``server_seq``, the
desks' own projection deciding business refusals, rejections kept) and pull (the unit's change log,
department steps injected here included). ``central/`` is never imported: this is a stand-in, small
enough to read as the specification. Faults come from :meth:`fail_next`; nothing is ever forgotten
except by an explicit :meth:`restore` (central restored from a backup).
"""

from __future__ import annotations

import copy
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import httpx

from desk_app.core.codes import parse_dossier_code
from desk_app.core.errors import InvalidInput
from desk_app.core.events import DossierEvent, EventType, MalformedEvent, RejectReason, Step
from desk_app.core.projection import DossierState, NotApplicable, project
from desk_app.core.workflow import TRANSITIONS, Action, DossierStatus
from desk_app.sync import protocol as wire
from desk_app.sync.protocol import PullItem, PushEvent, PushResult

URL = "http://central.test"
REFERENCE_SCOPE = "*"
# Fault modes of ``fail_next``: where the request is dropped relative to central applying it.
REFUSE = "refuse"  # no connection at all: nothing reaches central (httpx.ConnectError)
DROP_REQUEST = "drop_request"  # the request is lost on the way: nothing applied (httpx.ReadTimeout)
LOSE_RESPONSE = "lose_response"  # central applies and commits, the answer is lost (httpx.ReadTimeout)
HTTP_500 = "http_500"  # central fails before applying anything
FAULTS = (REFUSE, DROP_REQUEST, LOSE_RESPONSE, HTTP_500)
_INFO_STEPS = {
    "started": {DossierStatus.RECEIVED, DossierStatus.PROCESSING},
    "result-ready": {DossierStatus.FINISHED},
}


class Reply(Exception):
    """An error answer: status code and ``{"error": code, ...}`` body."""

    def __init__(self, status: int, error: str, **extra: Any) -> None:
        super().__init__(f"{status} {error}")
        self.status = status
        self.body = {"error": error, "message": error, **extra}


class Refusal(Exception):
    """A business refusal of one event: stored with it as ``rejected``, the batch goes on."""

    def __init__(self, reason: RejectReason) -> None:
        super().__init__(reason)
        self.reason = reason


def _refuse_if(condition: bool, reason: RejectReason) -> None:
    if condition:
        raise Refusal(reason)


@dataclass
class StoredEvent:
    """A desk event as central keeps it (never deleted)."""

    event: PushEvent
    desk_id: str
    server_seq: int
    status: str  # applied | rejected
    reason: str = ""


@dataclass
class FakeDesk:
    """An enrolled desk."""

    desk_id: str
    unit_code: str
    code_slot: int
    enrolment_epoch: int
    hwm: int = 0
    revoked: bool = False
    seqs: dict[int, str] = field(default_factory=dict)  # desk_seq -> event_id


@dataclass
class State:
    """Everything central stores (deep-copied by ``backup``)."""

    epoch: str = field(default_factory=lambda: str(uuid.uuid4()))
    head: int = 0  # the last server_seq issued: gap-free, in commit order
    desks: dict[str, FakeDesk] = field(default_factory=dict)  # token -> desk
    enrol_codes: dict[str, tuple[str, int]] = field(default_factory=dict)
    events: dict[str, StoredEvent] = field(default_factory=dict)  # event_id -> stored, in arrival order
    changes: list[tuple[int, str, str, PullItem]] = field(default_factory=list)  # (seq, stream, scope, item)
    dossiers: dict[str, DossierState] = field(default_factory=dict)  # central's projection
    codes: dict[str, str] = field(default_factory=dict)  # dossier code -> dossier_id


class FakeCentral:
    """Central in memory; ``handler`` is the ``httpx.MockTransport`` handler."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self.now = now  # central's clock (the desk's, in the tests: the offset is then 0)
        self.state = State()
        self.protocol_range = (wire.PROTOCOL_MIN, wire.PROTOCOL_MAX)
        self.retention_floor = 0  # cursors in (0, floor) are expired: 410
        self.faults: dict[str, list[str]] = {}  # path -> modes for the next requests ("": none), in order
        self.requests: list[tuple[str, str, str]] = []  # (method, path, what happened)

    def transport(self) -> httpx.MockTransport:
        """A transport for ``SyncClient`` / ``SyncService.transport``."""
        return httpx.MockTransport(self.handler)

    def fail_next(self, path: str, mode: str, times: int = 1, *, after: int = 0) -> None:
        """After ``after`` good requests to ``path`` (e.g. "/v1/push"), the next ``times`` meet ``mode``."""
        assert mode in FAULTS, mode
        self.faults.setdefault(path, []).extend([""] * after + [mode] * times)

    def handler(self, request: httpx.Request) -> httpx.Response:
        """Route one request; faults first, then the endpoint."""
        path = request.url.path
        pending = self.faults.get(path) or []
        fault = pending.pop(0) if pending else ""
        if fault in (REFUSE, DROP_REQUEST, HTTP_500):  # nothing reaches central's data
            self.requests.append((request.method, path, fault))
            if fault == HTTP_500:
                return httpx.Response(500, json={"error": "internal", "message": "boom"})
            raise (httpx.ConnectError if fault == REFUSE else httpx.ReadTimeout)(fault, request=request)
        try:
            body = self._route(request, path)
        except Reply as reply:
            self.requests.append((request.method, path, str(reply.status)))
            return httpx.Response(reply.status, json=reply.body)
        self.requests.append((request.method, path, LOSE_RESPONSE if fault == LOSE_RESPONSE else "200"))
        if fault == LOSE_RESPONSE:  # applied and committed above; the answer never arrives
            raise httpx.ReadTimeout("response lost", request=request)
        return httpx.Response(200, json=body)

    def _route(self, request: httpx.Request, path: str) -> dict[str, Any]:
        version = int(request.headers.get(wire.HEADER_PROTOCOL) or wire.PROTOCOL_MIN)
        if version < self.protocol_range[0]:
            raise Reply(426, "upgrade_required")
        if (request.method, path) == ("POST", "/v1/enrol"):
            return self._enrol(json.loads(request.content))
        desk = self._desk(request.headers.get("Authorization", ""))
        if (request.method, path) == ("GET", "/v1/meta"):
            return self._meta(desk)
        if (request.method, path) == ("POST", "/v1/push"):
            return self._push(desk, json.loads(request.content))
        if (request.method, path) == ("GET", "/v1/pull"):
            params = request.url.params
            return self._pull(desk, params["stream"], int(params["after"]), int(params["limit"]))
        raise Reply(404, "not_found")

    def _desk(self, authorization: str) -> FakeDesk:
        token = authorization.removeprefix("Bearer ").strip()
        desk = self.state.desks.get(token)
        if desk is None or desk.revoked:
            raise Reply(401, "unauthorized")
        return desk

    def _seq(self) -> int:
        self.state.head += 1
        return self.state.head

    def _log(self, seq: int, stream: str, scope: str, kind: str, body: dict[str, Any]) -> None:
        self.state.changes.append((seq, stream, scope, PullItem(seq, kind, copy.deepcopy(body))))

    def enrol_code(self, unit_code: str, slot: int) -> str:
        """A one-time enrolment code (what an admin hands the desk)."""
        code = secrets.token_hex(4).upper()
        self.state.enrol_codes[code] = (unit_code, slot)
        return code

    def _enrol(self, body: dict[str, Any]) -> dict[str, Any]:
        wanted = self.state.enrol_codes.pop(str(body["code"]), None)
        if wanted is None:
            raise Reply(403, "enrol_code_invalid")
        if wanted != (body["unit_code"], int(body["code_slot"])):
            raise Reply(409, "identity_mismatch")
        before = [d for d in self.state.desks.values() if (d.unit_code, d.code_slot) == wanted]
        for old in before:
            old.revoked = True
        token = secrets.token_hex(16)
        desk = FakeDesk(str(uuid.uuid4()), wanted[0], wanted[1], len(before) + 1)
        desk.hwm = max(0, int(body["first_desk_seq"]) - 1)
        self.state.desks[token] = desk
        marks = self.code_hwm(desk)
        enrolment = wire.Enrolment(
            desk.desk_id, token, *wanted, desk.enrolment_epoch, self.state.epoch, marks
        )
        return asdict(enrolment)

    def code_hwm(self, desk: FakeDesk) -> dict[str, int]:
        """Per day (YYMMDD), the highest n of the desk's slot among central's dossier codes."""
        marks: dict[str, int] = {}
        for code in self.state.codes:
            parsed = parse_dossier_code(code)
            if parsed.unit_code == desk.unit_code and parsed.slot == desk.code_slot:
                day = f"{parsed.day:%y%m%d}"
                marks[day] = max(marks.get(day, 0), parsed.number_in_slot)
        return marks

    def _meta(self, desk: FakeDesk) -> dict[str, Any]:
        now, epoch, marks = self.now().isoformat(), self.state.epoch, self.code_hwm(desk)
        return asdict(wire.Meta(now, *self.protocol_range, True, "", epoch, desk.hwm, marks, {}))

    def _push(self, desk: FakeDesk, body: dict[str, Any]) -> dict[str, Any]:
        if len(body["events"]) > wire.MAX_BATCH:
            raise Reply(400, "bad_request")
        events = sorted((PushEvent.from_json(e) for e in body["events"]), key=lambda e: e.desk_seq)
        for event in events:
            if wire.payload_sha256(wire.canonical_json(event.payload)) != event.payload_sha256:
                raise Reply(422, wire.PAYLOAD_MISMATCH, event_id=event.event_id)
        # Every check that refuses the whole request runs before the first write: all or nothing.
        expected = desk.hwm + 1
        for event in events:
            if event.desk_seq <= desk.hwm:
                if desk.seqs.get(event.desk_seq) != event.event_id:
                    raise Reply(409, wire.SEQ_REUSED, desk_hwm=desk.hwm, desk_seq=event.desk_seq)
            elif event.desk_seq != expected:
                raise Reply(409, wire.GAP, expected=expected, desk_hwm=desk.hwm)
            else:
                expected += 1
        for event in events:
            known = self.state.events.get(event.event_id)
            if known is not None and known.event.payload_sha256 != event.payload_sha256:
                raise Reply(422, wire.PAYLOAD_MISMATCH, event_id=event.event_id)
        results: list[PushResult] = []
        blocked: set[str] = set()
        for event in events:
            known = self.state.events.get(event.event_id)
            if known is not None:
                results.append(PushResult(event.event_id, wire.DUPLICATE, known.server_seq, known.reason))
                continue
            seq = self._seq()
            reason = RejectReason.BLOCKED_BY_PRIOR.value if event.aggregate_id in blocked else ""
            reason = reason or self._apply(desk, event, seq)
            stored = StoredEvent(event, desk.desk_id, seq, wire.REJECTED if reason else wire.APPLIED, reason)
            self.state.events[event.event_id] = stored
            desk.seqs[event.desk_seq] = event.event_id
            if reason:
                blocked.add(event.aggregate_id)
                rejected = {"event_id": event.event_id, "reason": reason}
                self._log(seq, wire.STREAM_UNIT, desk.unit_code, "event.rejected", rejected)
            results.append(PushResult(event.event_id, stored.status, seq, reason))
        desk.hwm = max([desk.hwm, *(e.desk_seq for e in events)])
        return asdict(wire.PushResponse(tuple(results), desk.hwm, self.now().isoformat()))

    def _apply(self, desk: FakeDesk, pushed: PushEvent, seq: int) -> str:
        """The business effect; returns the rejection reason ("" when applied and logged)."""
        try:
            event, after = self._judge(desk, pushed)
        except Refusal as refusal:
            return refusal.reason.value
        if after.dossier_code:
            self.state.codes[after.dossier_code] = event.dossier_id
        self.state.dossiers[event.dossier_id] = after
        body = {
            "event_id": pushed.event_id,
            "event_type": pushed.event_type,
            "origin": f"desk:{desk.desk_id}",
            "payload": pushed.payload,
        }
        self._log(seq, wire.STREAM_UNIT, desk.unit_code, wire.KIND_EVENT, body)
        return ""

    def _judge(self, desk: FakeDesk, pushed: PushEvent) -> tuple[DossierEvent, DossierState]:
        """The dossier after the event, by the desks' own projection; raises Refusal (sync.md §2.7)."""
        payload = pushed.payload
        _refuse_if(payload.get("unit_code") != desk.unit_code, RejectReason.WRONG_UNIT)
        envelope = (payload.get("dossier_id"), payload.get("event_type"))
        _refuse_if(envelope != (pushed.aggregate_id, pushed.event_type), RejectReason.BAD_PAYLOAD)
        try:
            event = DossierEvent.from_json(payload)
        except MalformedEvent:
            raise Refusal(RejectReason.MALFORMED) from None
        _refuse_if(event.action not in Action._value2member_map_, RejectReason.UNKNOWN_ACTION)
        before = self.state.dossiers.get(event.dossier_id)
        received = event.event_type is EventType.RECEIVED
        _refuse_if(not received and before is None, RejectReason.UNKNOWN_DOSSIER)
        _refuse_if(received and before is not None, RejectReason.DUPLICATE_DOSSIER)
        try:
            after = project(before, event)
        except NotApplicable:
            raise Refusal(RejectReason.INVALID_TRANSITION) from None
        _refuse_if(after.status != event.to_status, RejectReason.STATUS_MISMATCH)
        if after.dossier_code and (before is None or before.dossier_code is None):
            self._check_code(desk, after.dossier_code, event.dossier_id)  # issued now
        else:
            _refuse_if(
                before is not None and event.dossier_code not in (None, before.dossier_code),
                RejectReason.CODE_CHANGED,
            )
        return event, after

    def _check_code(self, desk: FakeDesk, code: str, dossier_id: str) -> None:
        try:
            parsed = parse_dossier_code(code)
        except InvalidInput:
            raise Refusal(RejectReason.BAD_CODE) from None
        _refuse_if(parsed.unit_code != desk.unit_code, RejectReason.WRONG_UNIT)
        _refuse_if(parsed.slot != desk.code_slot, RejectReason.WRONG_SLOT)
        _refuse_if(self.state.codes.get(code, dossier_id) != dossier_id, RejectReason.CODE_CONFLICT)

    def _pull(self, desk: FakeDesk, stream: str, after: int, limit: int) -> dict[str, Any]:
        if stream not in wire.STREAMS or after < 0 or not 1 <= limit <= wire.MAX_PAGE:
            raise Reply(400, "bad_request")
        if 0 < after < self.retention_floor:
            raise Reply(410, wire.CURSOR_EXPIRED)
        scope = desk.unit_code if stream == wire.STREAM_UNIT else REFERENCE_SCOPE
        rows = [
            item for seq, s, sc, item in self.state.changes if s == stream and sc == scope and seq > after
        ]
        page, has_more = rows[:limit], len(rows) > limit
        # Nothing more to read: the cursor moves to the head (other units' changes are never read).
        next_cursor = (
            page[-1].server_seq if has_more else max([after, self.state.head, *(i.server_seq for i in page)])
        )
        return asdict(wire.PullPage(tuple(page), next_cursor, has_more, self.state.epoch))

    def department_step(self, dossier_code: str, step: str, department: str = "Tư pháp") -> str:
        """A department records a step (``wire.DEPARTMENT_ACTIONS``); returns the new event's id."""
        dossier_id = self.state.codes[dossier_code]
        state = self.state.dossiers[dossier_id]
        current = DossierStatus(state.status)
        action = wire.DEPARTMENT_ACTIONS[step]
        target = current if action is None else TRANSITIONS.get((current, Action(action)))
        if target is None or (action is None and current not in _INFO_STEPS[step]):
            raise ValueError(f"{step} is not possible in status {int(current)}")
        event = DossierEvent(
            event_id=str(uuid.uuid4()),
            event_type=EventType.STEP,
            dossier_id=dossier_id,
            dossier_code=dossier_code,
            unit_code=parse_dossier_code(dossier_code).unit_code,
            action=action or f"dept-{step}",
            department_step=step,
            from_status=int(current),
            to_status=int(target),
            occurred_at=self.now().replace(microsecond=0).isoformat(),
            actor=department,
            data=Step(department=department),
        )
        after = project(state, event)
        seq = self._seq()
        self.state.dossiers[dossier_id] = after
        body = {
            "event_id": event.event_id,
            "event_type": EventType.STEP.value,
            "origin": f"dept:{department}",
            "payload": event.to_json(),
        }
        self._log(seq, wire.STREAM_UNIT, event.unit_code, wire.KIND_EVENT, body)
        return event.event_id

    def revoke(self, desk_id: str) -> None:
        """An admin revokes a desk (its accepted events stay)."""
        for desk in self.state.desks.values():
            if desk.desk_id == desk_id:
                desk.revoked = True

    def new_epoch(self) -> None:
        """The restore runbook's step: a new server epoch (the data stays)."""
        self.state.epoch = str(uuid.uuid4())

    def backup(self) -> State:
        """A copy of everything central stores now."""
        return copy.deepcopy(self.state)

    def restore(self, backup: State) -> None:
        """Central restored from ``backup``: what came later is gone; a new epoch (sync.md §2.12)."""
        self.state = copy.deepcopy(backup)
        self.new_epoch()

    def desk_events(self, desk_id: str | None = None) -> list[StoredEvent]:
        """Stored desk events in arrival order (optionally one desk's)."""
        return [e for e in self.state.events.values() if desk_id is None or e.desk_id == desk_id]

    def unit_items(self, unit_code: str) -> list[PullItem]:
        """The unit stream as a desk of ``unit_code`` pulls it."""
        return [
            item
            for _seq, s, scope, item in self.state.changes
            if s == wire.STREAM_UNIT and scope == unit_code
        ]

    def posts(self, path: str) -> int:
        """How many requests to ``path`` reached the handler (faulted ones included)."""
        return sum(1 for _m, p, _what in self.requests if p == path)
