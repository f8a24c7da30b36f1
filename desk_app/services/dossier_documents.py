"""Each dossier document's renderer: which event of the history it prints and how (one function each)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.documents import DOCUMENTS
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Action
from desk_app.i18n import _
from desk_app.printing.forms import (
    apology,
    control_sheet,
    receipt,
    refusal,
    stop_notice,
    supplement_request,
)
from desk_app.printing.forms.common import NO_SIGNER, Signer
from desk_app.services.dossier_views import registered_return
from desk_app.services.print_data import handover_rows
from desk_app.services.timefmt import parse_iso

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desk_app.models import DossierEventRecord
    from desk_app.printing.forms.common import DossierPrint


@dataclass(frozen=True, slots=True)
class UnitTexts:
    """What the unit's settings add to its documents: contact, signers, the stop notice's ground."""

    phone: str = ""
    head: Signer = NO_SIGNER
    resolver_agency: str = ""
    resolver: Signer = NO_SIGNER
    stop_ground: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """What a dossier document is printed from."""

    data: DossierPrint
    events: Sequence[DossierEventRecord]  # the dossier's journal, oldest first
    paper: str
    unit: UnitTexts = UnitTexts()

    @property
    def phone(self) -> str:
        """The unit's contact number ("" when not set)."""
        return self.unit.phone

    def last(self, action: str) -> DossierEventRecord:
        """The newest event of ``action`` (the registry allowed the document, so there is one)."""
        return next(e for e in reversed(self.events) if e.action == action)


def render(document: str, source: Source) -> bytes:
    """The PDF of ``document``, or the registry's reason why this dossier has none."""
    spec = DOCUMENTS[document]
    if not spec.allowed((e.action for e in source.events), source.data.code is not None):
        raise InvalidInput(_(spec.unavailable))
    return _RENDERERS[document](replace(source, data=with_history(source.data, source.events)))


def with_history(data: DossierPrint, events: Sequence[DossierEventRecord]) -> DossierPrint:
    """What the journal adds to every document: the first due date, the return chosen at reception."""
    moved = next((e for e in events if e.action == Action.RESCHEDULE), None)
    original = json.loads(moved.payload)["data"].get("old_due_at") if moved is not None else None
    post_to = registered_return(events)
    return replace(
        data,
        original_due_at=parse_iso(original) if original else None,
        return_by_post=post_to is not None,
        return_address=post_to or "",
    )


def _numbered(s: Source, event: DossierEventRecord) -> DossierPrint:
    """The dossier with the number its decision gave the slip."""
    return replace(s.data, slip_number=json.loads(event.payload)["data"].get("document_number") or "")


def _contact(s: Source) -> str:
    """Who the citizen calls with a question: the officer, with the unit's number when it has one."""
    return f"{s.data.officer_name}, số điện thoại {s.phone}" if s.phone else s.data.officer_name


def _receipt(s: Source) -> bytes:
    return receipt.render(s.data, paper=s.paper)


def _control_sheet(s: Source) -> bytes:
    rows = handover_rows(list(s.events), s.data)
    return control_sheet.render(control_sheet.ControlSheetData(s.data, rows), paper=s.paper)


def _supplement(s: Source) -> bytes:
    request = s.last(Action.REQUEST_SUPPLEMENT)
    wanted = set(json.loads(request.payload)["data"].get("missing", []))
    missing = tuple(c for c in s.data.components if c.position in wanted)
    return supplement_request.render(
        supplement_request.SupplementData(_numbered(s, request), missing, request.note or "", _contact(s)),
        paper=s.paper,
    )


def _apology(s: Source) -> bytes:
    moved = s.last(Action.RESCHEDULE)
    info = json.loads(moved.payload)["data"]
    old = parse_iso(info["old_due_at"]) if info.get("old_due_at") else None
    data = apology.ApologyData(
        _numbered(s, moved),
        moved.note or "",
        old,
        parse_iso(info["new_due_at"]),
        s.unit.resolver_agency,
        s.unit.resolver,
    )
    return apology.render(data, paper=s.paper)


def _stop(s: Source) -> bytes:
    stopped = s.last(Action.STOP)
    data = stop_notice.StopData(
        _numbered(s, stopped),
        stopped.note or "",
        parse_iso(stopped.occurred_at),
        s.unit.stop_ground,
        s.unit.head,
    )
    return stop_notice.render(data, paper=s.paper)


def _refusal(s: Source) -> bytes:
    refused = s.last(Action.REFUSE)
    return refusal.render(
        refusal.RefusalData(_numbered(s, refused), refused.note or "", _contact(s)), paper=s.paper
    )


_RENDERERS: dict[str, Callable[[Source], bytes]] = {
    DocumentKind.RECEIPT: _receipt,
    DocumentKind.CONTROL_SHEET: _control_sheet,
    DocumentKind.SUPPLEMENT: _supplement,
    DocumentKind.APOLOGY: _apology,
    DocumentKind.STOP: _stop,
    DocumentKind.REFUSAL: _refusal,
}
