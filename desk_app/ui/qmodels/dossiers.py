"""Table models over dossier DTOs, with a live "còn … / quá …" badge on every open dossier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from desk_app.core.today import due_is_close, time_left_words
from desk_app.core.workflow import TERMINAL
from desk_app.i18n import _
from desk_app.ui.qmodels.table import CODE_SAMPLE, Column, DtoTableModel
from desk_app.ui.timefmt import show_time, wall_clock

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desk_app.services.dto import DossierSummary

TIME_SAMPLE = "00/00/0000 00:00"
BADGE_SAMPLE = "quá 00 ngày 00 giờ"
LATE, SOON = "#b71c1c", "#a15c00"
BADGE_REFRESH_MS = 60_000


def due_badge_column(now: Callable[[], datetime]) -> Column[DossierSummary]:
    """"còn 1 ngày 3 giờ" / "quá 2 ngày" for a dossier still open; red when late, amber within a day."""

    def words(d: DossierSummary) -> str:
        return time_left_words(d.due_at, now()) if d.due_at and d.status not in TERMINAL else ""

    def colour(d: DossierSummary) -> str | None:
        if not d.due_at or d.status in TERMINAL:
            return None
        close = due_is_close(d.due_at, now())
        return LATE if close else SOON if close is False else None

    return Column(_("Còn / quá hạn"), words, fits=BADGE_SAMPLE, colour=colour)


def due_column() -> Column[DossierSummary]:
    """The appointment, never cut."""
    return Column(_("Hẹn trả"), lambda d: show_time(d.due_at), fits=TIME_SAMPLE)


def dossier_columns(now: Callable[[], datetime] = wall_clock) -> list[Column[DossierSummary]]:
    """Code, time left, status, procedure, applicant, received, due."""
    return [
        Column(_("Mã hồ sơ"), lambda d: d.code or _("(chưa cấp mã)"), fits=CODE_SAMPLE),
        due_badge_column(now),
        Column(_("Trạng thái"), lambda d: d.status_label),
        Column(_("Thủ tục"), lambda d: d.procedure_name, tooltip=lambda d: d.procedure_name),
        Column(_("Người nộp"), lambda d: d.applicant_name),
        Column(_("Nhận lúc"), lambda d: show_time(d.received_at), fits=TIME_SAMPLE),
        due_column(),
    ]


class DossierTableModel(DtoTableModel["DossierSummary"]):
    """Lookup results and queues; the time-left badges are repainted every minute."""

    BADGE = 1

    def __init__(self, now: Callable[[], datetime] = wall_clock) -> None:
        super().__init__(dossier_columns(now))
        self._badges = QTimer(self)
        self._badges.setInterval(BADGE_REFRESH_MS)
        self._badges.timeout.connect(lambda: self.refresh_column(self.BADGE))
        self._badges.start()
