"""Mẫu 02–05 read back field by field: numbers instead of UUIDs, signers from the settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from desk_app.core.clock import VN_TZ
from desk_app.printing.forms import apology, handover_batch, receipt, refusal, stop_notice, supplement_request
from desk_app.printing.forms.common import ComponentLine, Signer
from tests.unit.printing.pdfcheck import barcodes, page_sizes_mm, text_of, text_of_page
from tests.unit.printing.test_forms import CODE, DOSSIER

UUID = "01934b2e-7f3a-7c1d-9e2f-0a1b2c3d4e5f"
NO_CODE = replace(DOSSIER, code=None, ref=UUID, qr_text=None)
PHONE_CONTACT = "Nguyễn Văn An, số điện thoại 0297 3 851 234"


def test_supplement_request_numbers_the_slip_and_lists_every_missing_item() -> None:
    missing = (
        ComponentLine(2, "Giấy chứng sinh", "submit", 1, 0),
        ComponentLine(4, "Văn bản ủy quyền", "submit", 0, 1),
    )
    data = replace(NO_CODE, slip_number="HDHS-2026-1-0007")
    pdf = supplement_request.render(
        supplement_request.SupplementData(data, missing, "Thiếu giấy tờ", PHONE_CONTACT)
    )
    text = text_of(pdf)
    for expected in (
        "Mẫu số 02 – Thông tư số 03/2025/TT-VPCP",
        "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ",
        "Số: 1-0007/HDHS",
        "Phú Mỹ, ngày 22 tháng 11 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Số phiếu: HDHS-2026-1-0007",
        "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà: Trần Thị Bích Ngọc",
        "Số căn cước/Hộ chiếu: 079198001234",
        "Địa chỉ: Phường Bến Nghé",
        "Số điện thoại: 0901234567",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh (mã thủ tục 1.001193)",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau",
        "Giấy chứng sinh (mục 2)",
        "Văn bản ủy quyền (mục 4)",
        "Lý do: Thiếu giấy tờ",
        "tại Website: dichvucong.gov.vn",
        PHONE_CONTACT,
        "NGƯỜI HƯỚNG DẪN",
        "Nguyễn Văn An",
    ):
        assert expected in text, expected
    assert UUID not in text
    assert ("Code128", "HDHS-2026-1-0007") in barcodes(pdf, 0, 200)
    assert page_sizes_mm(pdf) == [(148, 210)]


def test_a_supplement_during_processing_prints_the_dossier_code() -> None:
    pdf = supplement_request.render(
        supplement_request.SupplementData(
            replace(DOSSIER, slip_number="HDHS-2026-1-0008"), (), "", PHONE_CONTACT
        )
    )
    text = text_of(pdf)
    assert f"Mã hồ sơ: {CODE}" in text
    assert "Số: 1-0008/HDHS" in text
    assert ("Code128", CODE) in barcodes(pdf, 0, 200)


def test_refusal_slip_has_its_number_reason_and_help_line() -> None:
    data = replace(NO_CODE, slip_number="TCHS-2026-1-0003")
    pdf = refusal.render(refusal.RefusalData(data, "Không thuộc thẩm quyền của xã", PHONE_CONTACT))
    text = text_of(pdf)
    for expected in (
        "Mẫu số 03 – Thông tư số 03/2025/TT-VPCP",
        "Số: 1-0003/TCHS",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Số phiếu: TCHS-2026-1-0003",
        "Tiếp nhận hồ sơ của: Trần Thị Bích Ngọc",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: Không thuộc thẩm quyền",
        "Xin thông báo cho Ông/Bà được biết và thực hiện",
        f"Ông/Bà liên hệ {PHONE_CONTACT}",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert expected in text, expected
    assert UUID not in text
    assert ("Code128", "TCHS-2026-1-0003") in barcodes(pdf, 0, 200)


def test_apology_is_the_resolving_agencys_letter_with_an_extension_request() -> None:
    data = apology.ApologyData(
        replace(DOSSIER, slip_number="PXL-2026-1-0002", department="Công chức Tư pháp - Hộ tịch"),
        "Cần xác minh nơi cư trú",
        datetime(2026, 11, 22, 17, 0, tzinfo=VN_TZ),
        datetime(2026, 11, 25, 16, 0, tzinfo=VN_TZ),
        "Ủy ban nhân dân xã Phú Mỹ",
        Signer("TM. ỦY BAN NHÂN DÂN; CHỦ TỊCH", "Trần Thị Hồng"),
    )
    text = text_of(apology.render(data))
    for expected in (
        "Mẫu số 04 – Thông tư số 03/2025/TT-VPCP",
        "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ",
        "Số: 1-0002/PXL",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN",
        "Kính gửi: Ông/Bà Trần Thị Bích Ngọc",
        "Trung tâm Phục vụ hành chính công xã Phú Mỹ tiếp nhận hồ sơ",
        f"mã hồ sơ {CODE}",
        "hẹn trả kết quả 17 giờ 00 phút, ngày 22 tháng 11 năm 2026",
        "Lý do: Cần xác minh nơi cư trú",
        "Ủy ban nhân dân xã Phú Mỹ thành thật xin lỗi",
        "đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ",
        "Thời gian hẹn trả kết quả lại: 16 giờ 00 phút, ngày 25 tháng 11 năm 2026",
        "Nơi nhận:",
        "Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Trần Thị Hồng",
    ):
        assert expected in text, expected
    # The letter is the agency's: its heading has no desk above it, and nobody signs as a placeholder.
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" not in text
    assert "THỦ TRƯỞNG CƠ QUAN" not in text


def test_stop_notice_states_its_ground_and_is_signed_by_the_head() -> None:
    data = stop_notice.StopData(
        replace(DOSSIER, slip_number="TBDGQ-2026-1-0001"),
        "Người nộp hồ sơ đề nghị rút hồ sơ",
        datetime(2026, 11, 23, 10, 15, tzinfo=VN_TZ),
        "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
        Signer("GIÁM ĐỐC", "Nguyễn Văn Minh"),
    )
    pdf = stop_notice.render(data)
    text = text_of(pdf)
    for expected in (
        "Mẫu số 05 – Thông tư số 03/2025/TT-VPCP",
        "Số: 1-0001/TBDGQ",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ;",
        "thông báo dừng giải quyết hồ sơ sau đây",
        f"Mã hồ sơ: {CODE}",
        "Hồ sơ của: Trần Thị Bích Ngọc",
        "Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 22 tháng 11 năm 2026",
        "Thời gian dừng giải quyết: 10 giờ 15 phút, ngày 23 tháng 11 năm 2026",
        "Lý do dừng giải quyết: Người nộp hồ sơ đề nghị rút hồ sơ",
        "GIÁM ĐỐC",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Nguyễn Văn Minh",
    ):
        assert expected in text, expected
    assert "CÁN BỘ THÔNG BÁO" not in text
    assert ("Code128", CODE) in barcodes(pdf, 0, 200)


def test_an_unset_signer_leaves_a_blank_to_fill_never_a_placeholder_or_login() -> None:
    data = stop_notice.StopData(DOSSIER, "Lý do", None)
    text = text_of(stop_notice.render(data))
    assert "……………………" in text
    assert "THỦ TRƯỞNG" not in text


def test_a_long_receipt_continues_on_pages_that_say_whose_and_which_copy() -> None:
    papers = tuple(
        ComponentLine(n, f"Giấy tờ số {n} theo danh mục thủ tục đã công bố", "submit", 1, 1, 1, 1)
        for n in range(1, 31)
    )
    pdf = receipt.render(replace(DOSSIER, components=papers))
    pages = [text_of_page(pdf, i) for i in range(len(page_sizes_mm(pdf)))]
    assert len(pages) > 2  # thirty papers do not fit on one A5 page per copy
    continued = [p for p in pages if "– Trang " in p]
    assert continued, "continuation pages carry a caption"
    for text in continued:
        assert f"Mã hồ sơ {CODE} – Liên " in text
    assert any("Liên 1: Lưu – Trang 2/" in p for p in continued)
    assert any("Liên 2: Giao người nộp – Trang 2/" in p for p in continued)
    firsts = [p for p in pages if "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in p]
    assert len(firsts) == 2
    assert all("– Trang " not in p for p in firsts)


def test_a_long_handover_slip_numbers_pages_within_each_copy() -> None:
    lines = tuple(
        handover_batch.BatchLine(f"000.00.19.H57-261122-1{n:03d}", "Trần Thị Bích Ngọc", "Đăng ký khai sinh")
        for n in range(1, 41)
    )
    data = handover_batch.HandoverBatchData(
        DOSSIER.agency,
        "BG-2026-0007",
        False,
        "Tư pháp - Hộ tịch",
        datetime(2026, 11, 22, 10, 0, tzinfo=VN_TZ),
        lines,
    )
    pdf = handover_batch.render(data, paper="A5")
    pages = [text_of_page(pdf, i) for i in range(len(page_sizes_mm(pdf)))]
    assert len(pages) > 2
    second_copy = next(i for i, p in enumerate(pages) if "Bản số 2/2" in p and "PHIẾU BÀN GIAO" in p.upper())
    first_copy_pages = second_copy  # pages 0 .. second_copy - 1
    assert f"Phiếu bàn giao BG-2026-0007 – Bản số 1/2 – Trang 2/{first_copy_pages}" in pages[1]
    assert "Bản số 2/2 – Trang 2/" in pages[second_copy + 1]
