"""The desk's one kind of list: a read-only table of rows selected whole, one column taking the slack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel


def table_view(model: QAbstractItemModel, stretch: int) -> QTableView:
    """A table over ``model``: whole-row single selection, no row numbers, column ``stretch`` stretched."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    _fit_headings(view, stretch)
    fitted = getattr(model, "fitted", None)
    for column, text in fitted() if fitted is not None else []:
        # The part of a code that differs between dossiers is its end: the column never cuts it.
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        header.resizeSection(column, view.fontMetrics().horizontalAdvance(text) + margin)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    return view


def _fit_headings(view: QTableView, stretch: int) -> None:
    """Columns at least as wide as their (bold) heading, so no heading is cut."""
    bold = QFont(view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    header, model = view.horizontalHeader(), view.model()
    for column in range(model.columnCount()):
        heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if column != stretch and heading:
            needed = metrics.horizontalAdvance(heading) + 20  # the section's padding and frame
            header.resizeSection(column, max(header.sectionSize(column), needed))
