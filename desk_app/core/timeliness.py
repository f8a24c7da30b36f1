"""Early, on time or late: a handover or a result against the due date, by calendar day.

The control sheet's result column and Biểu 06 compare days, not minutes (domain §4.5: the
production rule compares dates), so a result handed back at 16:00 on the due day is on time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

EARLY = "Trước hạn"
ON_TIME = "Đúng hạn"
LATE = "Quá hạn"


def timeliness(done_on: date, due_on: date) -> str:
    """The printed word for something done on ``done_on`` that was due on ``due_on``."""
    if done_on < due_on:
        return EARLY
    if done_on == due_on:
        return ON_TIME
    return LATE
