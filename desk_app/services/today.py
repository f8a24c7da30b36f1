"""The home screen's data: the open dossiers that need the officer today, grouped, and the sync state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk_app.core.clock import to_local
from desk_app.core.today import RUNNING, TodayGroup, group_of
from desk_app.core.workflow import DossierStatus
from desk_app.i18n import _, ngettext
from desk_app.models import DossierRecord, ProcedureVersionRecord
from desk_app.services.dossier_views import summary_of, unprinted_receipts
from desk_app.services.uow import reading

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database
    from desk_app.services.calendar import CalendarService
    from desk_app.services.dto import DossierSummary
    from desk_app.services.outbox import OutboxService

_OPEN = (*RUNNING, DossierStatus.FINISHED, DossierStatus.SUPPLEMENT_REQUESTED)


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """Every group's dossiers (most urgent first) and the sync state in plain words."""

    groups: dict[TodayGroup, list[DossierSummary]]
    sync_words: str


class TodayService:
    """Reads the open dossiers once and sorts them into the home screen's lists."""

    def __init__(self, db: Database, clock: Clock, calendar: CalendarService, outbox: OutboxService) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._outbox = outbox

    def now(self) -> datetime:
        """The desk's clock (the screen words the time left against it)."""
        return self._clock.now()

    def overview(self, actor: Actor) -> TodayOverview:
        """Today's lists for ``actor`` (the unprinted receipts are the officer's own)."""
        now = self._clock.now()
        next_day = self._calendar.calendar().next_working_day(to_local(now).date())
        groups: dict[TodayGroup, list[DossierSummary]] = {group: [] for group in TodayGroup}
        with reading(self._db) as uow:
            rows = uow.session.execute(
                select(DossierRecord, ProcedureVersionRecord.name)
                .join(ProcedureVersionRecord, ProcedureVersionRecord.id == DossierRecord.procedure_version_id)
                .where(DossierRecord.status.in_([int(s) for s in _OPEN]))
                .order_by(DossierRecord.due_at)
            ).all()
            unprinted = set(unprinted_receipts(uow.session, actor.username))
            for record, name in rows:
                summary = summary_of(record, name)
                group = group_of(summary.status, summary.due_at, now, next_day)
                if group is not None:
                    groups[group].append(summary)
                if summary.code in unprinted:
                    groups[TodayGroup.UNPRINTED].append(summary)
        return TodayOverview(groups, self._sync_words())

    def _sync_words(self) -> str:
        counts = self._outbox.counts()
        if counts.needs_attention:
            return ngettext(
                "{n} việc đồng bộ cần xử lý: xem màn hình Đồng bộ.",
                "{n} việc đồng bộ cần xử lý: xem màn hình Đồng bộ.",
                counts.needs_attention,
            ).format(n=counts.needs_attention)
        if counts.pending:
            return _("Dữ liệu an toàn trên máy; sẽ tự gửi khi có mạng — {n} việc chờ gửi.").format(
                n=counts.pending
            )
        return _("Mọi việc đã gửi lên máy chủ trung tâm.")
