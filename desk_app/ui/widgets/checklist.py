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
_SUBSTITUTE = Qt.ItemDataRole.UserRole + 1  # on a fallback row: which fallback (1, 2…)


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
            # Papers everyone brings, then the choice every applicant must make, then the situations.
            ordered = [i for i in shown if not i.conditional and not i.alternative]
            ordered += [i for i in shown if i.alternative]
            ordered += [i for i in shown if i.conditional]
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
        if item.kind is ComponentKind.SUBMIT:
            for n, words in enumerate(item.substitutes, start=1):
                fallback = QTreeWidgetItem(row, [_("hoặc thay bằng: {what}").format(what=words)])
                fallback.setData(NAME, _SUBSTITUTE, n)
                fallback.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                )
                chosen = tick.received and tick.substitute == n
                fallback.setCheckState(NAME, Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            if tick.received and tick.substitute:
                row.setCheckState(NAME, Qt.CheckState.Unchecked)
        return row

    @staticmethod
    def _substitute_of(row: QTreeWidgetItem) -> int:
        for child in _fallbacks(row):
            if child.checkState(NAME) == Qt.CheckState.Checked:
                return int(child.data(NAME, _SUBSTITUTE))
        return 0

    def _one_of_paper_or_fallbacks(self, row: QTreeWidgetItem) -> None:
        """The paper or one of the fallbacks it names: ticking one unticks the others."""
        paper = row.parent() if _is_fallback(row) else row
        if paper is None or not paper.childCount():
            return
        self._loading = True
        try:
            for other in [paper, *_fallbacks(paper)]:
                if other is not row:
                    other.setCheckState(NAME, Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def ticks(self) -> dict[int, ItemTick]:
        """What is ticked now."""
        out = {}
        for position, row in self._items.items():
            if not row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            applies = row.data(APPLIES, Qt.ItemDataRole.CheckStateRole) is not None and (
                row.checkState(APPLIES) == Qt.CheckState.Checked
            )
            substitute = self._substitute_of(row)
            out[position] = ItemTick(
                row.checkState(NAME) == Qt.CheckState.Checked or bool(substitute),
                _count(row.text(ORIGINALS)),
                _count(row.text(COPIES)),
                applies,
                substitute,
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
        if column == NAME and row.checkState(NAME) == Qt.CheckState.Checked:
            self._one_of_paper_or_fallbacks(row)
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


def _is_fallback(row: QTreeWidgetItem) -> bool:
    return bool(row.data(NAME, _SUBSTITUTE))


def _fallbacks(paper: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The rows under a paper for the fallbacks it names."""
    children = (paper.child(k) for k in range(paper.childCount()))
    return [child for child in children if child is not None and _is_fallback(child)]


def notes_text(items: Sequence[ChecklistItem], channel: Channel = Channel.DIRECT) -> str:
    """The "Lưu ý" panel: the guidance notes, and the papers that belong to other channels only."""
    lines = [f"{item.position}. {item.name}" for item in items if not item.required_kind]
    others = [item for item in items if item.required_kind and not item.on_channel(channel)]
    if others:
        lines.append(_("Giấy tờ chỉ dùng cho kênh nộp khác (không áp dụng tại quầy):"))
        lines += [f"{item.position}. {item.name}" for item in others]
    return "\n".join(lines)
