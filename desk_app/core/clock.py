"""The time source: services take a Clock and never call ``datetime.now()``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


class Clock(Protocol):
    """Anything that tells the current local time of the desk."""

    def now(self) -> datetime:
        """Return the current time as an aware datetime in UTC+7."""
        ...


class SystemClock:
    """The desk's wall clock, in Vietnam's time zone (UTC+7, no DST)."""

    def now(self) -> datetime:
        """Return the current time in UTC+7, to the second."""
        return datetime.now(VN_TZ).replace(microsecond=0)


@dataclass
class FixedClock:
    """A clock for tests and scripted runs; ``advance`` moves it forward."""

    current: datetime

    def now(self) -> datetime:
        """Return the fixed time."""
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock by ``delta``."""
        self.current = self.current + delta


def to_local(moment: datetime) -> datetime:
    """Interpret a naive datetime as UTC+7 and convert an aware one to UTC+7."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)
