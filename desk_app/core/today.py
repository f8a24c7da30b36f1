"""What today holds for a counter: which open dossiers need the officer, and how much time is left.

Pure rules: the service reads the dossiers, the screen shows the groups in this order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from desk_app.core.clock import to_local
from desk_app.core.workflow import DossierStatus
from desk_app.i18n import N_, _


class TodayGroup(StrEnum):
    """The lists of the home screen, in the order they are shown."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_NEXT = "due_next"  # due by the end of the next working day
    READY = "ready"  # the result is back: hand it to the citizen
    SUPPLEMENT = "supplement"  # waiting for the citizen's missing papers
    UNPRINTED = "unprinted"  # accepted, receipt previewed but never printed


GROUP_TITLES = {
    TodayGroup.OVERDUE: N_("Quá hạn"),
    TodayGroup.DUE_TODAY: N_("Đến hạn hôm nay"),
    TodayGroup.DUE_NEXT: N_("Đến hạn ngày làm việc tới"),
    TodayGroup.READY: N_("Có kết quả, chờ trả"),
    TodayGroup.SUPPLEMENT: N_("Chờ công dân bổ sung"),
    TodayGroup.UNPRINTED: N_("Giấy tiếp nhận chưa in"),
}

# Open at the desk or at a department: the due date still counts.
RUNNING = frozenset({DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.FEE_REQUESTED})


def group_of(
    status: DossierStatus, due_at: datetime | None, now: datetime, next_day: date
) -> TodayGroup | None:
    """The home-screen list a dossier belongs to (None: nothing to do about it today).

    ``next_day`` is the next working day after today: a dossier due by its end is shown ahead.
    """
    if status is DossierStatus.FINISHED:
        return TodayGroup.READY
    if status is DossierStatus.SUPPLEMENT_REQUESTED:
        return TodayGroup.SUPPLEMENT
    if status not in RUNNING or due_at is None:
        return None
    if due_at < now:
        return TodayGroup.OVERDUE
    due_day = to_local(due_at).date()
    if due_day == to_local(now).date():
        return TodayGroup.DUE_TODAY
    if due_day <= next_day:
        return TodayGroup.DUE_NEXT
    return None


def time_left_words(due_at: datetime, now: datetime) -> str:
    """The time to or past the due moment: "còn 1 ngày 3 giờ", "quá 2 ngày 3 giờ", "còn 45 phút"."""
    gap = due_at - now
    late = gap < timedelta(0)
    gap = abs(gap)
    days, rest = divmod(int(gap.total_seconds()) // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        amount = _("{d} ngày {h} giờ").format(d=days, h=hours) if hours else _("{d} ngày").format(d=days)
    elif hours:
        amount = _("{h} giờ {m} phút").format(h=hours, m=minutes) if minutes else _("{h} giờ").format(h=hours)
    else:
        amount = _("{m} phút").format(m=minutes)
    return _("quá {amount}").format(amount=amount) if late else _("còn {amount}").format(amount=amount)


SOON = timedelta(days=1)


def due_is_close(due_at: datetime, now: datetime) -> bool | None:
    """True when past due, False when due within a day, None otherwise (how urgent a badge looks)."""
    if due_at < now:
        return True
    return False if due_at - now <= SOON else None
