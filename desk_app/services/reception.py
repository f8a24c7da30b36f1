"""Reception: accept with a code and a due date, ask once for what is missing, or refuse."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import uuid6
from sqlalchemy import insert

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, ChecklistResult, channel_label, evaluate
from desk_app.core.components import Applies
from desk_app.core.errors import InvalidInput
from desk_app.core.events import Applicant, EventType, ReceivedPaper, Reception
from desk_app.core.projection import project
from desk_app.core.text import clean
from desk_app.core.time_limits import parse_limit_spec
from desk_app.core.workflow import Action, GuardContext, Role, apply
from desk_app.i18n import _
from desk_app.models import ChecklistAnswerRecord
from desk_app.services import journal
from desk_app.services.changes import Changes
from desk_app.services.dossier_state import new_record
from desk_app.services.dto import MissingSummary, ProcedureDetail, ReceptionOutcome
from desk_app.services.settings import RULE_SET
from desk_app.services.timefmt import iso
from desk_app.services.uow import writing
from desk_app.services.users import require

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor, ReceptionDraft
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
    if answers:
        session.execute(
            insert(ChecklistAnswerRecord),
            [
                {
                    "dossier_id": dossier_id,
                    "round": round_no,
                    "position": a.position,
                    "originals": a.originals,
                    "copies": a.copies,
                    "shown": a.shown,
                    "applies": a.applies,
                    "substitute": a.substitute,
                }
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

    def due_for(
        self, detail: ProcedureDetail, received: datetime, channel_value: str, officer_due: datetime | None
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
        from desk_app.core.catalogue import Channel

        due = self._due_dates.for_detail(detail, received, Channel(channel_value))
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
        desk = journal.identity(session)
        if preprinted is None:
            code = str(journal.issue_code(session, desk, received.date()))
        else:
            code = journal.claim_code(session, desk, preprinted, received.date())
        due, counted, calendar_version, limit_spec, source, explanation = self.due_for(
            detail, received, channel_value, officer_due
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

        ``late_entry`` enters afterwards a dossier received on paper during an outage, with its
        original time and its pre-printed code; only a supervisor may, and the reason is kept.
        """
        now = self._clock.now()
        if late_entry is not None:
            require(actor, Role.SUPERVISOR, _("Nhập bù hồ sơ giấy"))
            if not clean(late_entry.reason):
                raise InvalidInput(_("Cần ghi lý do nhập bù (ví dụ: mất điện, mất mạng ngày …)."))
        applicant = draft.applicant.normalised()
        received = draft.effective_received_at(now)
        if received > now + journal.CLOCK_TOLERANCE:
            raise InvalidInput(_("Thời điểm nhận hồ sơ không được ở tương lai."))
        if draft.bundles < 1:
            raise InvalidInput(_("Số lượng hồ sơ phải từ 1 bộ trở lên."))
        detail = self._catalogue.procedure(draft.procedure_code)
        require_offered(detail, draft.channel)
        items = checklist_items(detail)
        answers = (
            identity_shown(items, draft.answers, draft.channel) if applicant.from_card else draft.answers
        )
        result = evaluate(items, answers, draft.channel, allow_undecided=refuse_reason is not None)
        if refuse_reason is not None:
            action = Action.REFUSE
        elif result.complete:
            action = Action.RECEIVE
        else:
            action = Action.REQUEST_SUPPLEMENT
        ctx = GuardContext(
            role=actor.role, missing_items=len(result.missing), reason=clean(refuse_reason or "")
        )
        status = apply(None, action, ctx)
        if late_entry is not None and action is not Action.RECEIVE:
            raise InvalidInput(_("Chỉ nhập bù được hồ sơ đã tiếp nhận đủ (có mã hồ sơ trên phiếu giấy)."))
        rule_set = self._settings.get(RULE_SET)
        with writing(self._db) as uow:
            session = uow.session
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
                if action is Action.RECEIVE
                else None
            )
            reception = Reception(
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
                received=tuple(
                    ReceivedPaper(a.position, a.originals, a.copies, a.shown) for a in result.received
                ),
                missing=tuple(m.position for m in result.missing),
                postal_handover_at=iso(draft.postal_handover_at) if draft.postal_handover_at else None,
                late_entry=late_entry is not None,
                late_entry_reason=clean(late_entry.reason) if late_entry else None,
                explanation=accepted.explanation if accepted else "",
                **(accepted.body_fields(received) if accepted else {}),
            )
            event = journal.new_event(
                session,
                event_type=EventType.RECEIVED,
                dossier_id=str(uuid6.uuid7()),
                dossier_code=accepted.code if accepted else None,
                action=action,
                from_status=None,
                to_status=status,
                actor=actor,
                occurred_at=received,
                note=ctx.reason,
                data=reception,
            )
            state = project(None, event)
            dossier = new_record(state, detail.version_id)
            session.add(dossier)
            session.flush()
            save_answers(session, dossier.dossier_id, 0, result.received)
            journal.append(session, event, now)
            uow.commit()
        outcome = {
            Action.RECEIVE: "accepted",
            Action.REQUEST_SUPPLEMENT: "supplement",
            Action.REFUSE: "refused",
        }
        return ReceptionOutcome(
            id=dossier.dossier_id,
            outcome=outcome[action],
            code=dossier.dossier_code,
            status=int(status),
            due_at=dossier.due_at,
            missing=missing_summaries(result),
            explanation=accepted.explanation if accepted else "",
            register_number=dossier.register_number,
        ), Changes.DOSSIERS | Changes.QUEUE | Changes.REGISTER | Changes.OUTBOX
