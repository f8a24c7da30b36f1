"""A receipt of up to 8 papers is one A5 page per copy, on every procedure of the shipped catalogue."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import complete_answers
from desk_app.core.clock import VN_TZ
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Role
from desk_app.models import ProcedureRecord
from desk_app.services.container import Services
from desk_app.services.reception_checklist import checklist_items
from desk_app.services.uow import reading
from tests.unit.printing.pdfcheck import page_sizes_mm, text_of_page

OFFICER = Actor("canbo1", Role.OFFICER)
APPLICANT = Applicant(name="Trần Thị Bích Ngọc", phone="0901234567", address="Thôn Phú Mỹ, xã Phú Mỹ")
DUE = datetime(2026, 12, 30, 9, 0, tzinfo=VN_TZ)  # taken only where the catalogue gives no limit


@pytest.mark.slow
def test_every_receipt_of_up_to_8_papers_is_one_a5_page_per_copy(services: Services) -> None:
    with reading(services.db) as uow:
        codes = sorted(uow.session.scalars(select(ProcedureRecord.code)))
    assert len(codes) > 500  # the shipped commune catalogue
    printed, too_long = 0, []
    for code in codes:
        items = checklist_items(services.catalogue.procedure(code))
        try:
            answers = tuple(complete_answers(items, Channel.DIRECT))
            papers = {a.position for a in answers} & {i.position for i in items if i.kind.value == "submit"}
            if len(papers) > 8:
                continue
            draft = ReceptionDraft(code, APPLICANT, answers, due_at=DUE)
            outcome, _ = services.reception.receive(draft, OFFICER)
        except DomainError:
            continue  # needs a case chosen, or not receivable directly as published
        if outcome.code is None:
            continue
        pdf = services.printing.dossier_document("receipt", outcome.code, OFFICER)[0].pdf
        pages = len(page_sizes_mm(pdf))
        printed += 1
        if pages != 2:
            too_long.append((code, len(papers), pages))
        else:
            assert "(Liên 2: Giao người nộp)" in text_of_page(pdf, 1), code
    assert printed > 350, printed
    assert too_long == []
