"""The national portal's dossier records ("DongBoHoSoMC", domain.md §4.2) for a period."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from central.models import DossierRecord, DossierStepRecord
from desk_app.core.catalogue import Channel
from desk_app.core.workflow import DossierStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def portal_time(moment: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh ("" when absent)."""
    return "" if moment is None else moment.astimezone(VN).strftime("%Y%m%d%H%M%S")


class ExportService:
    """``desk-central export dvcqg --from --to``."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def dvcqg(self, start: date, end: date) -> list[dict[str, Any]]:
        """Dossiers received in [start, end] (Vietnam dates), each with its progress records."""
        lower = datetime(start.year, start.month, start.day, tzinfo=VN)
        upper = datetime(end.year, end.month, end.day, tzinfo=VN) + timedelta(days=1)
        with self._sessions() as session:
            dossiers = session.scalars(
                select(DossierRecord)
                .where(DossierRecord.received_at >= lower, DossierRecord.received_at < upper)
                .order_by(DossierRecord.received_at, DossierRecord.dossier_code)
            ).all()
            steps: dict[str, list[DossierStepRecord]] = {}
            ids = [d.dossier_id for d in dossiers]
            if ids:
                for step in session.scalars(
                    select(DossierStepRecord)
                    .where(DossierStepRecord.dossier_id.in_(ids))
                    .order_by(DossierStepRecord.server_seq)
                ):
                    steps.setdefault(step.dossier_id, []).append(step)
            return [self._record(d, steps.get(d.dossier_id, [])) for d in dossiers]

    @staticmethod
    def _record(d: DossierRecord, steps: list[DossierStepRecord]) -> dict[str, Any]:
        refused = next((s for s in steps if s.to_status == DossierStatus.REFUSED), None)
        supplement = next((s for s in steps if s.to_status == DossierStatus.SUPPLEMENT_REQUESTED), None)
        return {
            "MaHoSo": d.dossier_code or "",
            "MaTTHC": d.procedure_code,
            "KenhThucHien": Channel(d.channel).portal_code,
            "ChuHoSo": d.applicant_name,
            "SoGiayToChuHoSo": d.applicant_id_number or "",
            "NgayTiepNhan": portal_time(d.received_at),
            "NgayHenTra": portal_time(d.due_at),
            "TrangThaiHoSo": d.status,
            "NgayTra": portal_time(d.returned_at),
            "NgayKetThucXuLy": portal_time(d.finished_at),
            "NgayTuChoi": portal_time(refused.occurred_at) if refused else "",
            "NgayYeuCauBoSung": portal_time(supplement.occurred_at) if supplement else "",
            "TienDo": [
                {
                    "MaHoSo": d.dossier_code or "",
                    "NguoiXuLy": s.source,
                    "ThoiDiemXuLy": portal_time(s.occurred_at),
                    "NoiDungXuLy": s.action + (f": {s.note}" if s.note else ""),
                    "TrangThai": s.to_status,
                }
                for s in steps
            ],
        }
