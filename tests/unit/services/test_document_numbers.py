"""Slip numbers: a yearly sequence per kind given with the decision, printed and scannable."""

from __future__ import annotations

from desk_app.core.clock import FixedClock
from desk_app.core.scan import OPENS_DOSSIER, classify
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from tests.unit.printing.pdfcheck import barcodes, text_of
from tests.unit.services.lifecycle import OFFICER, draft, rescheduled


def _number_of(services: Services, ref: str, action: str) -> str:
    detail = services.dossiers.show(ref, OFFICER)
    event = next(e for e in reversed(detail.events) if e.action == action)
    return str(event.data["document_number"])


def test_each_kind_has_its_own_yearly_sequence_from_the_desks_slot(services: Services) -> None:
    first = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)[0]
    second = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)[0]
    refused = services.reception.receive(draft(services), OFFICER, refuse_reason="Không thuộc thẩm quyền")[0]
    accepted = services.reception.receive(draft(services), OFFICER)[0]
    year = 2026  # the frozen clock's year
    assert _number_of(services, first.id, "request-supplement") == f"HDHS-{year}-1-0001"
    assert _number_of(services, second.id, "request-supplement") == f"HDHS-{year}-1-0002"
    assert _number_of(services, refused.id, "refuse") == f"TCHS-{year}-1-0001"
    receipt_event = services.dossiers.show(accepted.id, OFFICER).events[0]
    assert receipt_event.data.get("document_number") is None  # a receipt is numbered by the register


def test_a_slip_number_prints_on_its_slip_and_scanning_it_opens_the_dossier(services: Services) -> None:
    waiting = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)[0]
    number = _number_of(services, waiting.id, "request-supplement")
    printed = services.printing.dossier_document("supplement", waiting.id, OFFICER)[0]
    text = text_of(printed.pdf)
    serial = number.split("-", 2)[2]  # "1-0001"
    assert f"Số: {serial}/HDHS" in text
    assert f"Số phiếu: {number}" in text
    assert waiting.id not in text  # never the internal id
    scanned = dict(barcodes(printed.pdf, 0, 200))["Code128"]
    assert scanned == number
    result = classify(scanned)
    assert result.kind in OPENS_DOSSIER
    assert services.dossiers.show(result.code, OFFICER).summary.id == waiting.id
    again = services.printing.dossier_document("supplement", waiting.id, OFFICER)[0]
    assert f"Số phiếu: {number}" in text_of(again.pdf)  # a reprint keeps the number


def test_apology_and_stop_notice_carry_their_numbers_and_the_settings_signers(
    services: Services, clock: FixedClock
) -> None:
    code = rescheduled(services, clock)
    letter = text_of(services.printing.dossier_document("apology", code, OFFICER)[0].pdf)
    assert "/PXL" in letter and "Số: ……/PXL" not in letter
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in letter  # the demo unit's settings
    assert "Trần Thị Hồng" in letter
    services.dossiers.act(code, ActionRequest(Action.STOP, reason="Theo đề nghị của cơ quan"), OFFICER)
    notice = text_of(services.printing.dossier_document("stop", code, OFFICER)[0].pdf)
    assert "/TBDGQ" in notice and "Số: ……/TBDGQ" not in notice
    assert "Căn cứ Nghị định số 118/2025/NĐ-CP" in notice
    assert "GIÁM ĐỐC" in notice and "Nguyễn Văn Minh" in notice
    assert _number_of(services, code, "stop").startswith("TBDGQ-")
