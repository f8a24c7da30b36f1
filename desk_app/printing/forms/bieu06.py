"""Biểu số 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC (TT 01/2020/TT-VPCP), A4 landscape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table

from desk_app.printing.layout import Agency, esc, frame_width, styles, table_style
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import date

    from desk_app.core.stats import Bieu06Row

TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"


@dataclass(frozen=True, slots=True)
class Bieu06Data:
    """The report's rows (per field, then the total) and its period."""

    agency: Agency
    start: date
    end: date
    rows: tuple[Bieu06Row, ...]


def render(data: Bieu06Data, *, paper: str = "A4-landscape") -> bytes:
    """The statistics table with its two header rows."""
    st = styles(10)
    width = frame_width(paper)

    def h(text: str) -> Paragraph:
        return Paragraph(f"<b>{text}</b>", st.cell_bold)

    header1 = [
        h("STT"),
        h("Lĩnh vực, công việc giải quyết theo cấp"),
        h("Số hồ sơ nhận giải quyết"),
        "",
        "",
        "",
        h("Số hồ sơ đã giải quyết"),
        "",
        "",
        "",
        h("Số hồ sơ đang giải quyết"),
        "",
        "",
        h("Rút hồ sơ"),
    ]
    header2 = [
        "",
        "",
        h("Tổng số"),
        h("Trực tuyến"),
        h("Trực tiếp, dịch vụ bưu chính"),
        h("Từ kỳ trước"),
        h("Tổng số"),
        h("Trước hạn"),
        h("Đúng hạn"),
        h("Quá hạn"),
        h("Tổng số"),
        h("Trong hạn"),
        h("Quá hạn"),
        "",
    ]
    numbers = [Paragraph(f"({i})", st.cell_center) for i in range(1, 15)]
    rows: list[list[object]] = [header1, header2, numbers]
    for n, r in enumerate(data.rows, start=1):
        total = r.field_name == "Tổng cộng"
        label = Paragraph(f"<b>{esc(r.field_name)}</b>" if total else esc(r.field_name), st.cell)
        values = (
            r.received_total,
            r.received_online,
            r.received_direct_postal,
            r.carried_over,
            r.resolved_total,
            r.early,
            r.on_time,
            r.late,
            r.in_progress_total,
            r.within_time,
            r.overdue,
            r.withdrawn,
        )
        rows.append(
            [
                Paragraph("" if total else str(n), st.cell_center),
                label,
                *[Paragraph(str(v), st.cell_center) for v in values],
            ]
        )
    first = 0.05
    second = 0.23
    rest = (1 - first - second) / 12
    table = Table(rows, colWidths=[width * first, width * second] + [width * rest] * 12, repeatRows=3)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (5, 0)),
                ("SPAN", (6, 0), (9, 0)),
                ("SPAN", (10, 0), (12, 0)),
                ("SPAN", (13, 0), (13, 1)),
            ]
        )
    )
    story: list[Flowable] = [
        Paragraph("Biểu số 06/VPCP/KSTT – Thông tư số 01/2020/TT-VPCP", st.small),
        Paragraph(esc(data.agency.parent.upper()), st.body),
        Paragraph(f"<b>{esc(data.agency.desk.upper())}</b>", st.body),
        Paragraph(TITLE, st.title),
        Paragraph(f"(Từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y})", st.italic_center),
        Paragraph("Đơn vị tính: Số hồ sơ TTHC", st.italic_right),
        table,
    ]
    return build(
        story,
        paper,
        title="Biểu 06",
        author=data.agency.desk,
        subject=f"{data.start:%d/%m/%Y}–{data.end:%d/%m/%Y}",
        page_numbers=True,
    )
