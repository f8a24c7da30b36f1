"""Every slip with a symbol, and the symbols it must carry (shared by the survival test and the table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from desk_app.core.clock import VN_TZ
from desk_app.printing.forms import (
    apology,
    control_sheet,
    handover_batch,
    receipt,
    refusal,
    stop_notice,
    supplement_request,
)
from desk_app.printing.forms.common import ComponentLine
from tests.unit.printing.test_forms import AGENCY, CODE, DOSSIER, QR

NO_CODE = replace(DOSSIER, code=None, qr_text=None)
LATER = datetime(2026, 11, 25, 16, 0, tzinfo=VN_TZ)
MISSING = (ComponentLine(2, "Giấy chứng sinh", "submit", 1, 0),)
BATCH = handover_batch.HandoverBatchData(
    AGENCY,
    "BG-2026-0007",
    False,
    "Tư pháp - Hộ tịch",
    LATER,
    tuple(handover_batch.BatchLine(CODE, "Trần Thị Bích Ngọc", "Đăng ký khai sinh") for _ in range(1)),
)

# slip -> (its PDF, the (symbol, text) pairs on its first page)
SLIPS: dict[str, tuple[Callable[[], bytes], tuple[tuple[str, str], ...]]] = {
    "Mẫu 01 receipt A5": (lambda: receipt.render(DOSSIER), (("Code128", CODE), ("QR", QR))),
    "Mẫu 01 receipt A4": (lambda: receipt.render(DOSSIER, paper="A4"), (("Code128", CODE), ("QR", QR))),
    "Mẫu 02 supplement (no code yet)": (
        lambda: supplement_request.render(
            supplement_request.SupplementData(
                replace(NO_CODE, slip_number="HDHS-2026-1-0007"), MISSING, "", ""
            )
        ),
        (("Code128", "HDHS-2026-1-0007"),),
    ),
    "Mẫu 03 refusal": (
        lambda: refusal.render(
            refusal.RefusalData(replace(NO_CODE, slip_number="TCHS-2026-1-0003"), "Lý do")
        ),
        (("Code128", "TCHS-2026-1-0003"),),
    ),
    "Mẫu 04 apology": (
        lambda: apology.render(
            apology.ApologyData(replace(DOSSIER, slip_number="PXL-2026-1-0002"), "Lý do", None, LATER)
        ),
        (("Code128", CODE),),
    ),
    "Mẫu 05 stop notice": (
        lambda: stop_notice.render(
            stop_notice.StopData(replace(DOSSIER, slip_number="TBDGQ-2026-1-0001"), "Lý do", LATER)
        ),
        (("Code128", CODE),),
    ),
    "Mẫu 06 control sheet": (
        lambda: control_sheet.render(control_sheet.ControlSheetData(DOSSIER, ())),
        (("Code128", CODE), ("QR", QR)),
    ),
    "Handover slip": (lambda: handover_batch.render(BATCH), (("Code128", CODE),)),
}
# At 150 dpi a 0.38 mm module is 2.2 pixels: zbar's 1D scanner loses the Code128 (zxing reads it, and
# so do the 1D imagers the counters use). 0.42 mm would not fit the code on an A5 line.
KNOWN_LIMITS = {("150 dpi", "zbar", "Code128")}
CONDITIONS = [("300 dpi", 300, None), ("200 dpi", 200, None), ("150 dpi", 150, None)] + [
    (f"200 dpi degraded #{seed}", 200, seed) for seed in range(3)
]
