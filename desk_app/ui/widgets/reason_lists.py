"""The common reasons offered in the action dialogs, one per line, edited by a supervisor or admin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QPlainTextEdit, QWidget

from desk_app.core.workflow import ACTION_LABELS, Role
from desk_app.i18n import _
from desk_app.services.changes import Changes
from desk_app.services.settings import QUICK_REASONS

if TYPE_CHECKING:
    from desk_app.core.dossier import Actor
    from desk_app.services.settings import SettingsService


class ReasonLists(QGroupBox):
    """One box per action with quick picks; read-only below the supervisor's role."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Lý do thường dùng (mỗi dòng một lý do, hiện sẵn trong hộp chọn khi ghi lý do)"), parent
        )
        self.editable = actor.role.at_least(Role.SUPERVISOR)
        self.boxes: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        for action, setting in QUICK_REASONS.items():
            box = QPlainTextEdit()
            box.setFixedHeight(72)
            box.setTabChangesFocus(True)
            box.setReadOnly(not self.editable)
            form.addRow(_(ACTION_LABELS[action]).capitalize(), box)
            self.boxes[setting.key] = box

    def load(self, settings: SettingsService) -> None:
        """Show the stored lists."""
        for setting in QUICK_REASONS.values():
            self.boxes[setting.key].setPlainText(settings.get(setting))

    def save(self, settings: SettingsService, actor: Actor) -> Changes:
        """Store the lists (blank lines dropped); nothing when the officer may not change them."""
        if not self.editable:
            return Changes.NONE
        changes = Changes.NONE
        for setting in QUICK_REASONS.values():
            lines = (line.strip() for line in self.boxes[setting.key].toPlainText().splitlines())
            changes |= settings.change(setting, "\n".join(line for line in lines if line), actor)
        return changes
