"""The register book, Biểu 06 and the officer's end-of-day summary, straight from the data.

Biểu 06 is aggregated in SQL (a million dossiers must answer within a second); its rules are
those of ``core.stats.classify``, and a test checks the two agree dossier by dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from desk_app.core.catalogue import Channel
from desk_app.core.errors import InvalidInput
from desk_app.core.stats import Bieu06Row, as_of, row_of
from desk_app.core.workflow import Action, DossierStatus
from desk_app.i18n import _
from desk_app.services.timefmt import parse_iso, parse_optional
from desk_app.services.uow import reading

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.clock import Clock
    from desk_app.models.db import Database

MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the Sổ theo dõi hồ sơ (Mẫu 06 / TT 03/2025 Mẫu 07)."""

    year: int
    number: int
    code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    department: str
    accepted_at: datetime
    due_at: datetime
    returned_at: datetime | None
    return_method: str
    status: DossierStatus


@dataclass(frozen=True, slots=True)
class RegisterHistory:
    """What the register's Ghi chú says of a line: read from the dossier's projected history."""

    original_due_at: datetime | None  # the appointment given at acceptance (or when completed)
    supplement_count: int
    closed_at: datetime | None  # stopped, refused, withdrawn or returned


@dataclass(frozen=True, slots=True)
class DayClose:
    """The officer's end-of-day figures."""

    day: str
    received: int
    supplement_requests: int
    refused: int
    handed_over: int
    received_back: int
    returned: int
    pending_sync: int


def check_period(start: date, end: date) -> None:
    """Refuse an empty or absurdly long period."""
    if end < start:
        raise InvalidInput(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
    if (end - start).days > MAX_PERIOD_DAYS:
        raise InvalidInput(_("Kỳ báo cáo dài quá 3 năm."))


# Statuses, actions and channels reach the SQL as bound parameters, from their enums.
CODES: dict[str, str | int] = {
    "withdrawn": int(DossierStatus.WITHDRAWN),
    "supplement_requested": int(DossierStatus.SUPPLEMENT_REQUESTED),
    "online": Channel.ONLINE.value,
    **{action.name.lower(): action.value for action in Action},
}

_BIEU06_FACTS = """
WITH facts AS (
  SELECT pv.field_name AS field, substr(d.accepted_at, 1, 10) AS acc, d.channel AS channel,
         substr(d.due_at, 1, 10) AS due, substr(d.finished_at, 1, 10) AS ended,
         CASE WHEN d.status = :withdrawn THEN substr(d.closed_at, 1, 10) END AS withdrawn,
         d.supplement_count AS supp, d.status AS status
  FROM dossiers d JOIN procedure_versions pv ON pv.id = d.procedure_version_id
  WHERE d.accepted_at < :end_next AND d.finished_at IS NULL
    AND NOT (d.status = :withdrawn AND d.closed_at < :start)
  UNION ALL
  SELECT pv.field_name, substr(d.accepted_at, 1, 10), d.channel, substr(d.due_at, 1, 10),
         substr(d.finished_at, 1, 10), NULL, d.supplement_count, d.status
  FROM dossiers d JOIN procedure_versions pv ON pv.id = d.procedure_version_id
  WHERE d.finished_at >= :start AND d.accepted_at < :end_next
), marked AS (
  SELECT field, acc >= :start AS new, channel = :online AS online,
         ended IS NOT NULL AND ended <= :end AS resolved,
         ended IS NOT NULL AND ended <= :end AND (supp > 1 OR ended > due) AS late,
         ended IS NOT NULL AND ended <= :end AND NOT (supp > 1 OR ended > due) AND ended < due AS early,
         ended IS NOT NULL AND ended <= :end AND NOT (supp > 1 OR ended > due) AND ended = due AS on_time,
         NOT (ended IS NOT NULL AND ended <= :end) AND withdrawn IS NOT NULL AND withdrawn <= :end AS wd,
         due >= :as_of OR status = :supplement_requested AS within_if_open
  FROM facts
)
SELECT field,
  SUM(new AND online), SUM(new AND NOT online), SUM(NOT new),
  SUM(early), SUM(on_time), SUM(late),
  SUM(NOT resolved AND NOT wd AND within_if_open), SUM(NOT resolved AND NOT wd AND NOT within_if_open),
  SUM(wd)
FROM marked GROUP BY field ORDER BY field
"""


class ReportService:
    """Register, statistics and the day's summary for this desk's database."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def today(self) -> date:
        """The desk's date (default period of the screens)."""
        return self._clock.now().date()

    def register(
        self, start: date, end: date, *, offset: int = 0, limit: int | None = None, status: int | None = None
    ) -> list[RegisterRow]:
        """Register rows of dossiers accepted in the period, by yearly number."""
        return [_register_row(r) for r in self._register_query(start, end, offset, limit, status)]

    def register_book(self, start: date, end: date) -> list[tuple[RegisterRow, RegisterHistory]]:
        """The register rows of the period with what their Ghi chú needs (the printed book)."""
        return [
            (
                _register_row(r),
                RegisterHistory(parse_optional(r[13]), int(r[14] or 0), parse_optional(r[15])),
            )
            for r in self._register_query(start, end, 0, None, None)
        ]

    def _register_query(
        self, start: date, end: date, offset: int, limit: int | None, status: int | None
    ) -> Sequence[Sequence[Any]]:
        check_period(start, end)
        # Page the narrow keys from the covering index first, then read the page's rows: sorting a
        # year of full rows took 1.1 s over a million dossiers, the keys take 20 ms.
        sql = """
          SELECT d.register_year, d.register_number, d.dossier_code, pv.name, d.applicant_name,
                 coalesce(d.applicant_address, ''), coalesce(d.applicant_phone, ''),
                 coalesce(d.department, ''),
                 d.accepted_at, d.due_at, d.returned_at, d.status,
                 (SELECT json_extract(e.payload, '$.data.return_method') FROM dossier_events e
                   WHERE e.dossier_id = d.dossier_id AND e.action = :return_result LIMIT 1),
                 d.original_due_at, d.supplement_count, d.closed_at
          FROM (SELECT register_year AS y, register_number AS n FROM dossiers
                WHERE accepted_at >= :start AND accepted_at < :end_next
                  AND (:status IS NULL OR status = :status)
                ORDER BY register_year, register_number
                LIMIT :limit OFFSET :offset) k
          JOIN dossiers d ON d.register_year = k.y AND d.register_number = k.n
          JOIN procedure_versions pv ON pv.id = d.procedure_version_id
          ORDER BY k.y, k.n"""
        params = {
            "start": start.isoformat(),
            "end_next": (end + timedelta(days=1)).isoformat(),
            "limit": -1 if limit is None else limit,
            "offset": offset,
            "status": status,
            **CODES,
        }
        with reading(self._db) as uow:
            return uow.session.execute(text(sql), params).all()

    def bieu06(self, start: date, end: date) -> list[Bieu06Row]:
        """Biểu 06 rows per field, then the total row (field name "Tổng cộng").

        Open dossiers are measured at :meth:`bieu06_as_of` (never against a period end still ahead).
        """
        check_period(start, end)
        params = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "as_of": self.bieu06_as_of(end).isoformat(),
            "end_next": (end + timedelta(days=1)).isoformat(),
            **CODES,
        }
        with reading(self._db) as uow:
            raw = uow.session.execute(text(_BIEU06_FACTS), params).all()
        rows = [row_of(r[0] or _("Khác"), [int(v or 0) for v in r[1:]]) for r in raw]
        totals = [sum(getattr(r, f) for r in rows) for f in _COUNT_FIELDS]
        rows.append(Bieu06Row("Tổng cộng", *totals))
        return rows

    def bieu06_as_of(self, end: date) -> date:
        """The day Biểu 06 measures open dossiers at: the period's end, or today when that is earlier."""
        return as_of(end, self._clock.now().date())

    def day_close(self, day: date | None = None) -> DayClose:
        """What the desk did on ``day`` (today by default), and what still waits to sync."""
        day = day or self._clock.now().date()
        sql = """
          SELECT
            SUM(action = :receive OR (action = :receive_supplement
                                   AND json_extract(payload, '$.data.dossier_code') IS NOT NULL)),
            SUM(action = :request_supplement), SUM(action = :refuse),
            SUM(action = :transfer), SUM(action = :receive_back), SUM(action = :return_result)
          FROM dossier_events WHERE occurred_at >= :day AND occurred_at < :next"""
        params = {"day": day.isoformat(), "next": (day + timedelta(days=1)).isoformat(), **CODES}
        with reading(self._db) as uow:
            counts = uow.session.execute(text(sql), params).one()
            pending = uow.session.execute(
                text("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL")
            ).scalar_one()
        received, supplements, refused, handed, back, returned = (int(v or 0) for v in counts)
        return DayClose(day.isoformat(), received, supplements, refused, handed, back, returned, int(pending))


_COUNT_FIELDS = [f for f in Bieu06Row.__dataclass_fields__ if f != "field_name"]
_RETURN_METHODS = {"post": "bưu chính", "desk": "tại bộ phận"}


def _register_row(r: Sequence[Any]) -> RegisterRow:
    return RegisterRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        parse_iso(r[8]),
        parse_iso(r[9]),
        parse_optional(r[10]),
        _RETURN_METHODS.get(r[12] or "", ""),
        DossierStatus(r[11]),
    )
