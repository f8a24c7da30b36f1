"""What the QR on an issued slip carries (Circular 01/2023/TT-VPCP) and how a desk checks it offline.

The circular asks for at least the dossier code, the procedure code, the applicant's identifier and
the document's name; a citizen's phone should open the unit's tracking page. So, when the unit has a
tracking address, the QR is that address with the fields as its query::

    https://…/tra-cuu?mhs=<code>&mtt=<procedure>&cd=<applicant id>&gt=<form>/<rule set>&k=<desk>&m=<mac>

and without one the same fields in a compact form (``OSD2|code|procedure|id|form|desk|mac``).
``m`` is a MAC over every field with the desk's slip key, so a desk tells its own slips from forged
ones without a network. Slips printed before these fields existed carry ``OSD1|code|desk|mac``;
they still scan and verify.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

LEGACY_PREFIX = "OSD1"
PREFIX = "OSD2"
_QUERY_KEYS = ("mhs", "mtt", "cd", "gt", "k", "m")


@dataclass(frozen=True, slots=True)
class SlipToken:
    """The fields of a slip's QR."""

    code: str
    desk: str
    mac: str
    procedure: str = ""
    applicant_id: str = ""
    document: str = ""  # the form, "01/TT03-2025": Mẫu 01 of Circular 03/2025
    legacy: bool = False  # an OSD1 slip (code and desk only)

    def signed_text(self) -> str:
        """What the MAC covers."""
        if self.legacy:
            return f"{self.code}|{self.desk}"
        return "|".join((self.code, self.desk, self.procedure, self.applicant_id, self.document))

    def text(self, tracking_url: str = "") -> str:
        """The QR payload: the tracking address with the fields, or the compact form."""
        if self.legacy:
            return f"{LEGACY_PREFIX}|{self.code}|{self.desk}|{self.mac}"
        if not tracking_url:
            fields = (self.code, self.procedure, self.applicant_id, self.document, self.desk, self.mac)
            return "|".join((PREFIX, *fields))
        values = (self.code, self.procedure, self.applicant_id, self.document, self.desk, self.mac)
        query = "&".join(f"{k}={quote(v, safe='./-')}" for k, v in zip(_QUERY_KEYS, values, strict=True))
        separator = "&" if "?" in tracking_url else "?"
        return f"{tracking_url}{separator}{query}"


def slip_mac(key: bytes, token: SlipToken) -> str:
    """A short MAC over the token's fields with the desk's slip key."""
    return hmac.new(key, token.signed_text().encode(), hashlib.sha256).hexdigest()[:12]


def make_token(
    key: bytes, code: str, desk_id: str, procedure: str = "", applicant_id: str = "", document: str = ""
) -> SlipToken:
    """The QR token of a slip; ``desk`` is the first block of the desk id."""
    desk = desk_id.split("-", maxsplit=1)[0]
    unsigned = SlipToken(code, desk, "", procedure, applicant_id, document)
    return SlipToken(code, desk, slip_mac(key, unsigned), procedure, applicant_id, document)


def read_token(text: str) -> SlipToken | None:
    """The fields of a slip QR in any of its forms (unchecked), or None when it is no slip QR."""
    text = text.strip()
    parts = text.split("|")
    if parts[0] == LEGACY_PREFIX and len(parts) == 4:
        return SlipToken(parts[1], parts[2], parts[3], legacy=True)
    if parts[0] == PREFIX and len(parts) == 7:
        code, procedure, applicant_id, document, desk, mac = parts[1:]
        return SlipToken(code, desk, mac, procedure, applicant_id, document)
    if "mhs=" not in text:
        return None
    query = parse_qs(urlsplit(text).query)
    values = {k: query.get(k, [""])[0] for k in _QUERY_KEYS}
    if not values["mhs"] or not values["m"]:
        return None
    return SlipToken(values["mhs"], values["k"], values["m"], values["mtt"], values["cd"], values["gt"])


def verify_token(key: bytes, text: str) -> SlipToken | None:
    """The token if ``text`` is a slip QR made with ``key``, else None."""
    token = read_token(text)
    if token is None:
        return None
    return token if hmac.compare_digest(token.mac, slip_mac(key, token)) else None
