"""The register and Biểu 06 workbooks laid out as the forms: merged grouped headers, column numbers,
rows and totals, ruled cells, number formats, widths and the print set-up, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.printing import xlsx
from desk_app.printing.fonts import REGULAR, register_fonts
from desk_app.printing.forms import bieu06, register_book
from desk_app.printing.report_page import BINDING
from tests.unit.printing.test_register_bieu06 import AGENCY, END, ROWS, SIGNED, START, line

MM_PER_INCH = 25.4


def sheet_of(data: bytes) -> Worksheet:
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


@pytest.fixture(scope="module")
def figures() -> Worksheet:
    data = bieu06.Bieu06Data(AGENCY, START, END, ROWS, SIGNED, date(2026, 11, 20), head="Nguyễn Văn Minh")
    return sheet_of(xlsx.bieu06_xlsx(data))


@pytest.fixture(scope="module")
def book() -> Worksheet:
    lines = tuple(line(n) for n in range(1, 6))
    return sheet_of(
        xlsx.register_xlsx(register_book.RegisterData(AGENCY, "TT03-2025", START, END, 2026, lines))
    )


def merged(sheet: Worksheet) -> set[str]:
    return {str(r) for r in sheet.merged_cells.ranges}


def values(sheet: Worksheet, row: int) -> list[object]:
    return [c.value for c in sheet[row]]


def test_bieu06_heading_lines(figures: Worksheet) -> None:
    assert figures["A1"].value == "Biểu số 06/VPCP/KSTT"
    assert figures["A2"].value == "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
    assert figures["D1"].value == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"
    assert figures["D2"].value == "TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
    assert figures["D3"].value == "(Từ ngày 01/11/2026 đến ngày 30/11/2026)"
    assert (figures["K1"].value, figures["K2"].value, figures["K3"].value) == (
        "Đơn vị báo cáo:",
        "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ MỸ",
    )
    assert figures["A4"].value == "Đơn vị tính: Số hồ sơ TTHC"
    assert figures["A4"].alignment.horizontal == "right"
    assert {"A1:C1", "D1:J1", "K1:M1", "D2:J2", "D3:J3", "A4:M4"} <= merged(figures)
    assert figures["D1"].font.b


def test_bieu06_header_merged_as_published(figures: Worksheet) -> None:
    header = {
        "A5:A7": "STT",
        "B5:B7": "Lĩnh vực, công việc giải quyết theo cấp",
        "C5:F5": "Số hồ sơ nhận giải quyết",
        "G5:J5": "Số hồ sơ đã giải quyết",
        "K5:M5": "Số hồ sơ đang giải quyết",
        "C6:C7": "Tổng số",
        "D6:E6": "Trong đó",
        "F6:F7": "Từ kỳ trước",
        "G6:G7": "Tổng số",
        "H6:H7": "Trước hạn",
        "I6:I7": "Đúng hạn",
        "J6:J7": "Quá hạn",
        "K6:K7": "Tổng số",
        "L6:L7": "Trong hạn",
        "M6:M7": "Quá hạn",
    }
    assert set(header) <= merged(figures)
    for cells, text in header.items():
        assert figures[cells.split(":")[0]].value == text, cells
    assert (figures["D7"].value, figures["E7"].value) == ("Trực tuyến", "Trực tiếp, dịch vụ bưu chính")
    assert values(figures, 8) == [f"({i})" for i in range(1, 14)]
    assert_ruled(figures, 5, 8, 13)
    assert all(figures[cells.split(":")[0]].font.b for cells in header)
    assert all(figures.cell(8, col).font.b for col in range(1, 14))


def assert_ruled(sheet: Worksheet, first: int, last: int, columns: int) -> None:
    """Every cell of the rows, or the merged range holding it, is outlined by thin lines."""
    for row in range(first, last + 1):
        for col in range(1, columns + 1):
            area = next(
                (
                    r
                    for r in sheet.merged_cells.ranges
                    if r.min_row <= row <= r.max_row and r.min_col <= col <= r.max_col
                ),
                None,
            )
            top, left = (area.min_row, area.min_col) if area else (row, col)
            bottom, right = (area.max_row, area.max_col) if area else (row, col)
            border = sheet.cell(row, col).border
            assert border.top.style == "thin" or row != top, (row, col)
            assert border.bottom.style == "thin" or row != bottom, (row, col)
            assert border.left.style == "thin" or col != left, (row, col)
            assert border.right.style == "thin" or col != right, (row, col)


def test_bieu06_has_no_withdrawn_column(figures: Worksheet) -> None:
    assert figures.max_column == 13
    everything = [c.value for row in figures.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("Rút hồ sơ" in v for v in everything)
    assert "(14)" not in everything


def test_bieu06_rows_and_totals(figures: Worksheet) -> None:
    assert values(figures, 9) == [1, "Hộ tịch", 54, 0, 41, 13, 35, 8, 7, 20, 17, 8, 9]
    assert values(figures, 10) == [2, "Chứng thực", 3, 3, 0, 0, 3, 3, 0, 0, 0, 0, 0]
    total = values(figures, 11)
    assert total[:2] == [None, "Tổng cộng"]
    for column in range(2, 13):
        assert total[column] == values(figures, 9)[column] + values(figures, 10)[column]  # type: ignore[operator]
    assert figures["B11"].font.b and figures["C11"].font.b
    assert all(
        figures.cell(row, col).number_format == "#,##0" for row in range(9, 12) for col in range(3, 14)
    )
    assert_ruled(figures, 9, 11, 13)


def test_bieu06_note_and_signatures(figures: Worksheet) -> None:
    texts = {c.coordinate: c.value for row in figures.iter_rows(min_row=12) for c in row if c.value}
    found = list(texts.values())
    assert found[0].startswith("Ghi chú: Trong kỳ có 2 hồ sơ do cá nhân, tổ chức rút (Hộ tịch: 2).")
    assert "cột (3) = cột (7) + cột (11) + số hồ sơ rút" in found[0]
    assert found[1].startswith("Số hồ sơ đang giải quyết (cột 11, 12, 13) tính đến ngày 20/11/2026")
    assert found[2:] == [
        "Phú Mỹ, ngày 20 tháng 11 năm 2026",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên)",
        "(Ký, ghi rõ họ tên)",
        "Nguyễn Văn Minh",
    ]
    note = next(k for k, v in texts.items() if v == found[0])
    assert f"{note}:M{note[1:]}" in merged(figures)


def print_setup_is_the_forms(sheet: Worksheet, repeat: str) -> None:
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == repeat
    margins = sheet.page_margins
    assert margins.left * MM_PER_INCH == pytest.approx(BINDING.left)
    assert margins.right * MM_PER_INCH == pytest.approx(BINDING.right)
    assert margins.top * MM_PER_INCH == pytest.approx(BINDING.top)
    assert margins.bottom * MM_PER_INCH == pytest.approx(BINDING.bottom)
    assert sheet.oddFooter.center.text == "Trang &P/&N"


def test_bieu06_print_setup_and_widths(figures: Worksheet) -> None:
    print_setup_is_the_forms(figures, "$5:$8")
    assert figures.column_dimensions["B"].width == 34
    assert all(figures.column_dimensions[c].width == 10 for c in "CDEFGHIJKLM")


def test_register_workbook_is_the_form(book: Worksheet) -> None:
    assert book["A1"].value == "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP"
    assert (book["A2"].value, book["A3"].value) == (
        "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ MỸ",
    )
    assert book["A4"].value == "SỔ THEO DÕI HỒ SƠ"
    assert book["A5"].value == "Quyển số: 2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)"
    assert {"A4:L4", "A5:L5", "G6:I6", "A6:A7", "B6:B7", "J6:J7", "K6:K7", "L6:L7"} <= merged(book)
    assert values(book, 6) == [
        "TT",
        "Mã hồ sơ",
        "Tên TTHC",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Ngày, tháng, năm",
        None,  # merged into G6
        None,
        "Phương thức nhận kết quả",
        "Ký nhận",
        "Ghi chú",
    ]
    assert values(book, 7)[6:9] == ["Nhận hồ sơ", "Hẹn trả kết quả", "Trả kết quả"]
    assert values(book, 8) == [f"({i})" for i in range(1, 13)]
    assert values(book, 9) == [
        1,
        "000.00.19.H57-261102-1001",
        "Thủ tục đăng ký khai sinh",
        "Nguyễn Thị Thu Hà 1",
        "Thôn Phú Mỹ, xã Phú Mỹ, 0901234567",
        "Tư pháp - Hộ tịch",
        "20/11/2026\n09:30",
        "20/11/2026\n17:00",
        "27/11/2026\n10:15",
        "tại bộ phận",
        None,
        "Hẹn lại: 25/11/2026 17:00; hẹn ban đầu: 20/11/2026 17:00",
    ]
    assert book["L10"].value == "Bổ sung: 2 lần\nDừng giải quyết: 23/11/2026"
    assert book.row_dimensions[10].height >= 2 * 10 * 1.3  # two lines of the note fit
    assert_ruled(book, 6, 13, 12)
    assert book.max_row == 13
    print_setup_is_the_forms(book, "$6:$8")
    # A code stays on one line: its width (Liberation Serif has Times New Roman's metrics) fits the column.
    register_fonts()
    code = stringWidth("000.00.19.H57-261203-1001", REGULAR, 10)
    assert code <= (book.column_dimensions["B"].width * 7 - 5) * 0.75 - 4
    long = "000.00.19.H57-261203-100123456"
    assert xlsx.code_width([long]) * 7 * 0.75 > stringWidth(long, REGULAR, 10) + 8
