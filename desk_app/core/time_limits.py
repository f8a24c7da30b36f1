"""Time limits of a procedure: the four units the desk counts in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.errors import InvalidInput
from desk_app.i18n import _


class LimitUnit(StrEnum):
    """How a procedure's time limit is counted."""

    WORKING_DAYS = "working-days"
    CALENDAR_DAYS = "calendar-days"
    WORKING_HOURS = "working-hours"
    SAME_DAY = "same-day"


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """A structured time limit; ``value`` is 0 for a same-day limit."""

    unit: LimitUnit
    value: int

    def __post_init__(self) -> None:
        if self.unit is LimitUnit.SAME_DAY:
            if self.value != 0:
                raise InvalidInput(_("Thời hạn “trong ngày” không có số lượng."))
        elif self.value < 1:
            raise InvalidInput(_("Thời hạn giải quyết phải lớn hơn 0."))

    def spec(self) -> str:
        """The CLI form: ``5 working-days``, ``same-day`` …."""
        if self.unit is LimitUnit.SAME_DAY:
            return self.unit.value
        return f"{self.value} {self.unit.value}"

    def describe(self) -> str:
        """A Vietnamese description, e.g. ``05 ngày làm việc``."""
        if self.unit is LimitUnit.SAME_DAY:
            return _("trong ngày")
        templates = {
            LimitUnit.WORKING_DAYS: _("{n} ngày làm việc"),
            LimitUnit.CALENDAR_DAYS: _("{n} ngày"),
            LimitUnit.WORKING_HOURS: _("{n} giờ làm việc"),
        }
        return templates[self.unit].format(n=f"{self.value:02d}")


_SPEC_RE = re.compile(r"^\s*(\d+)\s+(working-days|calendar-days|working-hours)\s*$")


def parse_limit_spec(text: str) -> TimeLimit:
    """Parse ``N working-days|N calendar-days|N working-hours|same-day``."""
    if text.strip() == LimitUnit.SAME_DAY.value:
        return TimeLimit(LimitUnit.SAME_DAY, 0)
    match = _SPEC_RE.match(text)
    if match is None:
        raise InvalidInput(
            _(
                "Thời hạn “{text}” phải có dạng “N working-days”, “N calendar-days”, "
                "“N working-hours” hoặc “same-day”."
            ).format(text=text)
        )
    return TimeLimit(LimitUnit(match.group(2)), int(match.group(1)))
