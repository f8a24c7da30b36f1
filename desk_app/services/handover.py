"""Handover batches: a stack of scanned codes handed to, or back from, a department at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.core.codes import parse_dossier_code
from desk_app.core.errors import DomainError, InvalidInput
from desk_app.core.text import clean
from desk_app.core.workflow import Action
from desk_app.i18n import _
from desk_app.models import HandoverBatchRecord, HandoverItemRecord
from desk_app.services import journal
from desk_app.services.changes import Changes
from desk_app.services.dossier_views import find_dossier
from desk_app.services.dossiers import ActionRequest
from desk_app.services.timefmt import iso
from desk_app.services.uow import writing

if TYPE_CHECKING:
    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database
    from desk_app.services.dossiers import DossierService


@dataclass(frozen=True, slots=True)
class HandoverBatch:
    """A recorded handover slip."""

    id: int
    year: int
    number: int
    label: str  # "BG-2026-0001"
    direction: str
    department: str
    codes: tuple[str, ...]
    created_at: str
    handed_by: str


class HandoverService:
    """All dossiers of a batch move together, or none does."""

    def __init__(self, db: Database, clock: Clock, dossiers: DossierService) -> None:
        self._db = db
        self._clock = clock
        self._dossiers = dossiers

    def hand_over(
        self, codes: list[str], department: str, actor: Actor, *, back: bool = False, received_by: str = ""
    ) -> tuple[HandoverBatch, Changes]:
        """Transfer (or receive back) every scanned dossier in one batch with its own number."""
        department = clean(department)
        if not department:
            raise InvalidInput(_("Cần ghi cơ quan, bộ phận giao nhận hồ sơ."))
        unique = list(dict.fromkeys(str(parse_dossier_code(c)) for c in codes if c.strip()))
        if not unique:
            raise InvalidInput(_("Chưa quét mã hồ sơ nào."))
        now = self._clock.now()
        action = Action.RECEIVE_BACK if back else Action.TRANSFER
        with writing(self._db) as uow:
            session = uow.session
            number = journal.next_handover_number(session, now.year)
            batch = HandoverBatchRecord(
                year=now.year,
                number=number,
                direction="back" if back else "out",
                department=department,
                handed_by=actor.username,
                received_by=clean(received_by),
                created_at=iso(now),
            )
            session.add(batch)
            session.flush()
            label = f"BG-{now.year}-{number:04d}"
            for code in unique:
                record = find_dossier(session, code)
                request = ActionRequest(action=action, department=department)
                try:
                    event = self._dossiers.act_in(
                        session, record, request, actor, data={"batch": label, "batch_id": batch.id}
                    )
                except DomainError as exc:
                    raise InvalidInput(
                        _("Hồ sơ {code}: {why} Chưa bàn giao hồ sơ nào của lô này.").format(
                            code=code, why=exc.user_message
                        )
                    ) from exc
                session.add(
                    HandoverItemRecord(
                        batch_id=batch.id, dossier_id=record.dossier_id, event_id=event.event_id
                    )
                )
            uow.commit()
        return HandoverBatch(
            batch.id,
            batch.year,
            batch.number,
            label,
            batch.direction,
            department,
            tuple(unique),
            batch.created_at,
            actor.username,
        ), Changes.HANDOVER | Changes.DOSSIERS
