"""Value objects of a reception: the applicant and the draft the officer fills in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from desk_app.core.applicant_fields import email_problem, id_problem, normal_phone, phone_problem
from desk_app.core.catalogue import Channel
from desk_app.core.errors import InvalidInput
from desk_app.core.text import clean, clean_line
from desk_app.i18n import _

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.core.checklist import ChecklistAnswer
    from desk_app.core.workflow import Role


class ApplicantKind(StrEnum):
    """A person or an organisation (LoaiDoiTuong 1 vs 2–4 on the portal)."""

    PERSON = "person"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Actor:
    """The officer doing an action: every event records who."""

    username: str
    role: Role


@dataclass(frozen=True, slots=True)
class Applicant:
    """Who submits the dossier; ``from_card`` marks data read from a CCCD QR."""

    name: str
    kind: ApplicantKind = ApplicantKind.PERSON
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    from_card: bool = False

    def normalised(self) -> Applicant:
        """NFC, trimmed, checked; raises InvalidInput with what to fix."""
        name = clean_line(self.name)
        if not name:
            raise InvalidInput(_("Cần nhập họ tên người (hoặc tên tổ chức) nộp hồ sơ."))
        id_number = clean_line(self.id_number).replace(" ", "").upper()
        problem = id_problem(id_number, person=self.kind is ApplicantKind.PERSON)
        if problem:
            raise InvalidInput(problem)
        phone = normal_phone(self.phone)
        if phone_problem(phone):
            raise InvalidInput(_("Số điện thoại “{phone}” không hợp lệ.").format(phone=self.phone))
        email = clean_line(self.email)
        if email_problem(email):
            raise InvalidInput(_("Địa chỉ thư điện tử “{email}” không hợp lệ.").format(email=self.email))
        return Applicant(name, self.kind, id_number, phone, email, clean(self.address), self.from_card)


@dataclass(frozen=True, slots=True)
class ReceptionDraft:
    """Everything the officer has entered for one reception."""

    procedure_code: str
    applicant: Applicant
    answers: tuple[ChecklistAnswer, ...] = ()
    channel: Channel = Channel.DIRECT
    received_at: datetime | None = None  # None: now
    postal_handover_at: datetime | None = None  # the postal handover record's signing time
    due_at: datetime | None = None  # entered by the officer when the limit is unknown
    summary: str = ""
    bundles: int = 1
    immediate_result: bool = False  # the result is given on the spot (ND 61/2018 Art. 17(4))
    receipt_requested: bool = False  # …then no receipt is printed unless the applicant asks for one
    return_by_post: bool = False  # the result goes by post (registered at reception, receipt field 6)
    return_address: str = ""  # the postal address for it ("": the applicant's)
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def postal_return_address(self) -> str | None:
        """Where the post delivers the result, None when it is collected at the desk; refuses no address."""
        if not self.return_by_post:
            return None
        address = clean(self.return_address) or clean(self.applicant.address)
        if not address:
            raise InvalidInput(_("Nhận kết quả qua bưu chính: cần ghi địa chỉ nhận kết quả."))
        return address

    def effective_received_at(self, now: datetime) -> datetime:
        """The legal submission time: the postal handover record's time for postal dossiers."""
        if self.channel is Channel.POSTAL:
            if self.postal_handover_at is None:
                raise InvalidInput(_("Hồ sơ qua bưu chính cần thời điểm ký biên bản giao nhận với bưu điện."))
            return self.postal_handover_at
        return self.received_at or now
