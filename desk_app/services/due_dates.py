"""Due dates for a procedure or an explicit limit, with the terms in force."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.core.catalogue import Channel
from desk_app.core.clock import to_local
from desk_app.core.errors import InvalidInput
from desk_app.core.time_limits import TimeLimit, parse_limit_spec
from desk_app.i18n import _
from desk_app.services.catalogue import NO_CUTOFF, CatalogueService, parse_cutoff
from desk_app.services.dto import DueDateResult, ProcedureDetail
from desk_app.services.timefmt import to_second

if TYPE_CHECKING:
    from datetime import datetime, time

    from sqlalchemy.orm import Session

    from desk_app.core.calendar import DueDate
    from desk_app.services.calendar import CalendarService


def to_result(due: DueDate) -> DueDateResult:
    """The DTO of a computed due date."""
    return DueDateResult(
        received_at=to_second(due.received_at),
        counted_from=to_second(due.counted_from),
        due_at=to_second(due.due_at),
        calendar_version=due.calendar_version,
        limit=due.limit.spec(),
        explanation=due.explanation_text(),
    )


class DueDateService:
    """Computes appointments from the catalogue's terms and the current calendar."""

    def __init__(self, catalogue: CatalogueService, calendar: CalendarService) -> None:
        self._catalogue = catalogue
        self._calendar = calendar

    def now(self) -> datetime:
        """The desk's current time: a live due date on screen is for a reception now."""
        return self._calendar.now()

    def for_limit(
        self,
        received_at: datetime,
        limit: TimeLimit,
        cutoff: time | bool | None = True,
        session: Session | None = None,
    ) -> DueDate:
        """The due date for an explicit limit under the current calendar (read in ``session`` if given)."""
        calendar = self._calendar.calendar() if session is None else self._calendar.calendar_in(session)
        return calendar.due_date(received_at, limit, cutoff=cutoff)

    def check_appointment(self, moment: datetime, session: Session | None = None) -> None:
        """An appointment the officer typed must fall in office hours of a working day."""
        calendar = self._calendar.calendar() if session is None else self._calendar.calendar_in(session)
        if calendar.is_working_moment(moment):
            return
        local = to_local(moment)
        status = calendar.day_status(local.date())
        why = status.reason if not status.working else _("ngoài giờ làm việc")
        raise InvalidInput(
            _(
                "Ngày hẹn trả {when} không phải giờ làm việc ({why}): hãy chọn một ngày làm việc, "
                "trong giờ hành chính."
            ).format(when=f"{local:%H:%M %d/%m/%Y}", why=why)
        )

    def next_closing_after(self, moment: datetime) -> datetime:
        """Closing time of the first working day after ``moment``'s day (a reschedule's default)."""
        return self._calendar.calendar().closing_of_next_working_day(moment)

    def for_procedure(self, code: str, received_at: datetime, channel: Channel = Channel.DIRECT) -> DueDate:
        """The due date for a procedure received through ``channel``.

        Raises InvalidInput when the procedure's limit is unknown: the officer
        then enters the appointment (or an administrator sets an override).
        """
        return self.for_detail(self._catalogue.procedure(code), received_at, channel)

    def for_detail(
        self,
        detail: ProcedureDetail,
        received_at: datetime,
        channel: Channel = Channel.DIRECT,
        session: Session | None = None,
    ) -> DueDate:
        """The due date for a procedure version already read (see :meth:`for_procedure`)."""
        terms = next(t for t in detail.terms if t.channel == channel.value)
        if terms.limit_spec is None:
            raise InvalidInput(
                _(
                    "Thời hạn giải quyết của thủ tục {code} chưa xác định được từ danh mục (“{text}”). "
                    "Hãy nhập ngày hẹn trả, hoặc nhờ quản trị đặt thời hạn cho thủ tục này."
                ).format(code=detail.code, text=terms.limit_text or _("trống"))
            )
        cutoff: time | bool | None = True
        if terms.cutoff == NO_CUTOFF:
            cutoff = None
        elif terms.cutoff is not None:
            cutoff = parse_cutoff(terms.cutoff)
        return self.for_limit(received_at, parse_limit_spec(terms.limit_spec), cutoff, session)
