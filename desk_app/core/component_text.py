"""Questions asked of one component's published (folded or cleaned) text.

Its first clause, the channels it names, whether it is a note, the fallbacks it names, the situation it
describes; the reader in core/components.py combines the answers.
"""

from __future__ import annotations

import re

from desk_app.core.catalogue import Channel
from desk_app.core.component_words import (
    _DEMANDS,
    _DIRECT,
    _LIST_MARK,
    _NOTE_GROUP,
    _ONLINE,
    _POINTS_TO_LAW,
    _POSTAL,
    _RULE_SENTENCE,
    _STARTS_WITH_PAPER,
)
from desk_app.core.text import clean_line


def strip_marks(text: str) -> str:
    """The text without its list mark ("- ", "a) ", "(iii)")."""
    return re.sub(_LIST_MARK, "", text).strip()


def channels_named(text: str) -> tuple[Channel, ...]:
    """The channels the text names (direct, online, postal), in that order."""
    found = []
    if _DIRECT.search(text):
        found.append(Channel.DIRECT)
    if _ONLINE.search(text):
        found.append(Channel.ONLINE)
    if _POSTAL.search(text):
        found.append(Channel.POSTAL)
    return tuple(found)


def first_clause(text: str) -> str:
    """Up to the first ";" or sentence stop."""
    return re.split(r"[;.]\s|;$", text, maxsplit=1)[0]


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (not one inside a number or a code)."""
    return re.split(r"\.\s+(?=[a-z(])", text, maxsplit=1)[0]


def is_note(text: str, group: str, originals: int, copies: int) -> bool:
    """Guidance, a heading or a rule sentence rather than a paper (folded text)."""
    bare = strip_marks(text)
    if _NOTE_GROUP.search(group) or re.match(r"^[*\s]*(luu y|ghi chu|chu y)\b", bare):
        return True
    names_paper = bool(_STARTS_WITH_PAPER.match(text))
    first = first_clause(bare)
    demands = bool(_DEMANDS.search(first))
    if _RULE_SENTENCE.search(first) and not names_paper and not demands:
        return True
    if _POINTS_TO_LAW.search(first) and not demands:
        return True
    if bare.endswith(":") and len(bare) < 400:
        return True  # a heading of the list that follows
    if originals == 0 and copies == 0 and not _DEMANDS.search(bare) and not re.search(r"\bnop\b", bare):
        return not names_paper
    return False


def own_fallbacks(name: str) -> tuple[str, ...]:
    """The fallbacks a paper names itself, in the published words."""
    found = []
    for match in re.finditer(
        r"(?:trường hợp|nếu)\s+(?:không có|chưa có|bị mất|mất)[^;.]*?\s(?:thì|phải)\s+"
        r"(?:nộp|phải có|có|được thay bằng|thay bằng|lập)?\s*([^;.]+)",
        name,
        flags=re.IGNORECASE,
    ):
        words = clean_line(match.group(1)).rstrip(",")
        if words:
            found.append(words)
    return tuple(found)


def later_fallbacks(name: str) -> tuple[str, ...]:
    """The Y of "X; nếu/trường hợp <situation> thì <Y>", in the published words."""
    found = []
    for clause in name.split(";")[1:]:
        match = re.search(r"(?:trường hợp|nếu)\s[^;.]*?\sthì\s+(?:nộp|phải có|có)?\s*([^;.]+)", clause, re.I)
        if match and clean_line(match.group(1)):
            found.append(clean_line(match.group(1)).rstrip(","))
    return tuple(found)


def case_question(name: str) -> str:
    """A short label of the situation, from the published words."""
    text = clean_line(name).lstrip("-+*• ")
    match = re.search(r"\(([^()]*(?:nếu|trường hợp|đối với)[^()]*)\)", text, flags=re.IGNORECASE)
    if match:
        return clean_line(match.group(1))[:160]
    match = re.search(r"((?:trong )?(?:trường hợp|đối với|nếu)[^,;.:]*)", text, flags=re.IGNORECASE)
    if match:
        return clean_line(match.group(1))[:160]
    return text[:160]
