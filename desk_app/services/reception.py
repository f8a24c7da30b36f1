"""Reception: accept with a code and a due date, ask once for what is missing, or refuse."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import uuid6

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, ChecklistResult, channel_label, evaluate
from desk_app.core.components import Applies
from desk_app.core.errors import InvalidInput
from desk_app.core.events import Applicant, EventType, ReceivedPaper, Reception
from desk_app.core.projection import project
from desk_app.core.text import clean
from desk_app.core.time_limits import parse_limit_spec
from desk_app.core.workflow import Action, DossierStatus, GuardContext, Role, apply
from desk_app.i18n import _
from desk_app.services import journal
from desk_app.services.changes import Changes
from desk_app.services.dossier_state import insert_new
from desk_app.services.dto import MissingSummary, ProcedureDetail, ReceptionOutcome
from desk_app.services.settings import RULE_SET
from desk_app.services.timefmt import iso
from desk_app.services.uow import driver, writing
from desk_app.services.users import require

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor, ReceptionDraft
    from desk_app.core.dossier import Applicant as DraftApplicant
    from desk_app.models.db import Database
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.due_dates import DueDateService
    from desk_app.services.settings import SettingsService


def checklist_items(detail: ProcedureDetail) -> list[ChecklistItem]:
    """The published components of a procedure version as checklist items, with their reading."""
    return [
        ChecklistItem(
            c.position,
            c.name,
            ComponentKind(c.kind),
            c.originals,
            c.copies,
            c.group,
            Applies(c.applies),
            frozenset(Channel(v) for v in c.channels),
            c.case,
            c.alt_group,
            c.substitutes,
            c.identity,
            c.ambiguous,
        )
        for c in detail.components
    ]


def require_offered(detail: ProcedureDetail, channel: Channel) -> None:
    """Refuse a reception on a channel the procedure is not published for."""
    terms = next((t for t in detail.terms if t.channel == channel.value), None)
    if terms is not None and not terms.offered:
        offered = [channel_label(Channel(t.channel)) for t in detail.terms if t.offered]
        raise InvalidInput(
            _("Thủ tục {code} không được công bố để nộp {channel}; kênh được công bố: {offered}.").format(
                code=detail.code, channel=channel_label(channel), offered=", ".join(offered) or _("không rõ")
            )
        )


def identity_shown(
    items: list[ChecklistItem], answers: tuple[ChecklistAnswer, ...], channel: Channel
) -> tuple[ChecklistAnswer, ...]:
    """A scanned CCCD is the identity paper shown: it is recorded so, and never asked for again."""
    by_position = {a.position: a for a in answers}
    for item in items:
        if item.identity and item.on_channel(channel) and item.kind is ComponentKind.SHOW:
            answer = by_position.get(item.position)
            by_position[item.position] = (
                replace(answer, shown=True, applies=True)
                if answer is not None
                else ChecklistAnswer(item.position, 1, 0, shown=True)
            )
    return tuple(by_position[p] for p in sorted(by_position))


def missing_summaries(result: ChecklistResult) -> tuple[MissingSummary, ...]:
    """DTOs of the missing items."""
    return tuple(
        MissingSummary(
            m.position,
            m.name,
            m.kind.value,
            m.originals_needed,
            m.copies_needed,
            m.originals_received,
            m.copies_received,
        )
        for m in result.missing
    )


def save_answers(
    session: Session, dossier_id: str, round_no: int, answers: tuple[ChecklistAnswer, ...]
) -> None:
    """Store what was received in one round (0 at reception, then one per supplement)."""
    driver(session).executemany(
        "INSERT INTO dossier_checklist (dossier_id, round, position, originals, copies, shown, applies, "
        "substitute) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (dossier_id, round_no, a.position, a.originals, a.copies, a.shown, a.applies, a.substitute)
            for a in answers
        ],
    )


@dataclass(frozen=True, slots=True)
class LateEntry:
    """A paper dossier entered after an outage: its pre-printed code and why it is late."""

    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Acceptance:
    """The code, register number and due date given to a complete dossier."""

    code: str
    register_year: int
    register_number: int
    due_at: datetime
    counted_from: datetime
    calendar_version: int | None
    limit_spec: str | None
    due_source: str
    explanation: str

    def body_fields(self, accepted_at: datetime) -> dict[str, Any]:
        """What an event body records of the acceptance (reception, or a supplement that completes)."""
        return {
            "accepted_at": iso(accepted_at),
            "due_at": iso(self.due_at),
            "counted_from": iso(self.counted_from),
            "limit": self.limit_spec,
            "calendar_version": self.calendar_version,
            "due_source": self.due_source,
            "register_year": self.register_year,
            "register_number": self.register_number,
        }


class ReceptionService:
    """The three decisions at the counter, each one transaction."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        catalogue: CatalogueService,
        due_dates: DueDateService,
        settings: SettingsService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._catalogue = catalogue
        self._due_dates = due_dates
        self._settings = settings
        # A version's components never change (an override changes only its terms).
        self._items: dict[int, list[ChecklistItem]] = {}

    def items_of(self, detail: ProcedureDetail) -> list[ChecklistItem]:
        """:func:`checklist_items` of a procedure version, built once per version."""
        items = self._items.get(detail.version_id)
        if items is None:
            items = self._items[detail.version_id] = checklist_items(detail)
        return items

    def due_for(
        self,
        detail: ProcedureDetail,
        received: datetime,
        channel_value: str,
        officer_due: datetime | None,
        session: Session | None = None,
    ) -> tuple[datetime, datetime, int | None, str | None, str, str]:
        """(due, counted_from, calendar version, limit, source, explanation) for a complete dossier."""
        terms = next(t for t in detail.terms if t.channel == channel_value)
        if terms.limit_spec is None:
            if officer_due is None:
                raise InvalidInput(
                    _(
                        "Thời hạn giải quyết của thủ tục {code} chưa xác định được từ danh mục (“{text}”): "
                        "hãy nhập ngày hẹn trả."
                    ).format(code=detail.code, text=terms.limit_text or _("trống"))
                )
            if officer_due <= received:
                raise InvalidInput(_("Ngày hẹn trả phải sau thời điểm nhận hồ sơ."))
            return officer_due, received, None, None, "officer", _("Ngày hẹn do cán bộ nhập.")
        due = self._due_dates.for_detail(detail, received, Channel(channel_value), session)
        return (
            due.due_at,
            due.counted_from,
            due.calendar_version,
            parse_limit_spec(terms.limit_spec).spec(),
            "computed",
            due.explanation_text(),
        )

    def accept_in(
        self,
        session: Session,
        detail: ProcedureDetail,
        received: datetime,
        channel_value: str,
        officer_due: datetime | None,
        preprinted: str | None = None,
    ) -> Acceptance:
        """Give a complete dossier its code, register number and due date (inside a write transaction)."""
        desk = journal.desk_keys(session)
        if preprinted is None:
            code = str(journal.issue_code(session, desk, received.date()))
        else:
            code = journal.claim_code(session, desk, preprinted, received.date())
        due, counted, calendar_version, limit_spec, source, explanation = self.due_for(
            detail, received, channel_value, officer_due, session
        )
        number = journal.next_register_number(session, received.year)
        return Acceptance(
            code, received.year, number, due, counted, calendar_version, limit_spec, source, explanation
        )

    def receive(
        self,
        draft: ReceptionDraft,
        actor: Actor,
        *,
        refuse_reason: str | None = None,
        late_entry: LateEntry | None = None,
    ) -> tuple[ReceptionOutcome, Changes]:
        """Decide a reception: complete → accepted; incomplete → supplement request; or refuse.

        One write transaction reads what it needs (procedure, rule set, calendar) and writes the row,
        the checklist, the event and its outbox row. ``late_entry`` enters afterwards a dossier received
        on paper during an outage, with its original time and its pre-printed code; only a supervisor
        may, and the reason is kept.
        """
        now = self._clock.now()
        _check_late_entry(actor, late_entry)
        applicant = draft.applicant.normalised()
        received = _received_at(draft, now)
        with writing(self._db) as uow:
            session = uow.session
            detail = self._catalogue.procedure_in(session, draft.procedure_code)
            decision = _decide(
                detail, self.items_of(detail), draft, applicant.from_card, actor, refuse_reason, late_entry
            )
            journal.guard_clock(session, now)
            accepted = (
                self.accept_in(
                    session,
                    detail,
                    received,
                    draft.channel.value,
                    draft.due_at,
                    late_entry.code if late_entry else None,
                )
                if decision.action is Action.RECEIVE
                else None
            )
            body = reception_body(
                detail,
                draft,
                applicant,
                decision.result,
                self._settings.get_in(session, RULE_SET),
                received,
                accepted,
                late_entry,
            )
            event = journal.new_event(
                session,
                event_type=EventType.RECEIVED,
                dossier_id=str(uuid6.uuid7()),
                dossier_code=accepted.code if accepted else None,
                action=decision.action,
                from_status=None,
                to_status=decision.status,
                actor=actor,
                occurred_at=received,
                note=decision.reason,
                data=body,
            )
            state = project(None, event)
            insert_new(session, state, detail.version_id)
            save_answers(session, state.dossier_id, 0, decision.result.received)
            journal.append(session, event, now)
            uow.commit()
        return ReceptionOutcome(
            id=state.dossier_id,
            outcome=_OUTCOMES[decision.action],
            code=state.dossier_code,
            status=state.status,
            due_at=state.due_at,
            missing=missing_summaries(decision.result),
            explanation=accepted.explanation if accepted else "",
            register_number=state.register_number,
        ), Changes.DOSSIERS | Changes.QUEUE | Changes.REGISTER | Changes.OUTBOX


_OUTCOMES = {Action.RECEIVE: "accepted", Action.REQUEST_SUPPLEMENT: "supplement", Action.REFUSE: "refused"}


@dataclass(frozen=True, slots=True)
class Decision:
    """What the counter decided: accept, ask for a supplement, or refuse (and why)."""

    action: Action
    status: DossierStatus
    result: ChecklistResult
    reason: str


def _check_late_entry(actor: Actor, late_entry: LateEntry | None) -> None:
    if late_entry is not None:
        require(actor, Role.SUPERVISOR, _("Nhập bù hồ sơ giấy"))
        if not clean(late_entry.reason):
            raise InvalidInput(_("Cần ghi lý do nhập bù (ví dụ: mất điện, mất mạng ngày …)."))


def _received_at(draft: ReceptionDraft, now: datetime) -> datetime:
    received = draft.effective_received_at(now)
    if received > now + journal.CLOCK_TOLERANCE:
        raise InvalidInput(_("Thời điểm nhận hồ sơ không được ở tương lai."))
    if draft.bundles < 1:
        raise InvalidInput(_("Số lượng hồ sơ phải từ 1 bộ trở lên."))
    return received


def _decide(
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
        **(accepted.body_fields(received) if accepted else {}),
    )
