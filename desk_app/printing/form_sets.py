"""Form numbers, headings and legal-basis lines per rule set (domain.md §2.1), read from the registry."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.documents import DOCUMENTS, TT01, TT03

RECEIPT = DocumentKind.RECEIPT.value
SUPPLEMENT = DocumentKind.SUPPLEMENT.value
REFUSAL = DocumentKind.REFUSAL.value
APOLOGY = DocumentKind.APOLOGY.value
STOP = DocumentKind.STOP.value
CONTROL_SHEET = DocumentKind.CONTROL_SHEET.value
REGISTER = "register"

BASIS = {TT03: "Thông tư số 03/2025/TT-VPCP", TT01: "Thông tư số 01/2018/TT-VPCP"}


@dataclass(frozen=True, slots=True)
class FormSet:
    """A rule set's numbering and headings of the one-stop forms."""

    name: str
    basis: str
    numbers: dict[str, str]
    titles: dict[str, str]

    def caption(self, document: str) -> str:
        """The caption "Mẫu số 01 – …", or an empty string when the set has no such form."""
        number = self.numbers.get(document)
        return f"Mẫu số {number} – {self.basis}" if number else ""


FORM_SETS = {
    name: FormSet(
        name,
        basis,
        {kind: spec.form(name) for kind, spec in DOCUMENTS.items() if spec.form(name)},
        {kind: spec.heading_in(name) for kind, spec in DOCUMENTS.items() if spec.heading_in(name)},
    )
    for name, basis in BASIS.items()
}


def form_set(name: str) -> FormSet:
    """The named rule set (TT03-2025 by default)."""
    return FORM_SETS.get(name, FORM_SETS[TT03])
