from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.core.calendar import CalendarOverride, CalendarRules, OverrideKind, WorkingCalendar
from desk_app.core.clock import VN_TZ
from desk_app.core.errors import InvalidInput
from desk_app.core.time_limits import LimitUnit, TimeLimit, parse_limit_spec

CAL = WorkingCalendar(CalendarRules(version=1))


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 30) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def wd(n: int) -> TimeLimit:
    return TimeLimit(LimitUnit.WORKING_DAYS, n)


# Facts from domain.md §5 and stack-notes.md (holidays 0.109).
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # Tết Dương lịch
        (date(2026, 2, 16), False),  # Giao thừa
        (date(2026, 2, 20), False),  # mùng 4
        (date(2026, 2, 23), True),
        (date(2026, 4, 27), False),  # Giỗ Tổ falls on Sunday 26/04: Monday off
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2026, 8, 22), True),  # the swapped working Saturday
        (date(2026, 8, 31), False),  # …for Monday 31/08
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2025, 4, 26), True),  # 2025's working Saturday
        (date(2025, 5, 2), False),
        (date(2024, 5, 4), True),
        (date(2024, 4, 29), False),
        (date(2027, 2, 4), False),  # Tết 2027 starts 04/02
        (date(2026, 11, 21), False),  # an ordinary Saturday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_tet_2026_is_skipped_and_explained() -> None:
    due = CAL.due_date(at(2026, 2, 12, 10, 0), wd(5))
    assert due.due_at == at(2026, 2, 26, 10, 0)
    text = due.explanation_text()
    assert "16/02/2026 (Giao thừa Tết Nguyên Đán)" in text
    assert "20/02/2026 (Mùng bốn Tết Nguyên Đán)" in text
    assert due.calendar_version == 1
    assert {s.day for s in due.skipped_days} >= {date(2026, 2, d) for d in range(14, 23)}


def test_ten_working_days_across_tet_match_the_library() -> None:
    assert CAL.due_date(at(2026, 2, 12, 10, 0), wd(10)).due_at == at(2026, 3, 5, 10, 0)


def test_swapped_saturday_counts_and_monday_is_skipped() -> None:
    assert CAL.due_date(at(2026, 8, 21, 10, 0), wd(1)).due_at == at(2026, 8, 22, 10, 0)
    due = CAL.due_date(at(2026, 8, 28, 10, 0), wd(1))
    assert due.due_at == at(2026, 9, 3, 10, 0)
    assert "31/08/2026" in due.explanation_text()


def test_thirtieth_of_april_and_first_of_may() -> None:
    assert CAL.due_date(at(2026, 4, 29, 10, 0), wd(1)).due_at == at(2026, 5, 4, 10, 0)
    assert CAL.due_date(at(2026, 4, 24, 10, 0), wd(2)).due_at == at(2026, 4, 29, 10, 0)


def test_national_day_2026() -> None:
    assert CAL.due_date(at(2026, 9, 2, 10, 0), TimeLimit(LimitUnit.SAME_DAY, 0)).due_at == at(
        2026, 9, 3, 17, 0
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2026, 11, 16, 14, 59), at(2026, 11, 16, 17, 0)),
        (at(2026, 11, 16, 15, 0), at(2026, 11, 16, 17, 0)),  # "after 15:00" is strictly after
        (at(2026, 11, 16, 15, 1), at(2026, 11, 17, 17, 0)),
        (at(2026, 11, 20, 16, 0), at(2026, 11, 23, 17, 0)),  # Friday after the cut-off: Monday
    ],
)
def test_same_day_with_the_three_pm_cutoff(received: datetime, due: datetime) -> None:
    assert CAL.due_date(received, TimeLimit(LimitUnit.SAME_DAY, 0)).due_at == due


def test_after_the_cutoff_the_day_counts_as_the_next_working_day() -> None:
    due = CAL.due_date(at(2026, 11, 16, 15, 30), wd(1))
    assert due.counted_from == at(2026, 11, 17, 7, 30)
    assert due.due_at == at(2026, 11, 18, 7, 30)
    assert "Nhận sau 15:00" in due.explanation_text()


def test_cutoff_can_be_disabled_or_changed_per_call() -> None:
    assert CAL.due_date(at(2026, 11, 16, 15, 30), wd(1), cutoff=None).due_at == at(2026, 11, 17, 15, 30)
    assert CAL.due_date(at(2026, 11, 16, 15, 30), wd(1), cutoff=False).due_at == at(2026, 11, 17, 15, 30)
    assert CAL.due_date(at(2026, 11, 16, 15, 30), wd(1), cutoff=time(16, 0)).due_at == at(
        2026, 11, 17, 15, 30
    )


@pytest.mark.parametrize(
    ("received", "counted"),
    [
        (at(2026, 11, 16, 6, 0), at(2026, 11, 16, 7, 30)),  # before opening
        (at(2026, 11, 16, 12, 0), at(2026, 11, 16, 13, 30)),  # lunch break
        (at(2026, 11, 21, 9, 0), at(2026, 11, 23, 7, 30)),  # Saturday
        (at(2026, 2, 16, 9, 0), at(2026, 2, 23, 7, 30)),  # Tết
    ],
)
def test_reception_outside_office_hours(received: datetime, counted: datetime) -> None:
    assert CAL.due_date(received, wd(1)).counted_from == counted


def test_after_closing_without_cutoff() -> None:
    due = CAL.due_date(at(2026, 11, 16, 17, 30), wd(1), cutoff=None)
    assert due.counted_from == at(2026, 11, 17, 7, 30)


def test_calendar_days_never_end_on_a_day_off() -> None:
    due = CAL.due_date(at(2026, 11, 20, 9, 30), TimeLimit(LimitUnit.CALENDAR_DAYS, 30))
    assert due.due_at == at(2026, 12, 21, 7, 30)  # 20/12 is a Sunday
    assert "chuyển sang" in due.explanation_text()
    assert CAL.due_date(at(2026, 11, 20, 9, 30), TimeLimit(LimitUnit.CALENDAR_DAYS, 3)).due_at == at(
        2026, 11, 23, 9, 30
    )


def test_working_hours_skip_lunch_and_night() -> None:
    due = CAL.due_date(at(2026, 11, 16, 9, 30), TimeLimit(LimitUnit.WORKING_HOURS, 8))
    assert due.due_at == at(2026, 11, 17, 10, 0)
    assert CAL.due_date(at(2026, 11, 16, 9, 30), TimeLimit(LimitUnit.WORKING_HOURS, 2)).due_at == at(
        2026, 11, 16, 11, 30
    )
    assert CAL.due_date(at(2026, 11, 16, 11, 0), TimeLimit(LimitUnit.WORKING_HOURS, 1)).due_at == at(
        2026, 11, 16, 14, 0
    )


def test_culture_day_2026_is_off_unless_overridden() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert CAL.due_date(at(2026, 11, 23, 10, 0), wd(1)).due_at == at(2026, 11, 25, 10, 0)
    rules = CalendarRules(
        version=2,
        overrides=(
            CalendarOverride(
                date(2026, 11, 24), OverrideKind.WORKING_DAY, "Không phải ngày nghỉ hưởng lương"
            ),
        ),
    )
    cal = WorkingCalendar(rules)
    assert cal.is_working_day(date(2026, 11, 24))
    due = cal.due_date(at(2026, 11, 23, 10, 0), wd(1))
    assert due.due_at == at(2026, 11, 24, 10, 0)
    assert due.calendar_version == 2


def test_an_extra_day_off_and_a_working_saturday_from_a_notice() -> None:
    rules = CalendarRules(
        version=3,
        overrides=(
            CalendarOverride(date(2026, 11, 17), OverrideKind.DAY_OFF, "Thông báo 1/TB-UBND"),
            CalendarOverride(date(2026, 11, 21), OverrideKind.WORKING_DAY, "Thông báo 2/TB-UBND"),
        ),
    )
    cal = WorkingCalendar(rules)
    due = cal.due_date(at(2026, 11, 16, 10, 0), wd(4))
    # 17 off; 18, 19, 20, Sat 21 counted
    assert due.due_at == at(2026, 11, 21, 10, 0)
    assert "Thông báo 1/TB-UBND" in due.explanation_text()
    assert "Thông báo 2/TB-UBND" in due.explanation_text()


def test_office_hours_are_configurable_and_checked() -> None:
    cal = WorkingCalendar(
        CalendarRules(version=4, office_hours=((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))))
    )
    assert cal.due_date(at(2026, 11, 16, 6, 0), wd(1)).counted_from == at(2026, 11, 16, 7, 0)
    with pytest.raises(InvalidInput):
        CalendarRules(version=5, office_hours=((time(13, 0), time(11, 0)),))
    with pytest.raises(InvalidInput):
        CalendarRules(version=5, office_hours=((time(7, 0), time(12, 0)), (time(11, 0), time(17, 0))))
    with pytest.raises(InvalidInput):
        CalendarRules(version=5, office_hours=())


@pytest.mark.parametrize(
    ("spec", "limit"),
    [
        ("5 working-days", wd(5)),
        ("30 calendar-days", TimeLimit(LimitUnit.CALENDAR_DAYS, 30)),
        ("8 working-hours", TimeLimit(LimitUnit.WORKING_HOURS, 8)),
        ("same-day", TimeLimit(LimitUnit.SAME_DAY, 0)),
    ],
)
def test_limit_specs(spec: str, limit: TimeLimit) -> None:
    assert parse_limit_spec(spec) == limit
    assert limit.spec() == spec


@pytest.mark.parametrize("spec", ["5", "five working-days", "0 working-days", "5 working days", ""])
def test_bad_limit_specs(spec: str) -> None:
    with pytest.raises(InvalidInput):
        parse_limit_spec(spec)


def test_limit_descriptions() -> None:
    assert wd(5).describe() == "05 ngày làm việc"
    assert TimeLimit(LimitUnit.SAME_DAY, 0).describe() == "trong ngày"
    with pytest.raises(InvalidInput):
        TimeLimit(LimitUnit.SAME_DAY, 2)


# --- properties ------------------------------------------------------------------

moments = st.datetimes(datetime(2024, 1, 1), datetime(2031, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=VN_TZ)
)
limits = st.one_of(
    st.builds(
        TimeLimit,
        st.sampled_from([LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.WORKING_HOURS]),
        st.integers(1, 60),
    ),
    st.just(TimeLimit(LimitUnit.SAME_DAY, 0)),
)
cutoffs = st.sampled_from([True, None, time(15, 0), time(11, 0)])
overrides = st.lists(
    st.builds(
        CalendarOverride, st.dates(date(2024, 1, 1), date(2032, 3, 31)), st.sampled_from(list(OverrideKind))
    ),
    max_size=12,
    unique_by=lambda o: o.day,
)


@settings(max_examples=300, deadline=None)
@given(received=moments, limit=limits, cutoff=cutoffs, extra=overrides)
def test_due_date_is_a_working_moment_not_before_the_receipt(
    received: datetime, limit: TimeLimit, cutoff: object, extra: list[CalendarOverride]
) -> None:
    cal = WorkingCalendar(CalendarRules(version=9, overrides=tuple(extra)))
    due = cal.due_date(received, limit, cutoff=cutoff)  # type: ignore[arg-type]
    assert due.due_at >= received
    assert due.due_at >= due.counted_from >= received
    assert cal.is_working_moment(due.due_at)
    assert cal.is_working_moment(due.counted_from)


@settings(max_examples=300, deadline=None)
@given(a=moments, gap=st.integers(0, 60 * 24 * 20), limit=limits, cutoff=cutoffs, extra=overrides)
def test_due_date_is_monotonic_in_the_receipt_time(
    a: datetime, gap: int, limit: TimeLimit, cutoff: object, extra: list[CalendarOverride]
) -> None:
    cal = WorkingCalendar(CalendarRules(version=9, overrides=tuple(extra)))
    b = a + timedelta(minutes=gap)
    assert cal.due_date(a, limit, cutoff=cutoff).due_at <= cal.due_date(b, limit, cutoff=cutoff).due_at  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    received=moments,
    unit=st.sampled_from([LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.WORKING_HOURS]),
    n=st.integers(1, 60),
    more=st.integers(0, 30),
    extra=overrides,
)
def test_due_date_is_monotonic_in_the_limit(
    received: datetime, unit: LimitUnit, n: int, more: int, extra: list[CalendarOverride]
) -> None:
    cal = WorkingCalendar(CalendarRules(version=9, overrides=tuple(extra)))
    assert (
        cal.due_date(received, TimeLimit(unit, n)).due_at
        <= cal.due_date(received, TimeLimit(unit, n + more)).due_at
    )
