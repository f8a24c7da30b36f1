"""Each dossier document's renderer: which event of the history it prints and how (one function each)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.core.documents import DOCUMENTS
from desk_app.core.errors import InvalidInput
from desk_app.core.events import DocumentKind
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
from desk_app.services.print_data import handover_rows
from desk_app.services.timefmt import parse_iso

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desk_app.models import DossierEventRecord
    from desk_app.printing.forms.common import DossierPrint


@dataclass(frozen=True, slots=True)
class Source:
    """What a dossier document is printed from."""

    data: DossierPrint
    events: Sequence[DossierEventRecord]  # the dossier's journal, oldest first
    paper: str
    phone: str  # the unit's contact number ("" when not set)

    def last(self, action: str) -> DossierEventRecord:
        """The newest event of ``action`` (the registry allowed the document, so there is one)."""
        return next(e for e in reversed(self.events) if e.action == action)


def render(document: str, source: Source) -> bytes:
    """The PDF of ``document``, or the registry's reason why this dossier has none."""
    spec = DOCUMENTS[document]
    if not spec.allowed((e.action for e in source.events), source.data.code is not None):
        raise InvalidInput(_(spec.unavailable))
    return _RENDERERS[document](source)


def _receipt(s: Source) -> bytes:
    return receipt.render(s.data, paper=s.paper)


def _control_sheet(s: Source) -> bytes:
    rows = handover_rows(list(s.events), s.data)
    return control_sheet.render(control_sheet.ControlSheetData(s.data, rows), paper=s.paper)


def _supplement(s: Source) -> bytes:
    request = s.last(Action.REQUEST_SUPPLEMENT)
    wanted = set(json.loads(request.payload)["data"].get("missing", []))
    missing = tuple(c for c in s.data.components if c.position in wanted)
    contact = f"{s.data.officer_name}, số điện thoại {s.phone}" if s.phone else s.data.officer_name
    return supplement_request.render(
        supplement_request.SupplementData(s.data, missing, request.note or "", contact), paper=s.paper
    )


def _apology(s: Source) -> bytes:
    moved = s.last(Action.RESCHEDULE)
    info = json.loads(moved.payload)["data"]
    old = parse_iso(info["old_due_at"]) if info.get("old_due_at") else None
    data = apology.ApologyData(s.data, moved.note or "", old, parse_iso(info["new_due_at"]))
    return apology.render(data, paper=s.paper)


def _stop(s: Source) -> bytes:
    stopped = s.last(Action.STOP)
    data = stop_notice.StopData(s.data, stopped.note or "", parse_iso(stopped.occurred_at))
    return stop_notice.render(data, paper=s.paper)


def _refusal(s: Source) -> bytes:
    refused = s.last(Action.REFUSE)
    return refusal.render(refusal.RefusalData(s.data, refused.note or "", s.phone), paper=s.paper)


_RENDERERS: dict[str, Callable[[Source], bytes]] = {
    DocumentKind.RECEIPT: _receipt,
    DocumentKind.CONTROL_SHEET: _control_sheet,
    DocumentKind.SUPPLEMENT: _supplement,
    DocumentKind.APOLOGY: _apology,
    DocumentKind.STOP: _stop,
    DocumentKind.REFUSAL: _refusal,
}
