"""Every printed document is a PDF an archive accepts: only the shipped fonts, embedded and subset, and
metadata naming the document, the issuing unit and the dossier or period."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdf
import pytest

from desk_app.core.clock import VN_TZ
from desk_app.core.stats import Bieu06Row
from desk_app.printing.forms import (
    apology,
    bieu06,
    control_sheet,
    day_close,
    handover_batch,
    receipt,
    refusal,
    register_book,
    stop_notice,
    supplement_request,
)
from tests.unit.printing.test_forms import AGENCY, CODE, DOSSIER

AT = datetime(2026, 11, 23, 10, 0, tzinfo=VN_TZ)
ROW = Bieu06Row("Hộ tịch", 5, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)
LINE = register_book.RegisterLine(1, CODE, "Đăng ký khai sinh", "Trần Thị Bích Ngọc", "", "", "", "", "", "")

DOCUMENTS = {
    "receipt": (lambda: receipt.render(DOSSIER), CODE),
    "control-sheet": (lambda: control_sheet.render(control_sheet.ControlSheetData(DOSSIER, ())), CODE),
    "supplement": (
        lambda: supplement_request.render(
            supplement_request.SupplementData(DOSSIER, DOSSIER.components[:1], "Thiếu", "Nguyễn Văn An")
        ),
        CODE,
    ),
    "refusal": (lambda: refusal.render(refusal.RefusalData(DOSSIER, "Không thuộc thẩm quyền")), CODE),
    "apology": (lambda: apology.render(apology.ApologyData(DOSSIER, "Cần xác minh", None, AT)), CODE),
    "stop": (lambda: stop_notice.render(stop_notice.StopData(DOSSIER, "Theo đề nghị", AT)), CODE),
    "handover-batch": (
        lambda: handover_batch.render(
            handover_batch.HandoverBatchData(
                AGENCY,
                "BG-2026-0001",
                False,
                "Tư pháp",
                AT,
                (handover_batch.BatchLine(CODE, "Ngọc", "Khai sinh"),),
            )
        ),
        "BG-2026-0001",
    ),
    "register": (
        lambda: register_book.render(
            register_book.RegisterData(
                AGENCY, "TT03-2025", date(2026, 11, 1), date(2026, 11, 30), 2026, (LINE,)
            )
        ),
        "01/11/2026–30/11/2026",
    ),
    "bieu06": (
        lambda: bieu06.render(bieu06.Bieu06Data(AGENCY, date(2026, 11, 1), date(2026, 11, 30), (ROW,))),
        "01/11/2026–30/11/2026",
    ),
    "day-close": (
        lambda: day_close.render(
            day_close.DayCloseData(AGENCY, date(2026, 11, 23), "canbo1", (("Hồ sơ", 3),))
        ),
        "23/11/2026",
    ),
}


def fonts_of(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Base font name -> embedded, over every page."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_only_shipped_fonts_embedded_and_subset(kind: str) -> None:
    render, _subject = DOCUMENTS[kind]
    fonts = fonts_of(pypdf.PdfReader(io.BytesIO(render())))
    assert fonts, kind
    for name, embedded in fonts.items():
        assert "LiberationSerif" in name, (kind, name)  # no Helvetica resource left by the canvas
        assert embedded, (kind, name)
        assert name[1:7].isupper() and name[7] == "+", (kind, name)  # a subset: "/ABCDEF+Name"


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_metadata_names_the_document_the_unit_and_the_subject(kind: str) -> None:
    render, subject = DOCUMENTS[kind]
    meta = pypdf.PdfReader(io.BytesIO(render())).metadata
    assert meta is not None
    assert meta.title
    assert meta.author == AGENCY.desk
    assert meta.subject == subject
