"""The 12-digit citizen ID number and the chip card's QR (domain.md §6).

The number is ``PPP G YY NNNNNN``: the province where the birth was
registered, a century-and-sex digit, the birth year's last two digits and a
random part. There is no check digit, so only the structure and its
agreement with the QR's birth date and sex can be checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from desk_app.core.errors import InvalidInput
from desk_app.core.text import clean_line
from desk_app.i18n import _

PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)

MALE = "Nam"
FEMALE = "Nữ"

_ID_RE = re.compile(r"^\d{12}$")
_OLD_ID_RE = re.compile(r"^(\d{9}|\d{12})$")
_DATE_RE = re.compile(r"^\d{8}$")


@dataclass(frozen=True, slots=True)
class IdNumberFacts:
    """What the 12-digit number itself says."""

    number: str
    province_code: str
    sex: str
    century_start: int
    birth_year_suffix: int

    def birth_year_matches(self, year: int) -> bool:
        """True when ``year`` fits the century digit and the two year digits."""
        return self.century_start <= year < self.century_start + 100 and (
            year % 100 == self.birth_year_suffix
        )


def check_id_number(number: str) -> IdNumberFacts:
    """Validate the structure of a CCCD number; raises InvalidInput with the reason."""
    digits = number.strip()
    if not _ID_RE.match(digits):
        raise InvalidInput(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số (đã nhập “{number}”).").format(number=digits)
        )
    province = digits[:3]
    if province not in PROVINCE_CODES:
        raise InvalidInput(
            _("Ba số đầu “{code}” không phải mã tỉnh nơi đăng ký khai sinh.").format(code=province)
        )
    g = int(digits[3])
    return IdNumberFacts(
        number=digits,
        province_code=province,
        sex=MALE if g % 2 == 0 else FEMALE,
        century_start=1900 + 100 * (g // 2),
        birth_year_suffix=int(digits[4:6]),
    )


def consistency_problems(facts: IdNumberFacts, birth_date: date | None, sex: str | None) -> list[str]:
    """Reasons why the number disagrees with a birth date and sex (empty when it agrees)."""
    problems: list[str] = []
    if birth_date is not None and not facts.birth_year_matches(birth_date.year):
        problems.append(_("Số định danh không khớp năm sinh {year}.").format(year=birth_date.year))
    if sex is not None and sex != facts.sex:
        problems.append(_("Số định danh không khớp giới tính “{sex}”.").format(sex=sex))
    return problems


@dataclass(frozen=True, slots=True)
class CardData:
    """The applicant data read from a chip card QR (marked as coming from the card)."""

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date | None
    extra_fields: tuple[str, ...] = field(default=())


def _strip_scanner_noise(raw: str) -> str:
    # Keyboard-wedge scanners add CR/LF, tabs or NULs around the payload.
    text = raw.strip().strip("\x00")
    return "".join(ch for ch in text if ch in "\n" or unicodedata.category(ch)[0] != "C").strip()


def _parse_date(value: str, label: str) -> date:
    if not _DATE_RE.match(value):
        raise InvalidInput(
            _("{label} “{value}” phải có dạng NgàyThángNăm (8 chữ số).").format(label=label, value=value)
        )
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise InvalidInput(
            _("{label} “{value}” không phải ngày có thật.").format(label=label, value=value)
        ) from None


def _normalise_sex(value: str) -> str:
    folded = clean_line(value).lower()
    if folded == "nam":
        return MALE
    if folded in ("nữ", "nu"):
        return FEMALE
    raise InvalidInput(_("Giới tính “{value}” phải là Nam hoặc Nữ.").format(value=value))


def _split_fields(fields: list[str]) -> tuple[str, str, str, str, str, str, str, tuple[str, ...]]:
    # Seven fields by position; a six-field QR either lacks the old ID (its
    # second field is a name) or lacks the issue date (its second is digits).
    if len(fields) >= 7:
        return (*fields[:7], tuple(fields[7:]))  # type: ignore[return-value]
    if fields[1] and not fields[1].isdigit():
        return fields[0], "", fields[1], fields[2], fields[3], fields[4], fields[5], ()
    return fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], "", ()


def parse_card_qr(raw: str) -> CardData:
    """Parse the QR on a chip citizen ID card; anything else raises InvalidInput."""
    text = _strip_scanner_noise(raw)
    fields = [f.strip() for f in text.split("|")]
    if len(fields) < 6:
        raise InvalidInput(
            _(
                "Mã QR này không phải mã trên thẻ căn cước: cần ít nhất 6 trường ngăn cách bởi “|”, "
                "đọc được {count}."
            ).format(count=len(fields))
        )
    number, old_id, name, dob_text, sex_text, address, issued_text, extras = _split_fields(fields)
    if not _ID_RE.match(number):
        raise InvalidInput(
            _("Mã QR này không phải mã trên thẻ căn cước: trường đầu tiên không phải số 12 chữ số.")
        )
    facts = check_id_number(number)
    if old_id and not _OLD_ID_RE.match(old_id):
        raise InvalidInput(_("Số CMND cũ “{value}” phải gồm 9 hoặc 12 chữ số.").format(value=old_id))
    full_name = clean_line(name)
    if not full_name:
        raise InvalidInput(_("Mã QR trên thẻ căn cước không có họ tên."))
    birth_date = _parse_date(dob_text, _("Ngày sinh"))
    sex = _normalise_sex(sex_text)
    issue_date = _parse_date(issued_text, _("Ngày cấp")) if issued_text else None
    problems = consistency_problems(facts, birth_date, sex)
    if problems:
        raise InvalidInput(" ".join(problems))
    return CardData(
        id_number=number,
        old_id_number=old_id or None,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        address=clean_line(address),
        issue_date=issue_date,
        extra_fields=extras,
    )
