"""Everything after reception: supplements, handovers, result, return, reschedule, stop, withdraw."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, channel_label, complete_answers, evaluate
from desk_app.core.errors import InvalidInput
from desk_app.core.events import EventType, Step
from desk_app.core.projection import DESK_LOCATION, project
from desk_app.core.text import clean
from desk_app.core.workflow import Action, DossierStatus, GuardContext, apply
from desk_app.i18n import _
from desk_app.models import ChecklistAnswerRecord, ProcedureVersionRecord
from desk_app.services import journal
from desk_app.services.changes import Changes
from desk_app.services.dossier_state import state_of, store
from desk_app.services.dossier_views import (
    detail_of,
    events_of,
    find_dossier,
    registered_return,
    search_dossiers,
    summary_of,
)
from desk_app.services.reception_checklist import checklist_items, save_answers
from desk_app.services.timefmt import iso, parse_iso
from desk_app.services.uow import reading, writing

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models import DossierRecord
    from desk_app.models.db import Database
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.dto import DossierDetail, DossierSummary
    from desk_app.services.reception import ReceptionService


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """The officer's input for one action; only the fields the action uses matter."""

    action: Action
    reason: str = ""
    department: str = ""
    holder: str = ""
    collector_name: str = ""
    collector_id_number: str = ""
    proxy: bool = False
    authorisation: str = ""
    return_method: str = ""  # desk | post; "": as the applicant registered at reception
    new_due_at: datetime | None = None
    answers: tuple[ChecklistAnswer, ...] | None = None  # None: complete as published
    missing_positions: tuple[int, ...] = ()  # the published items a department asks for
    occurred_at: datetime | None = None
    fee_vnd: int | None = None


class DossierService:
    """Actions on existing dossiers, each an event and an outbox row in one transaction."""

    def __init__(
        self, db: Database, clock: Clock, catalogue: CatalogueService, reception: ReceptionService
    ) -> None:
        self._db = db
        self._clock = clock
        self._catalogue = catalogue
        self._reception = reception

    def show(self, ref: str, actor: Actor) -> DossierDetail:
        """A dossier by code or id, with its timeline and allowed actions."""
        with reading(self._db) as uow:
            return detail_of(uow.session, find_dossier(uow.session, ref), actor)

    def search(self, text: str, limit: int = 50) -> list[DossierSummary]:
        """Dossiers by code, applicant name or ID number."""
        with reading(self._db) as uow:
            records = search_dossiers(uow.session, text, limit)
            # The summary may be the officer's own wording; lists show the published procedure name.
            wanted = {r.procedure_version_id for r in records}
            names = dict(
                uow.session.execute(
                    select(ProcedureVersionRecord.id, ProcedureVersionRecord.name).where(
                        ProcedureVersionRecord.id.in_(wanted)
                    )
                ).all()
            )
            return [summary_of(r, names.get(r.procedure_version_id, "")) for r in records]

    def suggested_new_due(self, due_at: datetime | None) -> datetime:
        """A reschedule's default: closing time of the first working day after today and the old date."""
        now = self._clock.now()
        return self._reception.next_closing_after(max(now, due_at) if due_at is not None else now)

    def act(self, ref: str, request: ActionRequest, actor: Actor) -> tuple[DossierDetail, Changes]:
        """Do one action; a refused action changes nothing and says why."""
        with writing(self._db) as uow:
            record = find_dossier(uow.session, ref)
            self.act_in(uow.session, record, request, actor)
            detail = detail_of(uow.session, record, actor)
            uow.commit()
        return detail, Changes.DOSSIERS | Changes.QUEUE | Changes.REGISTER | Changes.OUTBOX | Changes.HANDOVER

    def finish_and_return(
        self, ref: str, request: ActionRequest, actor: Actor
    ) -> tuple[DossierDetail, Changes]:
        """Có kết quả và trả ngay: the result is recorded and handed over in one transaction."""
        with writing(self._db) as uow:
            record = find_dossier(uow.session, ref)
            self.act_in(
                uow.session, record, ActionRequest(Action.FINISH, occurred_at=request.occurred_at), actor
            )
            self.act_in(uow.session, record, replace(request, action=Action.RETURN_RESULT), actor)
            detail = detail_of(uow.session, record, actor)
            uow.commit()
        return detail, Changes.DOSSIERS | Changes.QUEUE | Changes.REGISTER | Changes.OUTBOX | Changes.HANDOVER

    def act_in(
        self,
        session: Session,
        record: DossierRecord,
        request: ActionRequest,
        actor: Actor,
        data: dict[str, Any] | None = None,
    ) -> journal.RecordedEvent:
        """The action inside the caller's transaction (also used by handover batches)."""
        now = self._clock.now()
        occurred = request.occurred_at or now
        if occurred > now + journal.CLOCK_TOLERANCE:
            raise InvalidInput(_("Thời điểm thực hiện không được ở tương lai."))
        status = DossierStatus(record.status)
        action = request.action
        missing = self._missing_for(session, record, request) if action is Action.RECEIVE_SUPPLEMENT else 0
        if action is Action.REQUEST_SUPPLEMENT and not request.missing_positions:
            raise InvalidInput(_("Cần chọn các thành phần hồ sơ phải bổ sung (theo danh mục công bố)."))
        ctx = GuardContext(
            role=actor.role,
            missing_items=missing,
            supplement_requests=record.supplement_count,
            reschedules=record.reschedule_count,
            reason=clean(request.reason),
            new_due_later=_later(request.new_due_at, record.due_at),
            collector_named=bool(clean(request.collector_name)),
            department_named=bool(clean(request.department)),
            at_department=record.holder != DESK_LOCATION,
        )
        new_status = apply(status, action, ctx)
        journal.guard_clock(session, now)
        body = replace(
            self._effects(session, record, request, occurred),
            document_number=journal.number_document(session, action, occurred.year),
            **_batch_fields(data),
        )
        event = journal.new_event(
            session,
            event_type=EventType.STEP,
            dossier_id=record.dossier_id,
            dossier_code=body.dossier_code or record.dossier_code,
            action=action,
            from_status=status,
            to_status=new_status,
            actor=actor,
            occurred_at=occurred,
            note=ctx.reason,
            data=body,
        )
        store(record, project(state_of(session, record), event))
        return journal.append(session, event, now)

    def _missing_for(self, session: Session, record: DossierRecord, request: ActionRequest) -> int:
        detail = self._catalogue.procedure_version(record.procedure_version_id)
        items = checklist_items(detail)
        channel = Channel(record.channel)
        answers = (
            request.answers
            if request.answers is not None
            else tuple(complete_answers(items, channel, _cases_at_reception(session, record, items)))
        )
        return len(evaluate(items, answers, channel).missing)

    def _effects(
        self, session: Session, record: DossierRecord, request: ActionRequest, occurred: datetime
    ) -> Step:
        """The body of the step: what the action decided (the projection applies it to the row)."""
        action = request.action
        if action is Action.REQUEST_SUPPLEMENT:
            return self._supplement_request(record, request)
        if action is Action.RECEIVE_SUPPLEMENT:
            return self._receive_supplement(session, record, request, occurred)
        if action is Action.RETURN_RESULT:
            return self._return(session, record, request)
        if action is Action.RESCHEDULE and request.new_due_at is not None:
            self._reception.check_appointment(request.new_due_at, session)
        return _simple_step(record, request, occurred)

    def _supplement_request(self, record: DossierRecord, request: ActionRequest) -> Step:
        detail = self._catalogue.procedure_version(record.procedure_version_id)
        _check_requested(checklist_items(detail), request.missing_positions, Channel(record.channel))
        round_no = record.supplement_count + 1
        return Step(missing=request.missing_positions, supplement_round=round_no, flagged=round_no > 1)

    def _receive_supplement(
        self, session: Session, record: DossierRecord, request: ActionRequest, occurred: datetime
    ) -> Step:
        detail = self._catalogue.procedure_version(record.procedure_version_id)
        items = checklist_items(detail)
        channel = Channel(record.channel)
        answers = (
            request.answers
            if request.answers is not None
            else tuple(complete_answers(items, channel, _cases_at_reception(session, record, items)))
        )
        result = evaluate(items, answers, channel)
        round_no = record.supplement_count
        save_answers(session, record.dossier_id, round_no, result.received)
        officer_due = request.new_due_at
        if record.dossier_code is None:
            # Completed at the counter: the dossier is accepted now, with its code.
            accepted = self._reception.accept_in(session, detail, occurred, record.channel, officer_due)
            return Step(round=round_no, dossier_code=accepted.code, **accepted.body_fields(occurred))
        # Completed during processing: the time limit restarts from zero.
        due, counted, version, limit, source, _why = self._reception.due_for(
            detail, occurred, record.channel, officer_due
        )
        return Step(
            round=round_no,
            due_at=iso(due),
            counted_from=iso(counted),
            calendar_version=version,
            limit=limit,
            due_source=source,
        )

    def _return(self, session: Session, record: DossierRecord, request: ActionRequest) -> Step:
        if request.proxy and not clean(request.authorisation):
            raise InvalidInput(_("Người nhận thay phải có giấy ủy quyền: ghi số, ngày của giấy ủy quyền."))
        registered = registered_return(events_of(session, record)) is not None
        method = request.return_method or ("post" if registered else "desk")
        if method not in ("desk", "post"):
            raise InvalidInput(
                _("Phương thức trả kết quả phải là “desk” (tại bộ phận) hoặc “post” (bưu chính).")
            )
        return Step(
            collector=clean(request.collector_name),
            collector_id_number=clean(request.collector_id_number),
            proxy=request.proxy,
            authorisation=clean(request.authorisation),
            return_method=method,
        )


def _batch_fields(data: dict[str, Any] | None) -> dict[str, Any]:
    """A handover batch's label and id, when the step is part of one."""
    if not data:
        return {}
    return {"batch": str(data["batch"]), "batch_id": int(data["batch_id"])}


def _later(new_due: datetime | None, old_due: str | None) -> bool:
    if new_due is None:
        return False
    return old_due is None or new_due > parse_iso(old_due)


def _cases_at_reception(
    session: Session, record: DossierRecord, items: list[ChecklistItem]
) -> tuple[int, ...]:
    """The component numbers whose case the officer said applies at reception (round 0)."""
    cases = {item.position for item in items if item.conditional or item.alternative}
    return tuple(
        position
        for position in session.scalars(
            select(ChecklistAnswerRecord.position).where(
                ChecklistAnswerRecord.dossier_id == record.dossier_id,
                ChecklistAnswerRecord.round == 0,
                ChecklistAnswerRecord.applies.is_(True),
            )
        ).all()
        if position in cases
    )


def _check_requested(items: list[ChecklistItem], positions: tuple[int, ...], channel: Channel) -> None:
    """A supplement request names published papers of this dossier's channel, by their numbers."""
    by_position = {item.position: item for item in items}
    for position in positions:
        item = by_position.get(position)
        if item is None:
            raise InvalidInput(
                _(
                    "Thành phần số {n} không có trong danh mục công bố; "
                    "không thể yêu cầu giấy tờ ngoài danh mục."
                ).format(n=position)
            )
        if not item.required_kind:
            raise InvalidInput(
                _("Thành phần số {n} là hướng dẫn, không phải giấy tờ phải nộp.").format(n=position)
            )
        if not item.on_channel(channel):
            raise InvalidInput(
                _("Thành phần số {n} không áp dụng cho hồ sơ nộp {channel}.").format(
                    n=position, channel=channel_label(channel)
                )
            )


def _simple_step(record: DossierRecord, request: ActionRequest, occurred: datetime) -> Step:
    """The body of an action that needs nothing but the request and the row."""
    action = request.action
    if action is Action.TRANSFER:
        return Step(department=clean(request.department))
    if action is Action.RECEIVE_BACK:
        return Step(
            from_department=clean(request.department) or record.department,
            holder=clean(request.holder) or DESK_LOCATION,
        )
    if action is Action.REQUEST_FEE:
        return Step(fee_vnd=request.fee_vnd)
    if action is Action.FINISH:
        return Step(finished_at=iso(occurred), holder=clean(request.holder) or None)
    if action is Action.RESCHEDULE:
        assert request.new_due_at is not None  # the guard checked it is later than the old one
        return Step(old_due_at=record.due_at, new_due_at=iso(request.new_due_at))
    return Step()
