"""Mẫu 07 (TT 03/2025; Mẫu 06 of TT 01/2018): Sổ theo dõi hồ sơ, A4 landscape, numbered pages.

Columns as published (domain.md §2.2): TT, Mã hồ sơ, Tên TTHC, Tên cá nhân, tổ chức, Địa chỉ, số điện
thoại, Cơ quan chủ trì giải quyết, then "Ngày, tháng, năm" over Nhận hồ sơ, Hẹn trả kết quả and Trả
kết quả, then Phương thức nhận kết quả, Ký nhận and Ghi chú. A row of column numbers follows the
header; both repeat on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from desk_app.core.workflow import DossierStatus
from desk_app.printing import form_sets
from desk_app.printing.fonts import BOLD, REGULAR
from desk_app.printing.forms.common import DossierPrint
from desk_app.printing.layout import Agency, esc, grid, styles, table_style, title
from desk_app.printing.report_page import HeaderCell, build, column_numbers, frame_width, header_rows, spans

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from desk_app.printing.layout import Styles

HEADER = (
    HeaderCell("TT", 0, 0, rows=2),
    HeaderCell("Mã hồ sơ", 0, 1, rows=2),
    HeaderCell("Tên TTHC", 0, 2, rows=2),
    HeaderCell("Tên cá nhân, tổ chức", 0, 3, rows=2),
    HeaderCell("Địa chỉ, số điện thoại", 0, 4, rows=2),
    HeaderCell("Cơ quan chủ trì giải quyết", 0, 5, rows=2),
    HeaderCell("Ngày, tháng, năm", 0, 6, cols=3),
    HeaderCell("Nhận hồ sơ", 1, 6),
    HeaderCell("Hẹn trả kết quả", 1, 7),
    HeaderCell("Trả kết quả", 1, 8),
    HeaderCell("Phương thức nhận kết quả", 0, 9, rows=2),
    HeaderCell("Ký nhận", 0, 10, rows=2),
    HeaderCell("Ghi chú", 0, 11, rows=2),
)
COLUMNS = tuple(c.text for c in HEADER if c.cols == 1)  # the twelve columns, in order
HEADER_ROWS = 3  # two header rows and the column numbers

CELL_SIZE = 8.5  # points: the cells' type
CODE_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5)  # the code column shrinks its type before a code would break
CODE_SHARE = 0.17  # at most this share of the width for the code column
PADDING = 3  # points each side of a cell (layout.grid)
# Shares of what remains after the measured columns (TT, Mã hồ sơ, the three dates), for Tên TTHC,
# Tên cá nhân, Địa chỉ, Cơ quan, Phương thức, Ký nhận and Ghi chú; Tên TTHC takes what the others leave.
SHARES = (0.0, 0.15, 0.17, 0.12, 0.09, 0.08, 0.17)
DATE_SAMPLE = "00/00/0000"
LONGEST_CODE = "000.00.19.H57-261203-1001"
# The Ghi chú words for a dossier closed without its result (the date follows).
CLOSINGS = {
    DossierStatus.STOPPED: "Dừng giải quyết",
    DossierStatus.REFUSED: "Từ chối giải quyết",
    DossierStatus.WITHDRAWN: "Rút hồ sơ",
}


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One line of the book; dates already formatted dd/mm/yyyy (hh:mm).

    ``due`` is the appointment given at acceptance; a later new date goes in ``note``.
    """

    number: int
    code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    department: str
    received: str
    due: str
    returned: str
    method: str
    note: str = ""  # lines separated by "\n"


@dataclass(frozen=True, slots=True)
class RegisterData:
    """The book for a period."""

    agency: Agency
    rule_set: str
    start: date
    end: date
    year: int
    lines: tuple[RegisterLine, ...]


def register_note(
    *, status: DossierStatus, closed_on: str, due: str, original_due: str, supplements: int
) -> str:
    """The Ghi chú of a line, from the dossier's history; one fact per line.

    Supplement rounds ("Bổ sung: n lần"), a new appointment ("Hẹn lại: <new>; hẹn ban đầu:
    <original>": the Hẹn trả kết quả column keeps the original), and how it closed without a result
    (stopped, refused, withdrawn) with the date.
    """
    parts = []
    if supplements > 0:
        parts.append(f"Bổ sung: {supplements} lần")
    if due and original_due and due != original_due:
        parts.append(f"Hẹn lại: {due}; hẹn ban đầu: {original_due}")
    closing = CLOSINGS.get(status)
    if closing:
        parts.append(f"{closing}: {closed_on}" if closed_on else closing)
    return "\n".join(parts)


def code_column(codes: Sequence[str], width: float) -> tuple[float, float]:
    """(type size, column width) that keep the longest code on one line.

    The largest size of :data:`CODE_SIZES` whose longest code fits in :data:`CODE_SHARE` of the
    width; the column is as wide as that code (never narrower than the reference code).
    """
    longest = max((*codes, LONGEST_CODE), key=lambda c: stringWidth(c, REGULAR, CODE_SIZES[0]))
    for size in CODE_SIZES:
        needed = stringWidth(longest, REGULAR, size) + 2 * PADDING + 1
        if needed <= width * CODE_SHARE or size == CODE_SIZES[-1]:
            return size, needed
    raise AssertionError("unreachable")  # pragma: no cover


def column_widths(data: RegisterData, width: float) -> tuple[list[float], float]:
    """The twelve column widths and the code column's type size.

    TT, Mã hồ sơ and the three dates are measured so that a number, a code or a date never breaks;
    the other columns share the rest.
    """
    size, code = code_column([line.code for line in data.lines], width)
    biggest = str(max((line.number for line in data.lines), default=1))
    widest = max(stringWidth(biggest, REGULAR, CELL_SIZE), stringWidth("TT", BOLD, CELL_SIZE))
    number = widest + 2 * PADDING + 1
    day = stringWidth(DATE_SAMPLE, REGULAR, CELL_SIZE) + 2 * PADDING + 1
    rest = width - number - code - 3 * day
    shared = [rest * share for share in SHARES]
    shared[0] = rest - sum(shared)  # Tên TTHC
    procedure, name, address, department, method, signed, note = shared
    return [number, code, procedure, name, address, department, day, day, day, method, signed, note], size


def _cells(
    line: RegisterLine, st: Styles, code_style: ParagraphStyle, unbroken: ParagraphStyle
) -> list[object]:
    def date_cell(text: str) -> Paragraph:
        return Paragraph(esc(text).replace(" ", "<br/>", 1), unbroken)

    return [
        Paragraph(str(line.number), st.cell_center),
        Paragraph(esc(line.code), code_style),
        Paragraph(esc(line.procedure_name), st.cell),
        Paragraph(esc(line.applicant_name), st.cell),
        Paragraph(esc(line.address_phone), st.cell),
        Paragraph(esc(line.department), st.cell),
        date_cell(line.received),
        date_cell(line.due),
        date_cell(line.returned),
        Paragraph(esc(line.method), st.cell_center),
        "",
        Paragraph("<br/>".join(esc(part) for part in line.note.split("\n")), st.cell),
    ]


def table(data: RegisterData, st: Styles, width: float) -> Table:
    """The ruled table: grouped header, column numbers, one row per line; the header repeats."""
    widths, size = column_widths(data, width)
    code_style = ParagraphStyle("code", parent=st.cell, fontSize=size, leading=size * 1.25, splitLongWords=0)
    rows = header_rows(HEADER, len(COLUMNS), lambda text: Paragraph(f"<b>{esc(text)}</b>", st.cell_bold))
    rows.append([Paragraph(n, st.cell_center) for n in column_numbers(len(COLUMNS))])
    unbroken = ParagraphStyle("unbroken", parent=st.cell_center, splitLongWords=0)
    rows.extend(_cells(line, st, code_style, unbroken) for line in data.lines)
    return grid(
        rows,
        widths,
        header_rows=HEADER_ROWS,
        extra=[*spans(HEADER), ("VALIGN", (0, 0), (-1, HEADER_ROWS - 1), "MIDDLE")],
    )


def heading_block(data: RegisterData, st: Styles, width: float) -> list[Flowable]:
    """Form number, the unit on the left, the title and the book's year and period."""
    fs = form_sets.form_set(data.rule_set)
    unit = Table(
        [
            [Paragraph(esc(data.agency.parent.upper()), st.center)],
            [Paragraph(f"<b>{esc(data.agency.desk.upper())}</b>", st.center)],
            [Paragraph("———", st.center)],
        ],
        colWidths=[width * 0.55],
        hAlign="LEFT",
    )
    unit.setStyle(
        table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(esc(fs.caption(form_sets.REGISTER)), st.small),
        unit,
        title(fs.titles[form_sets.REGISTER], st, width),
        Paragraph(
            f"Quyển số: {data.year} (từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y})",
            st.italic_center,
        ),
    ]


def render(data: RegisterData, *, paper: str = "A4-landscape") -> bytes:
    """The register book; the header repeats and every page reads "Trang n/m"."""
    st = styles(10, spacing=1.25)
    width = frame_width(paper)
    story = [*heading_block(data, st, width), table(data, st, width)]
    pdf, _pages = build(
        story,
        paper=paper,
        title=f"Sổ theo dõi hồ sơ {data.year}",
        author=data.agency.desk,
        subject=f"{data.start:%d/%m/%Y}–{data.end:%d/%m/%Y}",
    )
    return pdf


__all__ = ["DossierPrint", "RegisterData", "RegisterLine", "register_note", "render"]
