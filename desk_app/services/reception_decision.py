"""What a reception decides and the event body it records (the service writes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.core.checklist import ChecklistItem, ChecklistResult, evaluate
from desk_app.core.errors import InvalidInput
from desk_app.core.events import Applicant, ReceivedPaper, Reception
from desk_app.core.text import clean
from desk_app.core.workflow import Action, DossierStatus, GuardContext, Role, apply
from desk_app.i18n import _
from desk_app.services import journal
from desk_app.services.dto import Outcome
from desk_app.services.reception_checklist import identity_shown, require_offered
from desk_app.services.timefmt import iso
from desk_app.services.users import require

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.core.dossier import Actor, ReceptionDraft
    from desk_app.core.dossier import Applicant as DraftApplicant
    from desk_app.services.dto import ProcedureDetail
    from desk_app.services.reception import Acceptance, LateEntry


OUTCOMES = {
    Action.RECEIVE: Outcome.ACCEPTED,
    Action.REQUEST_SUPPLEMENT: Outcome.SUPPLEMENT,
    Action.REFUSE: Outcome.REFUSED,
}


@dataclass(frozen=True, slots=True)
class Decision:
    """What the counter decided: accept, ask for a supplement, or refuse (and why)."""

    action: Action
    status: DossierStatus
    result: ChecklistResult
    reason: str


def check_late_entry(actor: Actor, late_entry: LateEntry | None) -> None:
    """Only a supervisor enters a paper dossier afterwards, and says why."""
    if late_entry is not None:
        require(actor, Role.SUPERVISOR, _("Nhập bù hồ sơ giấy"))
        if not clean(late_entry.reason):
            raise InvalidInput(_("Cần ghi lý do nhập bù (ví dụ: mất điện, mất mạng ngày …)."))


def received_at(draft: ReceptionDraft, now: datetime) -> datetime:
    """When the dossier was received (now, or the paper's time), checked."""
    received = draft.effective_received_at(now)
    if received > now + journal.CLOCK_TOLERANCE:
        raise InvalidInput(_("Thời điểm nhận hồ sơ không được ở tương lai."))
    if draft.bundles < 1:
        raise InvalidInput(_("Số lượng hồ sơ phải từ 1 bộ trở lên."))
    return received


def decide(
    detail: ProcedureDetail,
    items: list[ChecklistItem],
    draft: ReceptionDraft,
    from_card: bool,
    actor: Actor,
    refuse_reason: str | None,
    late_entry: LateEntry | None,
) -> Decision:
    """The decision the checklist and the officer's choice lead to (the guards say whether it may)."""
    require_offered(detail, draft.channel)
    answers = identity_shown(items, draft.answers, draft.channel) if from_card else draft.answers
    result = evaluate(items, answers, draft.channel, allow_undecided=refuse_reason is not None)
    if refuse_reason is not None:
        action = Action.REFUSE
    elif result.complete:
        action = Action.RECEIVE
    else:
        action = Action.REQUEST_SUPPLEMENT
    reason = clean(refuse_reason or "")
    status = apply(
        None, action, GuardContext(role=actor.role, missing_items=len(result.missing), reason=reason)
    )
    if late_entry is not None and action is not Action.RECEIVE:
        raise InvalidInput(_("Chỉ nhập bù được hồ sơ đã tiếp nhận đủ (có mã hồ sơ trên phiếu giấy)."))
    return Decision(action, status, result, reason)


def reception_body(
    detail: ProcedureDetail,
    draft: ReceptionDraft,
    applicant: DraftApplicant,
    result: ChecklistResult,
    rule_set: str,
    received: datetime,
    accepted: Acceptance | None,
    late_entry: LateEntry | None,
    document_number: str | None = None,
) -> Reception:
    """The body of the reception event: the whole dossier as the desk creates it."""
    return Reception(
        procedure_code=detail.code,
        procedure_name=detail.name,
        procedure_version=detail.version,
        channel=draft.channel.value,
        rule_set=rule_set,
        received_at=iso(received),
        applicant=Applicant(
            kind=applicant.kind.value,
            name=applicant.name,
            id_number=applicant.id_number or None,
            phone=applicant.phone or None,
            email=applicant.email or None,
            address=applicant.address or None,
            from_card=applicant.from_card,
        ),
        summary=clean(draft.summary) or detail.name,
        bundles=draft.bundles,
        needs_receipt=draft.receipt_requested or not draft.immediate_result,
        received=tuple(ReceivedPaper(a.position, a.originals, a.copies, a.shown) for a in result.received),
        missing=tuple(m.position for m in result.missing),
        postal_handover_at=iso(draft.postal_handover_at) if draft.postal_handover_at else None,
        late_entry=late_entry is not None,
        late_entry_reason=clean(late_entry.reason) if late_entry else None,
        explanation=accepted.explanation if accepted else "",
        document_number=document_number,
        return_method="post" if draft.return_by_post else None,
        return_address=draft.postal_return_address(),
        **(accepted.body_fields(received) if accepted else {}),
    )
