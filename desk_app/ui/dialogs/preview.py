"""Print preview: the exact PDF bytes that will be printed, then QPrinter with printer and copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.i18n import _
from desk_app.ui.errors import message
from desk_app.ui.geometry import resize_within_screen
from desk_app.ui.pdf_pages import PdfPages, PrintFailed, print_pdf
from desk_app.ui.style import decorate

if TYPE_CHECKING:
    from desk_app.services.documents import PrintedDocument

PREVIEW_DPI = 96
PDF_FILE = "__pdf__"


def printer_names() -> list[str]:
    """Installed printers (empty without a spooler, e.g. a bare Linux box)."""
    return list(QPrinterInfo.availablePrinterNames())


def make_printer(name: str, copies: int, pdf_path: str = "") -> QPrinter:
    """A QPrinter for a named printer ("" = default), or writing a PDF file when ``pdf_path`` is set."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_path:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_path)
        printer.setResolution(300)  # barcodes must still decode from the paper
    elif name:
        printer.setPrinterName(name)
    printer.setCopyCount(max(1, copies))
    return printer


def _numbered(path: str, number: int) -> str:
    """``out.pdf``, ``out-2.pdf`` …: one file per document when printing into files."""
    if not path or number == 0:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{number + 1}.{ext}" if dot else f"{path}-{number + 1}"


def save_pdf(pdf: bytes, path: str) -> None:
    """Write the exact bytes of the document; raises PrintFailed with what to do."""
    try:
        with open(path, "wb") as out:
            out.write(pdf)
    except OSError as exc:
        raise PrintFailed(
            _("Không ghi được tệp “{path}” ({error}); chọn thư mục khác.").format(
                path=path, error=exc.strerror
            )
        ) from None


class PreviewDialog(QDialog):
    """Shows every page of the documents of one decision; Enter prints them all to the chosen printer.

    A failure keeps the dialog open, so the officer can retry or pick another printer.
    """

    def __init__(
        self,
        documents: list[PrintedDocument],
        title: str,
        printer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.documents = documents
        self.printed = False
        self.pdf_target = ""  # a file path: print into a PDF file (used where no printer exists)
        self.setWindowTitle(_("Xem trước khi in: {title}").format(title=title))
        resize_within_screen(self, 760, 900)
        self._pages = [PdfPages(document.pdf) for document in documents]
        self._printer = QComboBox()
        names = printer_names()
        self._printer.addItem(_("Máy in mặc định"), "")
        for name in names:
            self._printer.addItem(name, name)
        self._printer.addItem(_("Lưu thành tệp PDF…"), PDF_FILE)
        if printer_name in names:
            self._printer.setCurrentIndex(names.index(printer_name) + 1)
        self._copies = QSpinBox()
        self._copies.setRange(1, 20)
        self._copies.setValue(1)
        self._print_button = QPushButton(_("In (Enter)"))
        decorate(self._print_button, "primary", "printer")
        self._print_button.setDefault(True)
        self._print_button.clicked.connect(self._on_print_button_clicked)
        close = QPushButton(_("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Máy in:")))
        bar.addWidget(self._printer, 1)
        bar.addWidget(QLabel(_("Số bản:")))
        bar.addWidget(self._copies)
        bar.addWidget(self._print_button)
        bar.addWidget(close)
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for pdf in self._pages:
            for page in range(pdf.count):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(pdf.render(page, PREVIEW_DPI)))
                label.setStyleSheet("border: 1px solid #999; background: white;")
                column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        reprints = [d.reprint for d in documents if d.reprint]
        info = QLabel(
            _("{pages} trang · {reprint}").format(
                pages=self.page_count,
                reprint=_("in lại lần {n}").format(n=max(reprints)) if reprints else _("bản in đầu"),
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(info)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self._on_print_button_clicked)

    @property
    def page_count(self) -> int:
        """Pages in the preview (the same as in the PDF)."""
        return sum(pdf.count for pdf in self._pages)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        target = self._printer.currentData()
        path = self.pdf_target
        if target == PDF_FILE and not path:
            path, _filter = QFileDialog.getSaveFileName(self, _("Lưu tệp PDF"), "", _("Tệp PDF (*.pdf)"))
            if not path:
                return
        try:
            for number, document in enumerate(self.documents):
                out = _numbered(path, number)
                if target == PDF_FILE:
                    save_pdf(document.pdf, out)
                else:
                    print_pdf(document.pdf, make_printer(target, self._copies.value(), out))
        except PrintFailed as exc:
            message(self, _("In không được"), exc.user_message + "\n" + _("Hồ sơ vẫn được giữ nguyên."))
            return
        self.printed = True
        self.accept()

    def done(self, result: int) -> None:
        """Release the PDF when the dialog closes."""
        for pdf in self._pages:
            pdf.close()
        super().done(result)
