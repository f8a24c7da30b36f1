"""After a commit: preview (or print directly) the documents a decision produced."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.core.documents import DOCUMENTS
from desk_app.i18n import _
from desk_app.services.settings import AUTO_PRINT, PRINTER
from desk_app.ui.dialogs.preview import PreviewDialog, make_printer
from desk_app.ui.errors import message, show_error
from desk_app.ui.pdf_pages import PrintFailed, print_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from desk_app.services.documents import PrintedDocument
    from desk_app.services.settings import SettingsService


class PrintFlow:
    """Shows each document in the preview; with auto-print and a chosen printer, prints without asking."""

    def __init__(self, settings: SettingsService, parent: Callable[[], QWidget | None]) -> None:
        self._settings = settings
        self._parent = parent
        self.shown: list[PrintedDocument] = []  # what was previewed or printed, newest last
        self.pdf_target = ""  # print into a PDF file instead of a printer (no spooler, tests)
        self.last_pages = 0  # pages in the last preview
        self.last_printed = False  # whether the last preview was printed

    def show(self, documents: list[PrintedDocument]) -> bool:
        """One preview for the documents of one decision (receipt + control sheet), or direct print.

        True when they were printed (or saved); a closed preview is no print.
        """
        if not documents:
            return False
        self.shown.extend(documents)
        auto = self._settings.get(AUTO_PRINT)
        setting = PRINTER.get(documents[0].document)
        printer_name = self._settings.get(setting) if setting else ""
        if auto and printer_name:
            return self._print_direct(documents, printer_name)
        return self._preview(documents, printer_name)

    def _preview(self, documents: list[PrintedDocument], printer_name: str) -> bool:
        title = " + ".join(_(DOCUMENTS[d.document].title) for d in documents)
        try:
            dialog = PreviewDialog(documents, title, printer_name, self._parent())
        except PrintFailed as exc:
            show_error(self._parent(), exc)
            return False
        dialog.pdf_target = self.pdf_target
        dialog.exec()
        self.last_pages = dialog.page_count
        self.last_printed = dialog.printed
        dialog.deleteLater()
        parent = self._parent()
        if parent is not None:
            parent.activateWindow()
        return self.last_printed

    def _print_direct(self, documents: list[PrintedDocument], printer_name: str) -> bool:
        try:
            for document in documents:
                print_pdf(document.pdf, make_printer(printer_name, 1, self.pdf_target))
        except PrintFailed as exc:
            message(
                self._parent(), _("In không được"), exc.user_message + "\n" + _("Mở bản xem trước để in lại.")
            )
            return self._preview(documents, "")
        self.last_printed = True
        return True
