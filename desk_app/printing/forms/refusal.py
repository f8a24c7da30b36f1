"""Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing import form_sets
from desk_app.printing.forms.common import DossierPrint, applicant_lines
from desk_app.printing.layout import esc, frame_width, heading, reprint_mark, signatures, styles, title
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
    st = styles(9.5 if paper == "A5" else 12)
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.REFUSAL)), st.small),
        heading(d.agency, "", d.printed_at, st, width),
        title(fs.titles[form_sets.REFUSAL], st, width),
        Paragraph(f"Hồ sơ: <b>{esc(d.ref)}</b>", st.center),
        *applicant_lines(d, st),
        Paragraph(
            f"Qua xem xét, {esc(d.agency.desk)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do "
            f"cụ thể như sau: {esc(data.reason)}",
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
        title=f"Phiếu từ chối {d.ref}",
        author=d.agency.desk,
        subject=d.ref or "",
        marks=reprint_mark(d.reprint),
    )
