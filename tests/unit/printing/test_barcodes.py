from __future__ import annotations

from desk_app.printing.barcodes import bar_runs, code128_modules, make_token, verify_token


def test_bar_runs_merge_modules() -> None:
    assert bar_runs("1101001") == [(0, 2), (3, 1), (6, 1)]
    assert bar_runs("000") == []


def test_the_dossier_code_is_288_modules_in_code128() -> None:
    # 72 mm at 0.25 mm a module: it fits an A5 slip with its quiet zones (stack-notes.md).
    assert len(code128_modules("000.00.19.H57-261122-0001")) == 288


def test_slip_tokens_verify_only_with_the_desk_key() -> None:
    key = bytes(32)
    token = make_token(key, "000.00.19.H57-261122-1001", "01a2b3c4-0000-4000-8000-000000000000")
    assert token.text().startswith("OSD1|000.00.19.H57-261122-1001|01a2b3c4|")
    assert verify_token(key, token.text()) == token
    assert verify_token(b"other key", token.text()) is None
    forged = token.text().replace("1001", "1002")
    assert verify_token(key, forged) is None
    assert verify_token(key, "https://example.invalid") is None
