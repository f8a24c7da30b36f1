"""The human numbers of the slips a decision prints: a yearly sequence per kind, never a UUID.

A supplement request, a refusal, an apology and a stop notice each get the next number of their
kind for the year when the decision is recorded (it travels in the decision's event, so a reprint,
another desk and central see the same number). Desks of one unit work offline, so the number
carries the desk's code slot as the dossier code does: ``HDHS-2026-1-0007`` is desk 1's seventh
supplement request of 2026. The header prints it as ``Số: 1-0007/HDHS``; the full form is what the
slip's barcode carries, so scanning a slip of a dossier without a code still opens the dossier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Action
from desk_app.i18n import _

# The suffix after the number in "Số: …/<suffix>" (domain §2.1: HDHS for Mẫu 02, PXL for Mẫu 04; the
# two others have no known official suffix, so they take the initials of their titles).
SUFFIXES: dict[str, str] = {
    DocumentKind.SUPPLEMENT: "HDHS",
    DocumentKind.REFUSAL: "TCHS",
    DocumentKind.APOLOGY: "PXL",
    DocumentKind.STOP: "TBDGQ",
}

# The decision whose event carries the number of the slip that prints it.
NUMBERED_BY: dict[Action, str] = {
    Action.REQUEST_SUPPLEMENT: DocumentKind.SUPPLEMENT,
    Action.REFUSE: DocumentKind.REFUSAL,
    Action.RESCHEDULE: DocumentKind.APOLOGY,
    Action.STOP: DocumentKind.STOP,
}

DOCUMENT_NUMBER_RE = re.compile(r"^(" + "|".join(SUFFIXES.values()) + r")-(\d{4})-(\d)-(\d{4,6})$")


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """One slip's number: its kind's suffix, the year, the desk's code slot and the sequence."""

    suffix: str
    year: int
    slot: int
    n: int

    def __str__(self) -> str:
        return f"{self.suffix}-{self.year}-{self.slot}-{self.n:04d}"


def counter_name(kind: str, year: int) -> str:
    """The desk counter a kind's numbers of ``year`` come from."""
    return f"document:{SUFFIXES[kind]}:{year}"


def make_document_number(kind: str, year: int, slot: int, n: int) -> DocumentNumber:
    """The n-th slip of ``kind`` a desk numbered in ``year``."""
    return DocumentNumber(SUFFIXES[kind], year, slot, n)


def parse_document_number(text: str) -> DocumentNumber:
    """A scanned or typed slip number (``HDHS-2026-1-0007``), refused with a clear message."""
    match = DOCUMENT_NUMBER_RE.match(text.strip().upper())
    if match is None:
        raise InvalidInput(
            _("“{text}” không phải số phiếu (dạng HDHS-2026-1-0007).").format(text=text.strip())
        )
    suffix, year, slot, n = match.groups()
    return DocumentNumber(suffix, int(year), int(slot), int(n))
