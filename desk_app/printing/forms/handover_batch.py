"""The handover batch slip: the dossier codes of one batch with their barcodes, in numbered copies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, PageBreak, Paragraph

from desk_app.printing.barcodes import Code128Flowable
from desk_app.printing.layout import (
    Agency,
    body_size,
    esc,
    frame_width,
    grid,
    heading,
    signatures,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import render as build
from desk_app.printing.running import Parts, PartStart

if TYPE_CHECKING:
    from datetime import datetime


CELL_PADDING = 6  # points: the grid's left and right cell padding


@dataclass(frozen=True, slots=True)
class BatchLine:
    """One dossier of the batch."""

    code: str
    applicant_name: str
    procedure_name: str


@dataclass(frozen=True, slots=True)
class HandoverBatchData:
    """A batch: its number, direction, the other side, and the dossiers."""

    agency: Agency
    label: str  # BG-2026-0001
    back: bool  # received back from the department
    department: str
    at: datetime
    lines: tuple[BatchLine, ...]
    copies: int = 2
    handed_by: str = (
        ""  # the desk's officer who made the batch (full name): giver, or receiver of a batch back
    )


def _copy(data: HandoverBatchData, paper: str, number: int) -> list[Flowable]:
    st = styles(body_size(paper))
    width = frame_width(paper)
    giver, receiver = (
        (data.department, data.agency.desk) if data.back else (data.agency.desk, data.department)
    )
    rows: list[list[object]] = [[Paragraph(f"<b>{t}</b>", st.cell_bold) for t in ("TT", "Mã hồ sơ", "Hồ sơ")]]
    widths = [width * 0.06, width * 0.66, width * 0.28]
    for n, line in enumerate(data.lines, start=1):
        bars = Code128Flowable(line.code, height_mm=7)
        about = Paragraph(
            f"<b>{esc(line.code)}</b><br/>{esc(line.applicant_name)}<br/><i>{esc(line.procedure_name)}</i>",
            st.cell,
        )
        if bars.width + CELL_PADDING <= widths[1]:
            rows.append([Paragraph(str(n), st.cell_center), bars, about])
        else:  # A5: the code needs the whole line, the dossier goes on the line above
            rows += [[Paragraph(str(n), st.cell_center), about, ""], ["", bars, ""]]
    spans: list[tuple[object, ...]] = [("SPAN", (1, r), (2, r)) for r, row in enumerate(rows) if row[2] == ""]
    return [
        heading(data.agency, "", data.at, st, width, data.label),
        title("PHIẾU BÀN GIAO HỒ SƠ", st, width),
        Paragraph(f"Bản số {number}/{data.copies}", st.center),
        Paragraph(f"Bên giao: {esc(giver)}", st.body),
        Paragraph(f"Bên nhận: {esc(receiver)}", st.body),
        Paragraph(f"Thời gian: {time_words(data.at)}; số hồ sơ: {len(data.lines)}", st.body),
        grid(rows, widths, extra=spans),
        signatures(
            ("BÊN GIAO", "BÊN NHẬN"), st, width, ("", data.handed_by) if data.back else (data.handed_by, "")
        ),
    ]


def render(data: HandoverBatchData, *, paper: str = "A4") -> bytes:
    """Every numbered copy, each on its own pages."""
    parts = Parts()
    story: list[Flowable] = []
    for number in range(1, data.copies + 1):
        if story:
            story.append(PageBreak())
        story.append(PartStart(parts, f"Phiếu bàn giao {data.label} – Bản số {number}/{data.copies}"))
        story += _copy(data, paper, number)
    return build(
        story,
        paper,
        title=f"Phiếu bàn giao {data.label}",
        author=data.agency.desk,
        subject=data.label,
        parts=parts,
    )
