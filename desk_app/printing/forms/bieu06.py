"""Biểu số 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC (TT 01/2020/TT-VPCP), A4 landscape.

The published columns only (domain.md §4.5), in the header layout of the Thanh Hóa export
(``XuatBaoCaoTongHop06CacCap.tsx``): "Trong đó" over Trực tuyến and Trực tiếp, dịch vụ bưu chính.
Withdrawn dossiers have no column of their own: the note under the table counts them and says where
they are counted (in the received columns, in neither the resolved nor the in-progress ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desk_app.printing.layout import Agency, date_words, esc, grid, side_by_side, styles
from desk_app.printing.report_page import (
    HeaderCell,
    build,
    column_numbers,
    frame_width,
    header_rows,
    signature_pair,
    spans,
)

if TYPE_CHECKING:
    from datetime import date, datetime

    from desk_app.core.stats import Bieu06Row
    from desk_app.printing.layout import Styles

FORM = "Biểu số 06/VPCP/KSTT"
BASIS = "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
UNIT_OF_COUNT = "Đơn vị tính: Số hồ sơ TTHC"
TOTAL = "Tổng cộng"
PREPARER = "NGƯỜI LẬP BIỂU"
HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
SIGN_HINT = "(Ký, ghi rõ họ tên)"

HEADER = (
    HeaderCell("STT", 0, 0, rows=3),
    HeaderCell("Lĩnh vực, công việc giải quyết theo cấp", 0, 1, rows=3),
    HeaderCell("Số hồ sơ nhận giải quyết", 0, 2, cols=4),
    HeaderCell("Số hồ sơ đã giải quyết", 0, 6, cols=4),
    HeaderCell("Số hồ sơ đang giải quyết", 0, 10, cols=3),
    HeaderCell("Tổng số", 1, 2, rows=2),
    HeaderCell("Trong đó", 1, 3, cols=2),
    HeaderCell("Từ kỳ trước", 1, 5, rows=2),
    HeaderCell("Tổng số", 1, 6, rows=2),
    HeaderCell("Trước hạn", 1, 7, rows=2),
    HeaderCell("Đúng hạn", 1, 8, rows=2),
    HeaderCell("Quá hạn", 1, 9, rows=2),
    HeaderCell("Tổng số", 1, 10, rows=2),
    HeaderCell("Trong hạn", 1, 11, rows=2),
    HeaderCell("Quá hạn", 1, 12, rows=2),
    HeaderCell("Trực tuyến", 2, 3),
    HeaderCell("Trực tiếp, dịch vụ bưu chính", 2, 4),
)
COLUMNS = 13
HEADER_ROWS = 4  # three header rows and the column numbers
# The figures of a row, columns (3) to (13).
FIGURES = (
    "received_total",
    "received_online",
    "received_direct_postal",
    "carried_over",
    "resolved_total",
    "early",
    "on_time",
    "late",
    "in_progress_total",
    "within_time",
    "overdue",
)


@dataclass(frozen=True, slots=True)
class Bieu06Data:
    """The report's rows (per field, then the total "Tổng cộng") and its period.

    ``as_of``: the day open dossiers were measured at (the earlier of the period's end and the day
    the report was made); ``signed_at`` the date line; ``preparer`` and ``head`` the names under the
    signatures (blank when unknown).
    """

    agency: Agency
    start: date
    end: date
    rows: tuple[Bieu06Row, ...]
    signed_at: datetime | None = None
    as_of: date | None = None
    preparer: str = ""
    head: str = ""


def figures(row: Bieu06Row) -> list[int]:
    """Columns (3) to (13) of a row."""
    return [int(getattr(row, name)) for name in FIGURES]


def period_line(data: Bieu06Data) -> str:
    """The period line "(Từ ngày … đến ngày …)"."""
    return f"(Từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y})"


def date_line(data: Bieu06Data) -> str:
    """The date line "<place>, ngày … tháng … năm …" above the head's signature."""
    return f"{data.agency.place or '……'}, {date_words(data.signed_at)}"


def notes(data: Bieu06Data) -> list[str]:
    """The note under the table: withdrawn dossiers, and the day open ones were measured at."""
    fields = [r for r in data.rows if r.field_name != TOTAL]
    withdrawn = sum(r.withdrawn for r in fields)
    if withdrawn:
        by_field = "; ".join(f"{r.field_name}: {r.withdrawn}" for r in fields if r.withdrawn)
        lines = [
            f"Ghi chú: Trong kỳ có {withdrawn} hồ sơ do cá nhân, tổ chức rút ({by_field}). Hồ sơ rút được "
            "tính vào số hồ sơ nhận giải quyết (cột 3), không tính vào số hồ sơ đã giải quyết (cột 7) và "
            "số hồ sơ đang giải quyết (cột 11); vì vậy cột (3) = cột (7) + cột (11) + số hồ sơ rút."
        ]
    else:
        lines = [
            "Ghi chú: Trong kỳ không có hồ sơ nào do cá nhân, tổ chức rút; cột (3) = cột (7) + cột (11)."
        ]
    if data.as_of is not None and data.as_of < data.end:
        lines.append(
            f"Số hồ sơ đang giải quyết (cột 11, 12, 13) tính đến ngày {data.as_of:%d/%m/%Y}, "
            "ngày lập biểu (trước ngày cuối kỳ)."
        )
    return lines


def _heading(data: Bieu06Data, st: Styles, width: float) -> Flowable:
    left = [Paragraph(f"<b>{FORM}</b>", st.body), Paragraph(BASIS, st.small)]
    # Broken where the title's two phrases meet, never inside "CƠ QUAN".
    heading = esc(TITLE).replace(" TẠI ", "<br/>TẠI ", 1)
    centre = [Paragraph(heading, st.title), Paragraph(period_line(data), st.italic_center)]
    right = [
        Paragraph("Đơn vị báo cáo:", st.center),
        Paragraph(esc(data.agency.parent.upper()), st.center),
        Paragraph(f"<b>{esc(data.agency.desk.upper())}</b>", st.center),
    ]
    return side_by_side([[left, centre, right]], [width * 0.22, width * 0.5, width * 0.28])


def table(data: Bieu06Data, st: Styles, width: float) -> Table:
    """Grouped header, column numbers, one row per field, the total last; the header repeats."""

    def bold(text: str) -> Paragraph:
        return Paragraph(f"<b>{esc(text)}</b>", st.cell_bold)

    rows = header_rows(HEADER, COLUMNS, bold)
    rows.append([Paragraph(n, st.cell_center) for n in column_numbers(COLUMNS)])
    number = 0
    for r in data.rows:
        total = r.field_name == TOTAL
        number += 0 if total else 1
        cells = [str(v) for v in figures(r)]
        rows.append(
            [
                Paragraph("" if total else str(number), st.cell_center),
                Paragraph(f"<b>{esc(r.field_name)}</b>" if total else esc(r.field_name), st.cell),
                *[bold(v) if total else Paragraph(v, st.cell_center) for v in cells],
            ]
        )
    first, second = 0.045, 0.215
    rest = (1 - first - second) / (COLUMNS - 2)
    return grid(
        rows,
        [width * first, width * second] + [width * rest] * (COLUMNS - 2),
        header_rows=HEADER_ROWS,
        extra=[*spans(HEADER), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
    )


def render(data: Bieu06Data, *, paper: str = "A4-landscape") -> bytes:
    """The report: heading, the table, the note, the date line and the two signatures."""
    st = styles(10, spacing=1.25)
    width = frame_width(paper)
    closing = [
        *[Paragraph(esc(line), st.small) for line in notes(data)],
        Spacer(1, 4),
        signature_pair(
            (PREPARER, SIGN_HINT, data.preparer), (HEAD, SIGN_HINT, data.head), date_line(data), st, width
        ),
    ]
    story: list[Flowable] = [
        _heading(data, st, width),
        Paragraph(UNIT_OF_COUNT, st.italic_right),
        table(data, st, width),
        Spacer(1, 4),
        KeepTogether(closing),
    ]
    pdf, _pages = build(
        story,
        paper=paper,
        title="Biểu số 06/VPCP/KSTT",
        author=data.agency.desk,
        subject=f"{data.start:%d/%m/%Y}–{data.end:%d/%m/%Y}",
    )
    return pdf
