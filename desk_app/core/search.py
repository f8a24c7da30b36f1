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
    looks_like_code: bool = False  # "1.001193", "1.00", "2.000815.000.00.00.h55"…
    as_word: str = ""  # " phrase ", the phrase as whole words
    as_word_start: str = ""  # " phrase", the phrase at a word start
    word_starts: tuple[str, ...] = ()  # " word" for every word


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
    phrase = fold(text)
    words = tuple(fold_words(text))
    return Query(
        phrase,
        words,
        bool(_CODE_QUERY_RE.match(phrase)),
        f" {phrase} ",
        f" {phrase}",
        tuple(f" {w}" for w in words),
    )


def _strip_filler(name: str) -> str:
    for filler in _LEADING_FILLER:
        if name.startswith(filler):
            return name[len(filler) :]
    return name


def score(query: Query, entry: SearchEntry) -> int:
    """Relevance of ``entry`` for ``query``; 0 means it does not match."""
    by_code = _code_score(query, entry) if query.looks_like_code else 0
    if by_code or not query.words:
        return by_code
    return _name_score(query, entry)


def _code_score(query: Query, entry: SearchEntry) -> int:
    code = entry.code_folded
    if query.phrase in (code, code.split(".000.")[0]):
        return 1000
    return 900 if code.startswith(query.phrase) else 0


def _name_score(query: Query, entry: SearchEntry) -> int:
    phrase, padded = query.phrase, entry.padded_name
    if phrase in (entry.core_name, entry.name_folded):
        return 800
    if entry.core_name.startswith(phrase):
        return 700
    if query.as_word in padded:
        return 600
    if query.as_word_start in padded:
        return 550
    if all(prefix in padded for prefix in query.word_starts):
        return 400
    return 200 if all(word in entry.everything for word in query.words) else 0


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
