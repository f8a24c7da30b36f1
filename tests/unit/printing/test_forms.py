from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desk_app.core.clock import VN_TZ
from desk_app.core.paper_names import without_list_mark
from desk_app.core.slip_qr import make_token
from desk_app.core.stats import Bieu06Row
from desk_app.printing.forms import bieu06, control_sheet, receipt, refusal, register_book, supplement_request
from desk_app.printing.forms.common import ComponentLine, DossierPrint
from desk_app.printing.layout import Agency
from desk_app.services.catalogue_sources import read_json
from tests.conftest import NATIONAL_JSON, needs_shared_data
from tests.unit.printing.pdfcheck import barcodes, page_sizes_mm, text_of, text_of_page

CODE = "000.00.19.H57-261122-1001"
AGENCY = Agency("Ủy ban nhân dân xã Phú Mỹ", "Trung tâm Phục vụ hành chính công xã Phú Mỹ", "Phú Mỹ")
# The largest QR a slip carries: the national portal's lookup page with the Circular 01/2023 fields.
QR = make_token(bytes(32), CODE, "01a2b3c4-0000", "1.001193", "079198001234", "01/TT03-2025").text(
    "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
)
DOSSIER = DossierPrint(
    agency=AGENCY,
    rule_set="TT03-2025",
    ref=CODE,
    code=CODE,
    procedure_code="1.001193",
    procedure_name="Thủ tục đăng ký khai sinh",
    applicant_name="Trần Thị Bích Ngọc",
    applicant_address="Phường Bến Nghé, TP. Hồ Chí Minh",
    applicant_phone="0901234567",
    applicant_id_number="079198001234",
    received_at=datetime(2026, 11, 22, 9, 30, tzinfo=VN_TZ),
    accepted_at=datetime(2026, 11, 22, 9, 30, tzinfo=VN_TZ),
    due_at=datetime(2026, 11, 22, 17, 0, tzinfo=VN_TZ),
    limit_text="trong ngày",
    components=(
        ComponentLine(1, "Tờ khai đăng ký khai sinh", "submit", 1, 0, 1, 0),
        ComponentLine(2, "Giấy chứng sinh", "submit", 1, 0, 1, 0),
        ComponentLine(3, "Hộ chiếu/Thẻ căn cước", "show", 1, 0, 1, 0),
    ),
    register_year=2026,
    register_number=57,
    officer_name="Nguyễn Văn An",
    qr_text=QR,
    printed_at=datetime(2026, 11, 22, 9, 35, tzinfo=VN_TZ),
)


def test_receipt_has_every_field_in_two_copies_and_its_barcodes_scan() -> None:
    pdf = receipt.render(DOSSIER)
    assert set(page_sizes_mm(pdf)) == {(148, 210)}
    pages = [text_of_page(pdf, i) for i in range(len(page_sizes_mm(pdf)))]
    second = next(i for i, page in enumerate(pages) if "(Liên 2: Giao người nộp)" in page)
    assert pages[second].startswith("Mẫu số 01")  # the applicant's copy starts on its own page
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phú Mỹ, ngày 22 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "(Liên 1: Lưu)",
        "(Liên 2: Giao người nộp)",
        "Mẫu số 01",
        "Tiếp nhận hồ sơ của: Trần Thị Bích Ngọc",
        "Số căn cước/Hộ chiếu: 079198001234",
        "Địa chỉ: Phường Bến Nghé",
        "Số điện thoại: 0901234567",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh",
        "1. Thành phần hồ sơ nộp gồm",
        "Tờ khai đăng ký khai sinh",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "trong ngày",
        "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 22 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 22 tháng 11 năm 2026",
        "6. Đăng ký nhận kết quả tại",
        "Quyển số: 2026, Số thứ tự: 57",
        "Số: 57/TTPVHCC",  # the register number is the receipt's own number
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Nguyễn Văn An",
        "2 liên",
    ):
        assert expected in text, expected
    for page in (0, second):
        for dpi in (300, 200):
            assert barcodes(pdf, page, dpi) == [("Code128", CODE), ("QRCode", QR)], (page, dpi)


def test_reprints_are_marked() -> None:
    assert "IN LẠI lần 2" in text_of(receipt.render(replace(DOSSIER, reprint=2)))
    assert "IN LẠI" not in text_of(receipt.render(DOSSIER))


def test_the_older_form_set_numbers_the_control_sheet_05() -> None:
    sheet = control_sheet.ControlSheetData(replace(DOSSIER, rule_set="TT01-2018"), ())
    assert "Mẫu số 05 – Thông tư số 01/2018/TT-VPCP" in text_of(control_sheet.render(sheet))
    assert "Mẫu số 06 – Thông tư số 03/2025/TT-VPCP" in text_of(
        control_sheet.render(control_sheet.ControlSheetData(DOSSIER, ()))
    )


def test_control_sheet_prefills_handovers_and_scans() -> None:
    rows = (
        control_sheet.HandoverRow(
            "Trung tâm Phục vụ hành chính công",
            "Công chức Tư pháp - Hộ tịch",
            datetime(2026, 11, 22, 10, 0, tzinfo=VN_TZ),
        ),
    )
    pdf = control_sheet.render(control_sheet.ControlSheetData(DOSSIER, rows, coordinating="Công an xã"))
    text = text_of(pdf)
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Kèm theo hồ sơ của: Trần Thị Bích Ngọc",
        f"Mã hồ sơ: {CODE}",
        "Ngày nhận: 09 giờ 30 phút",
        "Ngày, giờ hẹn trả kết quả: 17 giờ 00 phút",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an xã",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao: Trung tâm",
        "Nhận: Công chức Tư pháp",
        "10 giờ 00 phút, ngày 22 tháng 11 năm 2026",
        "Người giao",
        "Người nhận",
        "(Ký)",
        "5. Giao",
    ):
        assert expected in text, expected
    assert ("Code128", CODE) in barcodes(pdf, 0, 200)


def test_register_book_is_a4_landscape_with_numbered_pages() -> None:
    lines = tuple(
        register_book.RegisterLine(
            n,
            f"000.00.19.H57-261122-{1000 + n:04d}",
            "Thủ tục đăng ký khai sinh",
            f"Người nộp {n}",
            "Phú Mỹ, 0901234567",
            "Tư pháp",
            "22/11/2026 09:30",
            "22/11/2026 17:00",
            "",
            "tại bộ phận",
        )
        for n in range(1, 121)
    )
    pdf = register_book.render(
        register_book.RegisterData(AGENCY, "TT03-2025", date(2026, 11, 1), date(2026, 11, 30), 2026, lines)
    )
    sizes = page_sizes_mm(pdf)
    assert len(sizes) > 1
    assert set(sizes) == {(297, 210)}
    text = text_of(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Mẫu số 07" in text
    assert f"Trang {len(sizes)}" in text
    assert text.count("Tên cá nhân, tổ chức") == len(sizes)  # the header repeats on every page
    assert "Người nộp 120" in text


def test_bieu06_report() -> None:
    rows = (
        Bieu06Row("Hộ tịch", 54, 0, 41, 13, 35, 8, 7, 20, 17, 8, 9, 2),
        Bieu06Row("Tổng cộng", 54, 0, 41, 13, 35, 8, 7, 20, 17, 8, 9, 2),
    )
    text = text_of(bieu06.render(bieu06.Bieu06Data(AGENCY, date(2026, 11, 1), date(2026, 11, 30), rows)))
    for expected in (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC",
        "(Từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "Số hồ sơ nhận giải quyết",
        "Trực tuyến",
        "Từ kỳ trước",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Trong hạn",
        "Hộ tịch",
        "Tổng cộng",
        "Biểu số 06/VPCP/KSTT",
    ):
        assert expected in text, expected


@needs_shared_data
def test_the_longest_real_checklist_and_component_name_print_without_loss() -> None:
    procedures = {
        p.code: p for p in read_json(NATIONAL_JSON).procedures if p.code in ("2.002011", "1.004362")
    }
    for code, procedure in procedures.items():
        lines = tuple(
            ComponentLine(c.position, c.name, c.kind.value, c.originals, c.copies)
            for c in procedure.components
        )
        dossier = replace(DOSSIER, procedure_code=code, procedure_name=procedure.name, components=lines)
        pdf = supplement_request.render(supplement_request.SupplementData(dossier, lines, "Thiếu", ""))
        # A long cell splits across pages, so its row's other cells and the repeated header land
        # inside its text: every word of every name must still come out, in order.
        printed = text_of(pdf).split()
        names = (procedure.name, *(without_list_mark(line.name) for line in lines))
        expected = [w for text in names for w in text.split()]
        assert in_order(expected, printed), code
        assert set(page_sizes_mm(pdf)) == {(148, 210)}
    assert len(procedures["2.002011"].components) == 94
    assert max(len(c.name) for c in procedures["1.004362"].components) > 6000


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_paper_size_is_configurable(paper: str) -> None:
    sizes = page_sizes_mm(refusal.render(refusal.RefusalData(DOSSIER, "x"), paper=paper))
    assert sizes[0] == {"A5": (148, 210), "A4": (210, 297)}[paper]


def in_order(words: list[str], printed: list[str]) -> bool:
    """True when ``words`` appear in ``printed`` in this order (other words may come between)."""
    stream = iter(printed)
    return all(any(word == candidate for candidate in stream) for word in words)


def test_a_long_title_breaks_near_its_middle_never_leaving_one_word() -> None:
    from desk_app.printing.layout import frame_width, styles, title

    words = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    long_title = title(words, styles(9.5), frame_width("A5"))
    first, second = long_title.text.split("<br/>")
    assert len(second.split()) > 1
    assert abs(len(first) - len(second)) < 12
    assert "<br/>" not in title("PHIẾU BÀN GIAO HỒ SƠ", styles(9.5), frame_width("A5")).text
