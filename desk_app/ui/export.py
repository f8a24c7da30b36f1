"""Exports from the GUI: pick a file, render in the background, write the bytes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from desk_app.i18n import _
from desk_app.ui.errors import message, show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk_app.ui.tasks import TaskRunner


class Exporter:
    """``export(render, suggested)``; ``target`` set by tests skips the file dialog."""

    def __init__(self, parent: QWidget, tasks: TaskRunner) -> None:
        self._parent = parent
        self._tasks = tasks
        self.target = ""
        self.written: list[Path] = []
        self.busy = False

    def export(
        self, render: Callable[[], bytes], suggested: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Ask where, then render and write without blocking the window."""
        path = self.target
        if not path:
            suffix = Path(suggested).suffix.lstrip(".").upper()
            path, _filter = QFileDialog.getSaveFileName(
                self._parent,
                _("Lưu tệp"),
                suggested,
                _("Tệp {kind} (*.{ext})").format(kind=suffix, ext=suffix.lower()),
            )
            if not path:
                return
        target = Path(path)
        self.busy = True

        def work() -> Path:
            target.write_bytes(render())
            return target

        def done(written: Path) -> None:
            self.written.append(written)
            message(self._parent, _("Đã xuất tệp"), _("Đã lưu {path}").format(path=written), warning=False)

        def finished() -> None:
            self.busy = False
            if on_done is not None:
                on_done()

        self._tasks.run(
            work, on_success=done, on_error=lambda exc: show_error(self._parent, exc), on_finished=finished
        )
