from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.text import clean, clean_line, fold, fold_words, strip_format_chars


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐỨC", "duc"),
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("đăng k\u200eý", "dang ky"),  # a left-to-right mark inside a word
        ("Hộ\u00adtịch", "hotich"),  # a soft hyphen
        (unicodedata.normalize("NFD", "Dương Thị Ngọc"), "duong thi ngoc"),
        ("  nhiều   khoảng\ttrắng  ", "nhieu khoang trang"),
        ("", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_clean_gives_nfc_without_format_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Trần Thị Bích Ngọc")
    assert clean(f" {nfd}\u200e ") == "Trần Thị Bích Ngọc"
    assert unicodedata.is_normalized("NFC", clean(nfd))


def test_clean_keeps_lines_and_clean_line_joins_them() -> None:
    assert clean("Sở Tư pháp\r\nỦy ban  nhân dân\n") == "Sở Tư pháp\nỦy ban nhân dân"
    assert clean_line("Sở Tư pháp\nỦy ban nhân dân") == "Sở Tư pháp Ủy ban nhân dân"
    assert clean(None) == ""


def test_fold_words_keeps_codes() -> None:
    assert fold_words("Mã 1.001193, khai-sinh") == ["ma", "1.001193", "khai", "sinh"]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert "đ" not in once
    assert not any(unicodedata.category(ch) in ("Mn", "Cf") for ch in once if ord(ch) < 0x10000)


def test_every_format_character_of_the_basic_plane_is_stripped() -> None:
    every_cf = "".join(chr(cp) for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Cf")
    assert strip_format_chars(f"a{every_cf}b") == "ab"
