"""The catalogue's guidance for the chosen procedure, folded under the papers: read on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from desk_app.i18n import _
from desk_app.ui.widgets.checklist import notes_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.checklist import ChecklistItem


class CatalogueNotes(QWidget):
    """A "Lưu ý của danh mục" toggle over a read-only panel (disabled when there is nothing to read)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setText(_("Lưu ý của danh mục"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(140)
        self.text.hide()
        self.toggle.toggled.connect(self._on_toggle_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.text)

    def load(self, items: Sequence[ChecklistItem]) -> None:
        """Show the notes of these checklist items (folded)."""
        notes = notes_text(items)
        self.text.setPlainText(notes)
        self.toggle.setEnabled(bool(notes))

    def clear(self) -> None:
        """Nothing chosen: empty and folded."""
        self.text.clear()
        self.toggle.setChecked(False)

    @Slot(bool)
    def _on_toggle_toggled(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
