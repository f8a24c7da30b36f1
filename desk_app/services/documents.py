"""The printable documents' names and the DTO of a rendered one (light: no reportlab import)."""

from __future__ import annotations

from dataclasses import dataclass

DOSSIER_DOCUMENTS = ("receipt", "supplement", "refusal", "apology", "stop", "control-sheet")
BATCH_DOCUMENT = "handover-batch"
PERIOD_DOCUMENTS = ("register", "bieu06", "day-close")


@dataclass(frozen=True, slots=True)
class PrintedDocument:
    """PDF bytes ready for the preview or the printer, and which print this is."""

    document: str
    ref: str
    pdf: bytes
    reprint: int
