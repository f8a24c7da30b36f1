"""PDF bytes → page images (QtPdf) and → a QPrinter: the preview and the paper come from the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument

from desk_app.core.errors import DomainError
from desk_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0


class PrintFailed(DomainError):
    """The printer refused or vanished; the dossier is untouched and the print can be retried."""


class PdfPages:
    """A loaded PDF; keeps its buffer alive as long as the document."""

    def __init__(self, pdf: bytes) -> None:
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._doc = QPdfDocument()
        self._doc.load(self._buffer)
        if self._doc.status() != QPdfDocument.Status.Ready or self._doc.pageCount() == 0:
            raise PrintFailed(_("Không đọc được tài liệu cần in; hãy tạo lại tài liệu."))

    @property
    def count(self) -> int:
        """Number of pages."""
        return self._doc.pageCount()

    def page_size_points(self, page: int) -> tuple[float, float]:
        """Page size in points."""
        size = self._doc.pagePointSize(page)
        return size.width(), size.height()

    def render(self, page: int, dpi: float) -> QImage:
        """The page at ``dpi``, composited on white (QtPdf renders on a transparent background)."""
        width, height = self.page_size_points(page)
        size = QSize(round(width * dpi / POINTS_PER_INCH), round(height * dpi / POINTS_PER_INCH))
        raw = self._doc.render(page, size)
        out = QImage(raw.size(), QImage.Format.Format_RGB32)
        out.fill(Qt.GlobalColor.white)
        painter = QPainter(out)
        painter.drawImage(0, 0, raw)
        painter.end()
        return out

    def close(self) -> None:
        """Release the document."""
        self._doc.close()
        self._buffer.close()


def print_pdf(pdf: bytes, printer: QPrinter, *, max_dpi: int = 300) -> None:
    """Paint every page onto ``printer`` at its resolution (at most ``max_dpi``); raises PrintFailed."""
    pages = PdfPages(pdf)
    try:
        _match_paper(printer, *pages.page_size_points(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(
                _(
                    "Máy in “{name}” không sẵn sàng. Kiểm tra máy in (bật nguồn, giấy, cáp) rồi thử lại, "
                    "hoặc chọn máy in khác."
                ).format(name=printer.printerName() or _("mặc định"))
            )
        try:
            dpi = min(printer.resolution(), max_dpi)
            for page in range(pages.count):
                if page:
                    printer.newPage()
                image = pages.render(page, dpi)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
    finally:
        pages.close()


def _match_paper(printer: QPrinter, width: float, height: float) -> None:
    """The printer's paper is the document's (A5 slips stay A5), with no margins of its own."""
    landscape = width > height
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setFullPage(True)
    if not printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))):
        raise PrintFailed(_("Máy in không nhận khổ giấy {name}; chọn máy in khác.").format(name=size.name()))
