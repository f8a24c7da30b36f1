"""The register's Ghi chú from a real history, the original appointment kept in its column, and Biểu 06
measuring open dossiers at the earlier of the period's end and today."""

from __future__ import annotations

import io
from dataclasses import fields
from datetime import date

from openpyxl import load_workbook

from desk_app.core.clock import FixedClock
from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.report_documents import register_line
from desk_app.services.reports import RegisterRow
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.lifecycle import OFFICER, SUPERVISOR, at, draft

MARRIAGE_STATUS = "1.004873"  # 3 working days (demo override)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def receive(services: Services, n: int, code: str = MARRIAGE_STATUS) -> list[str]:
    refs = []
    for _ in range(n):
        outcome = services.reception.receive(draft(services, code), OFFICER)[0]
        assert outcome.code is not None
        refs.append(outcome.code)
    return refs


def act(services: Services, ref: str, action: Action, actor: object = OFFICER, **kwargs: object) -> None:
    services.dossiers.act(ref, ActionRequest(action, **kwargs), actor)  # type: ignore[arg-type]


def test_register_notes_from_the_history(services: Services, clock: FixedClock) -> None:
    clock.current = at(2026, 11, 16)
    plain, withdrawn, stopped, refused, rescheduled, supplemented = receive(services, 6)
    clock.current = at(2026, 11, 17, 10, 0)
    act(services, withdrawn, Action.WITHDRAW, reason="Công dân xin rút")
    act(services, stopped, Action.STOP, reason="Theo đề nghị của cơ quan giải quyết")
    act(services, refused, Action.REQUEST_SUPPLEMENT, missing_positions=(1,), reason="Tờ khai chưa ký")
    act(services, refused, Action.REFUSE, reason="Không bổ sung")
    act(services, rescheduled, Action.RESCHEDULE, reason="Cần xác minh", new_due_at=at(2026, 11, 25, 16, 0))
    for actor in (OFFICER, SUPERVISOR):  # a second request needs the head of the desk
        act(services, supplemented, Action.REQUEST_SUPPLEMENT, actor, missing_positions=(1,), reason="Thiếu")
        act(services, supplemented, Action.RECEIVE_SUPPLEMENT)
    book = {row.code: (row, history) for row, history in services.reports.register_book(*NOVEMBER)}
    lines = {code: register_line(row, history) for code, (row, history) in book.items()}

    assert lines[plain].note == ""
    assert lines[withdrawn].note == "Rút hồ sơ: 17/11/2026"
    assert lines[stopped].note == "Dừng giải quyết: 17/11/2026"
    assert lines[refused].note == "Bổ sung: 1 lần\nTừ chối giải quyết: 17/11/2026"
    assert lines[supplemented].note == "Bổ sung: 2 lần"
    # The Hẹn trả kết quả column keeps the appointment given at acceptance; the note has the new one.
    original = lines[plain].due
    assert original == "19/11/2026 09:30"  # three working days
    assert lines[rescheduled].due == original
    assert lines[rescheduled].note == f"Hẹn lại: 25/11/2026 16:00; hẹn ban đầu: {original}"
    assert book[rescheduled][0].due_at == at(2026, 11, 25, 16, 0)  # the screen and the CLI: current date

    text = text_of(services.printing.register_pdf(*NOVEMBER))
    for code in book:
        assert code in text  # never broken across lines
    assert f"Hẹn lại: 25/11/2026 16:00; hẹn ban đầu: {original}" in text
    assert "Bổ sung: 1 lần Từ chối giải quyết: 17/11/2026" in text
    assert "Trang 1/1" in text
    sheet = load_workbook(io.BytesIO(services.printing.register_xlsx(*NOVEMBER))).active
    assert sheet is not None
    notes = {sheet.cell(row, 2).value: sheet.cell(row, 12).value for row in range(9, sheet.max_row + 1)}
    assert notes[withdrawn] == "Rút hồ sơ: 17/11/2026"
    assert notes[plain] is None


def test_the_register_rows_keep_their_shape(services: Services) -> None:
    """``desk-app register --json`` prints these fields, unchanged."""
    assert [f.name for f in fields(RegisterRow)] == [
        "year",
        "number",
        "code",
        "procedure_name",
        "applicant_name",
        "applicant_address",
        "applicant_phone",
        "department",
        "accepted_at",
        "due_at",
        "returned_at",
        "return_method",
        "status",
    ]
    receive(services, 3)
    rows = services.reports.register(*NOVEMBER)
    assert [row for row, _history in services.reports.register_book(*NOVEMBER)] == rows
    assert services.reports.register(*NOVEMBER, offset=1, limit=1) == rows[1:2]


def test_bieu06_does_not_call_a_dossier_overdue_before_its_due_date(
    services: Services, clock: FixedClock
) -> None:
    clock.current = at(2026, 11, 16)
    receive(services, 2)  # due 19/11 09:30
    clock.current = at(2026, 11, 18)  # the report of November made on 18/11: measured at 18/11
    assert services.reports.bieu06_as_of(NOVEMBER[1]) == date(2026, 11, 18)
    total = services.reports.bieu06(*NOVEMBER)[-1]
    assert (total.in_progress_total, total.within_time, total.overdue) == (2, 2, 0)
    pdf = text_of(services.printing.bieu06_pdf(*NOVEMBER))
    assert "Số hồ sơ đang giải quyết (cột 11, 12, 13) tính đến ngày 18/11/2026" in pdf
    assert "Phú Mỹ, ngày 18 tháng 11 năm 2026" in pdf  # the place setting, the day it was made

    clock.current = at(2026, 11, 20)  # a day after the due date
    total = services.reports.bieu06(*NOVEMBER)[-1]
    assert (total.within_time, total.overdue) == (0, 2)

    clock.current = at(2026, 12, 10)  # made after the period: measured at its end
    assert services.reports.bieu06_as_of(date(2026, 11, 18)) == date(2026, 11, 18)
    total = services.reports.bieu06(date(2026, 11, 1), date(2026, 11, 18))[-1]
    assert (total.within_time, total.overdue) == (2, 0)
    assert "tính đến ngày" not in text_of(services.printing.bieu06_pdf(*NOVEMBER))


def test_bieu06_workbook_from_the_service(services: Services, clock: FixedClock) -> None:
    clock.current = at(2026, 11, 16)
    first, second = receive(services, 2)
    act(services, first, Action.WITHDRAW, reason="Công dân xin rút")
    sheet = load_workbook(io.BytesIO(services.printing.bieu06_xlsx(*NOVEMBER))).active
    assert sheet is not None
    assert sheet.max_column == 13
    field, total = sheet[9], sheet[10]
    assert field[1].value == "Hộ tịch"
    assert [c.value for c in total][1:] == ["Tổng cộng", 2, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0]
    notes = [c.value for row in sheet.iter_rows(min_row=11) for c in row if isinstance(c.value, str)]
    assert notes[0].startswith("Ghi chú: Trong kỳ có 1 hồ sơ do cá nhân, tổ chức rút (Hộ tịch: 1).")
    assert second
