"""Desks for central's tests: real desk databases whose outbox rows are what gets pushed."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from desk_app.services.container import Services
from desk_app.sync.protocol import PushEvent, canonical_json, payload_sha256
from tests.central_fixtures import UNIT
from tests.unit.services.lifecycle import OFFICER, draft


def enrol(central: Any, services: Services, slot: int = 1) -> str:
    """Enrol a desk database with central (services only, no HTTP); returns its token."""
    code = central.admin.enrol_code(UNIT, slot)
    identity = services.sync.store.identity()
    answer = central.admin.enrol(
        code, identity.unit_code, identity.code_slot, services.sync.store.next_push_seq()
    )
    return str(answer["token"])


def receive(services: Services, n: int = 1) -> list[str]:
    """Codes of ``n`` accepted dossiers."""
    codes = []
    for _ in range(n):
        outcome, _changes = services.reception.receive(draft(services), OFFICER)
        assert outcome.code
        codes.append(outcome.code)
    return codes


def wire(events: list[PushEvent]) -> dict[str, Any]:
    """A push body."""
    return {"batch_id": "t", "events": [e.to_json() for e in events]}


def edited(event: PushEvent, **changes: Any) -> PushEvent:
    """The event with payload fields changed and its hash recomputed."""
    payload = copy.deepcopy(event.payload)
    payload.update(changes)
    return replace(event, payload=payload, payload_sha256=payload_sha256(canonical_json(payload)))
