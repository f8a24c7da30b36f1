"""Showing errors: a domain refusal as a Vietnamese message, anything else as a report dialog."""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.ui.qt_vi import relabel_message_box

if TYPE_CHECKING:
    from types import TracebackType

log = logging.getLogger(__name__)


def message(parent: QWidget | None, title: str, text: str, *, warning: bool = True) -> None:
    """A modal message with Vietnamese buttons."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    relabel_message_box(box)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No question; True for yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    relabel_message_box(box)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A refusal says what to do; an unexpected error is logged (type and traceback only) and reported."""
    if isinstance(exc, DomainError):
        if _hidden_screen(parent):
            # A screen reloading behind the one in use must not pop a dialog over the officer's work.
            log.info("refusal on a screen not on show: %s", type(exc).__name__)
            return
        message(parent, _("Không thực hiện được"), exc.user_message)
        return
    report_unexpected(parent, type(exc), exc, exc.__traceback__)


def _hidden_screen(parent: QWidget | None) -> bool:
    """A widget of a shown window that is not itself on show (a screen behind the current one)."""
    return parent is not None and not parent.isVisible() and parent.window().isVisible()


def report_unexpected(
    parent: QWidget | None, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Log the traceback without the exception's text (it may hold personal data), then tell the officer."""
    # Frames as file, line and function only: source lines and the message may quote personal data.
    frames = "".join(
        f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in traceback.extract_tb(tb)
    )
    log.error("unexpected %s\n%s", kind.__name__, frames)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Lỗi ngoài dự kiến"),
        _(
            "Phần mềm gặp lỗi ngoài dự kiến; thao tác vừa rồi có thể chưa được lưu. "
            "Hãy thử lại; nếu lỗi lặp lại, gửi nội dung chi tiết dưới đây cho bộ phận kỹ thuật."
        ),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setDetailedText(f"{kind.__name__}\n{frames}")
    relabel_message_box(box)
    box.exec()
