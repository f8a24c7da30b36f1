"""Which open dossiers the home screen lists, and the time-left words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_app.core.clock import VN_TZ
from desk_app.core.today import TodayGroup, group_of, time_left_words
from desk_app.core.workflow import DossierStatus

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=VN_TZ)  # a Friday
NEXT = date(2026, 12, 7)  # the next working day: Monday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("status", "due", "group"),
    [
        (DossierStatus.PROCESSING, at(3, 17), TodayGroup.OVERDUE),
        (DossierStatus.RECEIVED, at(4, 9, 59), TodayGroup.OVERDUE),
        (DossierStatus.PROCESSING, at(4, 17), TodayGroup.DUE_TODAY),
        (DossierStatus.FEE_REQUESTED, at(7, 17), TodayGroup.DUE_NEXT),  # over the weekend
        (DossierStatus.PROCESSING, at(8, 9), None),  # later: nothing to do today
        (DossierStatus.FINISHED, at(3, 17), TodayGroup.READY),  # ready counts before late
        (DossierStatus.SUPPLEMENT_REQUESTED, None, TodayGroup.SUPPLEMENT),
        (DossierStatus.RETURNED, at(3, 17), None),
        (DossierStatus.REFUSED, None, None),
        (DossierStatus.PROCESSING, None, None),
    ],
)
def test_groups(status: DossierStatus, due: datetime | None, group: TodayGroup | None) -> None:
    assert group_of(status, due, NOW, NEXT) is group


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (at(5, 13), "còn 1 ngày 3 giờ"),
        (at(2, 7), "quá 2 ngày 3 giờ"),
        (at(4, 10, 45), "còn 45 phút"),
        (at(4, 12, 30), "còn 2 giờ 30 phút"),
        (at(6, 10), "còn 2 ngày"),
        (at(4, 9), "quá 1 giờ"),
    ],
)
def test_time_left_words(due: datetime, words: str) -> None:
    assert time_left_words(due, NOW) == words
