"""The DTO of a rendered document (light: no reportlab import); the documents are declared in core."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.documents import BATCH_DOCUMENT, DOSSIER_DOCUMENTS, PERIOD_DOCUMENTS

__all__ = ["BATCH_DOCUMENT", "DOSSIER_DOCUMENTS", "PERIOD_DOCUMENTS", "PrintedDocument"]


@dataclass(frozen=True, slots=True)
class PrintedDocument:
    """PDF bytes ready for the preview or the printer, and which print this is."""

    document: str
    ref: str
    pdf: bytes
    reprint: int
    dossier_id: str = ""  # the dossier a dossier document belongs to (its print event names it)
