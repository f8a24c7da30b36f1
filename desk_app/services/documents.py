"""The printable documents' names and the DTO of a rendered one (light: no reportlab import)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.events import DocumentKind

DOSSIER_DOCUMENTS = tuple(kind.value for kind in DocumentKind)
BATCH_DOCUMENT = "handover-batch"
PERIOD_DOCUMENTS = ("register", "bieu06", "day-close")


@dataclass(frozen=True, slots=True)
class PrintedDocument:
    """PDF bytes ready for the preview or the printer, and which print this is."""

    document: str
    ref: str
    pdf: bytes
    reprint: int
    dossier_id: str = ""  # the dossier a dossier document belongs to (its print event names it)
