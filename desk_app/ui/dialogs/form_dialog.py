"""The shape the login, unlock and password dialogs share: labelled fields, an error line, Ok/Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desk_app.ui.qt_vi import relabel_button_box

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QPushButton, QWidget


def ok_cancel(ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Ok and Cancel in Vietnamese, Ok named for what it does; (box, Ok button)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    relabel_button_box(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    return buttons, ok


def arrange(
    dialog: QDialog,
    rows: Sequence[tuple[str, QWidget]],
    error: QLabel,
    buttons: QDialogButtonBox,
    on_accept: Callable[[], None],
) -> None:
    """Lay out the fields, the error line under them and the buttons; Ok calls ``on_accept``."""
    form = QFormLayout()
    for title, field in rows:
        form.addRow(title, field)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
