"""Re-learning this desk's own dossiers from the unit stream after its database lost its tail.

A restored backup (or power loss on hardware that lies about fsync) can lose dossiers and steps this
desk already pushed. Central still has them and sends them back on the ``unit_dossiers`` stream; the
desk rebuilds each from its ``dossier.received`` payload and replays its later steps (sync.md §2.12).
A dossier whose code or register number was re-issued here in the meantime is not overwritten: it
becomes a review item (a printed code is never renumbered automatically).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text

from desk_app.core.text import fold
from desk_app.core.workflow import DossierStatus
from desk_app.models import ChecklistAnswerRecord, DossierEventRecord, DossierRecord, ProcedureVersionRecord
from desk_app.services import journal
from desk_app.services.timefmt import iso
from desk_app.sync.protocol import canonical_json

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.sync.protocol import PullItem

RECEIVED = "dossier.received"


def is_own(session: Session, payload: dict[str, Any]) -> bool:
    """The event was written by this desk (its identity survives a restore; central's desk id may not)."""
    return payload.get("desk_id") == journal.identity(session).desk_id


def relearn(
    session: Session,
    item: PullItem,
    now: datetime,
    conflict: Callable[[Session, str, str, str, datetime], None],
) -> bool:
    """Apply one of this desk's own events that the desk does not hold; True when something changed."""
    body = item.body
    payload: dict[str, Any] = dict(body.get("payload") or {})
    event_id = str(body.get("event_id"))
    dossier = session.get(DossierRecord, str(payload.get("dossier_id")))
    if body.get("event_type") == RECEIVED:
        if dossier is not None:
            return False
        dossier = _rebuild(session, event_id, payload, now, conflict)
        if dossier is None:
            return False
        previous: int | None = None
    elif dossier is None:
        return False  # its reception could not be re-learned: that is already a review item
    else:
        previous = dossier.status
        if not _newer_events(session, dossier.dossier_id, item.server_seq):
            _replay_step(dossier, payload)
        # else: the desk acted on this dossier after the step it lost (those events are later in
        # central's order, or still pending): its projection already shows their outcome.
    desk = journal.identity(session)
    journal.record_pulled_event(
        session,
        event_id=event_id,
        dossier_id=dossier.dossier_id,
        server_seq=item.server_seq,
        event_type=str(body.get("event_type")),
        action=str(payload.get("action")),
        statuses=(previous, int(payload.get("to_status") or dossier.status)),
        actor=str(payload.get("actor") or ""),
        occurred_at=str(payload.get("occurred_at") or iso(now)),
        recorded_at=now,
        note=str(payload.get("note") or ""),
        payload=canonical_json(payload),
        origin=f"desk:{desk.desk_id}",
    )
    return True


def _rebuild(
    session: Session,
    event_id: str,
    payload: dict[str, Any],
    now: datetime,
    conflict: Callable[[Session, str, str, str, datetime], None],
) -> DossierRecord | None:
    data: dict[str, Any] = dict(payload.get("data") or {})
    code = payload.get("dossier_code")
    version_id = session.scalar(
        select(ProcedureVersionRecord.id)
        .where(ProcedureVersionRecord.code == str(data.get("procedure_code")))
        .order_by(
            (ProcedureVersionRecord.version == data.get("procedure_version")).desc(),
            ProcedureVersionRecord.version.desc(),
        )
        .limit(1)
    )
    if version_id is None:
        conflict(session, event_id, "relearn_unknown_procedure", str(data.get("procedure_code")), now)
        return None
    if code and session.scalar(select(DossierRecord.dossier_id).where(DossierRecord.dossier_code == code)):
        conflict(
            session,
            event_id,
            "relearn_code_reissued",
            f"{code}: central holds this desk's dossier with this code; the desk re-issued it after the loss",
            now,
        )
        return None
    year, number = data.get("register_year"), data.get("register_number")
    if number is not None and session.scalar(
        select(DossierRecord.dossier_id).where(
            DossierRecord.register_year == year, DossierRecord.register_number == number
        )
    ):
        conflict(
            session, event_id, "relearn_register_reissued", f"{code}: register number {number}/{year}", now
        )
        return None
    applicant: dict[str, Any] = dict(data.get("applicant") or {})
    status = int(payload.get("to_status") or DossierStatus.RECEIVED)
    dossier = DossierRecord(
        dossier_id=str(payload["dossier_id"]),
        dossier_code=code,
        origin="local",
        procedure_version_id=version_id,
        procedure_code=str(data.get("procedure_code")),
        rule_set=str(data.get("rule_set") or ""),
        channel=str(data.get("channel") or "direct"),
        postal_handover_at=data.get("postal_handover_at"),
        applicant_kind=str(applicant.get("kind") or "person"),
        applicant_name=str(applicant.get("name") or ""),
        applicant_name_folded=fold(str(applicant.get("name") or "")),
        applicant_id_number=applicant.get("id_number"),
        applicant_phone=applicant.get("phone"),
        applicant_email=applicant.get("email"),
        applicant_address=applicant.get("address"),
        applicant_from_card=bool(applicant.get("from_card")),
        summary=data.get("summary"),
        received_at=str(data.get("received_at") or payload.get("occurred_at")),
        accepted_at=data.get("accepted_at"),
        counted_from=data.get("counted_from"),
        due_at=data.get("due_at"),
        original_due_at=data.get("due_at"),
        limit_spec=data.get("limit"),
        calendar_version=data.get("calendar_version"),
        due_source=data.get("due_source"),
        status=status,
        register_year=year,
        register_number=number,
        created_by=str(payload.get("actor") or ""),
        bundles=int(data.get("bundles") or 1),
        holder=journal.DESK_LOCATION,
        supplement_count=1 if status == DossierStatus.SUPPLEMENT_REQUESTED else 0,
        closed_at=payload.get("occurred_at") if status == DossierStatus.REFUSED else None,
        late_entry=bool(data.get("late_entry")),
        late_entry_reason=data.get("late_entry_reason"),
    )
    session.add(dossier)
    session.flush()
    received = list(data.get("received") or [])
    if received:
        session.execute(
            insert(ChecklistAnswerRecord),
            [
                {
                    "dossier_id": dossier.dossier_id,
                    "round": 0,
                    "position": int(a["position"]),
                    "originals": int(a.get("originals") or 0),
                    "copies": int(a.get("copies") or 0),
                    "shown": bool(a.get("shown")),
                    "applies": True,
                }
                for a in received
            ],
        )
    if number is not None:
        _at_least(session, f"register:{year}", int(number))
    return dossier


def _newer_events(session: Session, dossier_id: str, server_seq: int) -> bool:
    """The desk holds events of the dossier that come after ``server_seq`` (or are not yet sent)."""
    return (
        session.scalar(
            select(DossierEventRecord.event_id)
            .where(
                DossierEventRecord.dossier_id == dossier_id,
                (DossierEventRecord.server_seq > server_seq) | DossierEventRecord.server_seq.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def _replay_step(dossier: DossierRecord, payload: dict[str, Any]) -> None:
    """The projection of a step this desk took and lost (the fields its own action set)."""
    data: dict[str, Any] = dict(payload.get("data") or {})
    stamp = payload.get("occurred_at")
    status = int(payload.get("to_status") or dossier.status)
    dossier.status = status
    dossier.row_version += 1
    if data.get("department"):
        dossier.department = dossier.holder = str(data["department"])
    if data.get("holder"):
        dossier.holder = str(data["holder"])
    if data.get("new_due_at"):
        dossier.due_at = str(data["new_due_at"])
        dossier.reschedule_count += 1
    elif data.get("due_at"):
        dossier.due_at = dossier.original_due_at = str(data["due_at"])
    if data.get("dossier_code") and dossier.dossier_code is None:
        dossier.dossier_code = str(data["dossier_code"])
    if status in (DossierStatus.FINISHED, DossierStatus.STOPPED):
        dossier.finished_at = dossier.finished_at or stamp
    if status in (DossierStatus.RETURNED, DossierStatus.STOPPED, DossierStatus.WITHDRAWN):
        dossier.closed_at = stamp
    if status == DossierStatus.RETURNED:
        dossier.returned_at = stamp
        dossier.holder = str(data.get("collector") or dossier.holder)


def _at_least(session: Session, name: str, value: int) -> None:
    session.execute(
        text(
            "INSERT INTO desk_counters (name, value) VALUES (:name, :v) "
            "ON CONFLICT (name) DO UPDATE SET value = max(value, :v)"
        ),
        {"name": name, "v": value},
    )
