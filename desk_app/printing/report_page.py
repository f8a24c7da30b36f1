"""Pages of the landscape books and reports (register, Biểu 06): binding margin, "Trang n/m", headers.

Margins follow Decree 30/2020/NĐ-CP (Annex I) for A4: 20–25 mm top and bottom, 30–35 mm left,
15–20 mm right. The register and Biểu 06 are landscape documents kept in their own binder (the
yearly book, the file of reports), bound at the left edge of the page as printed, so the binding
margin stays on the left: left 30 mm, right 15 mm, top and bottom 20 mm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer

from desk_app.printing.fonts import REGULAR
from desk_app.printing.layout import (
    FRAME_PADDING,
    PAGE_MARGINS,
    PAPERS,
    Margins,
    document_template,
    esc,
    side_by_side,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reportlab.platypus import Flowable

    from desk_app.printing.layout import Styles


BINDING = PAGE_MARGINS["A4-landscape"]  # Decree 30: bound on the left edge
FOOTER_MM = 10  # the baseline of "Trang n/m", inside the bottom margin


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One cell of a grouped table header: its text, top-left position and spans (0-based)."""

    text: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1


def header_rows(cells: Sequence[HeaderCell], columns: int, make: Any) -> list[list[Any]]:
    """The header as table rows: ``make(text)`` in each cell's top-left slot, "" in the spanned ones."""
    height = max(c.row + c.rows for c in cells)
    rows: list[list[Any]] = [[""] * columns for _ in range(height)]
    for c in cells:
        rows[c.row][c.col] = make(c.text)
    return rows


def spans(cells: Sequence[HeaderCell]) -> list[tuple[Any, ...]]:
    """The reportlab SPAN commands of the cells that span more than one slot."""
    return [
        ("SPAN", (c.col, c.row), (c.col + c.cols - 1, c.row + c.rows - 1))
        for c in cells
        if c.rows > 1 or c.cols > 1
    ]


def column_numbers(columns: int) -> list[str]:
    """The row "(1) (2) …" printed under the header of a published table."""
    return [f"({i})" for i in range(1, columns + 1)]


def frame_width(paper: str = "A4-landscape", margins: Margins = BINDING) -> float:
    """The usable width inside the margins and the frame's padding."""
    return float(PAPERS[paper][0] - (margins.left + margins.right) * mm - 2 * FRAME_PADDING)


def signature_pair(
    left: tuple[str, str, str], right: tuple[str, str, str], date_line: str, st: Styles, width: float
) -> Flowable:
    """Two signature blocks (title, "(Ký, ghi rõ họ tên)", room, name), the date line above the right one."""

    def block(title: str, hint: str, name: str) -> list[Flowable]:
        return [
            Paragraph(f"<b>{esc(title)}</b>", st.center),
            Paragraph(esc(hint), st.italic_center),
            Spacer(1, 18 * mm),
            Paragraph(f"<b>{esc(name)}</b>" if name else "", st.center),
        ]

    return side_by_side(
        [["", Paragraph(esc(date_line), st.italic_center)], [block(*left), block(*right)]],
        [width / 2, width / 2],
    )


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages until the end, then writes "Trang n/m" on each."""

    def __init__(self, *args: Any, footer_x: float = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer_x = footer_x or self._pagesize[0] / 2

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFont(REGULAR, 9)
            self.drawCentredString(self._footer_x, FOOTER_MM * mm, f"Trang {self._pageNumber}/{total}")
            self.restoreState()
            super().showPage()
        super().save()


def build(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    paper: str = "A4-landscape",
    margins: Margins = BINDING,
) -> tuple[bytes, int]:
    """The PDF of a landscape book or report, and its page count; "Trang n/m" centred under the text.

    Only the shipped fonts appear in the file (the canvas starts in Liberation Serif).
    """
    buffer = BytesIO()
    size = PAPERS[paper]
    doc = document_template(buffer, paper, margins, title, author, subject)
    centre = (margins.left * mm + size[0] - margins.right * mm) / 2
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer_x=centre))
    return buffer.getvalue(), int(doc.page)
