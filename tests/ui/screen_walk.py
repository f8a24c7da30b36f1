"""Walking a window's widgets generically: what it shows (texts), its state (a snapshot), its modal dialogs.

Both acceptance tests of the counter screen use these, so a new widget, button or screen is covered
without anyone adding it to a list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.ui.app import build_window
from desk_app.ui.events import AppEvents
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.services.container import Services
    from desk_app.ui.main_window import MainWindow

OFFICER = Actor("canbo1", Role.OFFICER)
MAX_ROWS = 300  # cells read per model (lists are short in the tests; the register pages by 200)
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def settle() -> None:
    """Let queued signals run and widgets scheduled for deletion go (as the event loop would)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def shown_widgets(root: QWidget) -> list[QWidget]:
    """``root`` and every descendant on show, in a stable order (hidden screens are not entered)."""
    shown = [root] if root.isVisible() else []
    for widget in shown:  # grows while it is walked: breadth first
        shown += [
            child
            for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if child.isVisible()
        ]
    return shown


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    # A list model's columnCount is private in PySide6: a list has one column.
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _indexes(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[QModelIndex]:
    for row in range(min(model.rowCount(parent), MAX_ROWS)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index) > 0:
                yield from _indexes(model, index)


def model_texts(model: QAbstractItemModel) -> list[str]:
    """Header labels, then every cell's display text and tooltip (tree children included)."""
    texts = [
        str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for section in range(_columns(model, QModelIndex()))
    ]
    for index in _indexes(model, QModelIndex()):
        texts += [str(model.data(index, role) or "") for role in ROLES]
    return texts


def _item_view(widget: QWidget) -> bool:
    """A list, table or tree over a model (a header shows its view's model: read once, with the view)."""
    if isinstance(widget, QHeaderView):
        return False
    return isinstance(widget, QAbstractItemView) and widget.model() is not None


def _own_texts(widget: QWidget) -> list[str]:
    """What one widget itself writes on screen (children are walked on their own)."""
    texts = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        texts += [widget.toPlainText(), widget.placeholderText()]
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractSpinBox):
        texts += [widget.text(), widget.specialValueText()]
    elif isinstance(widget, QTabWidget | QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    elif _item_view(widget):
        texts += model_texts(widget.model())
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every non-empty text on show under ``root``."""
    found = []
    for widget in shown_widgets(root):
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        found += [(where, text) for text in _own_texts(widget) if text and text.strip()]
    return found


def _state_of(widget: QWidget) -> tuple[object, ...]:
    """The officer-visible state of one widget: its texts, check, choice, enabled, style."""
    state: list[object] = [type(widget).__name__, widget.isEnabled(), widget.styleSheet()]
    state += _own_texts(widget)
    if isinstance(widget, QAbstractButton):
        state.append(widget.isChecked())
    if isinstance(widget, QComboBox):
        state.append(widget.currentIndex())
    if _item_view(widget):
        model = widget.model()
        state.append(model.rowCount(QModelIndex()))
        state += [
            model.data(index, Qt.ItemDataRole.CheckStateRole) for index in _indexes(model, QModelIndex())
        ]
        current = widget.currentIndex()
        state.append((current.row(), current.column()) if current.isValid() else None)
    return tuple(state)


def snapshot(root: QWidget) -> list[tuple[object, ...]]:
    """The state of every widget on show under ``root`` (focus and hover are left out)."""
    return [_state_of(widget) for widget in shown_widgets(root)]


def first_difference(before: list[tuple[object, ...]], after: list[tuple[object, ...]]) -> str:
    """Where two snapshots differ, for a readable message ("" when equal)."""
    if before == after:
        return ""
    for old, new in zip(before, after, strict=False):
        if old != new:
            return f"{old[0]} changed"
    return f"{len(before)} → {len(after)} widgets on show"


@dataclass
class ModalWatcher:
    """Closes every modal dialog or popup menu that opens while it runs (Qt's own file and input dialogs
    included), and records its title: a test is never stuck on a dialog, and knows that one was shown."""

    seen: list[str] = field(default_factory=list)
    _timer: QTimer = field(default_factory=QTimer)

    def __post_init__(self) -> None:
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._close_modal)

    def __enter__(self) -> ModalWatcher:
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.stop()
        self._close_modal()

    def _close_modal(self) -> None:
        dialog = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if dialog is None:
            return
        self.seen.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
        if isinstance(dialog, QDialog):
            # done(), not reject(): a dialog may refuse Escape (the lock screen does), the test must not.
            dialog.done(QDialog.DialogCode.Rejected)
        else:
            dialog.close()


def open_window(services: Services, qtbot: Any, tmp_path: Path) -> MainWindow:
    """The main window for officer canbo1 as the conftest's ``window`` builds it (tasks inline, prints
    into a PDF file), with no half-typed reception carried over from an earlier window."""
    services.drafts.discard(OFFICER.username)
    main = build_window(services, TaskRunner(immediate=True), AppEvents(), OFFICER, tmp_path / "ui-state.ini")
    main.printer.pdf_target = str(tmp_path / "printed.pdf")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main
