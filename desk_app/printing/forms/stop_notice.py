"""TT 03/2025 Mẫu 05: Thông báo dừng giải quyết hồ sơ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing import form_sets
from desk_app.printing.forms.common import DossierPrint, applicant_lines
from desk_app.printing.layout import (
    esc,
    frame_width,
    heading,
    reprint_mark,
    signatures,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class StopData:
    """The stopped dossier, when and why."""

    dossier: DossierPrint
    reason: str
    stopped_at: datetime | None


def render(data: StopData, *, paper: str = "A5") -> bytes:
    """The notice."""
    d = data.dossier
    st = styles(9.5 if paper == "A5" else 12)
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.STOP) or "Thông báo dừng giải quyết hồ sơ"), st.small),
        heading(d.agency, "TB", d.printed_at, st, width),
        title(fs.titles[form_sets.STOP], st, width),
        Paragraph(f"Mã hồ sơ: <b>{esc(d.code or d.ref)}</b>", st.center),
        *applicant_lines(d, st, "Hồ sơ của"),
        Paragraph(f"Thời gian nhận hồ sơ: {time_words(d.accepted_at or d.received_at)}", st.body),
        Paragraph(
            f"{esc(d.agency.desk)} thông báo dừng giải quyết hồ sơ nêu trên kể từ "
            f"{time_words(data.stopped_at)}.",
            st.body,
        ),
        Paragraph(f"Lý do: {esc(data.reason)}", st.body),
        Paragraph("Xin thông báo để Ông/Bà được biết./.", st.body),
        signatures(("NGƯỜI NHẬN THÔNG BÁO", "CÁN BỘ THÔNG BÁO"), st, width, ("", d.officer_name)),
    ]
    return build(
        story,
        paper,
        title=f"Thông báo dừng {d.ref}",
        author=d.agency.desk,
        subject=d.ref or "",
        marks=reprint_mark(d.reprint),
    )
