"""Vietnamese text: NFC, format characters and the folded search form."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_WORD = re.compile(r"[^0-9a-z.]+")
# Deletion tables for str.translate, which runs in C: a per-character Python
# loop over the 15 million characters of the national catalogue took seconds.
_ASTRAL_FORMAT_BLOCKS = (
    (0x110BD, 0x110CE),
    (0x13430, 0x13460),
    (0x1BCA0, 0x1BCA4),
    (0x1D173, 0x1D17B),
    (0xE0000, 0xE0080),
)
_FORMAT_CHARS: dict[int, None] = {
    cp: None
    for start, end in ((0, 0x10000), *_ASTRAL_FORMAT_BLOCKS)
    for cp in range(start, end)
    if unicodedata.category(chr(cp)) == "Cf"
}
_BMP_MARKS: dict[int, None] = {cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Mn"}
_FOLD_TABLE = {**_FORMAT_CHARS, **_BMP_MARKS, ord("đ"): "d", ord("Đ"): "D"}


def strip_format_chars(text: str) -> str:
    """Remove invisible format characters (U+200E, soft hyphen, BOM, ZWSP…)."""
    return text.translate(_FORMAT_CHARS)


def clean(text: str | None) -> str:
    """NFC, no format characters, spaces collapsed and trimmed; newlines kept."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", strip_format_chars(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_WHITESPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def clean_line(text: str | None) -> str:
    """Like :func:`clean`, with line breaks turned into single spaces."""
    return _WHITESPACE.sub(" ", clean(text).replace("\n", " ")).strip()


def fold(text: str | None) -> str:
    """Search form: diacritics removed, đ/Đ → d, lower case, spaces collapsed."""
    if not text:
        return ""
    bare = unicodedata.normalize("NFD", text).translate(_FOLD_TABLE)
    return _WHITESPACE.sub(" ", bare.lower().replace("\n", " ")).strip()


def fold_words(text: str | None) -> list[str]:
    """The folded text split into words (digits and dots kept, for codes)."""
    return [w for w in _NON_WORD.split(fold(text)) if w and w != "."]
