"""Unit, procedure and dossier codes (TT 01/2018/TT-VPCP Art. 19; domain.md §3).

Dossier numbers are split into slots so that desks working offline never
issue the same code: ``XXXX = slot × 1000 + n`` with n in 1..999; slot 0 is
reserved for the central system and online channels, slots 1–9 for desks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.core.errors import CodeExhausted, InvalidInput
from desk_app.i18n import _

UNIT_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
PROCEDURE_CODE_RE = re.compile(r"^(\d\.\d{6})(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")
DOSSIER_CODE_RE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$")

MIN_DESK_SLOT = 1
MAX_DESK_SLOT = 9
CENTRAL_SLOT = 0
NUMBERS_PER_SLOT = 999


def validate_unit_code(code: str) -> str:
    """Return the unit identifier ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` or raise InvalidInput."""
    candidate = code.strip().upper()
    if not UNIT_CODE_RE.match(candidate):
        raise InvalidInput(
            _("Mã định danh đơn vị “{code}” không đúng dạng 000.00.00.H00 (ví dụ 000.17.22.H56).").format(
                code=code
            )
        )
    return candidate


def is_procedure_code(code: str) -> bool:
    """True for a national (``1.001193``) or provincial (``….000.00.00.H57``) code."""
    return PROCEDURE_CODE_RE.match(code.strip()) is not None


def national_procedure_code(code: str) -> str:
    """The national part ``d.dddddd`` of a procedure code; raises InvalidInput."""
    match = PROCEDURE_CODE_RE.match(code.strip())
    if match is None:
        raise InvalidInput(
            _("Mã thủ tục “{code}” không đúng dạng 1.001193 hoặc 1.001193.000.00.00.H57.").format(code=code)
        )
    return match.group(1)


def validate_slot(slot: int) -> int:
    """A desk's code slot, 1..9 (0 belongs to the central system)."""
    if not MIN_DESK_SLOT <= slot <= MAX_DESK_SLOT:
        raise InvalidInput(
            _("Số khe mã của bàn phải từ {low} đến {high} (khe 0 dành cho hệ thống trung tâm).").format(
                low=MIN_DESK_SLOT, high=MAX_DESK_SLOT
            )
        )
    return slot


def sequence_for(slot: int, n: int) -> int:
    """The 4-digit daily sequence ``XXXX`` for the n-th dossier of a slot."""
    if not CENTRAL_SLOT <= slot <= MAX_DESK_SLOT:
        raise InvalidInput(_("Khe mã không hợp lệ: {slot}.").format(slot=slot))
    if n > NUMBERS_PER_SLOT:
        raise CodeExhausted(
            _(
                "Bàn đã cấp hết {count} số hồ sơ của ngày hôm nay (khe {slot}). "
                "Hãy nhận hồ sơ ở bàn khác hoặc liên hệ quản trị để cấp thêm khe mã."
            ).format(count=NUMBERS_PER_SLOT, slot=slot)
        )
    if n < 1:
        raise InvalidInput(_("Số thứ tự hồ sơ phải từ 1 trở lên."))
    return slot * 1000 + n


@dataclass(frozen=True, slots=True)
class DossierCode:
    """A parsed dossier code ``{unit}-{YYMMDD}-{XXXX}``."""

    unit_code: str
    day: date
    sequence: int

    @property
    def slot(self) -> int:
        """The code slot the number belongs to."""
        return self.sequence // 1000

    @property
    def number_in_slot(self) -> int:
        """N within the slot (1..999)."""
        return self.sequence % 1000

    def __str__(self) -> str:
        return f"{self.unit_code}-{self.day:%y%m%d}-{self.sequence:04d}"


def make_dossier_code(unit_code: str, day: date, slot: int, n: int) -> DossierCode:
    """Build the code of the n-th dossier of ``slot`` on ``day`` for a unit."""
    return DossierCode(validate_unit_code(unit_code), day, sequence_for(slot, n))


def parse_dossier_code(text: str) -> DossierCode:
    """Parse a scanned or typed dossier code; raises InvalidInput."""
    candidate = text.strip().upper()
    match = DOSSIER_CODE_RE.match(candidate)
    bad = InvalidInput(
        _("“{text}” không phải mã hồ sơ dạng 000.00.00.H00-YYMMDD-XXXX.").format(text=text.strip())
    )
    if match is None:
        raise bad
    unit, ymd, seq = match.groups()
    try:
        day = date(2000 + int(ymd[:2]), int(ymd[2:4]), int(ymd[4:]))
    except ValueError:
        raise bad from None
    sequence = int(seq)
    if sequence % 1000 == 0:
        raise bad
    return DossierCode(unit, day, sequence)
