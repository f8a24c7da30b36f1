"""The register book and Biểu 06 as XLSX, with the same columns as the PDFs."""

from __future__ import annotations

from dataclasses import astuple
from io import BytesIO
from typing import TYPE_CHECKING

from desk_app.printing.forms.bieu06 import TITLE
from desk_app.printing.forms.register_book import COLUMNS, RegisterData

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.stats import Bieu06Row

BIEU06_COLUMNS = (
    "Lĩnh vực",
    "Nhận: tổng số",
    "Nhận: trực tuyến",
    "Nhận: trực tiếp, dịch vụ bưu chính",
    "Nhận: từ kỳ trước",
    "Đã giải quyết: tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang giải quyết: tổng số",
    "Trong hạn",
    "Quá hạn (đang giải quyết)",
    "Rút hồ sơ",
)


def _book(title: str, header: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> bytes:
    from openpyxl import Workbook  # imported lazily: only exports need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register_xlsx(data: RegisterData) -> bytes:
    """The register book's rows."""
    rows = [
        (
            line.number,
            line.code,
            line.procedure_name,
            line.applicant_name,
            line.address_phone,
            line.department,
            line.received,
            line.due,
            line.returned,
            line.method,
            "",
        )
        for line in data.lines
    ]
    return _book(f"Sổ theo dõi hồ sơ {data.year}", COLUMNS, rows)


def bieu06_xlsx(rows: tuple[Bieu06Row, ...]) -> bytes:
    """Biểu 06's rows, totals last."""
    return (
        _book("Biểu 06", BIEU06_COLUMNS, [astuple(r) for r in rows])
        if rows
        else _book(TITLE, BIEU06_COLUMNS, [])
    )
