"""Dates as officers type them: "15/12", "15/12/26", "15/12/2026 17:00", "15-12 17h30"."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from desk_app.core.errors import InvalidInput
from desk_app.i18n import _

_DATE = r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})(?:[/.\-](?P<y>\d{2}|\d{4}))?"
_TIME = r"(?P<h>\d{1,2})\s*(?:(?::|h|giờ)\s*(?P<mi>\d{2})?)?"
_MOMENT = re.compile(rf"^\s*{_DATE}(?:\s+(?:lúc\s+)?{_TIME})?\s*$", re.IGNORECASE)
EXAMPLES = "15/12, 15/12/2026, 15/12/2026 17:00"


def parse_moment(text: str, *, today: date, default_time: time) -> datetime:
    """The wall-clock moment typed, or InvalidInput naming the accepted forms.

    A missing year is the first one putting the day on or after ``today``; a missing time is ``default_time``.
    """
    match = _MOMENT.match(text)
    if match is None:
        raise InvalidInput(
            _("Ngày giờ “{t}” không đọc được; gõ như {ex}.").format(t=text.strip(), ex=EXAMPLES)
        )
    day, month = int(match["d"]), int(match["m"])
    try:
        when = time(int(match["h"]), int(match["mi"] or 0)) if match["h"] else default_time
        return datetime.combine(_date(day, month, match["y"], today), when)
    except ValueError:
        raise InvalidInput(_("Ngày giờ “{t}” không có thật.").format(t=text.strip())) from None


def _date(day: int, month: int, year_text: str | None, today: date) -> date:
    if year_text is None:
        candidate = date(today.year, month, day) if (month, day) != (2, 29) else _leap(today.year)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    year = int(year_text)
    return date(2000 + year if year < 100 else year, month, day)


def _leap(year: int) -> date:
    """29 February of ``year`` or of the next leap year (typing "29/2" means the coming one)."""
    while True:
        try:
            return date(year, 2, 29)
        except ValueError:
            year += 1
