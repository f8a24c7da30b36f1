"""The data of the period documents: the register book (Mẫu 07) and Biểu 06, from the reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.printing.forms import bieu06, register_book
from desk_app.services.print_data import short_moment

if TYPE_CHECKING:
    from datetime import date, datetime

    from desk_app.printing.layout import Agency
    from desk_app.services.reports import RegisterHistory, RegisterRow, ReportService


def _day(moment: datetime | None) -> str:
    """``20/11/2026`` (the date part of :func:`short_moment`)."""
    return short_moment(moment)[:10]


def register_line(row: RegisterRow, history: RegisterHistory) -> register_book.RegisterLine:
    """One printed line: the appointment given at acceptance, and the Ghi chú of its history."""
    original = history.original_due_at or row.due_at
    return register_book.RegisterLine(
        row.number,
        row.code,
        row.procedure_name,
        row.applicant_name,
        ", ".join(v for v in (row.applicant_address, row.applicant_phone) if v),
        row.department,
        short_moment(row.accepted_at),
        short_moment(original),
        short_moment(row.returned_at),
        row.return_method,
        register_book.register_note(
            status=row.status,
            closed_on=_day(history.closed_at),
            due=short_moment(row.due_at),
            original_due=short_moment(original),
            supplements=history.supplement_count,
        ),
    )


def register_data(
    reports: ReportService, agency: Agency, rule_set: str, start: date, end: date
) -> register_book.RegisterData:
    """The register book of a period (dossiers accepted in it, by yearly number)."""
    lines = tuple(register_line(row, history) for row, history in reports.register_book(start, end))
    return register_book.RegisterData(agency, rule_set, start, end, start.year, lines)


def bieu06_data(
    reports: ReportService, agency: Agency, start: date, end: date, now: datetime, *, head: str = ""
) -> bieu06.Bieu06Data:
    """Biểu 06 of a period, dated ``now``.

    ``head``: the unit head's name (setting ``signer.head.name``); the preparer's name is left blank
    for whoever prepares it to write in (no setting names them).
    """
    return bieu06.Bieu06Data(
        agency,
        start,
        end,
        tuple(reports.bieu06(start, end)),
        signed_at=now,
        as_of=reports.bieu06_as_of(end),
        head=head,
    )
