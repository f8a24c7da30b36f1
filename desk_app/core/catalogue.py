"""Procedure records, and the rules that read the catalogue's free text.

Component kinds, time limits and fees are read from the published text.

The parsers return a value only when the text is unambiguous; anything else
is ``unknown`` (never a wrong number), and the officer or an administrator
supplies the missing value.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from enum import StrEnum

from desk_app.core.text import clean, clean_line, fold
from desk_app.core.time_limits import LimitUnit, TimeLimit


class ComponentKind(StrEnum):
    """What the applicant does with a published component."""

    SUBMIT = "submit"  # nộp
    SHOW = "show"  # xuất trình
    NOTE = "note"  # a guidance sentence listed among the papers (0 originals, 0 copies)


class Channel(StrEnum):
    """Reception channels, with the national portal's KenhThucHien codes."""

    DIRECT = "direct"
    ONLINE = "online"
    POSTAL = "postal"

    @property
    def portal_code(self) -> int:
        """1 in person, 2 online, 3 public post (domain.md §4.2)."""
        return {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}[self]


CHANNEL_LABELS = {
    "trực tiếp": Channel.DIRECT,
    "trực tuyến": Channel.ONLINE,
    "dịch vụ bưu chính": Channel.POSTAL,
    "bưu chính": Channel.POSTAL,
}

LEVEL_CODES = {"cấp bộ": "bo", "cấp tỉnh": "tinh", "cấp xã": "xa", "cơ quan khác": "khac"}
KNOWN_LEVELS = frozenset(LEVEL_CODES.values())


@dataclass(frozen=True, slots=True)
class ComponentData:
    """One published component of a procedure version."""

    position: int
    name: str
    kind: ComponentKind
    originals: int
    copies: int
    group: str = ""
    alternative: bool = False
    note: str = ""
    form_file: str = ""
    # The reading of the text (core/components.py), derived at import and stored with the version.
    applies: str = "always"  # always | channels | case | alternative
    channels: tuple[str, ...] = ()  # for "channels": direct / online / postal
    case: str = ""  # the situation, or the alternative case, in the published words
    alt_group: str = ""  # the alternative group it is one case of
    substitutes: tuple[str, ...] = ()  # fallbacks the paper names itself
    identity: bool = False  # the identity paper (a scanned CCCD shows it)
    ambiguous: bool = False  # the rules could not decide: the officer is asked


@dataclass(frozen=True, slots=True)
class ChannelTerms:
    """The time limit and fee published for one channel."""

    channel: Channel
    time_limit_text: str
    fee_text: str


@dataclass(frozen=True, slots=True)
class ProcedureData:
    """A procedure as imported: every text cleaned to NFC, nothing interpreted yet."""

    code: str
    name: str
    field_name: str = ""
    level_text: str = ""
    levels: tuple[str, ...] = ()
    agency: str = ""
    issuing_body: str = ""
    competent_agency: str = ""
    time_limit_text: str = ""
    fees_text: str = ""
    legal_basis: str = ""
    procedure_type: str = ""
    audience: str = ""
    url: str = ""
    components: tuple[ComponentData, ...] = ()
    channels: tuple[ChannelTerms, ...] = ()

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form: equal content, equal hash."""
        body = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


# --- time limits ----------------------------------------------------------------


class TermStatus(StrEnum):
    """Whether a parsed term can be relied on."""

    KNOWN = "known"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ParsedLimit:
    """A time-limit text read into a structured value, or ``unknown``."""

    status: TermStatus
    limit: TimeLimit | None = None


UNKNOWN_LIMIT = ParsedLimit(TermStatus.UNKNOWN)
_LIMIT_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio lam viec|gio)$")
_SAME_DAY_RE = re.compile(r"^(ngay )?trong (ngay|ngay lam viec)$")


def parse_time_limit(text: str) -> ParsedLimit:
    """Read one limit ("5 Ngày làm việc", "30 Ngày", "1 Giờ", "Trong ngày")."""
    folded = fold(text).rstrip(".")
    if _SAME_DAY_RE.match(folded):
        return ParsedLimit(TermStatus.KNOWN, TimeLimit(LimitUnit.SAME_DAY, 0))
    match = _LIMIT_RE.match(folded)
    if match is None:
        return UNKNOWN_LIMIT  # bare numbers, months, "Không quy định", prose
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2)
    if unit.startswith("gio"):
        return _whole(LimitUnit.WORKING_HOURS, number)
    if unit == "ngay lam viec":
        if number != int(number):
            return _whole(LimitUnit.WORKING_HOURS, number * 8)  # 8 working hours = 1 day
        return _whole(LimitUnit.WORKING_DAYS, number)
    return _whole(LimitUnit.CALENDAR_DAYS, number)


def _whole(unit: LimitUnit, number: float) -> ParsedLimit:
    if number != int(number) or number < 1:
        return UNKNOWN_LIMIT
    return ParsedLimit(TermStatus.KNOWN, TimeLimit(unit, int(number)))


def _split_by_channel(text: str) -> dict[Channel | None, list[str]]:
    parts: dict[Channel | None, list[str]] = {}
    for piece in clean_line(text).split("|"):
        label, sep, rest = piece.partition(":")
        channel = CHANNEL_LABELS.get(clean_line(label).lower()) if sep else None
        value = rest if channel is not None else piece
        parts.setdefault(channel, []).append(clean_line(value))
    return parts


def time_limit_for_channel(text: str, channel: Channel) -> ParsedLimit:
    """The limit that applies to ``channel`` in a possibly per-channel text.

    "Trực tuyến: 2 Ngày làm việc | Trực tiếp: 3 Ngày làm việc" gives 3 for a
    direct dossier; a channel listed twice with different limits is unknown.
    """
    parts = _split_by_channel(text)
    values = parts.get(channel) or parts.get(None)
    if not values:
        return UNKNOWN_LIMIT
    parsed = {parse_time_limit(v) for v in values}
    if len(parsed) != 1:
        return UNKNOWN_LIMIT
    return parsed.pop()


# --- fees -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedFee:
    """A fee text read into an amount in đồng, or ``unknown``."""

    status: TermStatus
    amount_vnd: int | None = None


UNKNOWN_FEE = ParsedFee(TermStatus.UNKNOWN)
FREE = ParsedFee(TermStatus.KNOWN, 0)
_FREE_TEXTS = {
    "mien phi",
    "khong",
    "khong thu",
    "mien phi(khong)",
    "mien phi(khong co)",
    "mien phi(khong quy dinh)",
    "mien phi(khong quy dinh.)",
    "mien phi (khong)",
    "khong thu phi",
    "khong thu phi, le phi",
    "khong thu le phi",
    "khong co",
}
_AMOUNT = r"(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*|\d{4,})"
_CURRENCY = r"(?:vnd|viet nam dong|dong|d)"
_AMOUNT_RE = re.compile(rf"^{_AMOUNT}\s*{_CURRENCY}?$")
_AMOUNT_WITH_NOTE_RE = re.compile(rf"^{_AMOUNT}\s*{_CURRENCY}?\s*\(({_AMOUNT})\s*{_CURRENCY}?(/[^()]*)?\)$")
_SMALLEST_PLAUSIBLE_FEE = 1000  # "135 VNĐ" on the portal means 135.000 đồng: not guessable


def _amount(text: str) -> int:
    return int(re.sub(r"[.,]", "", text))


_FEE_LABEL_RE = re.compile(r"^(le phi|phi)\s*:\s*")
_ZERO_RE = re.compile(rf"^0\s*{_CURRENCY}?$")


def parse_fee(text: str) -> ParsedFee:
    """Read one fee text into an amount in đồng, or unknown.

    "Miễn phí", "Phí : 0 Đồng", "Không thu phí" → 0; "2,000,000 Việt Nam Đồng" → 2000000; anything
    else (several amounts, prose) is unknown and its text is shown.
    """
    folded = _FEE_LABEL_RE.sub("", fold(text).rstrip(".").strip())
    if folded in _FREE_TEXTS or _ZERO_RE.match(folded):
        return FREE
    match = _AMOUNT_RE.match(folded)
    if match is not None:
        return _plausible(_amount(match.group(1)))
    match = _AMOUNT_WITH_NOTE_RE.match(folded)
    if match is not None and _amount(match.group(1)) == _amount(match.group(4)):
        return _plausible(_amount(match.group(1)))
    return UNKNOWN_FEE


def _plausible(amount: int) -> ParsedFee:
    if amount < _SMALLEST_PLAUSIBLE_FEE:
        return UNKNOWN_FEE
    return ParsedFee(TermStatus.KNOWN, amount)


def fee_for_channel(text: str, channel: Channel) -> ParsedFee:
    """The fee for ``channel`` in a possibly per-channel fee text."""
    parts = _split_by_channel(text)
    values = parts.get(channel) or parts.get(None)
    if not values:
        return UNKNOWN_FEE
    parsed = {parse_fee(v) for v in values}
    if len(parsed) != 1:
        return UNKNOWN_FEE
    return parsed.pop()


def parse_levels(level_text: str, levels: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """Normalise the level list ("Cấp xã, Cơ quan khác" or ["XA", "khac"]) to sorted codes."""
    found = {clean_line(v).lower() for v in levels if clean_line(v).lower() in KNOWN_LEVELS}
    for piece in clean_line(level_text).split(","):
        code = LEVEL_CODES.get(piece.strip().lower())
        if code:
            found.add(code)
    return tuple(sorted(found))


def clean_agency(text: str) -> str:
    """Agency cells: one agency per line, "Không có thông tin" treated as missing."""
    lines = [clean_line(line) for line in clean(text).split("\n")]
    kept = [line for line in lines if line and fold(line) != "khong co thong tin"]
    return "\n".join(dict.fromkeys(kept))
