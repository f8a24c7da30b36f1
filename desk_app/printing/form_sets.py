"""Form numbers and legal-basis lines per rule set (domain.md §2.1)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.events import DocumentKind

# The dossier documents are declared once (core/events.py); the register book is a period document.
RECEIPT = DocumentKind.RECEIPT.value
SUPPLEMENT = DocumentKind.SUPPLEMENT.value
REFUSAL = DocumentKind.REFUSAL.value
APOLOGY = DocumentKind.APOLOGY.value
STOP = DocumentKind.STOP.value
CONTROL_SHEET = DocumentKind.CONTROL_SHEET.value
REGISTER = "register"


@dataclass(frozen=True, slots=True)
class FormSet:
    """A rule set's numbering of the one-stop forms."""

    name: str
    basis: str
    numbers: dict[str, str]
    titles: dict[str, str]

    def caption(self, document: str) -> str:
        """The caption "Mẫu số 01 – …", or an empty string when the set has no such form."""
        number = self.numbers.get(document)
        return f"Mẫu số {number} – {self.basis}" if number else ""


TITLES = {
    RECEIPT: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    SUPPLEMENT: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    CONTROL_SHEET: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    REGISTER: "SỔ THEO DÕI HỒ SƠ",
    STOP: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
}

FORM_SETS = {
    "TT03-2025": FormSet(
        "TT03-2025",
        "Thông tư số 03/2025/TT-VPCP",
        {
            RECEIPT: "01",
            SUPPLEMENT: "02",
            REFUSAL: "03",
            APOLOGY: "04",
            STOP: "05",
            CONTROL_SHEET: "06",
            REGISTER: "07",
        },
        {**TITLES, APOLOGY: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"},
    ),
    "TT01-2018": FormSet(
        "TT01-2018",
        "Thông tư số 01/2018/TT-VPCP",
        {RECEIPT: "01", SUPPLEMENT: "02", REFUSAL: "03", APOLOGY: "04", CONTROL_SHEET: "05", REGISTER: "06"},
        {**TITLES, APOLOGY: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
    ),
}


def form_set(name: str) -> FormSet:
    """The named rule set (TT03-2025 by default)."""
    return FORM_SETS.get(name, FORM_SETS["TT03-2025"])
