"""One application-wide event filter that recognises a wedge scanner's burst from any screen.

The scanner's characters reach the focused field like typing. When Enter ends a burst that was too
fast to be typed, the field gets back the text it had before the burst and the payload is emitted
instead; everything else (typing, Telex/VNI composition) passes through untouched.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desk_app.core.scan import BurstDetector, classify

if TYPE_CHECKING:
    from collections.abc import Callable

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _monotonic_ms() -> float:
    return time.monotonic() * 1000


class _Snapshot:
    """What the focused field held when a candidate burst began (text, date, number or choice)."""

    def __init__(self, widget: QWidget | None) -> None:
        self.widget = widget
        self.text: str | None = None
        self.cursor = 0
        self.value: object = None
        if isinstance(widget, QLineEdit):
            self.text, self.cursor = widget.text(), widget.cursorPosition()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            self.text, self.cursor = widget.toPlainText(), widget.textCursor().position()
        elif isinstance(widget, QDateTimeEdit):
            self.value = widget.dateTime()
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            self.value = widget.value()
        elif isinstance(widget, QComboBox):
            self.value = (widget.currentIndex(), widget.currentText())

    def restore(self) -> None:
        widget, text = self.widget, self.text
        if self.value is not None:
            self._restore_value()
            return
        if text is None:
            return
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            widget.setCursorPosition(self.cursor)
            widget.textEdited.emit(text)  # forms bound to edits learn the burst was taken back
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setPlainText(text)
            cursor = widget.textCursor()
            cursor.setPosition(min(self.cursor, len(text)))
            widget.setTextCursor(cursor)

    def _restore_value(self) -> None:
        """A date, number or choice field gets its value back (a scan is not typed into it)."""
        widget, value = self.widget, self.value
        if isinstance(widget, QDateTimeEdit):
            widget.setDateTime(value)  # type: ignore[arg-type]
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.setValue(value)  # type: ignore[arg-type]
        elif isinstance(widget, QComboBox) and isinstance(value, tuple):
            widget.setCurrentIndex(value[0])
            if widget.isEditable():
                widget.setEditText(value[1])


class ScanInput(QObject):
    """Install on the QApplication; ``sig_scanned`` carries a ``ScanResult``."""

    sig_scanned = Signal(object)
    """A scanner burst ended with Enter; the argument is the classified payload."""

    def __init__(
        self, parent: QObject | None = None, *, clock_ms: Callable[[], float] = _monotonic_ms
    ) -> None:
        super().__init__(parent)
        self._clock_ms = clock_ms
        self._detector = BurstDetector()
        self._snapshot = _Snapshot(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Watch key presses and committed input-method text sent to the focused widget."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        focus = QApplication.focusWidget()
        if watched is not focus and not (focus is None and isinstance(watched, QWidget)):
            return False  # the same event seen again on its way through parents and windows
        if kind == QEvent.Type.InputMethod:
            assert isinstance(event, QInputMethodEvent)
            self._on_commit(event, focus)
            return False
        assert isinstance(event, QKeyEvent)
        return self._on_key(event, focus)

    def _on_commit(self, event: QInputMethodEvent, focus: QWidget | None) -> None:
        commit = event.commitString()
        if not commit:
            return
        now = self._clock_ms()
        if event.replacementLength() > 0 and event.replacementStart() < 0:
            self._detector.replace_last(event.replacementLength(), commit, now)
        elif self._detector.feed(commit, now):
            self._snapshot = _Snapshot(focus)

    def _on_key(self, event: QKeyEvent, focus: QWidget | None) -> bool:
        now = self._clock_ms()
        if event.key() in _ENTER:
            payload = self._detector.finish(now)
            if payload is None:
                return False
            self._snapshot.restore()
            self.sig_scanned.emit(classify(payload))
            return True
        text = event.text()
        if text and text.isprintable():
            if self._detector.feed(text, now):
                self._snapshot = _Snapshot(focus)
        elif event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_unknown):
            self._detector.reset()
        return False
