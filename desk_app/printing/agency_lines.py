"""Breaking an agency's name into heading lines the way Vietnamese headings are set.

A Vietnamese word is often two or three syllables written apart ("hành chính", "Ủy ban"), so a line
break at any space can split a word: "TRUNG TÂM PHỤC VỤ HÀNH / CHÍNH CÔNG". Headings break before the
administrative level of the place ("ỦY BAN NHÂN DÂN / XÃ PHÚ MỸ") and keep the words of the name
together: the known words of desks' names, a place name after its level, and anything in brackets
are each one unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# Levels that start a place name in an agency's title ("xã Phú Mỹ", "tỉnh An Giang").
LEVELS = ("THỊ TRẤN", "THÀNH PHỐ", "THỊ XÃ", "PHƯỜNG", "XÃ", "HUYỆN", "QUẬN", "TỈNH", "ĐẶC KHU")
# Words of several syllables that occur in the names of one-stop desks and their authorities.
COMPOUNDS = (
    "ỦY BAN NHÂN DÂN",
    "TRUNG TÂM",
    "PHỤC VỤ",
    "HÀNH CHÍNH CÔNG",
    "HÀNH CHÍNH",
    "BỘ PHẬN",
    "MỘT CỬA",
    "TIẾP NHẬN",
    "TRẢ KẾT QUẢ",
    "KẾT QUẢ",
    "VĂN PHÒNG",
    "ĐĂNG KÝ",
    "ĐẤT ĐAI",
    "CHI NHÁNH",
    "CÔNG AN",
    "TƯ PHÁP",
    "HỘ TỊCH",
    "DỮ LIỆU",
)


def units(name: str) -> list[str]:
    """The name cut into pieces a line may break between (upper-cased as headings print it)."""
    words = name.upper().split()
    pieces: list[str] = []
    i = 0
    while i < len(words):
        if words[i].startswith("("):
            j = next((k for k in range(i, len(words)) if words[k].endswith(")")), len(words) - 1)
        elif _starting(words, i, LEVELS):
            j = _place_end(words, i + len(_starting(words, i, LEVELS).split()))
        else:
            j = i + max(1, len(_starting(words, i, COMPOUNDS).split())) - 1
        pieces.append(" ".join(words[i : j + 1]))
        i = j + 1
    return pieces


def wrap(name: str, fits: Callable[[str], bool]) -> list[str]:
    """Lines of ``name`` that each satisfy ``fits``, filled greedily and broken only between pieces.

    A piece too long for a line on its own stays whole (the paragraph then wraps it at its spaces).
    """
    lines: list[str] = []
    for piece in units(name):
        if lines and fits(f"{lines[-1]} {piece}"):
            lines[-1] = f"{lines[-1]} {piece}"
        else:
            lines.append(piece)
    return lines


def _starting(words: list[str], i: int, phrases: tuple[str, ...]) -> str:
    """The first of ``phrases`` that the words from ``i`` start with, or ""."""
    for phrase in phrases:
        parts = phrase.split()
        if words[i : i + len(parts)] == parts:
            return phrase
    return ""


def _place_end(words: list[str], start: int) -> int:
    """The index of the last word of a place name starting at ``start`` (it runs to a bracket or the end)."""
    end = start
    while end + 1 < len(words) and not words[end + 1].startswith("("):
        end += 1
    return min(end, len(words) - 1)
