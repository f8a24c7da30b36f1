"""Reading dossiers: lookup by code or id, detail with timeline and allowed actions."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from desk_app.core.codes import DOSSIER_CODE_RE
from desk_app.core.document_kinds import DocumentKind
from desk_app.core.document_numbers import DOCUMENT_NUMBER_RE
from desk_app.core.documents import printable
from desk_app.core.errors import NotFound
from desk_app.core.projection import DESK_LOCATION
from desk_app.core.workflow import Action, DossierStatus, GuardContext, blocking_reasons
from desk_app.i18n import _
from desk_app.models import DossierEventRecord, DossierRecord, ProcedureVersionRecord
from desk_app.services.dto import DossierDetail, DossierSummary, EventSummary
from desk_app.services.timefmt import parse_iso, parse_optional

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

    from desk_app.core.dossier import Actor


def find_dossier(session: Session, ref: str) -> DossierRecord:
    """A dossier by its code (scanned or typed), a slip's number, or the id printed before it had one."""
    ref = ref.strip()
    upper = ref.upper()
    if DOSSIER_CODE_RE.match(upper):
        record = session.scalar(select(DossierRecord).where(DossierRecord.dossier_code == upper))
    elif DOCUMENT_NUMBER_RE.match(upper):
        record = _by_document_number(session, upper)
    else:
        record = session.scalar(select(DossierRecord).where(DossierRecord.dossier_id == ref))
    if record is None:
        raise NotFound(_("Không tìm thấy hồ sơ “{ref}”.").format(ref=ref))
    return record


def _by_document_number(session: Session, number: str) -> DossierRecord | None:
    """The dossier whose decision was given ``number`` (the number travels in the decision's event)."""
    dossier_id = session.scalar(
        select(DossierEventRecord.dossier_id)
        .where(func.json_extract(DossierEventRecord.payload, "$.data.document_number") == number)
        .limit(1)
    )
    if dossier_id is None:
        return None
    return session.scalar(select(DossierRecord).where(DossierRecord.dossier_id == dossier_id))


def summary_of(record: DossierRecord, procedure_name: str) -> DossierSummary:
    """The list row of a dossier."""
    status = DossierStatus(record.status)
    return DossierSummary(
        id=record.dossier_id,
        code=record.dossier_code,
        procedure_code=record.procedure_code,
        procedure_name=procedure_name,
        applicant_name=record.applicant_name,
        status=status,
        status_label=status.label,
        received_at=parse_iso(record.received_at),
        accepted_at=parse_optional(record.accepted_at),
        due_at=parse_optional(record.due_at),
        holder=record.holder,
    )


def guard_context(record: DossierRecord, actor: Actor) -> GuardContext:
    """The context for the buttons: what the dossier itself allows, before the officer types anything."""
    return GuardContext(
        role=actor.role,
        supplement_requests=record.supplement_count,
        reschedules=record.reschedule_count,
        reason="…",
        new_due_later=True,
        collector_named=True,
        department_named=True,
        at_department=record.holder != DESK_LOCATION,
    )


def detail_of(session: Session, record: DossierRecord, actor: Actor) -> DossierDetail:
    """The full view of a dossier."""
    name = (
        session.scalar(
            select(ProcedureVersionRecord.name).where(
                ProcedureVersionRecord.id == record.procedure_version_id
            )
        )
        or ""
    )
    events = events_of(session, record)
    status = DossierStatus(record.status)
    ctx = guard_context(record, actor)
    blocked = {a.value: " ".join(blocking_reasons(status, a, ctx)) for a in Action}
    allowed = tuple(a for a, why in blocked.items() if not why)
    return DossierDetail(
        summary=summary_of(record, name),
        channel=record.channel,
        applicant_id_number=record.applicant_id_number or "",
        applicant_phone=record.applicant_phone or "",
        applicant_email=record.applicant_email or "",
        applicant_address=record.applicant_address or "",
        applicant_from_card=record.applicant_from_card,
        procedure_version_id=record.procedure_version_id,
        calendar_version=record.calendar_version,
        counted_from=parse_optional(record.counted_from),
        original_due_at=parse_optional(record.original_due_at),
        department=record.department,
        supplement_count=record.supplement_count,
        reschedule_count=record.reschedule_count,
        register_year=record.register_year,
        register_number=record.register_number,
        late_entry=record.late_entry,
        needs_receipt=record.needs_receipt,
        finished_at=parse_optional(record.finished_at),
        returned_at=parse_optional(record.returned_at),
        events=tuple(
            EventSummary(
                e.event_id,
                e.action,
                None if e.from_status is None else DossierStatus(e.from_status),
                DossierStatus(e.to_status),
                e.actor,
                parse_iso(e.occurred_at),
                e.note or "",
                e.origin,
                json.loads(e.payload).get("data", {}),
            )
            for e in events
        ),
        allowed_actions=allowed,
        blocked={a: why for a, why in blocked.items() if why},
        printable=printable((e.action for e in events), record.dossier_code is not None),
        return_address=registered_return(events),
    )


def events_of(session: Session, record: DossierRecord) -> list[DossierEventRecord]:
    """The dossier's journal, oldest first (the reception event first)."""
    return list(
        session.scalars(
            select(DossierEventRecord)
            .where(DossierEventRecord.dossier_id == record.dossier_id)
            .order_by(DossierEventRecord.occurred_at, DossierEventRecord.desk_seq)
        )
    )


def registered_return(events: Sequence[DossierEventRecord]) -> str | None:
    """The postal address the applicant registered at reception for the result; None: at the desk."""
    if not events:
        return None
    reception = json.loads(events[0].payload).get("data", {})
    if reception.get("return_method") != "post":
        return None
    return str(reception.get("return_address") or "")


def search_dossiers(session: Session, text: str, limit: int = 50) -> list[DossierRecord]:
    """Dossiers whose code, applicant name (folded) or ID number contains ``text``."""
    from desk_app.core.text import fold

    pattern = f"%{fold(text)}%"
    raw = f"%{text.strip().upper()}%"
    return list(
        session.scalars(
            select(DossierRecord)
            .where(
                or_(
                    DossierRecord.dossier_code.like(raw),
                    DossierRecord.applicant_name_folded.like(pattern),
                    DossierRecord.applicant_id_number.like(f"%{text.strip()}%"),
                )
            )
            .order_by(DossierRecord.received_at.desc())
            .limit(limit)
        )
    )


def unprinted_receipts(session: Session, username: str) -> list[str]:
    """Codes of the officer's accepted dossiers whose receipt was never printed (oldest first)."""
    printed = select(DossierEventRecord.dossier_id).where(
        DossierEventRecord.action == "print", DossierEventRecord.note == DocumentKind.RECEIPT.value
    )
    return [
        str(code)
        for code in session.scalars(
            select(DossierRecord.dossier_code)
            .where(
                DossierRecord.created_by == username,
                DossierRecord.dossier_code.is_not(None),
                DossierRecord.needs_receipt.is_(True),
                DossierRecord.dossier_id.not_in(printed),
            )
            .order_by(DossierRecord.received_at)
        ).all()
    ]
