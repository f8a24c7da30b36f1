"""Mẫu 06 (TT 03/2025; Mẫu 05 of TT 01/2018): Phiếu kiểm soát quá trình giải quyết hồ sơ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing import form_sets
from desk_app.printing.forms.common import DossierPrint, beside_qr, code_block, due_words
from desk_app.printing.layout import (
    body_size,
    esc,
    frame_width,
    grid,
    heading,
    reprint_mark,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import render as build
from desk_app.printing.running import Parts, PartStart

if TYPE_CHECKING:
    from datetime import datetime

EMPTY_ROWS = 4


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One recorded handover: who gave, who received, when, and the result so far."""

    giver: str
    receiver: str
    at: datetime | None
    result: str = ""  # Trước hạn / Đúng hạn / Quá hạn, filled at handover
    note: str = ""


@dataclass(frozen=True, slots=True)
class ControlSheetData:
    """The dossier and its recorded handovers; empty rows follow for the ones to come."""

    dossier: DossierPrint
    handovers: tuple[HandoverRow, ...]
    coordinating: str = ""


def render(data: ControlSheetData, *, paper: str = "A5") -> bytes:
    """The control sheet, with the handover table."""
    d = data.dossier
    st = styles(body_size(paper))
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    header = [
        Paragraph(f"<b>{t}</b>", st.cell_bold)
        for t in (
            "TÊN CƠ QUAN",
            "THỜI GIAN GIAO, NHẬN HỒ SƠ",
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
            "GHI CHÚ",
        )
    ]
    rows: list[list[object]] = [header]
    for n, h in enumerate([*data.handovers, *[HandoverRow("", "", None)] * EMPTY_ROWS], start=1):
        rows.append(
            [
                Paragraph(f"{n}. Giao: {esc(h.giver) or '……'}<br/>Nhận: {esc(h.receiver) or '……'}", st.cell),
                Paragraph(
                    f"{time_words(h.at)}<br/><br/>Người giao &nbsp;&nbsp;&nbsp;&nbsp; Người nhận<br/>"
                    "(Ký) &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; (Ký)<br/><br/>",
                    st.cell,
                ),
                Paragraph(esc(h.result), st.cell_center),
                Paragraph(esc(h.note), st.cell),
            ]
        )
    parts = Parts()
    story: list[Flowable] = [
        PartStart(parts, f"Phiếu kiểm soát – Mã hồ sơ {d.code}"),
        Paragraph(esc(fs.caption(form_sets.CONTROL_SHEET)), st.small),
        heading(d.agency, "", d.accepted_at, st, width),
        title(fs.titles[form_sets.CONTROL_SHEET], st, width),
        Paragraph(f"Quyển số: {d.register_year or '……'}, Số thứ tự: {d.register_number or '……'}", st.center),
        code_block(d, st, width),
        *beside_qr(
            d,
            [
                Paragraph(f"Kèm theo hồ sơ của: <b>{esc(d.applicant_name)}</b>", st.body),
                Paragraph(f"Mã hồ sơ: <b>{esc(d.code or d.ref)}</b>", st.body),
                Paragraph(f"Nội dung: {esc(d.procedure_name)}", st.body),
                Paragraph(f"Ngày nhận: {time_words(d.accepted_at)}", st.body),
                Paragraph(f"Ngày, giờ hẹn trả kết quả: {due_words(d)}", st.body),
            ],
            width,
        ),
        Paragraph(f"Cơ quan (bộ phận) giải quyết hồ sơ: {esc(d.department) or '……'}", st.body),
        Paragraph(f"Cơ quan phối hợp giải quyết hồ sơ: {esc(data.coordinating) or '……'}", st.body),
        grid(rows, [width * 0.30, width * 0.34, width * 0.20, width * 0.16]),
    ]
    return build(
        story,
        paper,
        title=f"Phiếu kiểm soát {d.code}",
        author=d.agency.desk,
        subject=d.code or "",
        marks=reprint_mark(d.reprint),
        parts=parts,
    )
