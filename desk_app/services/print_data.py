"""Turning recorded events into what the forms print (pure mapping, no queries)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.core.clock import to_local
from desk_app.core.timeliness import timeliness
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
    """The control sheet's pre-filled rows, from the recorded handovers.

    The result column is filled where the form asks the receiving side to: when the resolving body
    hands the result back, and when the result is returned (a postal return goes to the post, not to
    the citizen). A reschedule is noted on the row of the handover it followed.
    """
    desk = data.agency.desk
    rows: list[control_sheet.HandoverRow] = []
    for e in events:
        detail = json.loads(e.payload)["data"]
        when = parse_iso(e.occurred_at)
        if e.action == "transfer":
            rows.append(control_sheet.HandoverRow(desk, detail.get("department", ""), when))
        elif e.action == "receive-back":
            giver = detail.get("from_department") or ""
            rows.append(control_sheet.HandoverRow(giver, desk, when, _result(when, data)))
        elif e.action == "return":
            rows.append(_return_row(desk, detail, when, data))
        elif e.action == "reschedule" and rows:
            moved = f"Hẹn lại: {short_moment(detail.get('new_due_at'))}"
            rows[-1] = replace(rows[-1], note=f"{rows[-1].note}; {moved}".lstrip("; "))
    return tuple(rows)


def _result(when: datetime, data: DossierPrint) -> str:
    if data.due_at is None:
        return ""
    return timeliness(to_local(when).date(), to_local(data.due_at).date())


def _return_row(
    desk: str, detail: dict[str, str], when: datetime, data: DossierPrint
) -> control_sheet.HandoverRow:
    if detail.get("return_method") == "post":
        return control_sheet.HandoverRow(
            desk, "Dịch vụ bưu chính công ích", when, _result(when, data), note="Trả kết quả qua bưu chính"
        )
    return control_sheet.HandoverRow(
        desk, detail.get("collector", ""), when, _result(when, data), note="Trả kết quả"
    )
