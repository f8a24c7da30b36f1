"""A table model over a list of DTOs, with columns declared once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


# The widest dossier code: the digits are as wide as each other in the UI font, "W" covers the letters.
CODE_SAMPLE = "000.00.00.W00-000000-0000"


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """A header (already translated), how to get the cell text, and its alignment."""

    header: str
    getter: Callable[[T], object]
    alignment: Qt.AlignmentFlag = _LEFT
    tooltip: Callable[[T], str] | None = None
    fits: str = ""  # a text the column is always wide enough for (a dossier code: never cut)
    colour: Callable[[T], str | None] | None = None  # the text colour of a cell (an overdue badge)


class DtoTableModel(QAbstractTableModel, Generic[T]):
    """Rows are frozen DTOs; ``set_rows`` replaces them all (a refresh)."""

    def __init__(self, columns: Sequence[Column[T]], rows: Sequence[T] = ()) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[T] = list(rows)

    def fitted(self) -> list[tuple[int, str]]:
        """(column, text) of the columns that must always show a text of that width in full."""
        return [(i, c.fits) for i, c in enumerate(self._columns) if c.fits]

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        """The DTO shown in ``row``."""
        return self._rows[row]

    @property
    def rows(self) -> list[T]:
        """A copy of the rows."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Rows under the (invisible) root."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Declared columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, alignment and tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.getter(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QColor(colour) if colour else None
        return None

    def refresh_column(self, column: int) -> None:
        """Repaint one column (a live time-left badge) without resetting the rows or the selection."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers; row numbers on the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1)


class LazyTableModel(DtoTableModel[T]):
    """Fetches pages on demand (``canFetchMore``/``fetchMore``), so a million rows are never loaded."""

    def __init__(
        self, columns: Sequence[Column[T]], fetch: Callable[[int, int], Sequence[T]], page: int = 200
    ) -> None:
        super().__init__(columns)
        self._fetch = fetch
        self._page = page
        self._exhausted = False

    def reload(self, fetch: Callable[[int, int], Sequence[T]] | None = None) -> None:
        """Start again (new filters); loads the first page."""
        if fetch is not None:
            self._fetch = fetch
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:
        """More pages wait in the database."""
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        """Append the next page."""
        if parent.isValid() or self._exhausted:
            return
        page = list(self._fetch(len(self._rows), self._page))
        if len(page) < self._page:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
