"""TT 03/2025 Mẫu 05: Thông báo dừng giải quyết hồ sơ — on its legal ground, signed by the unit's head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph, Spacer

from desk_app.printing import form_sets
from desk_app.printing.forms.common import (
    NO_SIGNER,
    DossierPrint,
    Signer,
    applicant_lines,
    closing_block,
    code_block,
    sentence,
    slip_serial,
)
from desk_app.printing.layout import (
    body_size,
    esc,
    frame_width,
    heading,
    reprint_mark,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class StopData:
    """The stopped dossier, when and why, on what ground, and who signs."""

    dossier: DossierPrint
    reason: str
    stopped_at: datetime | None
    ground: str = ""  # the legal ground (settings), one sentence without the final ";"
    signer: Signer = NO_SIGNER


def render(data: StopData, *, paper: str = "A5") -> bytes:
    """The notice."""
    d = data.dossier
    st = styles(body_size(paper))
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    ground = data.ground.strip().rstrip(";.")
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.STOP) or "Thông báo dừng giải quyết hồ sơ"), st.small),
        heading(d.agency, "TBDGQ", d.printed_at, st, width, slip_serial(d)),
        title(fs.titles[form_sets.STOP], st, width),
        *([Paragraph(f"<i>{esc(ground)};</i>", st.body)] if ground else []),
        Paragraph(f"{esc(d.agency.desk)} thông báo dừng giải quyết hồ sơ sau đây:", st.body),
        code_block(d, st, width, "Mã hồ sơ: "),
        *applicant_lines(d, st, "Hồ sơ của", desk_line=False),
        Paragraph(f"Thời gian nhận hồ sơ: {time_words(d.accepted_at or d.received_at)}", st.body),
        Paragraph(f"Thời gian dừng giải quyết: {time_words(data.stopped_at)}", st.body),
        Paragraph(f"Lý do dừng giải quyết: {esc(sentence(data.reason))}", st.body),
        Paragraph("Xin thông báo để Ông/Bà được biết./.", st.body),
        Spacer(1, 3),
        closing_block(st, width, ("Như trên;", "Lưu: VT."), data.signer),
    ]
    return build(
        story,
        paper,
        title=f"Thông báo dừng {d.code or d.slip_number}",
        author=d.agency.desk,
        subject=d.code or d.slip_number,
        marks=reprint_mark(d.reprint),
    )
