"""The register book and Biểu 06 as XLSX, laid out as the printed forms (same columns, same header).

Each sheet can be printed or submitted as it is: title lines, the unit and period, the grouped header
merged as printed with its row of column numbers, ruled cells, A4 landscape one page wide with the
header repeated, and (Biểu 06) the note and the signatures under the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.printing import form_sets
from desk_app.printing.fonts import REGULAR, register_fonts
from desk_app.printing.forms import bieu06, register_book
from desk_app.printing.xlsx_sheet import (
    COUNT,
    COUNT_BOLD,
    FormSheet,
    Look,
    lines_needed,
)

if TYPE_CHECKING:
    from desk_app.printing.forms.bieu06 import Bieu06Data
    from desk_app.printing.forms.register_book import RegisterData

TITLE = Look(size=14, bold=True, horizontal="center")
BOLD_CENTRE = Look(bold=True, horizontal="center")
CENTRE = Look(horizontal="center")
ITALIC_CENTRE = Look(italic=True, horizontal="center")
ITALIC_RIGHT = Look(italic=True, horizontal="right")
SMALL = Look(size=10, vertical="top")
NUMBER = Look(horizontal="center", ruled=True)
REGISTER_SIZE = 10  # points: the register's cells
REGISTER_CELL = Look(size=REGISTER_SIZE, vertical="top", ruled=True)
REGISTER_CENTRE = Look(size=REGISTER_SIZE, vertical="top", horizontal="center", ruled=True)
NOTE = Look(size=11, vertical="top")

REGISTER_WIDTHS = (5, 24, 22, 16, 18, 13, 10.5, 10.5, 10.5, 9, 7, 20)  # Mã hồ sơ: measured, at least 24
PIXELS_PER_UNIT = 7  # Excel's column unit: a "0" of the default font, 7 pixels (0.75 pt each)
BIEU06_WIDTHS = (6, 34, *([10] * 11))


def code_width(codes: list[str]) -> float:
    """The Mã hồ sơ column's width in Excel units: the longest code on one line, with padding.

    Liberation Serif has the metrics of Times New Roman, the sheet's face.
    """
    register_fonts()
    longest = max(float(stringWidth(c, REGULAR, REGISTER_SIZE)) for c in (*codes, register_book.LONGEST_CODE))
    return round(longest / 0.75 / PIXELS_PER_UNIT + 2, 1)


def _day_then_time(moment: str) -> str:
    """The moment "20/11/2026 09:30" on two lines, the date never broken (as in the PDF)."""
    return moment.replace(" ", "\n", 1)


def register_xlsx(data: RegisterData) -> bytes:
    """The register book (Mẫu 07): heading, grouped header, one row per line, Ghi chú last."""
    columns = len(register_book.COLUMNS)
    fs = form_sets.form_set(data.rule_set)
    widths = list(REGISTER_WIDTHS)
    widths[1] = max(widths[1], code_width([line.code for line in data.lines]))
    sheet = FormSheet(f"Sổ theo dõi hồ sơ {data.year}", columns, widths)
    sheet.line([(1, 6, fs.caption(form_sets.REGISTER), SMALL)])
    sheet.line([(1, 5, data.agency.parent.upper(), CENTRE)])
    sheet.line([(1, 5, data.agency.desk.upper(), BOLD_CENTRE)])
    sheet.line([(1, columns, fs.titles[form_sets.REGISTER], TITLE)], height=24)
    sheet.line(
        [
            (
                1,
                columns,
                f"Quyển số: {data.year} (từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y})",
                ITALIC_CENTRE,
            )
        ]
    )
    repeat = sheet.header(register_book.HEADER, (30, 30))
    looks = [REGISTER_CENTRE, *[REGISTER_CELL] * 5, *[REGISTER_CENTRE] * 4, REGISTER_CELL, REGISTER_CELL]
    for line in data.lines:
        sheet.values(
            [
                line.number,
                line.code,
                line.procedure_name,
                line.applicant_name,
                line.address_phone,
                line.department,
                *(_day_then_time(v) for v in (line.received, line.due, line.returned)),
                line.method,
                "",
                line.note,
            ],
            looks,
        )
    sheet.repeat_rows(repeat)
    return sheet.save()


def bieu06_xlsx(data: Bieu06Data) -> bytes:
    """Biểu 06 as the form: heading, grouped header, rows and total, the note and the signatures."""
    columns = bieu06.COLUMNS
    sheet = FormSheet("Biểu 06", columns, BIEU06_WIDTHS)
    first, second = bieu06.TITLE.split(" TẠI ", 1)
    sheet.line(
        [(1, 3, bieu06.FORM, BOLD_CENTRE), (4, 10, first, TITLE), (11, 13, "Đơn vị báo cáo:", CENTRE)],
        height=20,
    )
    sheet.line(
        [
            (1, 3, bieu06.BASIS, SMALL),
            (4, 10, f"TẠI {second}", TITLE),
            (11, 13, data.agency.parent.upper(), CENTRE),
        ],
        height=30,
    )
    sheet.line(
        [(4, 10, bieu06.period_line(data), ITALIC_CENTRE), (11, 13, data.agency.desk.upper(), BOLD_CENTRE)],
        height=30,
    )
    sheet.line([(1, columns, bieu06.UNIT_OF_COUNT, ITALIC_RIGHT)])
    repeat = sheet.header(bieu06.HEADER, (30, 22, 45))
    number = 0
    for row in data.rows:
        total = row.field_name == bieu06.TOTAL
        number += 0 if total else 1
        label = Look(bold=total, ruled=True, vertical="center")
        sheet.values(
            [None if total else number, row.field_name, *bieu06.figures(row)],
            [NUMBER, label, *[COUNT_BOLD if total else COUNT] * (columns - 2)],
        )
    sheet.line([])
    width = sum(BIEU06_WIDTHS) * 1.1
    for text in bieu06.notes(data):
        sheet.line([(1, columns, text, NOTE)], height=15 * lines_needed(text, width))
    sheet.line([])
    sheet.line([(8, columns, bieu06.date_line(data), ITALIC_CENTRE)])
    sheet.line([(1, 6, bieu06.PREPARER, BOLD_CENTRE), (8, columns, bieu06.HEAD, BOLD_CENTRE)])
    sheet.line([(1, 6, bieu06.SIGN_HINT, ITALIC_CENTRE), (8, columns, bieu06.SIGN_HINT, ITALIC_CENTRE)])
    for _ in range(4):
        sheet.line([])
    sheet.line([(1, 6, data.preparer, BOLD_CENTRE), (8, columns, data.head, BOLD_CENTRE)])
    sheet.repeat_rows(repeat)
    return sheet.save()
