"""Nothing off-screen on the commonest commune screen: 1366×768 less a 40-px taskbar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTableView, QWidget

from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.services.container import Services
from desk_app.ui.app import build_window
from desk_app.ui.dialogs.preview import PreviewDialog
from desk_app.ui.events import AppEvents
from desk_app.ui.geometry import available_area
from desk_app.ui.main_window import MainWindow
from desk_app.ui.tasks import TaskRunner
from tests.ui.helpers import accepted

WIDTH, HEIGHT = 1366, 728


def _clipped_by_a_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _outside(window: QWidget) -> tuple[int, list[str]]:
    """How many visible widgets were checked, and those not wholly inside the window."""
    inside = window.rect()
    lost = []
    checked = 0
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or _clipped_by_a_scroll_area(widget, window):
            continue
        checked += 1
        top_left = widget.mapTo(window, widget.rect().topLeft())
        area = QRect(top_left, widget.size())
        if not inside.contains(area):
            lost.append(f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()} {area}")
    return checked, lost


def test_every_screen_fits_1366_by_728(window: MainWindow, services: Services) -> None:
    accepted(services)
    window.resize(WIDTH, HEIGHT)
    for index in range(window.nav.count()):
        window.show_screen(index)
        QApplication.processEvents()
        assert window.width() <= WIDTH and window.height() <= HEIGHT, (index, window.size())
        checked, lost = _outside(window)
        assert checked > 10, (index, checked)  # the screen's own widgets were looked at
        assert lost == [], window.nav.item(index).text()


def test_every_code_column_shows_the_whole_code(window: MainWindow, services: Services) -> None:
    codes = accepted(services, 2)
    window.resize(WIDTH, HEIGHT)
    window.show_screen(2)
    window.lookup.search.setText(codes[0][:10])
    window.lookup.search.returnPressed.emit()
    QApplication.processEvents()
    for table in window.findChildren(QTableView):
        model = table.model()
        for column in range(model.columnCount()):
            if model.headerData(column, 1) != "Mã hồ sơ":
                continue
            needed = table.fontMetrics().horizontalAdvance(codes[0])
            assert table.columnWidth(column) > needed, (
                type(table.parent()).__name__,
                table.columnWidth(column),
            )


def test_the_first_start_takes_the_free_screen_and_a_remembered_window_stays_on_it(
    services: Services, qtbot: Any, tmp_path: Path
) -> None:
    area = available_area()
    state = tmp_path / "ui-state.ini"
    first = build_window(
        services, TaskRunner(immediate=True), AppEvents(), Actor("canbo1", Role.OFFICER), state
    )
    qtbot.addWidget(first)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    assert area.contains(first.geometry())
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(area.left() + 200, area.top() + 100, area.width() + 600, area.height() + 400)
    first.save_layout()  # e.g. last used on a 1920×1080 screen
    first.close()
    again = build_window(
        services, TaskRunner(immediate=True), AppEvents(), Actor("canbo1", Role.OFFICER), state
    )
    qtbot.addWidget(again)
    assert area.contains(again.geometry()), (again.geometry(), area)


def test_the_print_preview_is_capped_to_the_screen(window: MainWindow, services: Services) -> None:
    (code,) = accepted(services)
    printed = services.printing.render_dossier_document("receipt", code)
    dialog = PreviewDialog([printed], "Giấy tiếp nhận", "", window)
    area = available_area(dialog)
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    dialog.deleteLater()
