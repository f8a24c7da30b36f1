"""A paper's short name for a slip that must fit one page: what it is, not the catalogue's guidance.

The catalogue's component texts carry the paper and, after it, its conditions, fallbacks and guidance
("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì …"). A receipt lists what was handed in and
refers to the published item by number ("mục 5"), so the paper's own name is enough there; the full text
stays on the guidance sheet and in the catalogue.
"""

from __future__ import annotations

import re

from desk_app.core.text import clean

# Where the paper's name ends and its conditions or guidance begin.
_CONDITION_WORDS = "trường hợp|trừ trường hợp|nếu|kể cả|đối với|có|còn|do|đã|được|theo"
_BREAKS = re.compile(
    rf";|:\s|\.\s|\s\((?!(?:theo )?mẫu)|,\s*(?:{_CONDITION_WORDS})\b",
    re.IGNORECASE,
)
# List marks before the name: "- ", "+ ", "•", "1.", "2)", "a)", "(iii)".
_LEAD = re.compile(r"^(?:[\s\-+*•–—]|\d+[.)]|[a-zđ]\)|\([ivx]+\))+\s*", re.IGNORECASE)
ELLIPSIS = "…"


def without_list_mark(text: str) -> str:
    """The published text without the list mark it starts with ("- ", "2)", "a)")."""
    return _LEAD.sub("", clean(text)).strip()


def short_paper_name(text: str, limit: int = 90) -> str:
    """The paper's name: the text up to its first condition or guidance.

    At most ``limit`` characters, cut between words (with "…" when cut).
    """
    name = without_list_mark(text)
    match = _BREAKS.search(name)
    if match is not None and match.start() >= 8:  # a break in the first words is part of the name
        name = name[: match.start()]
    return shortened(name.rstrip(" ,.;"), limit)


def shortened(text: str, limit: int) -> str:
    """``text`` cut between words to at most ``limit`` characters, "…" marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;/") + ELLIPSIS
