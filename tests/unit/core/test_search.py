from __future__ import annotations

from desk_app.core.search import make_entry, make_query, rank
from desk_app.core.text import fold

NAMES = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
    ("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch"),
    ("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", "Hộ tịch"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
    ("1.005461", "Đăng ký lại khai tử", "Hộ tịch"),
    ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"),
    ("2.000815.000.00.00.H55", "Chứng thực bản sao từ bản chính", "Chứng thực"),
]
ENTRIES = [make_entry(i, code, fold(name), field) for i, (code, name, field) in enumerate(NAMES)]


def codes(text: str, limit: int = 3) -> list[str]:
    return [e.code for e in rank(make_query(text), ENTRIES, limit)]


def test_phrase_with_or_without_accents() -> None:
    assert codes("khai sinh")[0] == "1.001193"
    assert codes("KHAI SINH")[0] == "1.001193"
    assert codes("dang ky ket hon")[0] == "1.000894"
    assert codes("khai tử")[0] == "1.000656"


def test_codes_win() -> None:
    assert codes("1.001193") == ["1.001193"]
    assert codes("1.00")[0].startswith("1.00")
    assert codes("2.000815") == ["2.000815.000.00.00.H55"]


def test_word_prefixes_and_fields() -> None:
    assert codes("chung thuc")[0] == "2.000815.000.00.00.H55"
    assert "1.001193" in codes("dang ky khai", 10)
    assert codes("ho tich", 10)  # matched through the field


def test_nothing_for_nothing() -> None:
    assert codes("") == []
    assert codes("   ") == []
    assert codes("xyzzy") == []
