"""Mẫu 07 (Sổ theo dõi hồ sơ) and Biểu 06 as printed: every field read back from the PDF, the grouped
headers where they belong, codes on one line, the binding margin and "Trang n/m"."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.core.clock import VN_TZ
from desk_app.core.stats import Bieu06Row
from desk_app.core.workflow import DossierStatus
from desk_app.printing.fonts import REGULAR, register_fonts
from desk_app.printing.forms import bieu06, register_book
from desk_app.printing.layout import Agency
from desk_app.printing.report_page import BINDING, frame_width
from tests.unit.printing.pdfboxes import box, boxes, page_text_extent
from tests.unit.printing.pdfcheck import page_sizes_mm, text_of, text_of_page

AGENCY = Agency("Ủy ban nhân dân xã Phú Mỹ", "Trung tâm Phục vụ hành chính công xã Phú Mỹ", "Phú Mỹ")
START, END = date(2026, 11, 1), date(2026, 11, 30)
RESCHEDULED = register_book.register_note(
    status=DossierStatus.PROCESSING,
    closed_on="",
    due="25/11/2026 17:00",
    original_due="20/11/2026 17:00",
    supplements=0,
)
NOTES = (
    "",
    RESCHEDULED,
    register_book.register_note(
        status=DossierStatus.STOPPED, closed_on="23/11/2026", due="", original_due="", supplements=2
    ),
    register_book.register_note(
        status=DossierStatus.WITHDRAWN, closed_on="21/11/2026", due="", original_due="", supplements=0
    ),
    register_book.register_note(
        status=DossierStatus.REFUSED, closed_on="22/11/2026", due="", original_due="", supplements=1
    ),
)


def line(n: int, code: str | None = None) -> register_book.RegisterLine:
    return register_book.RegisterLine(
        n,
        code or f"000.00.19.H57-2611{n % 28 + 1:02d}-{1000 + n:04d}",
        "Cấp Giấy xác nhận tình trạng hôn nhân" if n % 3 == 0 else "Thủ tục đăng ký khai sinh",
        f"Nguyễn Thị Thu Hà {n}",
        "Thôn Phú Mỹ, xã Phú Mỹ, 0901234567",
        "Tư pháp - Hộ tịch",
        "20/11/2026 09:30",
        "20/11/2026 17:00",
        "27/11/2026 10:15" if n % 2 else "",
        "tại bộ phận" if n % 2 else "bưu chính",
        NOTES[n % len(NOTES)],
    )


def register_pdf(lines: tuple[register_book.RegisterLine, ...]) -> bytes:
    return register_book.render(register_book.RegisterData(AGENCY, "TT03-2025", START, END, 2026, lines))


@pytest.fixture(scope="module")
def book() -> bytes:
    return register_pdf(tuple(line(n) for n in range(1, 41)))


def test_register_notes_say_what_happened() -> None:
    assert RESCHEDULED == "Hẹn lại: 25/11/2026 17:00; hẹn ban đầu: 20/11/2026 17:00"
    assert NOTES[2] == "Bổ sung: 2 lần\nDừng giải quyết: 23/11/2026"
    assert NOTES[3] == "Rút hồ sơ: 21/11/2026"
    assert NOTES[4] == "Bổ sung: 1 lần\nTừ chối giải quyết: 22/11/2026"
    same = register_book.register_note(
        status=DossierStatus.RETURNED, closed_on="27/11/2026", due="x", original_due="x", supplements=0
    )
    assert same == ""  # returned with its result, never rescheduled: nothing to note


def test_register_heading_and_every_column(book: bytes) -> None:
    first = text_of_page(book, 0)
    for expected in (
        "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP",
        "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ MỸ",
        "SỔ THEO DÕI HỒ SƠ",
        "Quyển số: 2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "TT",
        "Mã hồ sơ",
        "Tên TTHC",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Ngày, tháng, năm",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Trả kết quả",
        "Phương thức nhận kết quả",
        "Ký nhận",
        "Ghi chú",
        " ".join(f"({i})" for i in range(1, 13)),
    ):
        assert expected in first, expected
    text = text_of(book)
    # Each line's cells in the order of the columns.
    assert (
        "1 000.00.19.H57-261102-1001 Thủ tục đăng ký khai sinh Nguyễn Thị Thu Hà 1 Thôn Phú Mỹ, xã Phú Mỹ, "
        "0901234567 Tư pháp - Hộ tịch 20/11/2026 09:30 20/11/2026 17:00 27/11/2026 10:15 tại bộ phận "
        "Hẹn lại: 25/11/2026 17:00; hẹn ban đầu: 20/11/2026 17:00"
    ) in text
    assert "Bổ sung: 2 lần Dừng giải quyết: 23/11/2026" in text
    assert "Rút hồ sơ: 21/11/2026" in text
    assert "Bổ sung: 1 lần Từ chối giải quyết: 22/11/2026" in text
    assert "bưu chính" in text


def test_register_date_columns_sit_under_ngay_thang_nam(book: bytes) -> None:
    group = box(book, 0, "Ngày, tháng, năm")
    received, due, returned = (box(book, 0, t) for t in ("Nhận hồ", "Hẹn trả", "Trả kết"))
    assert received.top < group.bottom and returned.top < group.bottom  # one row lower
    assert received.left < group.centre < returned.right
    assert group.left > box(book, 0, "Cơ quan chủ").right  # after column 6
    assert group.right < box(book, 0, "Phương").left  # before column 10
    assert received.centre < due.centre < returned.centre
    # Columns spanning both header rows are centred on them, beside the group.
    assert box(book, 0, "Ghi chú").bottom < group.bottom < box(book, 0, "Ghi chú").top + 5


def test_register_repeats_its_header_and_numbers_its_pages(book: bytes) -> None:
    sizes = page_sizes_mm(book)
    assert len(sizes) > 2
    assert set(sizes) == {(297, 210)}
    for page in range(len(sizes)):
        text = text_of_page(book, page)
        assert f"Trang {page + 1}/{len(sizes)}" in text
        assert "Ngày, tháng, năm" in text
        assert " ".join(f"({i})" for i in range(1, 13)) in text


def test_register_codes_never_break(book: bytes) -> None:
    text = text_of(book)
    for n in range(1, 41):
        assert line(n).code in text  # whitespace folded: a broken code would read "…-2611 02-1001"
    longest = "000.00.19.H57-261203-100123456"  # 30 characters, the column's limit
    pdf = register_pdf((line(1, longest), line(2)))
    assert longest in text_of(pdf)


def test_the_code_column_is_sized_from_the_longest_code() -> None:
    register_fonts()
    width = frame_width()
    size, column = register_book.code_column(["000.00.19.H57-261203-1001"], width)
    assert size == 8.5  # the cells' own size when the code fits
    assert column >= stringWidth("000.00.19.H57-261203-1001", REGULAR, size) + 6
    long_size, long_column = register_book.code_column(["X" * 30], width)
    assert long_size < size  # a wider code shrinks its type rather than break
    assert long_column <= width * register_book.CODE_SHARE or long_size == register_book.CODE_SIZES[-1]
    widths, _size = register_book.column_widths(
        register_book.RegisterData(AGENCY, "TT03-2025", START, END, 2026, (line(1),)), width
    )
    assert len(widths) == 12
    assert sum(widths) == pytest.approx(width)


def test_register_binding_margin_on_the_left(book: bytes) -> None:
    extent = page_text_extent(book, 1)
    assert extent.left >= BINDING.left  # 30 mm: the binding edge
    assert extent.right <= 297 - BINDING.right
    assert extent.top <= 210 - BINDING.top
    footer = box(book, 1, "Trang 2/")
    assert footer.bottom < BINDING.bottom  # the page number sits in the bottom margin
    assert footer.centre == pytest.approx((BINDING.left + 297 - BINDING.right) / 2, abs=3)


ROWS = (
    Bieu06Row("Hộ tịch", 54, 0, 41, 13, 35, 8, 7, 20, 17, 8, 9, 2),
    Bieu06Row("Chứng thực", 3, 3, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0),
    Bieu06Row("Tổng cộng", 57, 3, 41, 13, 38, 11, 7, 20, 17, 8, 9, 2),
)
SIGNED = datetime(2026, 11, 20, 9, 0, tzinfo=VN_TZ)


def report(
    rows: tuple[Bieu06Row, ...] = ROWS, as_of: date | None = date(2026, 11, 20), head: str = ""
) -> bytes:
    return bieu06.render(bieu06.Bieu06Data(AGENCY, START, END, rows, SIGNED, as_of, head=head))


def test_bieu06_every_field() -> None:
    pdf = report(head="Nguyễn Văn Minh")
    text = text_of(pdf)
    for expected in (
        "Biểu số 06/VPCP/KSTT",
        "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
        "(Từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "Đơn vị báo cáo: ỦY BAN NHÂN DÂN XÃ PHÚ MỸ TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ MỸ",
        "Đơn vị tính: Số hồ sơ TTHC",
        "STT",
        "Lĩnh vực, công việc giải quyết theo cấp",
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
        "Trong đó",
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Từ kỳ trước",
        "Trước hạn",
        "Đúng hạn",
        "Trong hạn",
        " ".join(f"({i})" for i in range(1, 14)),
        "1 Hộ tịch 54 0 41 13 35 8 7 20 17 8 9",
        "2 Chứng thực 3 3 0 0 3 3 0 0 0 0 0",
        "Tổng cộng 57 3 41 13 38 11 7 20 17 8 9",
        "Ghi chú: Trong kỳ có 2 hồ sơ do cá nhân, tổ chức rút (Hộ tịch: 2).",
        "không tính vào số hồ sơ đã giải quyết (cột 7) và số hồ sơ đang giải quyết (cột 11)",
        "cột (3) = cột (7) + cột (11) + số hồ sơ rút",
        "Số hồ sơ đang giải quyết (cột 11, 12, 13) tính đến ngày 20/11/2026",
        "Phú Mỹ, ngày 20 tháng 11 năm 2026",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "Nguyễn Văn Minh",
        "Trang 1/1",
    ):
        assert expected in text, expected
    assert text.count("(Ký, ghi rõ họ tên)") == 2
    assert text.count("Tổng số") == 3
    assert text.count("Quá hạn") == 2


def test_bieu06_has_no_withdrawn_column() -> None:
    text = text_of(report())
    assert "Rút hồ sơ" not in text
    assert "(14)" not in text
    assert "(13)" in text


def test_bieu06_groups_its_header_as_published() -> None:
    pdf = report()

    def number(i: int) -> float:
        return box(pdf, 0, f"({i})").centre

    received = box(pdf, 0, "Số hồ sơ nhận giải quyết")
    assert number(3) < received.centre < number(6)
    resolved = box(pdf, 0, "Số hồ sơ đã giải quyết")
    assert number(7) < resolved.centre < number(10)
    pending = box(pdf, 0, "Số hồ sơ đang giải quyết")
    assert number(11) < pending.centre < number(13)
    of_which = box(pdf, 0, "Trong đó")
    assert number(4) < of_which.centre < number(5)
    assert of_which.top < received.bottom  # one row lower
    online, direct = box(pdf, 0, "Trực tuyến"), box(pdf, 0, "Trực tiếp,")
    assert online.top < of_which.bottom and direct.top < of_which.bottom  # one row lower again
    assert online.centre == pytest.approx(number(4), abs=2)
    assert direct.centre == pytest.approx(number(5), abs=2)
    carried = box(pdf, 0, "Từ kỳ")
    assert carried.centre == pytest.approx(number(6), abs=2)
    totals = boxes(pdf, 0, "Tổng số")
    assert [t.centre for t in totals] == pytest.approx([number(3), number(7), number(11)], abs=2)


def test_bieu06_notes_without_withdrawn_or_when_made_after_the_end() -> None:
    rows = tuple(Bieu06Row(r.field_name, *[0] * 12) for r in ROWS)
    text = text_of(report(rows, as_of=END))
    assert (
        "Ghi chú: Trong kỳ không có hồ sơ nào do cá nhân, tổ chức rút; cột (3) = cột (7) + cột (11)." in text
    )
    assert "tính đến ngày" not in text  # measured at the end: nothing to explain


def test_bieu06_blank_names_and_dotted_place() -> None:
    data = bieu06.Bieu06Data(Agency("Ủy ban nhân dân", "Bộ phận Một cửa", ""), START, END, ROWS)
    text = text_of(bieu06.render(data))
    assert "……, ngày …… tháng …… năm ……" in text
    # No name under either signature (no setting names them): the page number comes next.
    assert text.endswith(
        "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên) THỦ TRƯỞNG ĐƠN VỊ (Ký, ghi rõ họ tên) Trang 1/1 "
    )


def test_bieu06_binding_margin_and_page_size() -> None:
    pdf = report()
    assert page_sizes_mm(pdf) == [(297, 210)]
    extent = page_text_extent(pdf, 0)
    assert extent.left >= BINDING.left
    assert extent.right <= 297 - BINDING.right
    assert extent.top <= 210 - BINDING.top
