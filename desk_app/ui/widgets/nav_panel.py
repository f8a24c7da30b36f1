"""The left navigation: the desk's name, a row per screen (icon, name, Alt+n), the time at its foot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.calendar import WEEKDAY_NAMES
from desk_app.i18n import _
from desk_app.ui.style import ON_DARK, WHITE, icon

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1


class _ShortcutDelegate(QStyledItemDelegate):
    """Draws a row as usual, then its key (Alt+n) at the right, a little dimmer."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        shortcut = index.data(SHORTCUT_ROLE)
        if not shortcut:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        font = QFont(option.font)
        font.setPointSize(10)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#dce9f7" if selected else "#a9bbcd"))
        area = option.rect.adjusted(0, 0, -10, 0)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shortcut)
        painter.restore()


class NavPanel(QWidget):
    """``self.list`` is the navigation proper (a QListWidget, one row per screen)."""

    def __init__(self, unit_name: str, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._now = now
        title = QLabel(_("Một cửa"))
        title.setObjectName("navTitle")
        unit = QLabel(unit_name)
        unit.setObjectName("navUnit")
        unit.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("nav")
        self.list.setIconSize(QSize(20, 20))
        self.list.setItemDelegate(_ShortcutDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        footer = QFrame()
        footer.setObjectName("navFooter")
        self.date_label = QLabel()
        self.clock_label = QLabel()
        self.clock_label.setObjectName("navClock")
        foot = QVBoxLayout(footer)
        foot.setContentsMargins(14, 8, 14, 10)
        foot.setSpacing(2)
        foot.addWidget(self.clock_label)
        foot.addWidget(self.date_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(unit)
        layout.addWidget(self.list, 1)
        layout.addWidget(footer)
        self.setMinimumWidth(216)
        self.refresh_clock()
        self._timer = QTimer(self)
        self._timer.setInterval(15_000)
        self._timer.timeout.connect(self.refresh_clock)
        self._timer.start()

    def add(self, title: str, icon_name: str | None, number: int | None) -> None:
        """One screen's row; screen ``number`` 1 … 10 shows Alt+1 … Alt+0 at its right (F1 … F10 too)."""
        item = QListWidgetItem(title)
        if icon_name is not None:
            item.setIcon(icon(icon_name, ON_DARK, WHITE))
        if number is not None:
            shortcut = f"Alt+{number % 10}"
            item.setData(SHORTCUT_ROLE, shortcut)
            item.setToolTip(_("{title}: {key} hoặc F{n}").format(title=title, key=shortcut, n=number))
        self.list.addItem(item)

    @Slot()
    def refresh_clock(self) -> None:
        """The time (large) and the weekday with the date, in Vietnam time."""
        moment = self._now()
        self.clock_label.setText(f"{moment:%H:%M}")
        self.date_label.setText(f"{WEEKDAY_NAMES[moment.weekday()]} {moment:%d/%m/%Y}")
