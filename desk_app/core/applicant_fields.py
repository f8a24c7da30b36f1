"""What a valid applicant field looks like: the same rule for the screen's hints as for the reception.

The screen checks each field as the officer types (a red border and a hint, nothing modal); the
reception refuses the same values, so nothing invalid reaches a printed document.
"""

from __future__ import annotations

import re

from desk_app.core.citizen_id import check_id_number
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _

# A person: CCCD (12 digits), the old CMND (9 digits), or a passport (Vietnam's: a letter and 7 digits;
# a foreigner's: 6-9 letters and digits with at least one letter). An organisation: its tax or enterprise
# code (10 digits, a branch adds "-001").
_CMND = re.compile(r"^\d{9}$")
_PASSPORT = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{6,9}$")
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
PHONE_RE = re.compile(r"^\+?\d{9,12}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Characters a field accepts while typing (the rest are not typed in at all).
PHONE_CHARS = r"[0-9 +.\-()]*"
ID_CHARS = r"[0-9A-Za-z\-]*"


def normal_phone(text: str) -> str:
    """The phone number without its separators ("0901 234 567" → "0901234567")."""
    return re.sub(r"[\s.\-()]", "", text)


def id_problem(text: str, *, person: bool = True) -> str:
    """Why an identity number is not valid ("" when it is, or when none was given)."""
    value = text.strip().replace(" ", "").upper()
    if not value:
        return ""
    if not person:
        if _TAX_CODE.match(value):
            return ""
        return _("Mã số thuế/mã số doanh nghiệp gồm 10 chữ số (chi nhánh thêm “-001”).")
    if value.isdigit() and len(value) == 12:
        try:
            check_id_number(value)
        except InvalidInput as exc:
            return exc.user_message
        return ""
    if _CMND.match(value) or _PASSPORT.match(value):
        return ""
    return _("Số định danh phải là CCCD 12 chữ số, CMND 9 chữ số hoặc số hộ chiếu (ví dụ C1234567).")


def phone_problem(text: str) -> str:
    """Why a phone number is not valid ("" when it is, or when none was given)."""
    phone = normal_phone(text)
    if not phone or PHONE_RE.match(phone):
        return ""
    return _("Số điện thoại gồm 9–12 chữ số (có thể có dấu + ở đầu).")


def email_problem(text: str) -> str:
    """Why an e-mail address is not valid ("" when it is, or when none was given)."""
    value = text.strip()
    if not value or EMAIL_RE.match(value):
        return ""
    return _("Địa chỉ thư điện tử chưa đúng dạng (ví dụ ten@gmail.com).")


def field_problems(name: str, id_number: str, phone: str, email: str, *, person: bool) -> dict[str, str]:
    """Every applicant field with a problem, by field name, in the order of the form."""
    problems = {
        "name": "" if name.strip() else _("Cần nhập họ tên người (hoặc tên tổ chức) nộp hồ sơ."),
        "id_number": id_problem(id_number, person=person),
        "phone": phone_problem(phone),
        "email": email_problem(email),
    }
    return {field: why for field, why in problems.items() if why}
