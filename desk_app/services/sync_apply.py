"""Applying pulled items on the desk: department steps of our dossiers, catalogue and calendar releases.

Every apply is idempotent (an event already present, a release already stored: nothing happens), so
replaying a stream from the start converges: that is how a stream is replaced after a server restore.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, select, update

from desk_app.core.calendar import rules_from_release
from desk_app.core.events import DossierEvent, MalformedEvent, ReviewReason
from desk_app.models import (
    CentralCopy,
    DossierEventRecord,
    DossierRecord,
    ReferenceReleaseRecord,
    SyncConflictRecord,
)
from desk_app.services import journal
from desk_app.services.catalogue_sources import read_release_body
from desk_app.services.dossier_state import refold
from desk_app.services.sync_relearn import is_own, relearn
from desk_app.services.timefmt import iso
from desk_app.sync.protocol import (
    KIND_CALENDAR,
    KIND_CATALOGUE,
    KIND_EVENT,
    PullItem,
    canonical_json,
    payload_sha256,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.services.calendar import CalendarService
    from desk_app.services.catalogue_import import CatalogueImportService

CENTRAL = "central"


def conflict(session: Session, event_id: str, reason: str, detail: str, now: datetime) -> None:
    """A review item for the officer (once per event and reason)."""
    exists = session.scalar(
        select(SyncConflictRecord.id).where(
            SyncConflictRecord.event_id == event_id,
            SyncConflictRecord.reason == reason,
            SyncConflictRecord.resolved_at.is_(None),
        )
    )
    if exists is None:
        session.add(SyncConflictRecord(event_id=event_id, reason=reason, detail=detail, created_at=iso(now)))


class PulledItems:
    """Applies one pulled item inside the page's transaction."""

    def __init__(self, importer: CatalogueImportService, calendar: CalendarService) -> None:
        self._importer = importer
        self._calendar = calendar

    def apply_page(self, session: Session, items: list[PullItem], now: datetime) -> int:
        """Apply a page; returns how many items changed the desk's data."""
        ids = [str(i.body.get("event_id")) for i in items if i.kind == KIND_EVENT]
        # The desk's own events come back on the unit stream: one query finds them all, and their
        # server_seq (known from the push answer, unless that answer was lost) is filled in at once.
        known: dict[str, int | None] = {}
        if ids:
            rows = session.execute(
                select(DossierEventRecord.event_id, DossierEventRecord.server_seq).where(
                    DossierEventRecord.event_id.in_(ids)
                )
            )
            known = {str(event_id): seq for event_id, seq in rows}
        unseq = [
            {"eid": str(i.body.get("event_id")), "seq": i.server_seq}
            for i in items
            if i.kind == KIND_EVENT
            and str(i.body.get("event_id")) in known
            and known[str(i.body.get("event_id"))] is None
        ]
        if unseq:
            table = cast(Table, DossierEventRecord.__table__)
            session.execute(
                update(table).where(table.c.event_id == bindparam("eid")).values(server_seq=bindparam("seq")),
                unseq,
            )
        if known:  # after central's restore: a step that comes again is held there after all
            session.execute(
                update(DossierEventRecord)
                .where(
                    DossierEventRecord.event_id.in_(list(known)),
                    DossierEventRecord.central_copy == CentralCopy.UNCONFIRMED,
                )
                .values(central_copy=CentralCopy.HELD)
            )
        return sum(
            1
            for item in items
            if not (item.kind == KIND_EVENT and str(item.body.get("event_id")) in known)
            and self.apply(session, item, now)
        )

    def apply(self, session: Session, item: PullItem, now: datetime) -> bool:
        """True when the item changed the desk's data."""
        if item.kind == KIND_EVENT:
            return self._event(session, item, now)
        if item.kind == KIND_CATALOGUE:
            return self._catalogue(session, item.body)
        if item.kind == KIND_CALENDAR:
            return self._calendar_release(session, item.body)
        return False  # rejected events and kinds this version does not know

    def _event(self, session: Session, item: PullItem, now: datetime) -> bool:
        body = item.body
        payload: dict[str, Any] = dict(body.get("payload") or {})
        event_id = str(body.get("event_id"))
        own = session.get(DossierEventRecord, event_id)
        if own is not None:
            if own.server_seq is None:
                own.server_seq = item.server_seq
            return False
        origin = str(body.get("origin") or CENTRAL)
        if origin.startswith("desk:"):
            # Ours and not held here: lost with the database's tail, re-learned. Another desk's: not kept.
            return relearn(session, item, now, conflict) if is_own(session, payload) else False
        try:
            event = DossierEvent.from_json(payload)
        except MalformedEvent as exc:
            conflict(session, event_id, ReviewReason.MALFORMED_PULLED_EVENT, exc.reason, now)
            return False
        dossier = session.get(DossierRecord, event.dossier_id)
        if dossier is None:
            return False  # another desk's dossier
        journal.record_pulled_event(
            session,
            event_id=event_id,
            dossier_id=dossier.dossier_id,
            server_seq=item.server_seq,
            event_type=event.event_type.value,
            action=event.action,
            statuses=(event.from_status, event.to_status),
            actor=event.actor or origin,
            occurred_at=event.occurred_at,
            recorded_at=now,
            note=event.note,
            payload=event.canonical(),
            origin=origin,
        )
        session.flush()
        # Central's order decides: the dossier is projected again from its events in that order.
        changed, skipped = refold(session, dossier.dossier_id)
        if event_id in skipped:
            conflict(
                session,
                event_id,
                ReviewReason.DEPARTMENT_STEP_NOT_APPLICABLE,
                f"{event.action} from status {dossier.status}",
                now,
            )
        return changed

    def _catalogue(self, session: Session, body: dict[str, Any]) -> bool:
        version = int(body["release_version"])
        if session.get(ReferenceReleaseRecord, ("catalogue", version)) is not None:
            return False
        text = canonical_json(body)
        batch = read_release_body(body, f"central-catalogue-{version}", payload_sha256(text))
        self._importer.import_in(session, batch, CENTRAL)
        session.add(
            ReferenceReleaseRecord(
                kind="catalogue",
                version=version,
                effective_from=str(body.get("published_at") or ""),
                body=text,
            )
        )
        return True

    def _calendar_release(self, session: Session, body: dict[str, Any]) -> bool:
        version = int(body["release_version"])
        if session.get(ReferenceReleaseRecord, ("calendar", version)) is not None:
            return False
        rules = rules_from_release(body)
        self._calendar.new_version_in(session, rules, CENTRAL, f"Lịch do trung tâm ban hành (bản {version})")
        session.add(
            ReferenceReleaseRecord(
                kind="calendar",
                version=version,
                effective_from=str(body.get("effective_from") or ""),
                body=json.dumps(body, ensure_ascii=False),
            )
        )
        return True
