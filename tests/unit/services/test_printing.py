from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desk_app.cli.main import main
from desk_app.core.clock import FixedClock
from desk_app.core.errors import InvalidInput
from desk_app.core.slip_qr import verify_token
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.settings import SLIP_KEY
from tests.unit.printing.pdfcheck import barcodes, page_sizes_mm, text_of
from tests.unit.services.lifecycle import OFFICER, draft, rescheduled


def test_receipt_from_a_reception_scans_and_its_qr_verifies(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    printed, _ = services.printing.dossier_document("receipt", code, OFFICER)
    text = text_of(printed.pdf)
    assert "Trung tâm Phục vụ hành chính công xã Phú Mỹ" in text
    assert "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in text
    assert "03 ngày làm việc" in text
    assert "Quyển số: 2026, Số thứ tự: 1" in text
    found = dict(barcodes(printed.pdf, 0, 200))
    assert found["Code128"] == code
    key = bytes.fromhex(services.settings.get(SLIP_KEY))
    token = verify_token(key, found["QRCode"])
    assert token is not None
    assert token.code == code


def test_reprints_are_counted_events(services: Services) -> None:
    code = services.reception.receive(draft(services), OFFICER)[0].code
    assert code is not None
    first, _ = services.printing.dossier_document("receipt", code, OFFICER)
    second, _ = services.printing.dossier_document("receipt", code, OFFICER)
    sheet, _ = services.printing.dossier_document("control-sheet", code, OFFICER)
    assert (first.reprint, second.reprint, sheet.reprint) == (1, 2, 1)
    assert "IN LẠI lần 2" in text_of(second.pdf)
    assert "IN LẠI" not in text_of(first.pdf)
    events = [e for e in services.dossiers.show(code, OFFICER).events if e.action == "print"]
    assert [e.data["print"] for e in events] == [1, 2, 1]
    conn = sqlite3.connect(services.db_path)
    assert conn.execute("SELECT count(*) FROM outbox WHERE event_type = 'dossier.printed'").fetchone()[0] == 3
    conn.close()


def test_every_dossier_document_prints_from_the_lifecycle(services: Services, clock: FixedClock) -> None:
    waiting = services.reception.receive(draft(services, "1.004873", answers=()), OFFICER)[0]
    pdf = services.printing.dossier_document("supplement", waiting.id, OFFICER)[0].pdf
    text = text_of(pdf)
    for item in waiting.missing:
        assert item.name.split()[0] in text
    refused = services.reception.receive(draft(services), OFFICER, refuse_reason="Không thuộc thẩm quyền")[0]
    assert "Không thuộc thẩm quyền" in text_of(
        services.printing.dossier_document("refusal", refused.id, OFFICER)[0].pdf
    )
    code = rescheduled(services, clock)
    letter = text_of(services.printing.dossier_document("apology", code, OFFICER)[0].pdf)
    assert "Cần xác minh" in letter
    assert "10 giờ 00 phút, ngày 04 tháng 12 năm 2026" in letter
    sheet = text_of(services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf)
    assert "Nhận: Tư pháp - Hộ tịch" in sheet
    services.dossiers.act(code, ActionRequest(Action.STOP, reason="Theo đề nghị của cơ quan"), OFFICER)
    assert "Theo đề nghị của cơ quan" in text_of(
        services.printing.dossier_document("stop", code, OFFICER)[0].pdf
    )
    with pytest.raises(InvalidInput, match="chưa có mã"):
        services.printing.dossier_document("receipt", waiting.id, OFFICER)
    with pytest.raises(InvalidInput, match="không bị từ chối"):
        services.printing.dossier_document("refusal", code, OFFICER)


def test_handover_batch_slip_has_every_code_as_a_barcode(services: Services) -> None:
    codes = [services.reception.receive(draft(services), OFFICER)[0].code for _ in range(3)]
    batch, _ = services.handover.hand_over([c for c in codes if c], "Tư pháp - Hộ tịch", OFFICER)
    pdf = services.printing.batch_pdf(batch.label)
    text = text_of(pdf)
    assert f"Số: {batch.label}" in text
    assert "Bản số 1/2" in text
    assert text.count("Số: ") == 2  # one number line per copy, in the heading
    assert "Bản số 2/2" in text
    found = {t for f, t in barcodes(pdf, 0, 300) if f == "Code128"}
    assert found == set(codes)


def test_register_bieu06_and_day_close_documents(services: Services) -> None:
    services.reception.receive(draft(services), OFFICER)
    register = services.printing.register_pdf(date(2026, 11, 1), date(2026, 11, 30))
    assert set(page_sizes_mm(register)) == {(297, 210)}
    assert "Trần Thị Bích Ngọc" in text_of(register)
    workbook = load_workbook(
        io.BytesIO(services.printing.register_xlsx(date(2026, 11, 1), date(2026, 11, 30)))
    )
    sheet = workbook.active
    # Heading lines 1-5, the header 6-7, the column numbers 8, the first line 9.
    assert [c.value for c in sheet[6]][:3] == ["TT", "Mã hồ sơ", "Tên TTHC"]
    assert sheet[9][3].value == "Trần Thị Bích Ngọc"
    figures = load_workbook(
        io.BytesIO(services.printing.bieu06_xlsx(date(2026, 11, 1), date(2026, 11, 30)))
    ).active
    assert figures[9][1].value == "Hộ tịch"  # heading 1-4, header 5-7, column numbers 8
    assert figures[9][2].value == 1
    assert "Tổng cộng" in text_of(services.printing.bieu06_pdf(date(2026, 11, 1), date(2026, 11, 30)))
    assert "TỔNG KẾT CUỐI NGÀY" in text_of(services.printing.day_close_pdf(date(2026, 11, 20), OFFICER))


def test_print_command(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
) -> None:
    code = services.reception.receive(draft(services), OFFICER)[0].code
    assert code is not None
    monkeypatch.setenv("DESK_APP_DB", str(db_path))
    for document in ("receipt", "control-sheet"):
        assert main(["print", document, code, "-o", str(tmp_path / f"{document}.pdf")]) == 0
        assert (tmp_path / f"{document}.pdf").read_bytes().startswith(b"%PDF")
    for document, suffix in (
        ("register", "pdf"),
        ("register", "xlsx"),
        ("bieu06", "pdf"),
        ("bieu06", "xlsx"),
    ):
        out = tmp_path / f"{document}.{suffix}"
        assert main(["print", document, "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert main(["print", "day-close", "--from", "2026-11-20", "-o", str(tmp_path / "day.pdf")]) == 0
    capsys.readouterr()
    assert main(["print", "receipt", code, "-o", str(tmp_path / "x.txt")]) == 2
    assert main(["print", "register", "-o", str(tmp_path / "r.pdf")]) == 2
    assert not (tmp_path / "x.txt").exists()


def test_paper_size_per_document_is_a_setting(services: Services) -> None:
    from desk_app.services.settings import PAPER

    code = services.reception.receive(draft(services), OFFICER)[0].code
    assert code is not None
    services.settings.set(PAPER["receipt"], "A4", "admin")
    assert set(page_sizes_mm(services.printing.dossier_document("receipt", code, OFFICER)[0].pdf)) == {
        (210, 297)
    }
    assert set(page_sizes_mm(services.printing.dossier_document("control-sheet", code, OFFICER)[0].pdf)) == {
        (148, 210)
    }
    assert set(
        page_sizes_mm(services.printing.dossier_document("receipt", code, OFFICER, paper="A5")[0].pdf)
    ) == {(148, 210)}
    with pytest.raises(InvalidInput, match="Khổ giấy"):
        services.settings.set(PAPER["receipt"], "Letter", "admin")


def test_a_preview_writes_nothing_and_a_print_is_recorded_when_it_happens(services: Services) -> None:
    code = services.reception.receive(draft(services, "1.004873"), OFFICER)[0].code
    assert code is not None
    before = _events(services)
    preview = services.printing.render_dossier_document("receipt", code)
    again = services.printing.render_dossier_document("receipt", code)
    assert (preview.reprint, again.reprint) == (1, 1)  # a closed preview is no print: still the first
    assert _events(services) == before
    assert services.printing.unprinted_receipts(OFFICER) == [code]
    services.printing.record_print(preview, OFFICER)
    assert _events(services) == before + 1
    assert services.printing.unprinted_receipts(OFFICER) == []
    assert services.printing.render_dossier_document("receipt", code).reprint == 2


def _events(services: Services) -> int:
    conn = sqlite3.connect(services.db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        conn.close()
