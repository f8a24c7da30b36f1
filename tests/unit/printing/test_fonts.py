from __future__ import annotations

import unicodedata

from fontTools.ttLib import TTFont

from desk_app import paths
from desk_app.printing.fonts import FACES

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
COMBINING = "\u0300\u0301\u0303\u0309\u0323"


def vietnamese_letters() -> set[str]:
    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    letters |= {c.upper() for c in letters}
    return letters | {"đ", "Đ"}


def test_every_vietnamese_letter_and_mark_is_in_every_shipped_face() -> None:
    letters = vietnamese_letters()
    assert len(letters) == 146
    for file in FACES.values():
        cmap = TTFont(paths.resources_dir() / "fonts" / file).getBestCmap()
        missing = sorted(ch for ch in letters | set(COMBINING) if ord(ch) not in cmap)
        assert missing == [], f"{file} lacks {missing}"


def test_the_licence_ships_with_the_fonts() -> None:
    text = (paths.resources_dir() / "fonts" / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
