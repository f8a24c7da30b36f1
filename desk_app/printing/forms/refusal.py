"""Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing import form_sets
from desk_app.printing.forms.common import DossierPrint, applicant_lines, code_block, sentence, slip_serial
from desk_app.printing.layout import (
    body_size,
    esc,
    frame_width,
    heading,
    reprint_mark,
    signatures,
    styles,
    title,
)
from desk_app.printing.layout import render as build


@dataclass(frozen=True, slots=True)
class RefusalData:
    """The dossier and the reason it cannot be received."""

    dossier: DossierPrint
    reason: str
    contact: str = ""


def render(data: RefusalData, *, paper: str = "A5") -> bytes:
    """The refusal slip."""
    d = data.dossier
    st = styles(body_size(paper))
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.REFUSAL)), st.small),
        heading(d.agency, "TCHS", d.printed_at, st, width, slip_serial(d)),
        title(fs.titles[form_sets.REFUSAL], st, width),
        code_block(d, st, width, "Mã hồ sơ: " if d.code else ""),
        *applicant_lines(d, st),
        Paragraph(
            f"Qua xem xét, {esc(d.agency.desk)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do "
            f"cụ thể như sau: {esc(sentence(data.reason))}",
            st.body,
        ),
        Paragraph("Xin thông báo cho Ông/Bà được biết và thực hiện.", st.body),
        Paragraph(
            "Trong quá trình thực hiện nếu có vướng mắc, Ông/Bà liên hệ "
            f"{esc(data.contact) or esc(d.agency.desk)} để được hướng dẫn./.",
            st.body,
        ),
        signatures(("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"), st, width, ("", d.officer_name)),
    ]
    return build(
        story,
        paper,
        title=f"Phiếu từ chối {d.code or d.slip_number}",
        author=d.agency.desk,
        subject=d.code or d.slip_number,
        marks=reprint_mark(d.reprint),
    )
