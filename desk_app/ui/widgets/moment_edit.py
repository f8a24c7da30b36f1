"""A date-and-time field that takes what officers type ("15/12", "15/12/2026 17:00") and shows it whole."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from desk_app.core.clock import VN_TZ, to_local
from desk_app.core.date_input import EXAMPLES, parse_moment
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _
from desk_app.ui.timefmt import wall_clock
from desk_app.ui.widgets.applicant_form import PROBLEM_STYLE

if TYPE_CHECKING:
    from collections.abc import Callable


def _today() -> date:
    return wall_clock().date()


class MomentEdit(QLineEdit):
    """``moment()`` gives the Vietnam-time moment or raises InvalidInput; a bad entry is marked red."""

    def __init__(
        self,
        default_time: time = time(17, 0),
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = _today,
    ) -> None:
        super().__init__(parent)
        self.default_time = default_time
        self._today = today
        self.setPlaceholderText(EXAMPLES)
        self.setToolTip(
            _("Gõ ngày như {ex}; thiếu năm là năm nay, thiếu giờ là {t:%H:%M}.").format(
                ex=EXAMPLES, t=default_time
            )
        )
        self.editingFinished.connect(self._on_editing_finished)

    def set_moment(self, moment: datetime) -> None:
        """Show a moment (any zone) in Vietnam time, whole."""
        local = to_local(moment)
        self.default_time = time(local.hour, local.minute)
        self.setText(f"{local:%d/%m/%Y %H:%M}")
        self.setStyleSheet("")

    def moment(self) -> datetime:
        """The moment typed, in Vietnam time (raises InvalidInput)."""
        wall = parse_moment(self.text(), today=self._today(), default_time=self.default_time)
        return wall.replace(tzinfo=VN_TZ)

    @Slot()
    def _on_editing_finished(self) -> None:
        try:
            moment = self.moment()
        except InvalidInput as exc:
            self.setStyleSheet(PROBLEM_STYLE)
            self.setToolTip(exc.user_message)
            return
        self.setText(f"{moment:%d/%m/%Y %H:%M}")
        self.setStyleSheet("")
