"""The slip QR: Circular 01/2023 fields, the tracking address, the offline MAC, old slips still read."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

from desk_app.core.scan import ScanKind, classify
from desk_app.core.slip_qr import SlipToken, make_token, read_token, verify_token

KEY = bytes(32)
CODE = "000.00.19.H57-261122-1001"
DESK = "01a2b3c4-0000-4000-8000-000000000000"
TRACKING = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"


def _token() -> SlipToken:
    return make_token(KEY, CODE, DESK, "1.004873", "079198001234", "01/TT03-2025")


def test_the_qr_is_the_tracking_address_with_the_circulars_fields() -> None:
    text = _token().text(TRACKING)
    assert text.startswith(TRACKING + "?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(text).query).items()}
    assert query["mhs"] == CODE  # dossier code
    assert query["mtt"] == "1.004873"  # procedure code
    assert query["cd"] == "079198001234"  # the applicant's identifier
    assert query["gt"] == "01/TT03-2025"  # the document: Mẫu 01 of Circular 03/2025
    assert query["k"] == "01a2b3c4"
    assert len(query["m"]) == 12


def test_without_a_tracking_address_the_same_fields_are_compact() -> None:
    text = _token().text()
    assert text == f"OSD2|{CODE}|1.004873|079198001234|01/TT03-2025|01a2b3c4|{_token().mac}"


def test_a_slip_verifies_only_with_its_desk_key_and_untouched_fields() -> None:
    for text in (_token().text(TRACKING), _token().text()):
        assert verify_token(KEY, text) == _token()
        assert verify_token(b"other key", text) is None
        assert verify_token(KEY, text.replace("1001", "1002")) is None
        assert verify_token(KEY, text.replace("079198001234", "079198001235")) is None
    assert verify_token(KEY, "https://example.invalid") is None


def test_slips_printed_before_the_fields_still_read_and_verify() -> None:
    mac = hmac.new(KEY, f"{CODE}|01a2b3c4".encode(), hashlib.sha256).hexdigest()[:12]
    old = f"OSD1|{CODE}|01a2b3c4|{mac}"
    token = verify_token(KEY, old)
    assert token is not None
    assert token.code == CODE
    assert token.text() == old


def test_a_scanned_slip_qr_of_any_form_opens_its_dossier() -> None:
    for text in (_token().text(TRACKING), _token().text(), f"OSD1|{CODE}|01a2b3c4|abcdef"):
        result = classify(text)
        assert result.kind is ScanKind.SLIP_QR
        assert result.code == CODE
    assert read_token("079198001234|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|01012021") is None
