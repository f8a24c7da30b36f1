"""A worksheet laid out as a printed form: merged lines, a ruled grouped header, print set-up.

Rows are streamed (openpyxl's write-only mode: a year's register stays small in memory), so every
row's merges, heights and styles are decided before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desk_app.printing.layout import nfc
from desk_app.printing.report_page import BINDING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.printing.report_page import HeaderCell

FONT = "Times New Roman"  # the administrative documents' face (Decree 30/2020); Excel has it everywhere
INCH_MM = 25.4
THIN = Side(style="thin", color="000000")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COUNT_FORMAT = "#,##0"


@dataclass(frozen=True, slots=True)
class Look:
    """How a cell is drawn."""

    size: float = 11
    bold: bool = False
    italic: bool = False
    horizontal: str = "left"
    vertical: str = "center"
    ruled: bool = False
    number_format: str = "General"


HEAD = Look(bold=True, horizontal="center", ruled=True)
CELL = Look(vertical="top", ruled=True)
CELL_CENTRE = Look(vertical="top", horizontal="center", ruled=True)
COUNT = Look(horizontal="center", ruled=True, number_format=COUNT_FORMAT)
COUNT_BOLD = Look(bold=True, horizontal="center", ruled=True, number_format=COUNT_FORMAT)


@dataclass
class FormSheet:
    """One worksheet written top to bottom, ``columns`` wide."""

    title: str
    columns: int
    widths: Sequence[float]
    workbook: Any = field(init=False)
    sheet: Any = field(init=False)
    row: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(nfc(self.title)[:31])
        for i, width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width
        self._page_setup()  # before the first row: a streamed sheet writes its properties first

    def cell(self, value: object, look: Look) -> WriteOnlyCell:
        """A styled cell (text in NFC)."""
        cell = WriteOnlyCell(self.sheet, value=nfc(value) if isinstance(value, str) else value)
        cell.font = Font(name=FONT, size=look.size, bold=look.bold, italic=look.italic)
        cell.alignment = Alignment(horizontal=look.horizontal, vertical=look.vertical, wrap_text=True)
        cell.number_format = look.number_format
        if look.ruled:
            cell.border = RULED
        return cell

    def merge(self, row: int, first: int, last: int, rows: int = 1) -> None:
        """Merge columns ``first``..``last`` (1-based) of ``rows`` rows from ``row``."""
        if last > first or rows > 1:
            start = f"{get_column_letter(first)}{row}"
            self.sheet.merged_cells.add(f"{start}:{get_column_letter(last)}{row + rows - 1}")

    def line(self, parts: Sequence[tuple[int, int, str, Look]], height: float | None = None) -> int:
        """A row of merged stretches: (first column, last column, text, look); returns its number."""
        self.row += 1
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        cells: list[object] = [None] * self.columns
        for first, last, text, look in parts:
            cells[first - 1] = self.cell(text, look)
            self.merge(self.row, first, last)
        self.sheet.append(cells)
        return self.row

    def values(self, values: Sequence[object], looks: Sequence[Look], height: float | None = None) -> int:
        """A ruled row of values, one look per column; returns its number.

        Without ``height`` the row is as tall as its most wrapped cell: spreadsheets do not grow a
        row for wrapped text by themselves when they open a file.
        """
        self.row += 1
        self.sheet.row_dimensions[self.row].height = height or max(
            row_height(v, w, look.size) for v, w, look in zip(values, self.widths, looks, strict=True)
        )
        self.sheet.append([self.cell(v, look) for v, look in zip(values, looks, strict=True)])
        return self.row

    def header(self, cells: Sequence[HeaderCell], heights: Sequence[float]) -> tuple[int, int]:
        """The grouped header, merged as printed, then the row of column numbers; (first, last) row."""
        first = self.row + 1
        grid: list[list[object]] = [[""] * self.columns for _ in heights]
        for c in cells:
            grid[c.row][c.col] = c.text
            self.merge(first + c.row, c.col + 1, c.col + c.cols, c.rows)
        for texts, height in zip(grid, heights, strict=True):
            self.values(texts, [HEAD] * self.columns, height)
        self.values([f"({i})" for i in range(1, self.columns + 1)], [HEAD] * self.columns)
        return first, self.row

    def _page_setup(self) -> None:
        """A4 landscape, one page wide, "Trang n/m", the binding margin on the left."""
        sheet = self.sheet
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = 9  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = BINDING.left / INCH_MM
        sheet.page_margins.right = BINDING.right / INCH_MM
        sheet.page_margins.top = BINDING.top / INCH_MM
        sheet.page_margins.bottom = BINDING.bottom / INCH_MM
        sheet.page_margins.footer = 10 / INCH_MM
        sheet.oddFooter.center.text = "Trang &P/&N"
        sheet.oddFooter.center.font = f"{FONT},Regular"
        sheet.oddFooter.center.size = 9

    def repeat_rows(self, rows: tuple[int, int]) -> None:
        """Print these rows (the header and its column numbers) at the top of every page."""
        self.sheet.print_title_rows = f"{rows[0]}:{rows[1]}"

    def save(self) -> bytes:
        """The workbook's bytes."""
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def lines_needed(text: str, width_chars: float) -> int:
    """How many lines ``text`` takes in a cell about ``width_chars`` characters wide (at 11 pt)."""
    per_line = max(1, int(width_chars))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def row_height(value: object, width: float, size: float) -> float:
    """The height in points a cell of ``width`` (Excel's character units) needs for ``value``.

    Times New Roman averages about 1.15 characters per unit at 11 pt (Excel's unit is the width of
    a "0" in the default font); a line takes 1.3 times the type size, plus 3 points of padding.
    """
    text = value if isinstance(value, str) else str(value or "")
    per_line = (width - 1) * 1.15 * 11 / size
    return lines_needed(text, per_line) * size * 1.3 + 3
