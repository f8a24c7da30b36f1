"""The desk's one kind of list: a read-only table of rows selected whole, one column taking the slack."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    fitted = getattr(model, "fitted", None)
    for column, text in fitted() if fitted is not None else []:
        # The part of a code that differs between dossiers is its end: the column never cuts it.
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        header.resizeSection(column, view.fontMetrics().horizontalAdvance(text) + margin)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    return view
