"""Working days and appointment dates (domain.md §5).

Vietnam's holidays come from ``holidays`` (Vietnamese lunar calendar, UTC+7,
the government's swapped Saturdays); an override table on top of it holds
the yearly notices. Every due date carries its explanation and the calendar
version it was computed with, so a later correction never silently moves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import holidays

from desk_app.core.clock import to_local
from desk_app.core.errors import InvalidInput
from desk_app.core.time_limits import LimitUnit, TimeLimit
from desk_app.i18n import _

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
DEFAULT_OFFICE_HOURS = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
DEFAULT_CUTOFF = time(15, 0)


class OverrideKind(StrEnum):
    """An administrator's correction of the holiday rules for one day."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One day made a day off or a working day, with the notice it comes from."""

    day: date
    kind: OverrideKind
    note: str = ""


@dataclass(frozen=True, slots=True)
class CalendarRules:
    """Everything a due date depends on, identified by ``version``."""

    version: int
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    cutoff: time | None = DEFAULT_CUTOFF
    overrides: tuple[CalendarOverride, ...] = ()

    def __post_init__(self) -> None:
        check_office_hours(self.office_hours)


def check_office_hours(sessions: tuple[tuple[time, time], ...]) -> None:
    """Raise InvalidInput unless the sessions are non-empty, ordered and disjoint."""
    if not sessions:
        raise InvalidInput(_("Cần ít nhất một buổi làm việc trong ngày."))
    previous_end: time | None = None
    for start, end in sessions:
        if start >= end or (previous_end is not None and start < previous_end):
            raise InvalidInput(
                _(
                    "Giờ làm việc {start}–{end} không hợp lệ: các buổi phải theo thứ tự, không chồng nhau."
                ).format(start=f"{start:%H:%M}", end=f"{end:%H:%M}")
            )
        previous_end = end


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether a day is worked, and why (holiday name, weekend, override note)."""

    day: date
    working: bool
    reason: str


@dataclass(frozen=True, slots=True)
class DueDate:
    """An appointment computed from a reception time and a time limit."""

    received_at: datetime
    counted_from: datetime
    due_at: datetime
    limit: TimeLimit
    calendar_version: int
    explanation: tuple[str, ...]
    skipped_days: tuple[DayStatus, ...] = field(default=())

    def explanation_text(self) -> str:
        """The explanation as one paragraph."""
        return " ".join(self.explanation)


def format_day(day: date) -> str:
    """``Thứ Hai 16/02/2026``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"


def format_moment(moment: datetime) -> str:
    """``09:30 Thứ Sáu 20/11/2026``."""
    return f"{moment:%H:%M} {format_day(moment.date())}"


class WorkingCalendar:
    """Working days, office hours and due dates under one set of rules."""

    def __init__(self, rules: CalendarRules) -> None:
        self.rules = rules
        self._holidays = holidays.country_holidays("VN", language="vi")
        self._overrides = {o.day: o for o in rules.overrides}
        self._cache: dict[date, DayStatus] = {}

    @property
    def version(self) -> int:
        """The calendar version recorded with every due date."""
        return self.rules.version

    def day_status(self, day: date) -> DayStatus:
        """Whether ``day`` is a working day, with the reason."""
        cached = self._cache.get(day)
        if cached is None:
            cached = self._compute_status(day)
            self._cache[day] = cached
        return cached

    def _compute_status(self, day: date) -> DayStatus:
        override = self._overrides.get(day)
        if override is not None:
            working = override.kind is OverrideKind.WORKING_DAY
            default = _("ngày làm việc (điều chỉnh)") if working else _("ngày nghỉ (điều chỉnh)")
            return DayStatus(day, working, override.note or default)
        holiday_name = self._holidays.get(day)  # also loads the year's swapped Saturdays
        if day in self._holidays.weekend_workdays:
            return DayStatus(day, True, _("thứ Bảy làm bù"))
        if day.weekday() >= 5:
            return DayStatus(day, False, _("nghỉ cuối tuần"))
        if holiday_name is not None:
            return DayStatus(day, False, str(holiday_name))
        return DayStatus(day, True, _("ngày làm việc"))

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is worked."""
        return self.day_status(day).working

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        for _step in range(3700):  # ten years: no real calendar is that closed
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise InvalidInput(_("Không tìm thấy ngày làm việc nào trong lịch."))

    def nth_working_day_after(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (n ≥ 1)."""
        for _step in range(n):
            day = self.next_working_day(day)
        return day

    def _at(self, day: date, moment: time, tz_source: datetime) -> datetime:
        return datetime.combine(day, moment, tzinfo=tz_source.tzinfo)

    def is_working_moment(self, moment: datetime) -> bool:
        """True when ``moment`` falls inside office hours on a working day."""
        local = to_local(moment)
        if not self.is_working_day(local.date()):
            return False
        clock = local.timetz().replace(tzinfo=None)
        return any(start <= clock <= end for start, end in self.rules.office_hours)

    def closing_of_next_working_day(self, after: datetime) -> datetime:
        """Closing time of the first working day after ``after``'s day: a new appointment's default."""
        return self._closing(self.next_working_day(to_local(after).date()), to_local(after))

    def _opening(self, day: date, tz_source: datetime) -> datetime:
        return self._at(day, self.rules.office_hours[0][0], tz_source)

    def _closing(self, day: date, tz_source: datetime) -> datetime:
        return self._at(day, self.rules.office_hours[-1][1], tz_source)

    def counted_from(self, received_at: datetime, cutoff: time | None) -> tuple[datetime, list[str]]:
        """The moment the time limit starts, and why it differs from the reception."""
        received = to_local(received_at)
        notes: list[str] = []
        status = self.day_status(received.date())
        clock = received.timetz().replace(tzinfo=None)
        if not status.working:
            start = self._opening(self.next_working_day(received.date()), received)
            notes.append(
                _("Nhận hồ sơ vào ngày nghỉ ({reason}): tính từ {start}.").format(
                    reason=status.reason, start=format_moment(start)
                )
            )
            return start, notes
        if cutoff is not None and clock > cutoff:
            start = self._opening(self.next_working_day(received.date()), received)
            notes.append(
                _("Nhận sau {cutoff}: ngày nhận được tính là ngày làm việc tiếp theo, từ {start}.").format(
                    cutoff=f"{cutoff:%H:%M}", start=format_moment(start)
                )
            )
            return start, notes
        for start_t, end_t in self.rules.office_hours:
            if clock < start_t:
                start = self._at(received.date(), start_t, received)
                notes.append(
                    _("Nhận ngoài giờ làm việc: tính từ {start}.").format(start=format_moment(start))
                )
                return start, notes
            if clock <= end_t:
                return received, notes
        start = self._opening(self.next_working_day(received.date()), received)
        notes.append(_("Nhận sau giờ làm việc: tính từ {start}.").format(start=format_moment(start)))
        return start, notes

    def _add_working_hours(self, start: datetime, hours: int) -> datetime:
        remaining = timedelta(hours=hours)
        cursor = start
        while True:
            for s_t, e_t in self.rules.office_hours:
                s = self._at(cursor.date(), s_t, cursor)
                e = self._at(cursor.date(), e_t, cursor)
                if cursor > e:
                    continue
                cursor = max(cursor, s)
                if remaining <= e - cursor:
                    return cursor + remaining
                remaining -= e - cursor
                cursor = e
            cursor = self._opening(self.next_working_day(cursor.date()), cursor)

    def due_date(
        self, received_at: datetime, limit: TimeLimit, *, cutoff: time | bool | None = True
    ) -> DueDate:
        """Compute the appointment for ``limit`` counted from ``received_at``.

        ``cutoff=True`` applies the calendar's cut-off (15:00 by default), a
        ``time`` applies a procedure's own, ``None``/``False`` none at all.
        """
        effective_cutoff: time | None
        if cutoff is True:
            effective_cutoff = self.rules.cutoff
        elif cutoff is False:
            effective_cutoff = None
        else:
            effective_cutoff = cutoff
        received = to_local(received_at)
        start, notes = self.counted_from(received, effective_cutoff)
        if limit.unit is LimitUnit.SAME_DAY:
            due = self._closing(start.date(), start)
            notes.append(_("Thời hạn trong ngày: trả trước {due}.").format(due=format_moment(due)))
        elif limit.unit is LimitUnit.WORKING_DAYS:
            due_day = self.nth_working_day_after(start.date(), limit.value)
            due = self._at(due_day, start.timetz().replace(tzinfo=None), start)
            notes.append(
                _("Cộng {n} ngày làm việc kể từ {start}.").format(n=limit.value, start=format_moment(start))
            )
        elif limit.unit is LimitUnit.WORKING_HOURS:
            due = self._add_working_hours(start, limit.value)
            notes.append(
                _("Cộng {n} giờ làm việc (trong giờ hành chính) kể từ {start}.").format(
                    n=limit.value, start=format_moment(start)
                )
            )
        else:
            due = start + timedelta(days=limit.value)
            notes.append(
                _("Cộng {n} ngày theo lịch kể từ {start}.").format(n=limit.value, start=format_moment(start))
            )
            if not self.is_working_day(due.date()):
                status = self.day_status(due.date())
                # The opening of the next working day keeps due dates monotonic.
                due = self._opening(self.next_working_day(due.date()), due)
                notes.append(
                    _("Ngày hẹn rơi vào ngày nghỉ ({reason}): chuyển sang {due}.").format(
                        reason=status.reason, due=format_moment(due)
                    )
                )
        skipped = self._skipped_between(start.date(), due.date())
        notes.extend(self._describe_days(start.date(), due.date(), skipped))
        notes.append(_("Hẹn trả kết quả: {due}.").format(due=format_moment(due)))
        return DueDate(
            received_at=received,
            counted_from=start,
            due_at=due,
            limit=limit,
            calendar_version=self.version,
            explanation=tuple(notes),
            skipped_days=tuple(skipped),
        )

    def _skipped_between(self, first: date, last: date) -> list[DayStatus]:
        days: list[DayStatus] = []
        day = first + timedelta(days=1)
        while day < last:
            status = self.day_status(day)
            if not status.working:
                days.append(status)
            day += timedelta(days=1)
        return days

    def _describe_days(self, first: date, last: date, skipped: list[DayStatus]) -> list[str]:
        notes: list[str] = []
        special = [s for s in skipped if s.reason != _("nghỉ cuối tuần")]
        weekends = len(skipped) - len(special)
        if special:
            listed = "; ".join(f"{s.day:%d/%m/%Y} ({s.reason})" for s in special)
            notes.append(_("Không tính ngày nghỉ: {days}.").format(days=listed))
        if weekends:
            notes.append(_("Không tính {n} ngày nghỉ cuối tuần.").format(n=weekends))
        day = first + timedelta(days=1)
        while day <= last:
            if day.weekday() >= 5 and self.is_working_day(day):
                notes.append(
                    _("Có tính {day} ({reason}).").format(
                        day=format_day(day), reason=self.day_status(day).reason
                    )
                )
            day += timedelta(days=1)
        return notes


def rules_from_release(body: dict[str, Any]) -> CalendarRules:
    """A calendar release as rules (office hours, cut-off, day overrides)."""
    hours = tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in body["office_hours"])
    cutoff = body.get("cutoff")
    return CalendarRules(
        version=0,
        office_hours=hours,
        cutoff=time.fromisoformat(cutoff) if cutoff else None,
        overrides=tuple(
            CalendarOverride(date.fromisoformat(o["day"]), OverrideKind(o["kind"]), str(o.get("note") or ""))
            for o in body.get("overrides", [])
        ),
    )
