"""Windows sized to the screen they are on: nothing off a 1366×768 screen with its taskbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (else the primary one) that the taskbar leaves free."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``width`` × ``height``, or as much of it as the screen has room for."""
    area = available_area(widget)
    widget.resize(min(width, area.width()), min(height, area.height()))


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move a (restored) window so that all of it is on the screen."""
    area = available_area(widget)
    frame = widget.geometry()
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    left = min(max(frame.left(), area.left()), area.right() - width + 1)
    top = min(max(frame.top(), area.top()), area.bottom() - height + 1)
    widget.setGeometry(left, top, width, height)
