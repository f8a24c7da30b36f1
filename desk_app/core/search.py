"""Ranking of catalogue search results (pure; the index lives in the service).

Typed queries are folded like the catalogue text, so "khai sinh", "khai
sinh" without accents and "KHAI SINH" are the same query. A code typed in
full or in part wins; then the name matching the phrase, then all words.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from desk_app.core.text import fold, fold_words

_CODE_QUERY_RE = re.compile(r"^\d(\.\d{0,6}(\.[0-9a-z.]*)?)?$")
_LEADING_FILLER = ("thu tuc ",)


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What the ranking needs to know of one procedure."""

    key: int
    code: str
    name_folded: str
    other_folded: str  # field, agency: matched, ranked lower
    name_length: int
    core_name: str  # the name without its "Thủ tục" prefix
    padded_name: str  # " name ", so that word boundaries are plain substring tests
    everything: str  # name and other text, for the last tier
    code_folded: str


@dataclass(frozen=True, slots=True)
class Query:
    """A folded query: the whole phrase and its words."""

    phrase: str
    words: tuple[str, ...]

    @property
    def looks_like_code(self) -> bool:
        """True for "1.001193", "1.00", "2.000815.000.00.00.h55"…."""
        return bool(_CODE_QUERY_RE.match(self.phrase))


def make_entry(key: int, code: str, name_folded: str, other_text: str) -> SearchEntry:
    """An index entry; ties are broken by the name's length without its "Thủ tục" prefix."""
    core = _strip_filler(name_folded)
    other = fold(other_text)
    return SearchEntry(
        key=key,
        code=code,
        name_folded=name_folded,
        other_folded=other,
        name_length=len(core),
        core_name=core,
        padded_name=f" {name_folded} ",
        everything=f"{name_folded} {other}",
        code_folded=code.lower(),
    )


def make_query(text: str) -> Query:
    """Fold the user's text into a query."""
    return Query(fold(text), tuple(fold_words(text)))


def _strip_filler(name: str) -> str:
    for filler in _LEADING_FILLER:
        if name.startswith(filler):
            return name[len(filler) :]
    return name


def score(query: Query, entry: SearchEntry) -> int:
    """Relevance of ``entry`` for ``query``; 0 means it does not match."""
    code = entry.code_folded
    if query.looks_like_code:
        if code == query.phrase or code.split(".000.")[0] == query.phrase:
            return 1000
        if code.startswith(query.phrase):
            return 900
    name = entry.name_folded
    core_name = _strip_filler(name)
    phrase = query.phrase
    if not query.words:
        return 0
    if phrase in (core_name, name):
        return 800
    if core_name.startswith(phrase):
        return 700
    padded = f" {name} "
    if f" {phrase} " in padded:
        return 600
    if f" {phrase}" in padded:
        return 550
    name_words = name.split()
    if all(any(w.startswith(q) for w in name_words) for q in query.words):
        return 400
    everything = f"{name} {entry.other_folded}"
    if all(q in everything for q in query.words):
        return 200
    return 0


def rank(query: Query, entries: list[SearchEntry], limit: int) -> list[SearchEntry]:
    """The best ``limit`` matching entries, best first; shorter names break ties."""
    if not query.phrase:
        return []
    scored: list[tuple[int, int, str, SearchEntry]] = []
    words = query.words
    code_query = query.looks_like_code
    phrase = query.phrase
    for entry in entries:
        # Cheap substring filters first: most entries fail them at once.
        if not (code_query and entry.code_folded.startswith(phrase)) and not all(
            w in entry.everything for w in words
        ):
            continue
        value = score(query, entry)
        if value:
            scored.append((-value, entry.name_length, entry.code, entry))
    best = heapq.nsmallest(limit, scored, key=lambda item: item[:3])
    return [item[3] for item in best]
