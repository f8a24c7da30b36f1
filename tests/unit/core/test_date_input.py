"""Short date input: what an officer types in the new-appointment field."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.date_input import parse_moment
from desk_app.core.errors import InvalidInput

TODAY = date(2026, 12, 3)
CLOSING = time(17, 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/12", datetime(2026, 12, 15, 17, 0)),
        ("3/12", datetime(2026, 12, 3, 17, 0)),  # today still counts
        ("2/1", datetime(2027, 1, 2, 17, 0)),  # a date already past this year means next year
        ("15/12/2026 17:00", datetime(2026, 12, 15, 17, 0)),
        ("15/12/26 8:30", datetime(2026, 12, 15, 8, 30)),
        ("15-12-2026 10h", datetime(2026, 12, 15, 10, 0)),
        (" 15.12 lúc 9h30 ", datetime(2026, 12, 15, 9, 30)),
        ("15/12 14 giờ", datetime(2026, 12, 15, 14, 0)),
        ("29/2", datetime(2028, 2, 29, 17, 0)),
    ],
)
def test_the_forms_an_officer_types(typed: str, expected: datetime) -> None:
    assert parse_moment(typed, today=TODAY, default_time=CLOSING) == expected


@pytest.mark.parametrize(
    "typed", ["", "15", "32/12", "15/13", "15/12 25:00", "15/12 17:70", "mai", "15/12/202"]
)
def test_what_is_not_a_moment_is_refused_with_the_accepted_forms(typed: str) -> None:
    with pytest.raises(InvalidInput, match="Ngày giờ"):
        parse_moment(typed, today=TODAY, default_time=CLOSING)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)), st.times())
def test_the_full_form_reads_back_what_was_shown(day: date, moment: time) -> None:
    shown = f"{day:%d/%m/%Y} {moment:%H:%M}"
    assert parse_moment(shown, today=TODAY, default_time=CLOSING) == datetime.combine(
        day, time(moment.hour, moment.minute)
    )
