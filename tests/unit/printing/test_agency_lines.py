"""Agency names break between words, never inside one ("HÀNH / CHÍNH"), and before the place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desk_app.printing.agency_lines import units, wrap


def _at_most(n: int) -> Callable[[str], bool]:
    return lambda line: len(line) <= n


@pytest.mark.parametrize(
    ("name", "width", "lines"),
    [
        ("Ủy ban nhân dân xã Phú Mỹ", 30, ["ỦY BAN NHÂN DÂN XÃ PHÚ MỸ"]),
        ("Ủy ban nhân dân xã Phú Mỹ", 20, ["ỦY BAN NHÂN DÂN", "XÃ PHÚ MỸ"]),
        (
            "Trung tâm Phục vụ hành chính công xã Phú Mỹ",
            26,
            ["TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG XÃ PHÚ MỸ"],
        ),
        ("Bộ phận Tiếp nhận và Trả kết quả", 22, ["BỘ PHẬN TIẾP NHẬN VÀ", "TRẢ KẾT QUẢ"]),
        ("Ủy ban nhân dân thành phố Hồ Chí Minh", 24, ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
        (
            "Ủy ban nhân dân phường Bến Nghé (điểm tiếp nhận số 2)",
            24,
            ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN NGHÉ", "(ĐIỂM TIẾP NHẬN SỐ 2)"],
        ),
    ],
)
def test_lines_break_between_words_and_before_the_place(name: str, width: int, lines: list[str]) -> None:
    assert wrap(name, _at_most(width)) == lines


def test_a_compound_or_a_place_is_never_split() -> None:
    pieces = units("Trung tâm Phục vụ hành chính công xã Phú Mỹ")
    assert "HÀNH CHÍNH CÔNG" in pieces
    assert "XÃ PHÚ MỸ" in pieces
    for line in wrap("Trung tâm Phục vụ hành chính công xã Phú Mỹ", _at_most(12)):
        assert not line.endswith("HÀNH")
        assert not line.startswith("CHÍNH")
