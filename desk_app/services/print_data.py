"""Turning recorded events into what the forms print (pure mapping, no queries)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.core.clock import to_local
from desk_app.printing.forms import control_sheet
from desk_app.services.timefmt import parse_iso

if TYPE_CHECKING:
    from desk_app.models import DossierEventRecord
    from desk_app.printing.forms.common import DossierPrint


def short_moment(value: datetime | str | None) -> str:
    """``20/11/2026 09:30`` for a moment (or its stored text), empty for none."""
    if not value:
        return ""
    moment = value if isinstance(value, datetime) else parse_iso(value)
    return f"{to_local(moment):%d/%m/%Y %H:%M}"


def handover_rows(
    events: list[DossierEventRecord], data: DossierPrint
) -> tuple[control_sheet.HandoverRow, ...]:
    """The control sheet's pre-filled rows, from the recorded handovers."""
    desk = data.agency.desk
    rows = []
    for e in events:
        detail = json.loads(e.payload)["data"]
        when = parse_iso(e.occurred_at)
        if e.action == "transfer":
            rows.append(control_sheet.HandoverRow(desk, detail.get("department", ""), when))
        elif e.action == "receive-back":
            rows.append(control_sheet.HandoverRow(detail.get("from_department") or "", desk, when))
        elif e.action == "return":
            rows.append(
                control_sheet.HandoverRow(desk, detail.get("collector", ""), when, note="Trả kết quả")
            )
    return tuple(rows)
