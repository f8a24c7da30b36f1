"""Images of the printed forms for docs/forms/ (the receipt, supplement request, control sheet, a
register page and Biểu 06), rendered from a demo database at a fixed time."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium

from desk_app.core.checklist import complete_answers
from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Action, Role
from desk_app.services.container import build_services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.reception_checklist import checklist_items

OUT = Path(__file__).resolve().parent.parent / "docs" / "forms"
OFFICER = Actor("canbo1", Role.OFFICER)


def save(pdf: bytes, name: str) -> None:
    document = pdfium.PdfDocument(pdf)
    try:
        document[0].render(scale=150 / 72).to_pil().save(OUT / f"{name}.png")
    finally:
        document.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ))
    services = build_services(Path(tempfile.mkdtemp()) / "desk.sqlite3", clock=clock)
    services.desk.initialise_demo()
    applicant = Applicant("Nguyễn Thị Thu Hà", phone="0901234567", address="Thôn Phú Mỹ, xã Phú Mỹ")
    items = checklist_items(services.catalogue.procedure("1.001193"))
    draft = ReceptionDraft("1.001193", applicant, tuple(complete_answers(items)))
    accepted, _ = services.reception.receive(draft, OFFICER)
    assert accepted.code is not None
    services.dossiers.act(
        accepted.code, ActionRequest(Action.TRANSFER, department="Tư pháp - Hộ tịch"), OFFICER
    )
    incomplete, _ = services.reception.receive(ReceptionDraft("1.001193", applicant, ()), OFFICER)
    save(
        services.printing.dossier_document("receipt", accepted.code, OFFICER)[0].pdf, "mau-01-giay-tiep-nhan"
    )
    save(
        services.printing.dossier_document("supplement", incomplete.id, OFFICER)[0].pdf,
        "mau-02-yeu-cau-bo-sung",
    )
    save(
        services.printing.dossier_document("control-sheet", accepted.code, OFFICER)[0].pdf,
        "mau-06-phieu-kiem-soat",
    )
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    save(services.printing.register_pdf(start, end), "mau-07-so-theo-doi")
    clock.advance(timedelta(days=1))
    save(services.printing.bieu06_pdf(start, end), "bieu-06")
    services.close()
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
