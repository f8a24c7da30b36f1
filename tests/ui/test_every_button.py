"""Issue 14, the counter screen: every enabled button of every screen does something when clicked.

Something is: a dialog shown, a change in the database, a print or preview, a message in the status bar,
another screen, or a change in what the window shows (a field, a list, a check, a widget appearing).
Each click is judged by snapshots taken before and after it, never by an expectation written for that
button, so a button added tomorrow is clicked and judged the same way. A click with none of these is a
silent no-op, named by screen, dossier state and button.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Messages
from tests.ui.dossier_states import STATES, calendar_day, sync_trouble
from tests.ui.screen_walk import ModalWatcher, first_difference, open_window, settle, snapshot

COMMANDS = (QPushButton, QToolButton, QCheckBox, QRadioButton)
INSIDE_QT_WIDGETS = (QLineEdit, QAbstractSpinBox, QTabBar)  # their own buttons (clear, arrows, scroll)

# The screens that show one dossier, and how each is given one (as a scan would).
OPEN_DOSSIER: dict[str, Callable[[MainWindow, str], None]] = {
    "lookup": lambda w, ref: w.lookup.open(ref),
    "returns": lambda w, ref: w.returns.load(ref),
    "handover": lambda w, ref: (w.handover.model.set_rows([]), w.handover.add(ref)),
}


def _fill_reception(window: MainWindow) -> None:
    """A reception under way: the applicant typed, a procedure chosen, nothing ticked yet."""
    screen = window.reception
    for ch in "Trần Thị Bích Ngọc":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, screen.applicant.fields["name"], Qt.Key.Key_unknown, ch,
            Qt.KeyboardModifier.NoModifier,
        )
    screen.picker.search.setText("1.001193")
    QTest.keyClick(screen.picker.search, Qt.Key.Key_Return)


def _select_first_rows(window: MainWindow) -> None:
    """Lists with a row chosen, as the officer leaves them after looking."""
    for screen in (window.sync, window.settings_screen):
        for view in (getattr(screen, "review_view", None), getattr(screen, "override_view", None)):
            if view is not None and view.model().rowCount():
                view.selectRow(0)


# Screens without a dossier of their own, in the states worth clicking through.
SCENES: dict[str, tuple[str, Callable[[MainWindow], None] | None]] = {
    "today": ("today", None),
    "reception-empty": ("reception", None),
    "reception-under-way": ("reception", _fill_reception),
    "register": ("register", None),
    "reports": ("reports", None),
    "catalogue": ("catalogue", None),
    "sync": ("sync", None),
    "sync-item-chosen": ("sync", _select_first_rows),
    "settings": ("settings_screen", None),
    "settings-day-chosen": ("settings_screen", _select_first_rows),
    "day-close": ("day_close", None),
}


def _screen_attribute(window: MainWindow, screen: QWidget) -> str:
    return next(name for name, value in vars(window).items() if value is screen)


def test_every_screen_is_walked(window: MainWindow) -> None:
    """A screen added to the window must be added to one of the walks above (with its states)."""
    walked = set(OPEN_DOSSIER) | {attribute for attribute, _setup in SCENES.values()}
    assert {_screen_attribute(window, screen) for _title, screen in window.screens} == walked


def _is_command(button: QAbstractButton) -> bool:
    parent = button.parentWidget()
    return (
        isinstance(button, COMMANDS)
        and not isinstance(parent, INSIDE_QT_WIDGETS)
        and button.isVisible()
        and button.isEnabled()
    )


def _name(found: dict[str, Any], text: str) -> str:
    return text if text not in found else f"{text} #{len(found)}"


def commands(window: MainWindow) -> dict[str, QAbstractButton | QAction]:
    """Every enabled button on show in the current screen."""
    found: dict[str, QAbstractButton | QAction] = {}
    for button in window.current_screen().findChildren(QAbstractButton):
        if _is_command(button):
            found[_name(found, button.text() or button.objectName() or type(button).__name__)] = button
    return found


def window_commands(window: MainWindow) -> dict[str, QAbstractButton | QAction]:
    """The window's own commands around the screens: buttons (status bar, navigation), menu and toolbar
    actions (the officer's menu among them)."""
    found: dict[str, QAbstractButton | QAction] = {}
    for button in window.findChildren(QAbstractButton):
        if _is_command(button) and not window.stack.isAncestorOf(button):
            found[_name(found, button.text() or button.objectName() or type(button).__name__)] = button
    for action in window.findChildren(QAction):
        hosts = [o for o in action.associatedObjects() if isinstance(o, QMenu | QMenuBar | QToolBar)]
        if hosts and action.isEnabled() and action.isVisible():
            found[_name(found, f"menu {action.text() or action.objectName()}")] = action
    return found


def click(command: QAbstractButton | QAction) -> None:
    """As the officer does: a click on a button (on its face: a check box's empty margin is not it), a
    trigger of a menu or toolbar action."""
    if isinstance(command, QAction):
        command.trigger()
    else:
        command.click()


@dataclass
class Observer:
    """Everything a click can do that the officer notices, taken before and after the click."""

    window: MainWindow
    messages: Messages
    database: sqlite3.Connection
    watcher: ModalWatcher

    def database_version(self) -> int:
        """PRAGMA data_version: moves whenever another connection commits."""
        return int(self.database.execute("PRAGMA data_version").fetchone()[0])

    def observe(self) -> dict[str, Any]:
        """The observable state now."""
        window = self.window
        tops = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        return {
            "a dialog was shown": len(self.watcher.seen) + len(self.messages.shown),
            "the database changed": self.database_version(),
            "a document was printed or previewed": len(window.printer.shown),
            "another screen came up": window.stack.currentIndex(),
            "the status bar said something": window.statusBar().currentMessage(),
            "a window opened": sorted(tops),
            "the window changed": snapshot(window),
        }

    def what_happened(self, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
        """The names of what differs (empty: the click was silent)."""
        happened = [name for name in before if before[name] != after[name]]
        if "the window changed" in happened:
            detail = first_difference(before["the window changed"], after["the window changed"])
            happened[happened.index("the window changed")] = f"the window changed ({detail})"
        return happened


@pytest.fixture
def database(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of its own: PRAGMA data_version moves when anyone else commits."""
    connection = sqlite3.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def new_window(
    services: Services, messages: Messages, qtbot: Any, tmp_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    """A fresh main window each call (the previous one closed)."""
    del messages
    made: list[MainWindow] = []

    def make() -> MainWindow:
        if made:
            made[-1].close()
        made.append(open_window(services, qtbot, tmp_path))
        return made[-1]

    yield make
    for main in made:
        main.close()


def _judge(
    subtests: Any, label: str, observer: Observer, command: QAbstractButton | QAction
) -> None:
    before = observer.observe()
    with observer.watcher:
        click(command)
        settle()
    settle()
    happened = observer.what_happened(before, observer.observe())
    with subtests.test(msg=label):
        assert happened, f"silent button: {label} — no dialog, change, print, message or screen"


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("screen", list(OPEN_DOSSIER))
def test_every_button_with_a_dossier_open(
    screen: str,
    state: str,
    services: Services,
    messages: Messages,
    database: sqlite3.Connection,
    new_window: Callable[[], MainWindow],
    subtests: Any,
) -> None:
    window = new_window()
    window.show_screen(getattr(window, screen))
    observer = Observer(window, messages, database, ModalWatcher())

    made: dict[str, object] = {}

    def fresh() -> dict[str, QAbstractButton | QAction]:
        # A new dossier whenever the last click changed the database: none inherits another's effect.
        if made.get("version") != observer.database_version():
            made["ref"] = STATES[state](services)
            made["version"] = observer.database_version()
        OPEN_DOSSIER[screen](window, str(made["ref"]))
        settle()
        assert window.current_screen() is getattr(window, screen)
        return commands(window)

    names = list(fresh())
    assert names, f"{screen} shows no button for a {state} dossier"
    for name in names:
        command = fresh().get(name)
        assert command is not None, f"{screen} / {state}: “{name}” is not there on a second dossier"
        _judge(subtests, f"{screen} / {state} / “{name}”", observer, command)


def test_a_button_that_does_nothing_is_caught(
    services: Services,
    messages: Messages,
    database: sqlite3.Connection,
    new_window: Callable[[], MainWindow],
) -> None:
    """The judge itself: a button wired to nothing is silent, even among the window's live widgets."""
    window = new_window()
    window.show_screen(window.lookup)
    OPEN_DOSSIER["lookup"](window, STATES["received"](services))
    dead = QPushButton("Nút chưa nối", window.lookup)
    dead.show()
    settle()
    observer = Observer(window, messages, database, ModalWatcher())
    before = observer.observe()
    with observer.watcher:
        click(dead)
        settle()
    assert observer.what_happened(before, observer.observe()) == []


def test_every_command_of_the_window(
    services: Services,
    messages: Messages,
    database: sqlite3.Connection,
    new_window: Callable[[], MainWindow],
    subtests: Any,
) -> None:
    names = list(window_commands(new_window()))
    assert names, "the window has no command of its own (the officer's menu is one)"
    for name in names:
        window = new_window()  # a new window for every click: none inherits another's effect
        command = window_commands(window).get(name)
        assert command is not None, f"window: “{name}” is not there the second time"
        _judge(subtests, f"window / “{name}”", Observer(window, messages, database, ModalWatcher()), command)


def _populate(services: Services) -> None:
    """Dossiers in every state, so the lists, counts and reports have something to show."""
    for make in STATES.values():
        make(services)
    sync_trouble(services)
    calendar_day(services)


@pytest.mark.parametrize("scene", list(SCENES))
def test_every_button_on_the_other_screens(
    scene: str,
    services: Services,
    messages: Messages,
    database: sqlite3.Connection,
    new_window: Callable[[], MainWindow],
    subtests: Any,
) -> None:
    attribute, setup = SCENES[scene]
    _populate(services)

    def fresh() -> tuple[MainWindow, dict[str, QAbstractButton | QAction]]:
        window = new_window()  # a new window for every click: none inherits another's effect
        window.show_screen(getattr(window, attribute))
        if setup is not None:
            setup(window)
        settle()
        return window, commands(window)

    _window, found = fresh()
    for name in found:
        window, now = fresh()
        command = now.get(name)
        assert command is not None, f"{scene}: “{name}” is not there the second time"
        observer = Observer(window, messages, database, ModalWatcher())
        _judge(subtests, f"{scene} / “{name}”", observer, command)
