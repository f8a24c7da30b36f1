"""The officer's end-of-day summary (not an official form; the same layout code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing.layout import Agency, esc, frame_width, grid, signatures, styles, title
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import date


@dataclass(frozen=True, slots=True)
class DayCloseData:
    """The day's figures."""

    agency: Agency
    day: date
    officer: str
    figures: tuple[tuple[str, int], ...]


def render(data: DayCloseData, *, paper: str = "A4") -> bytes:
    """A one-page summary."""
    st = styles(12)
    width = frame_width(paper)
    rows: list[list[object]] = [
        [Paragraph("<b>Nội dung</b>", st.cell_bold), Paragraph("<b>Số lượng</b>", st.cell_bold)]
    ]
    rows += [
        [Paragraph(esc(label), st.cell), Paragraph(str(value), st.cell_center)]
        for label, value in data.figures
    ]
    story: list[Flowable] = [
        Paragraph(esc(data.agency.parent.upper()), st.body),
        Paragraph(f"<b>{esc(data.agency.desk.upper())}</b>", st.body),
        title("TỔNG KẾT CUỐI NGÀY", st, width),
        Paragraph(f"Ngày {data.day:%d/%m/%Y} — cán bộ: {esc(data.officer)}", st.center),
        grid(rows, [width * 0.75, width * 0.25]),
        signatures(("CÁN BỘ TIẾP NHẬN",), st, width, (data.officer,)),
    ]
    return build(
        story,
        paper,
        title=f"Tổng kết ngày {data.day:%d/%m/%Y}",
        author=data.agency.desk,
        subject=f"{data.day:%d/%m/%Y}",
    )
