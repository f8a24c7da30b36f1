"""The printable documents, declared once: kind, titles, form numbers, paper and what allows each.

Printing reads the form numbers and headings, settings the default paper, the screens the titles and
button labels, and every caller asks :func:`printable` which documents a dossier's history allows
(the print service refuses the others with the document's own reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.workflow import Action
from desk_app.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

TT03 = "TT03-2025"
TT01 = "TT01-2018"
RULE_SETS = (TT03, TT01)


class Scope(StrEnum):
    """What a document is printed for."""

    DOSSIER = "dossier"  # one dossier (its print is an event of the dossier)
    BATCH = "batch"  # one handover batch
    PERIOD = "period"  # a period of the unit (register book, statistics, end of day)


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One printable document."""

    kind: str
    scope: Scope
    title: str  # N_: the name on screens (preview window, menus)
    label: str  # N_: the short label of its print button
    heading: str = ""  # the heading printed on the paper (upper case, never translated)
    paper: str = "A4"  # the default paper size
    forms: Mapping[str, str] = field(default_factory=dict)  # rule set -> form number
    headings: Mapping[str, str] = field(default_factory=dict)  # rule set -> a different heading
    needs_code: bool = False  # only for a dossier that was accepted (has its code)
    after: Action | None = None  # only after this action (it prints that event's decision)
    unavailable: str = ""  # N_: why it cannot be printed when its condition does not hold

    def form(self, rule_set: str) -> str:
        """The form number in ``rule_set``, or "" when the set has no such form."""
        return self.forms.get(rule_set, "")

    def heading_in(self, rule_set: str) -> str:
        """The heading printed on the paper in ``rule_set``."""
        return self.headings.get(rule_set, self.heading)

    def allowed(self, actions: Iterable[str], has_code: bool) -> bool:
        """Whether a dossier with this history (its actions) and code state allows this document."""
        if self.needs_code and not has_code:
            return False
        return self.after is None or self.after.value in set(actions)


DOCUMENTS: dict[str, DocumentSpec] = {
    spec.kind: spec
    for spec in (
        DocumentSpec(
            DocumentKind.RECEIPT,
            Scope.DOSSIER,
            N_("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
            N_("Giấy hẹn"),
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "A5",
            {TT03: "01", TT01: "01"},
            needs_code=True,
            unavailable=N_("Hồ sơ chưa được tiếp nhận (chưa có mã): không có giấy tiếp nhận để in."),
        ),
        DocumentSpec(
            DocumentKind.CONTROL_SHEET,
            Scope.DOSSIER,
            N_("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
            N_("Phiếu kiểm soát"),
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "A5",
            {TT03: "06", TT01: "05"},
            needs_code=True,
            unavailable=N_("Hồ sơ chưa được tiếp nhận (chưa có mã): chưa có phiếu kiểm soát."),
        ),
        DocumentSpec(
            DocumentKind.SUPPLEMENT,
            Scope.DOSSIER,
            N_("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
            N_("Phiếu bổ sung"),
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "A5",
            {TT03: "02", TT01: "02"},
            after=Action.REQUEST_SUPPLEMENT,
            unavailable=N_("Hồ sơ không có yêu cầu bổ sung nào để in."),
        ),
        DocumentSpec(
            DocumentKind.REFUSAL,
            Scope.DOSSIER,
            N_("Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
            N_("Phiếu từ chối"),
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "A5",
            {TT03: "03", TT01: "03"},
            after=Action.REFUSE,
            unavailable=N_("Hồ sơ không bị từ chối: không có phiếu từ chối để in."),
        ),
        DocumentSpec(
            DocumentKind.APOLOGY,
            Scope.DOSSIER,
            N_("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
            N_("Phiếu xin lỗi"),
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "A5",
            {TT03: "04", TT01: "04"},
            {TT01: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
            after=Action.RESCHEDULE,
            unavailable=N_("Hồ sơ chưa được hẹn lại: không có văn bản xin lỗi để in."),
        ),
        DocumentSpec(
            DocumentKind.STOP,
            Scope.DOSSIER,
            N_("Thông báo dừng xử lý"),
            N_("Thông báo dừng"),
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "A5",
            {TT03: "05"},
            after=Action.STOP,
            unavailable=N_("Hồ sơ không bị dừng xử lý: không có thông báo dừng để in."),
        ),
        DocumentSpec("handover-batch", Scope.BATCH, N_("Phiếu bàn giao hồ sơ"), N_("Phiếu bàn giao")),
        DocumentSpec(
            "register",
            Scope.PERIOD,
            N_("Sổ theo dõi hồ sơ"),
            N_("Sổ theo dõi"),
            "SỔ THEO DÕI HỒ SƠ",
            "A4-landscape",
            {TT03: "07", TT01: "06"},
        ),
        DocumentSpec("bieu06", Scope.PERIOD, N_("Biểu 06: kết quả giải quyết TTHC"), N_("Biểu 06")),
        DocumentSpec("day-close", Scope.PERIOD, N_("Tổng hợp cuối ngày"), N_("Tổng hợp cuối ngày")),
    )
}

DOSSIER_DOCUMENTS = tuple(k for k, spec in DOCUMENTS.items() if spec.scope is Scope.DOSSIER)
BATCH_DOCUMENT = "handover-batch"
PERIOD_DOCUMENTS = tuple(k for k, spec in DOCUMENTS.items() if spec.scope is Scope.PERIOD)
# Documents whose paper the unit chooses in the settings (the period documents have a fixed layout).
PAPER_CHOICES = tuple(k for k, spec in DOCUMENTS.items() if spec.scope is not Scope.PERIOD)


def printable(actions: Iterable[str], has_code: bool) -> tuple[str, ...]:
    """The dossier documents a dossier's history allows, in the registry's order."""
    done = set(actions)
    return tuple(k for k in DOSSIER_DOCUMENTS if DOCUMENTS[k].allowed(done, has_code))


def printed_after(action: str) -> str | None:
    """The document that prints the decision of ``action`` (apology after reschedule…), if any."""
    return next((k for k in DOSSIER_DOCUMENTS if DOCUMENTS[k].after == action), None)
