"""What the reception and later steps decided is what prints: postal return, reschedule, results."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desk_app.core.clock import FixedClock
from desk_app.core.dossier import Applicant
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from tests.unit.printing.pdfcheck import text_of, text_of_page
from tests.unit.services.lifecycle import OFFICER, at, draft

DEPT = "Tư pháp - Hộ tịch"
POST_TO = "Số 12 đường Lê Lợi, ấp Phú Hòa, xã Phú Mỹ"


def _through_department(services: Services, clock: FixedClock, code: str) -> None:
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    clock.advance(timedelta(hours=1))
    services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department=DEPT), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.FINISH), OFFICER)


def test_a_postal_return_chosen_at_reception_prints_and_is_followed_by_the_return(
    services: Services, clock: FixedClock
) -> None:
    outcome = services.reception.receive(
        draft(services, "1.004873", return_by_post=True, return_address=POST_TO), OFFICER
    )[0]
    code = outcome.code
    assert code is not None
    receipt = text_of(services.printing.dossier_document("receipt", code, OFFICER)[0].pdf)
    assert (
        f"6. Đăng ký nhận kết quả tại: nhà riêng/trụ sở qua dịch vụ bưu chính, địa chỉ: {POST_TO}" in receipt
    )
    assert services.dossiers.show(code, OFFICER).return_address == POST_TO
    _through_department(services, clock, code)
    detail, _ = services.dossiers.act(
        code, ActionRequest(Action.RETURN_RESULT, collector_name="Bưu điện"), OFFICER
    )
    assert detail.events[-1].data["return_method"] == "post"  # as registered, without being asked again
    sheet = text_of(services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf)
    assert "Nhận: Dịch vụ bưu chính công ích" in sheet
    assert "Trả kết quả qua bưu chính" in sheet
    assert "Nhận: Bưu điện" not in sheet  # the citizen or a postman is not the receiver of the row


def test_a_desk_return_stays_at_the_desk(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    receipt = text_of(services.printing.dossier_document("receipt", code, OFFICER)[0].pdf)
    assert "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Phú Mỹ" in receipt
    assert services.dossiers.show(code, OFFICER).return_address is None


def test_post_without_any_address_is_refused_and_changes_nothing(services: Services) -> None:
    nowhere = Applicant(name="Lê Văn Tám", id_number="079198001235")
    before = len(services.dossiers.search("Lê Văn Tám"))
    with pytest.raises(InvalidInput, match="địa chỉ nhận kết quả"):
        services.reception.receive(
            replace(draft(services, "1.004873", return_by_post=True), applicant=nowhere), OFFICER
        )
    assert len(services.dossiers.search("Lê Văn Tám")) == before


def test_after_a_reschedule_the_receipt_and_control_sheet_keep_the_first_date(
    services: Services, clock: FixedClock
) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    first_due = services.dossiers.show(code, OFFICER).summary.due_at
    assert first_due is not None
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department=DEPT), OFFICER)
    clock.advance(timedelta(hours=1))
    services.dossiers.act(
        code,
        ActionRequest(Action.RESCHEDULE, reason="Cần xác minh", new_due_at=at(2026, 12, 4, 10, 0)),
        OFFICER,
    )
    first = (
        f"{first_due:%H} giờ {first_due:%M} phút, ngày {first_due:%d} tháng {first_due:%m} năm {first_due:%Y}"
    )
    receipt = text_of(services.printing.dossier_document("receipt", code, OFFICER)[0].pdf)
    assert (
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {first} (đã hẹn lại: 10 giờ 00 phút, ngày 04" in receipt
    )
    sheet = text_of(services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf)
    assert f"Ngày, giờ hẹn trả kết quả: {first} (đã hẹn lại: 10 giờ 00 phút, ngày 04" in sheet
    assert "Hẹn lại: 04/12/2026 10:00" in sheet  # noted on the row of the handover it followed


def test_the_result_column_is_filled_when_the_result_comes_back(
    services: Services, clock: FixedClock
) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    _through_department(services, clock, code)  # back the same day, due in three working days
    sheet = services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf
    assert "Trước hạn" in text_of(sheet)


def test_every_page_after_the_first_says_whose_it_is(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    sheet = services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf
    assert f"Phiếu kiểm soát – Mã hồ sơ {code} – Trang 2/2" in text_of_page(sheet, 1)
    assert "Trang 1/" not in text_of_page(sheet, 0)  # the first page shows all of it in its body
