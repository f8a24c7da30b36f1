"""Vietnamese text: NFC, format characters and the folded search form."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_WORD = re.compile(r"[^0-9a-z.]+")


def strip_format_chars(text: str) -> str:
    """Remove invisible format characters (U+200E, soft hyphen, BOM, ZWSP…)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


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
    text = strip_format_chars(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _WHITESPACE.sub(" ", bare.lower().replace("\n", " ")).strip()


def fold_words(text: str | None) -> list[str]:
    """The folded text split into words (digits and dots kept, for codes)."""
    return [w for w in _NON_WORD.split(fold(text)) if w and w != "."]
