"""The printable documents of one dossier, by kind (the registry in core/documents.py describes them)."""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    """The printable documents of one dossier (the registry in services/documents.py describes them)."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP = "stop"
    CONTROL_SHEET = "control-sheet"
