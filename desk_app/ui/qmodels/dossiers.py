"""Table models over dossier DTOs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.i18n import _
from desk_app.ui.qmodels.table import CODE_SAMPLE, Column, DtoTableModel
from desk_app.ui.timefmt import show_time

if TYPE_CHECKING:
    from desk_app.services.dto import DossierSummary


def dossier_columns() -> list[Column[DossierSummary]]:
    """Code, status, procedure, applicant, received, due."""
    return [
        Column(_("Mã hồ sơ"), lambda d: d.code or _("(chưa cấp mã)"), fits=CODE_SAMPLE),
        Column(_("Trạng thái"), lambda d: d.status_label),
        Column(_("Thủ tục"), lambda d: d.procedure_name, tooltip=lambda d: d.procedure_name),
        Column(_("Người nộp"), lambda d: d.applicant_name),
        Column(_("Nhận lúc"), lambda d: show_time(d.received_at)),
        Column(_("Hẹn trả"), lambda d: show_time(d.due_at)),
    ]


class DossierTableModel(DtoTableModel["DossierSummary"]):
    """Lookup results and queues."""

    def __init__(self) -> None:
        super().__init__(dossier_columns())
