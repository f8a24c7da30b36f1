"""Offscreen Qt for every UI test; the window over a private demo database with inline tasks."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.services.container import Services
from desk_app.ui.app import build_window, make_application
from desk_app.ui.events import AppEvents
from desk_app.ui.main_window import MainWindow
from desk_app.ui.tasks import TaskRunner

HUMAN_GAP_MS = 160.0  # a fast officer
SCANNER_GAP_MS = 4.0  # a USB wedge scanner


@dataclass
class FakeClock:
    """Milliseconds as the scan detector sees them; the helpers advance it."""

    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Keyboard:
    """Types like a person or like a scanner, and counts the officer's keystrokes."""

    clock: FakeClock
    keystrokes: int = 0
    scans: int = 0
    log: list[str] = field(default_factory=list)

    def _focus(self) -> QWidget:
        QApplication.processEvents()  # the event loop runs between a person's keystrokes
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Per-character key events carrying the text (keyClicks aborts on non-ASCII)."""
        for ch in text:
            self.clock.now += HUMAN_GAP_MS
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget or self._focus(),
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )
            self.keystrokes += 1
        self.log.append(f"type {text!r}")

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        widget: QWidget | None = None,
    ) -> None:
        """One key (with a modifier): one keystroke."""
        self.clock.now += HUMAN_GAP_MS
        QTest.keyClick(widget or self._focus(), key, modifier)
        self.keystrokes += 1
        self.log.append(f"press {key.name}")

    def commit(self, text: str, widget: QWidget | None = None, *, replace: int = 0) -> None:
        """Text committed by an input method (Unikey/EVKey Telex), as one event."""
        self.clock.now += HUMAN_GAP_MS
        event = QInputMethodEvent()
        event.setCommitString(text, -replace if replace else 0, replace)
        QApplication.sendEvent(widget or self._focus(), event)
        self.keystrokes += 1

    def scan(self, payload: str) -> None:
        """A scanner burst: every character within a few ms, then Enter."""
        target = self._focus()
        self.clock.now += 600  # picking up the scanner and aiming it
        for ch in payload:
            self.clock.now += SCANNER_GAP_MS
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )
        self.clock.now += SCANNER_GAP_MS
        QTest.keyClick(QApplication.focusWidget() or target, Qt.Key.Key_Return)
        self.scans += 1
        self.clock.now += 1000
        self.log.append("scan")


@dataclass
class Messages:
    """QMessageBox calls, recorded instead of shown."""

    shown: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    """pytest-qt builds its QApplication with our set-up below."""
    return QApplication


@pytest.fixture(autouse=True)
def _desk_application(qapp: QApplication) -> None:
    make_application()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    """Message boxes are recorded and answered Ok (Yes for questions)."""
    recorded = Messages()

    def fake_exec(box: QMessageBox) -> int:
        recorded.shown.append(box.text())
        return int(
            QMessageBox.StandardButton.Yes
            if box.icon() == QMessageBox.Icon.Question
            else QMessageBox.StandardButton.Ok
        )

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return recorded


@pytest.fixture
def window(services: Services, messages: Messages, qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window for officer canbo1, tasks inline, prints written to a PDF file."""
    del messages
    main = build_window(
        services,
        TaskRunner(immediate=True),
        AppEvents(),
        Actor("canbo1", Role.OFFICER),
        tmp_path / "ui-state.ini",
    )
    main.printer.pdf_target = str(tmp_path / "printed.pdf")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def keyboard(window: MainWindow) -> Keyboard:
    """Keys and scans for the window, with the detector on a fake clock."""
    clock = FakeClock()
    window.scan_input._clock_ms = clock
    return Keyboard(clock)


# Answers still waiting for a dialog; a test's unanswered wait ends with the test, never answering the
# next test's dialog (with that test's keyboard, miscounting its keystrokes).
_WAITING: set[int] = set()
_TOKENS = itertools.count()


@pytest.fixture(autouse=True)
def _forget_unanswered_dialogs() -> Iterator[None]:
    yield
    _WAITING.clear()


def answer_next_dialog(keyboard: Keyboard, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """When the next modal dialog opens, press ``key`` in it (counted as the officer's keystroke)."""
    token = next(_TOKENS)
    _WAITING.add(token)

    def press() -> None:
        if token not in _WAITING:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, press)
            return
        _WAITING.discard(token)
        keyboard.press(key, widget=dialog)

    QTimer.singleShot(0, press)
