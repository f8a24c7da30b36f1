"""What a keyboard-wedge scanner typed: telling a burst from typing, and what the payload is.

A USB scanner "types" its payload far faster than a person (a few ms per character) and ends with
Enter. The GUI's event filter feeds every character here with its timestamp; this module decides.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desk_app.core.citizen_id import CardData, parse_card_qr
from desk_app.core.codes import DOSSIER_CODE_RE, parse_dossier_code
from desk_app.core.document_numbers import DOCUMENT_NUMBER_RE
from desk_app.core.errors import InvalidInput
from desk_app.core.slip_qr import read_token

# A person types at 80-200 ms per key; scanners send a key every 1-20 ms. Input methods (Telex)
# may hold a key back while composing, so the limit allows a slower key now and then.
MAX_MEAN_GAP_MS = 30.0
MAX_SINGLE_GAP_MS = 80.0
MIN_LENGTH = 8

_BATCH_RE = re.compile(r"^BG-\d{4}-\d{4}$")


class ScanKind(StrEnum):
    """What a scanned payload is."""

    DOSSIER_CODE = "dossier_code"  # the Code128 on the receipt or control sheet
    SLIP_QR = "slip_qr"  # the QR on the receipt and control sheet (core/slip_qr.py)
    CITIZEN_CARD = "citizen_card"  # the QR on a chip-based citizen ID card
    HANDOVER_BATCH = "handover_batch"  # BG-2026-0001
    DOCUMENT_NUMBER = "document_number"  # a slip's number: HDHS-2026-1-0007 (opens its dossier)
    UNKNOWN = "unknown"


# Scans that name one dossier (the screens open it).
OPENS_DOSSIER = frozenset({ScanKind.DOSSIER_CODE, ScanKind.SLIP_QR, ScanKind.DOCUMENT_NUMBER})


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A classified payload; ``code`` for dossier scans, ``card`` for citizen cards."""

    kind: ScanKind
    payload: str
    code: str = ""
    card: CardData | None = None
    problem: str = ""


def classify(payload: str) -> ScanResult:
    """Decide what a scanned payload is (dossier code, slip QR, slip number, citizen card, batch)."""
    text = payload.strip().strip("\x00")
    upper = text.upper()
    slip = read_token(text)
    if DOSSIER_CODE_RE.match(upper) or slip:
        kind, code = (ScanKind.SLIP_QR, slip.code) if slip else (ScanKind.DOSSIER_CODE, upper)
        try:
            return ScanResult(kind, text, code=str(parse_dossier_code(code)))
        except InvalidInput as exc:
            return ScanResult(ScanKind.UNKNOWN, text, problem=exc.user_message)
    if DOCUMENT_NUMBER_RE.match(upper):
        return ScanResult(ScanKind.DOCUMENT_NUMBER, text, code=upper)
    if _BATCH_RE.match(upper):
        return ScanResult(ScanKind.HANDOVER_BATCH, text, code=upper)
    if "|" in text:
        try:
            return ScanResult(ScanKind.CITIZEN_CARD, text, card=parse_card_qr(text))
        except InvalidInput as exc:
            return ScanResult(ScanKind.UNKNOWN, text, problem=exc.user_message)
    return ScanResult(ScanKind.UNKNOWN, text)


@dataclass
class BurstDetector:
    """Collects timed characters; ``finish()`` on Enter says whether they were a scan.

    ``feed`` returns True when the character starts a new candidate burst (the GUI then takes a
    snapshot of the focused field so it can put back what the officer had typed).
    """

    max_mean_gap_ms: float = MAX_MEAN_GAP_MS
    max_single_gap_ms: float = MAX_SINGLE_GAP_MS
    min_length: int = MIN_LENGTH
    _text: str = ""
    _times: list[float] = field(default_factory=list)

    def feed(self, text: str, at_ms: float) -> bool:
        """Add typed or committed text at a moment (ms); True when it starts a new burst."""
        started = not self._times or at_ms - self._times[-1] > self.max_single_gap_ms
        if started:
            self.reset()
        self._text += text
        self._times.append(at_ms)
        return started

    def replace_last(self, count: int, text: str, at_ms: float) -> None:
        """An input method replaced the last ``count`` characters of the burst with ``text``."""
        self._text = self._text[: max(0, len(self._text) - count)]
        self.feed(text, at_ms)

    def finish(self, at_ms: float) -> str | None:
        """Enter was pressed: the burst's text when it was a scan, else None. Always resets."""
        text, times = self._text, [*self._times, at_ms]
        self.reset()
        if len(text) < self.min_length:
            return None
        gaps = [b - a for a, b in itertools.pairwise(times)]
        if max(gaps) > self.max_single_gap_ms or sum(gaps) / len(gaps) > self.max_mean_gap_ms:
            return None
        return text

    def reset(self) -> None:
        """Forget the current candidate (focus moved, a non-text key was pressed)."""
        self._text = ""
        self._times.clear()
