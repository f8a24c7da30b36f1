"""The published checklist, grouped as published: tick what was received, count originals and copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.reception_form import ItemTick
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.checklist import ChecklistItem

NAME, ORIGINALS, COPIES, APPLIES = range(4)
_POSITION = Qt.ItemDataRole.UserRole


def _count(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights from the wrapped text of the name column (QTreeView alone elides instead)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Tall enough for every line of the component's name."""
        hint = super().sizeHint(option, index)
        if index.column() != NAME:
            return hint
        depth = 1 if index.parent().isValid() else 0
        width = self._view.columnWidth(NAME) - self._view.indentation() * (depth + 1) - 28
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, max(80, width), 10_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class ChecklistWidget(QTreeWidget):
    """Space ticks the current item; F2 edits its counts; notes are shown but cannot be ticked."""

    sig_ticks_changed = Signal(object)
    """The officer changed the checklist; the argument is ``dict[int, ItemTick]``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(
            [_("Thành phần hồ sơ (theo danh mục công bố)"), _("Bản chính"), _("Bản sao"), _("Áp dụng")]
        )
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_WrappingDelegate(self))
        self.setUniformRowHeights(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ORIGINALS, COPIES, APPLIES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows need their heights recomputed when a column changes width.
        header.sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())
        self._items: dict[int, QTreeWidgetItem] = {}
        self._case_of: dict[int, tuple[str, str]] = {}  # alternative paper → (group, case)
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def load(
        self, items: Sequence[ChecklistItem], ticks: dict[int, ItemTick], channel: Channel = Channel.DIRECT
    ) -> None:
        """Show the papers of a procedure that can apply on ``channel``, with the ticks so far.

        Papers every applicant brings come first; each situation (case) is a row whose "Áp dụng" box
        is the question; an alternative group is a choice between its cases (one "Áp dụng" box per
        group). Guidance notes and other channels' papers are not rows (the notes go to the panel
        below, see ``notes``).
        """
        self._loading = True
        try:
            self.clear()
            self._items.clear()
            self._case_of.clear()
            groups: dict[tuple[str, str], QTreeWidgetItem] = {}
            shown = [i for i in items if i.required_kind and i.on_channel(channel)]
            ordered = [i for i in shown if not i.conditional and not i.alternative]
            ordered += [i for i in shown if i.conditional]
            ordered += [i for i in shown if i.alternative]
            for item in ordered:
                parent: QTreeWidget | QTreeWidgetItem = self
                if item.alternative:
                    key = (item.alt_group, item.case)
                    if key not in groups:
                        header = QTreeWidgetItem(
                            self, [_("Chọn một trường hợp — {case}").format(case=item.case or item.group)]
                        )
                        header.setFirstColumnSpanned(True)
                        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
                        font = QFont(header.font(NAME))
                        font.setBold(True)
                        header.setFont(NAME, font)
                        groups[key] = header
                    parent = groups[key]
                    self._case_of[item.position] = key
                self._items[item.position] = self._row(parent, item, ticks.get(item.position))
            self.expandAll()
        finally:
            self._loading = False

    def _row(
        self, parent: QTreeWidget | QTreeWidgetItem, item: ChecklistItem, tick: ItemTick | None
    ) -> QTreeWidgetItem:
        prefix = {ComponentKind.SHOW: _("[Xuất trình] "), ComponentKind.NOTE: _("[Lưu ý] ")}.get(
            item.kind, ""
        )
        if item.conditional:
            prefix = _("[Nếu có] ") + prefix
        row = QTreeWidgetItem(parent, [f"{item.position}. {prefix}{item.name}"])
        row.setData(NAME, _POSITION, item.position)
        tip = item.name
        if item.conditional and item.case:
            tip = _("Chỉ khi: {case}\n\n{name}").format(case=item.case, name=item.name)
        if item.substitutes:
            tip += "\n\n" + _("Có thể thay bằng: {what}").format(what="; ".join(item.substitutes))
        row.setToolTip(NAME, tip)
        if not item.required_kind:
            font = QFont(row.font(NAME))
            font.setItalic(True)
            row.setFont(NAME, font)
            row.setForeground(NAME, QBrush(QColor("#666666")))
            row.setFlags(Qt.ItemFlag.ItemIsEnabled)
            return row
        tick = tick or ItemTick(False, item.originals, item.copies)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        if item.kind is ComponentKind.SUBMIT:
            flags |= Qt.ItemFlag.ItemIsEditable
            row.setText(ORIGINALS, str(tick.originals))
            row.setText(COPIES, str(tick.copies))
        row.setFlags(flags)
        row.setCheckState(NAME, Qt.CheckState.Checked if tick.received else Qt.CheckState.Unchecked)
        if item.conditional or item.alternative:
            row.setCheckState(APPLIES, Qt.CheckState.Checked if tick.applies else Qt.CheckState.Unchecked)
            row.setToolTip(APPLIES, _("Đánh dấu nếu trường hợp này áp dụng cho người nộp"))
        return row

    def ticks(self) -> dict[int, ItemTick]:
        """What is ticked now."""
        out = {}
        for position, row in self._items.items():
            if not row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            applies = row.data(APPLIES, Qt.ItemDataRole.CheckStateRole) is not None and (
                row.checkState(APPLIES) == Qt.CheckState.Checked
            )
            out[position] = ItemTick(
                row.checkState(NAME) == Qt.CheckState.Checked,
                _count(row.text(ORIGINALS)),
                _count(row.text(COPIES)),
                applies,
            )
        return out

    def toggle_current(self) -> None:
        """Tick or untick the highlighted item (Space)."""
        row = self.currentItem()
        if row is not None and row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = row.checkState(NAME) == Qt.CheckState.Checked
            row.setCheckState(NAME, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Space ticks the current row wherever the focus column is."""
        if event.key() == Qt.Key.Key_Space and self.state() != QTreeWidget.State.EditingState:
            self.toggle_current()
            return
        super().keyPressEvent(event)

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._loading:
            return
        position = row.data(NAME, _POSITION)
        chosen = self._case_of.get(position)
        if column == APPLIES and chosen is not None and row.checkState(APPLIES) == Qt.CheckState.Checked:
            # One case of an alternative group: choosing it un-chooses the others.
            self._loading = True
            try:
                for other, key in self._case_of.items():
                    if key[0] == chosen[0] and key != chosen:
                        self._items[other].setCheckState(APPLIES, Qt.CheckState.Unchecked)
                        self._items[other].setCheckState(NAME, Qt.CheckState.Unchecked)
                    elif key == chosen and other != position:
                        self._items[other].setCheckState(APPLIES, Qt.CheckState.Checked)
            finally:
                self._loading = False
        self.sig_ticks_changed.emit(self.ticks())


def notes_text(items: Sequence[ChecklistItem], channel: Channel = Channel.DIRECT) -> str:
    """The "Lưu ý" panel: the guidance notes, and the papers that belong to other channels only."""
    lines = [f"{item.position}. {item.name}" for item in items if not item.required_kind]
    others = [item for item in items if item.required_kind and not item.on_channel(channel)]
    if others:
        lines.append(_("Giấy tờ chỉ dùng cho kênh nộp khác (không áp dụng tại quầy):"))
        lines += [f"{item.position}. {item.name}" for item in others]
    return "\n".join(lines)
