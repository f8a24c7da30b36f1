"""Reception: accept with a code and a due date, ask once for what is missing, or refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uuid6

from desk_app.core.catalogue import Channel
from desk_app.core.errors import InvalidInput
from desk_app.core.events import EventType
from desk_app.core.projection import project
from desk_app.core.time_limits import parse_limit_spec
from desk_app.core.workflow import Action, DossierStatus
from desk_app.i18n import _
from desk_app.services import journal
from desk_app.services.changes import Changes
from desk_app.services.dossier_state import insert_new
from desk_app.services.dto import ProcedureDetail, ReceptionOutcome
from desk_app.services.reception_checklist import checklist_items, missing_summaries, save_answers
from desk_app.services.reception_decision import (
    OUTCOMES,
    check_late_entry,
    decide,
    received_at,
    reception_body,
)
from desk_app.services.settings import RULE_SET
from desk_app.services.timefmt import iso, parse_optional
from desk_app.services.uow import writing

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from desk_app.core.checklist import ChecklistItem
    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor, ReceptionDraft
    from desk_app.models.db import Database
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.due_dates import DueDateService
    from desk_app.services.settings import SettingsService


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
            self._due_dates.check_appointment(officer_due, session)
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

    def next_closing_after(self, moment: datetime) -> datetime:
        """Closing time of the first working day after ``moment``'s day."""
        return self._due_dates.next_closing_after(moment)

    def check_appointment(self, moment: datetime, session: Session) -> None:
        """An appointment the officer typed must fall in office hours of a working day."""
        self._due_dates.check_appointment(moment, session)

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
        check_late_entry(actor, late_entry)
        applicant = draft.applicant.normalised()
        received = received_at(draft, now)
        with writing(self._db) as uow:
            session = uow.session
            detail = self._catalogue.procedure_in(session, draft.procedure_code)
            decision = decide(
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
                journal.number_document(session, decision.action, received.year),
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
            outcome=OUTCOMES[decision.action],
            code=state.dossier_code,
            status=DossierStatus(state.status),
            due_at=parse_optional(state.due_at),
            missing=missing_summaries(decision.result),
            explanation=accepted.explanation if accepted else "",
            register_number=state.register_number,
            document_number=body.document_number,
        ), Changes.DOSSIERS | Changes.QUEUE | Changes.REGISTER | Changes.OUTBOX
